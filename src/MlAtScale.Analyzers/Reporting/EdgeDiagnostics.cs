using System.Collections.Immutable;
using System.Linq;
using MlAtScale.Analyzers.Model;
using MlAtScale.Core.Edges;
using MlAtScale.Core.Precedence;
using Microsoft.CodeAnalysis;

namespace MlAtScale.Analyzers.Reporting;

/// <summary>
/// Turns a violation verdict into MLR0001 with the machine-readable facts the build report reads from
/// the SARIF log (<see cref="EdgeKinds"/>); permitted uses are counted by <see cref="PermittedUseTally"/>.
/// </summary>
internal static class EdgeDiagnostics
{
    /// <summary>The facts of a violation: user and used by documentation-comment ID, both roles, the kind.</summary>
    public static ImmutableDictionary<string, string?> ViolationProperties(ISymbol user, string userRole, ISymbol used, string? usedRole, Ownership usedOwnership)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        builder.Add(EdgeKinds.UserProperty, SymbolIds.GetDeclarationId(user) ?? SymbolNames.Display(user));
        builder.Add(EdgeKinds.UserRoleProperty, userRole);
        builder.Add(EdgeKinds.UsedProperty, SymbolIds.GetDeclarationId(used) ?? SymbolNames.Display(used));
        builder.Add(EdgeKinds.UsedRoleProperty, usedRole ?? string.Empty);
        builder.Add(EdgeKinds.KindProperty, EdgeKinds.Violation);
        builder.Add(EdgeKinds.OwnedViaProperty, OwnershipOrigin.Describe(usedOwnership.RoleClaim));
        builder.Add(EdgeKinds.SettleProperty, IsInSource(used) ? "[RoleContract]" : ContractLine(used));
        builder.Add(EdgeKinds.EdgeLineProperty, userRole + " -> " + usedRole);
        return builder.ToImmutable();
    }

    /// <summary>The baseline key of a violation, from its facts.</summary>
    public static string BaselineKey(ImmutableDictionary<string, string?> properties) =>
        Core.Policy.BaselineFile.Key(properties[EdgeKinds.UserProperty]!, properties[EdgeKinds.UsedProperty]!, properties[EdgeKinds.UserRoleProperty]!, properties[EdgeKinds.UsedRoleProperty]!);

    /// <summary>MLR0001 at the use.</summary>
    public static Diagnostic Violation(Location? location, ImmutableDictionary<string, string?> properties, ISymbol user, string userRole, ISymbol used, string? usedRole, Ownership usedOwnership)
    {
        var inSource = IsInSource(used);
        var arguments = ViolationMessage.Arguments(
            SymbolNames.Display(user),
            userRole,
            SymbolNames.Display(used),
            usedRole ?? string.Empty,
            properties[EdgeKinds.OwnedViaProperty]!,
            OwnershipOrigin.Describe(usedOwnership.RoleClaim, brief: true),
            inSource,
            inSource ? null : properties[EdgeKinds.SettleProperty]);
        return Diagnostic.Create(DescriptorVariants.For(Descriptors.RoleBoundaryCrossed, location), location, properties, arguments);
    }

    /// <summary>Code of this compilation, which its user can mark [RoleContract]; else code of a referenced assembly.</summary>
    private static bool IsInSource(ISymbol symbol) => symbol.Locations.Any(l => l.IsInSource);

    /// <summary>The policy line that makes the used code's type a contract, e.g. <c>T:Microsoft.ML.IEstimator`1 = contract</c>; null when it has no type.</summary>
    private static string? ContractLine(ISymbol used) =>
        (used as INamedTypeSymbol ?? used.ContainingType) is { } type && SymbolIds.GetDeclarationId(type.OriginalDefinition) is { } id
            ? id + " = " + Core.Policy.PolicyParser.ContractTarget
            : null;
}
