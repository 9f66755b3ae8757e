using System.Collections.Immutable;
using System.Linq;
using MlAtScale.Analyzers.Model;
using MlAtScale.Analyzers.Uses;
using MlAtScale.Core.Edges;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlAtScale.Analyzers.Reporting;

/// <summary>
/// MLR0010 at the end of the compilation: each call of owned code into unowned code whose chain reaches a role
/// the caller may not use. The verdict is the shared <see cref="EdgeJudge"/>'s for the caller and the used
/// symbol at the end of the chain, so allowed edges, contracts and the caller's allowances apply as for
/// MLR0001; a violation the baseline records (by caller and used symbol) is not reported.
/// </summary>
internal static class HiddenCrossings
{
    /// <summary>The diagnostic property with the chain's documentation IDs, caller first, separated by <c> → </c>.</summary>
    public const string ChainProperty = "chain";

    public const string Arrow = " \u2192 ";

    public static void Report(CompilationAnalysisContext context, RoleModel model, UnownedCallGraph graph, StaleBaselineEntries staleBaseline, UnusedAllowances unusedAllowances)
    {
        var calls = graph.OwnedCalls.ToList();
        if (calls.Count == 0)
        {
            return;
        }

        var reach = graph.Summarize(context.CancellationToken);
        foreach (var call in calls)
        {
            if (!reach.TryGetValue(call.Callee, out var roles))
            {
                continue;
            }

            foreach (var role in roles)
            {
                var used = role.Value.Used;
                var usedOwnership = model.GetOwnership(used);
                var verdict = EdgeJudge.Judge(call.CallerRole, usedOwnership, model.Policy, static s => s.Model.GetAllowances(s.User), (Model: model, User: call.Caller), out var allowance);
                if (verdict == EdgeVerdict.AllowedByAllowance && allowance is not null)
                {
                    // An allowance that permits only a hidden crossing permits something (no MLR0012).
                    unusedAllowances.MarkUsed(allowance);
                }

                if (verdict != EdgeVerdict.Violation)
                {
                    continue;
                }

                var properties = EdgeDiagnostics.ViolationProperties(call.Caller, call.CallerRole, used, role.Key, usedOwnership);
                if (model.HasBaseline)
                {
                    var key = EdgeDiagnostics.BaselineKey(properties);
                    if (model.TryGetBaselineEntry(key, out _))
                    {
                        staleBaseline.MarkMatched(key);
                        continue;
                    }
                }

                var chain = new[] { call.Caller, call.Callee }.Concat(role.Value.Through()).Append(used).ToList();
                properties = properties.SetItem(ChainProperty, string.Join(Arrow, chain.Select(s => SymbolIds.GetDeclarationId(s) ?? SymbolNames.Display(s))));
                context.ReportDiagnostic(Diagnostic.Create(
                    DescriptorVariants.For(Descriptors.HiddenCrossing, call.Location),
                    call.Location,
                    properties,
                    SymbolNames.Display(call.Caller),
                    call.CallerRole,
                    SymbolNames.Display(used),
                    role.Key,
                    string.Join(Arrow, chain.Select(SymbolNames.Display)),
                    SymbolNames.Display(call.Callee),
                    usedOwnership.RoleClaim.Source == Core.Precedence.OwnershipSource.CodeOwners && usedOwnership.RoleClaim.Entry is { } team ? " (" + team.Id + ")" : string.Empty));
            }
        }
    }
}
