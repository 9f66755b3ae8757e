using System;
using System.Collections.Immutable;
using System.Linq;
using MlAtScale.Analyzers.Model;
using MlAtScale.Analyzers.Uses;
using MlAtScale.Core.Edges;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlAtScale.Analyzers.Reporting;

/// <summary>
/// Report data for the role-ownership report: one MLR0006 record of kind <see cref="Kind"/> per unowned type
/// that has evidence for a role (<see cref="UnownedCallGraph.Evidence"/>), at the type, naming the suggested
/// role and why. The MLR0009 code fix orders its roles by the same evidence.
/// </summary>
internal static class UnownedTypeSuggestions
{
    /// <summary>The record's kind; the report lists records of this kind with the other role diagnostics.</summary>
    public const string Kind = "unowned";

    public const string SuggestedRoleProperty = "suggestedRole";

    public static void Report(CompilationAnalysisContext context, UnownedCallGraph graph, Func<SyntaxTree, bool> recordsEnabled)
    {
        foreach (var pair in graph.Evidence()
                     .Where(p => p.Value.Count > 0 && !p.Key.IsImplicitlyDeclared && p.Key.CanBeReferencedByName)
                     .OrderBy(p => SymbolIds.GetDeclarationId(p.Key) ?? p.Key.ToDisplayString(), StringComparer.Ordinal))
        {
            var location = pair.Key.Locations.Where(l => l.IsInSource).OrderBy(l => l.SourceTree!.FilePath, StringComparer.Ordinal).ThenBy(l => l.SourceSpan.Start).FirstOrDefault();
            if (location is null || !recordsEnabled(location.SourceTree!))
            {
                continue;
            }

            var best = pair.Value[0];
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(EdgeKinds.KindProperty, Kind);
            properties.Add(EdgeKinds.UserProperty, SymbolIds.GetDeclarationId(pair.Key) ?? SymbolNames.Display(pair.Key));
            properties.Add(SuggestedRoleProperty, best.Role);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.RoleEdgeRecorded,
                location,
                properties.ToImmutable(),
                $"{SymbolNames.Display(pair.Key)} (unowned)",
                "roles' code",
                pair.Value.Sum(e => e.Uses),
                $"suggested role {best.Role} ({best.Reason})" + string.Concat(pair.Value.Skip(1).Select(e => $"; also {e.Role} ({e.Reason})"))));
        }
    }
}
