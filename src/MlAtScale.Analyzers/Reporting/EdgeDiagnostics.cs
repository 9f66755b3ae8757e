using System.Collections.Immutable;
using MlAtScale.Analyzers.Model;
using MlAtScale.Core.Edges;
using Microsoft.CodeAnalysis;

namespace MlAtScale.Analyzers.Reporting;

/// <summary>
/// Turns a violation verdict into MLR0001 with the machine-readable facts the build report reads from
/// the SARIF log (<see cref="EdgeKinds"/>); permitted uses are counted by <see cref="PermittedUseTally"/>.
/// </summary>
internal static class EdgeDiagnostics
{
    /// <summary>The facts of a violation: user and used by documentation-comment ID, both roles, the kind.</summary>
    public static ImmutableDictionary<string, string?> ViolationProperties(ISymbol user, string userRole, ISymbol used, string? usedRole)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        builder.Add(EdgeKinds.UserProperty, SymbolIds.GetDeclarationId(user) ?? SymbolNames.Display(user));
        builder.Add(EdgeKinds.UserRoleProperty, userRole);
        builder.Add(EdgeKinds.UsedProperty, SymbolIds.GetDeclarationId(used) ?? SymbolNames.Display(used));
        builder.Add(EdgeKinds.UsedRoleProperty, usedRole ?? string.Empty);
        builder.Add(EdgeKinds.KindProperty, EdgeKinds.Violation);
        return builder.ToImmutable();
    }

    /// <summary>The baseline key of a violation, from its facts.</summary>
    public static string BaselineKey(ImmutableDictionary<string, string?> properties) =>
        Core.Policy.BaselineFile.Key(properties[EdgeKinds.UserProperty]!, properties[EdgeKinds.UsedProperty]!, properties[EdgeKinds.UserRoleProperty]!, properties[EdgeKinds.UsedRoleProperty]!);

    /// <summary>MLR0001 at the use.</summary>
    public static Diagnostic Violation(Location? location, ImmutableDictionary<string, string?> properties, ISymbol user, string userRole, ISymbol used, string? usedRole) =>
        Diagnostic.Create(
            Descriptors.RoleBoundaryCrossed,
            location,
            properties,
            SymbolNames.Display(user),
            userRole,
            SymbolNames.Display(used),
            usedRole);
}
