using Microsoft.CodeAnalysis;

namespace MlAtScale.Analyzers.Model;

/// <summary>
/// The severity that options give a rule, the compiler's own order: the <c>.editorconfig</c> of a tree, then a
/// <c>.globalconfig</c>, then the compilation's specific options (<c>NoWarn</c>, <c>/warnaserror</c>, ...).
/// </summary>
internal static class ConfiguredSeverity
{
    /// <summary>
    /// The severity of <paramref name="id"/> where <paramref name="tree"/> is (null: the project-wide options only)
    /// and which option gives it (editorconfig, globalconfig or nowarn); null when no option sets it.
    /// </summary>
    public static (ReportDiagnostic Value, string Source)? Of(Compilation compilation, SyntaxTree? tree, string id)
    {
        var provider = compilation.Options.SyntaxTreeOptionsProvider;
        if (tree is not null && provider is not null && provider.TryGetDiagnosticValue(tree, id, System.Threading.CancellationToken.None, out var treeValue))
        {
            return (treeValue, "editorconfig");
        }

        if (provider is not null && provider.TryGetGlobalDiagnosticValue(id, System.Threading.CancellationToken.None, out var globalValue))
        {
            return (globalValue, "globalconfig");
        }

        return compilation.Options.SpecificDiagnosticOptions.TryGetValue(id, out var specific) ? (specific, "nowarn") : null;
    }
}
