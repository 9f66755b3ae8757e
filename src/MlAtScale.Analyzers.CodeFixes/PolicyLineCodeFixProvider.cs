using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using MlAtScale.Analyzers.CodeFixes.Editing;
using MlAtScale.Core.Edges;

namespace MlAtScale.Analyzers.CodeFixes;

/// <summary>
/// MLR0001: settles the crossing in the policy file (<c>MlRoles.txt</c>) with one line: for code of a
/// referenced assembly, which cannot carry [RoleContract], <c>T:… = contract</c>; for any crossing, the
/// edge <c>A -> B</c>. The line goes at the end of the project's innermost policy file, once; a new file
/// is created in the project folder when there is none. Fix All adds each line once per project.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PolicyLineCodeFixProvider))]
[Shared]
public sealed class PolicyLineCodeFixProvider : CodeFixProvider
{
    internal const string ContractKey = "MLR0001:PolicyContract";
    internal const string EdgeKey = "MLR0001:PolicyEdge";

    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private static readonly FixAllProvider FixAll = new BatchFixAllProvider("Add the lines to MlRoles.txt", FixAsync);

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.RoleBoundaryCrossed);

    public override FixAllProvider GetFixAllProvider() => FixAll;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var project = context.Document.Project;
        var policy = FindPolicy(project);
        var present = policy is null ? new HashSet<string>(StringComparer.Ordinal) : await RoleBaselineCodeFixProvider.ReadLinesAsync(policy, context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            foreach (var key in new[] { ContractKey, EdgeKey })
            {
                if (LineFor(diagnostic, key) is { } line && !present.Contains(line))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create($"Add '{line}' to {FixConventions.PolicyFileName}", ct => FixAsync(project.Solution, ImmutableArray.Create(diagnostic), key, ct), key),
                        diagnostic);
                }
            }
        }
    }

    /// <summary>The line the fix <paramref name="key"/> adds for <paramref name="diagnostic"/>, or null when it does not apply.</summary>
    internal static string? LineFor(Diagnostic diagnostic, string? key)
    {
        if (key == ContractKey)
        {
            return diagnostic.Properties.TryGetValue(EdgeKinds.SettleProperty, out var settle) && settle is not null && settle.StartsWith("T:", StringComparison.Ordinal) ? settle : null;
        }

        return key == EdgeKey && diagnostic.Properties.TryGetValue(EdgeKinds.EdgeLineProperty, out var edge) && !string.IsNullOrEmpty(edge) ? edge : null;
    }

    private static async Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
    {
        var linesByProject = new Dictionary<ProjectId, List<string>>();
        foreach (var diagnostic in diagnostics)
        {
            // Diagnostics of an older version of the document (another fix changed it) are skipped.
            if (solution.GetDocument(diagnostic.Location.SourceTree) is { } document && LineFor(diagnostic, equivalenceKey) is { } line)
            {
                if (!linesByProject.TryGetValue(document.Project.Id, out var lines))
                {
                    linesByProject[document.Project.Id] = lines = new List<string>();
                }

                if (!lines.Contains(line))
                {
                    lines.Add(line);
                }
            }
        }

        foreach (var pair in linesByProject)
        {
            var project = solution.GetProject(pair.Key)!;
            pair.Value.Sort(StringComparer.Ordinal);
            var policy = FindPolicy(project);
            if (policy is null)
            {
                var folder = RoleBaselineCodeFixProvider.ProjectFolder(project);
                var path = folder is null ? null : Path.Combine(folder, FixConventions.PolicyFileName);
                solution = solution.AddAdditionalDocument(
                    DocumentId.CreateNewId(project.Id, FixConventions.PolicyFileName),
                    FixConventions.PolicyFileName,
                    SourceText.From(string.Concat(pair.Value.Select(l => l + "\n")), Utf8NoBom),
                    RoleBaselineCodeFixProvider.Folders(project, path),
                    path);
                continue;
            }

            var existing = await policy.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (Append(existing.ToString(), pair.Value) is { } updated)
            {
                solution = solution.WithAdditionalDocumentText(policy.Id, SourceText.From(updated, existing.Encoding));
            }
        }

        return solution;
    }

    /// <summary>The file with the <paramref name="lines"/> it does not hold yet added at its end, or null when it holds them all.</summary>
    internal static string? Append(string text, IEnumerable<string> lines)
    {
        var newLine = text.Contains("\r\n") ? "\r\n" : "\n";
        var present = new HashSet<string>(text.Split('\n').Select(l => l.Trim()), StringComparer.Ordinal);
        var missing = lines.Where(present.Add).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var builder = new StringBuilder(text);
        if (text.Length > 0 && !text.EndsWith("\n", StringComparison.Ordinal))
        {
            builder.Append(newLine);
        }

        foreach (var line in missing)
        {
            builder.Append(line).Append(newLine);
        }

        return builder.ToString();
    }

    /// <summary>The project's innermost policy file (the deepest folder; by path among equals).</summary>
    private static TextDocument? FindPolicy(Project project) =>
        project.AdditionalDocuments
            .Where(d => string.Equals(Path.GetFileName(d.FilePath ?? d.Name), FixConventions.PolicyFileName, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(d => (d.FilePath ?? d.Name).Count(c => c == '/' || c == '\\'))
            .ThenBy(d => d.FilePath ?? d.Name, StringComparer.Ordinal)
            .FirstOrDefault();
}
