using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace MlAtScale.Analyzers.CodeFixes.Editing;

/// <summary>Fixes a set of diagnostics in one go; a single fix is the same operation with one diagnostic.</summary>
internal delegate Task<Solution> FixBatch(Solution solution, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken);

/// <summary>
/// Fix All that hands every diagnostic in scope to one <see cref="FixBatch"/>, so that fixes that meet
/// on one declaration or one file are merged (one attribute per member and role, one baseline edit per
/// project) instead of being applied one diagnostic at a time.
/// </summary>
internal sealed class BatchFixAllProvider : FixAllProvider
{
    private static readonly ImmutableArray<FixAllScope> Scopes = ImmutableArray.Create(FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution);

    private readonly FixBatch _fix;
    private readonly string _title;

    public BatchFixAllProvider(string title, FixBatch fix)
    {
        _title = title;
        _fix = fix;
    }

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => Scopes;

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        switch (fixAllContext.Scope)
        {
            case FixAllScope.Document when fixAllContext.Document is not null:
                diagnostics.AddRange(await fixAllContext.GetDocumentDiagnosticsAsync(fixAllContext.Document).ConfigureAwait(false));
                break;
            case FixAllScope.Project:
                diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(fixAllContext.Project).ConfigureAwait(false));
                break;
            case FixAllScope.Solution:
                foreach (var project in fixAllContext.Solution.Projects)
                {
                    diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                }

                break;
        }

        if (diagnostics.Count == 0)
        {
            return null;
        }

        var solution = fixAllContext.Solution;
        var batch = diagnostics.ToImmutable();
        var key = fixAllContext.CodeActionEquivalenceKey;
        return CodeAction.Create(_title, ct => _fix(solution, batch, key, ct), key);
    }
}
