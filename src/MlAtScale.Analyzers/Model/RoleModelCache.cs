using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlAtScale.Analyzers.Model;

/// <summary>
/// Shares one <see cref="RoleModel"/> between the analyzers of a compilation, so the policy files are
/// parsed and the ownership cache is filled once, however many rules run.
/// </summary>
internal static class RoleModelCache
{
    private static readonly ConditionalWeakTable<Compilation, RoleModel> Models = new();

    public static RoleModel Get(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (Models.TryGetValue(compilation, out var model))
        {
            return model;
        }

        model = RoleModel.Create(compilation, options, cancellationToken);
        return Models.GetValue(compilation, _ => model);
    }
}
