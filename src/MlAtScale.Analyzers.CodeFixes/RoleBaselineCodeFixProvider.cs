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

namespace MlAtScale.Analyzers.CodeFixes;

/// <summary>
/// MLR0001: records the crossing in the project's role baseline (<c>MlRoles.baseline.txt</c>), keeping
/// its lines sorted and free of duplicates; creates the file beside the project's policy file (else in
/// the project folder) when there is none. Fix All writes each project's baseline once.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RoleBaselineCodeFixProvider))]
[Shared]
public sealed class RoleBaselineCodeFixProvider : CodeFixProvider
{
    internal const string EquivalenceKey = "MLR0001:Baseline";

    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private static readonly FixAllProvider FixAll = new BatchFixAllProvider("Add the crossings to the role baseline", FixAsync);

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.RoleBoundaryCrossed);

    public override FixAllProvider GetFixAllProvider() => FixAll;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var project = context.Document.Project;
        var baseline = FindBaseline(project);
        var lines = baseline is null ? null : await ReadLinesAsync(baseline, context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Crossing.TryRead(diagnostic, out var crossing) && (lines is null || !lines.Contains(crossing.BaselineKey)))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Add to the role baseline",
                        ct => FixAsync(project.Solution, ImmutableArray.Create(diagnostic), EquivalenceKey, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
    {
        var keysByProject = new Dictionary<ProjectId, SortedSet<string>>();
        foreach (var diagnostic in diagnostics)
        {
            // Diagnostics of an older version of the document (another fix changed it) are skipped.
            if (solution.GetDocument(diagnostic.Location.SourceTree) is { } document && Crossing.TryRead(diagnostic, out var crossing))
            {
                if (!keysByProject.TryGetValue(document.Project.Id, out var keys))
                {
                    keysByProject[document.Project.Id] = keys = new SortedSet<string>(StringComparer.Ordinal);
                }

                keys.Add(crossing.BaselineKey);
            }
        }

        foreach (var pair in keysByProject)
        {
            var project = solution.GetProject(pair.Key)!;
            var baseline = FindBaseline(project);
            if (baseline is null)
            {
                var text = SourceText.From(FixConventions.BaselineHeader + string.Concat(pair.Value.Select(k => k + "\n")), Utf8NoBom);
                var path = NewBaselinePath(project);
                solution = solution.AddAdditionalDocument(
                    DocumentId.CreateNewId(project.Id, FixConventions.BaselineFileName),
                    FixConventions.BaselineFileName,
                    text,
                    Folders(project, path),
                    path);
                continue;
            }

            var existing = await baseline.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var updated = Insert(existing.ToString(), pair.Value);
            if (updated is not null)
            {
                solution = solution.WithAdditionalDocumentText(baseline.Id, SourceText.From(updated, existing.Encoding));
            }
        }

        return solution;
    }

    /// <summary>
    /// The file with <paramref name="keys"/> added in ordinal order among its entry lines (its comments
    /// and line breaks kept), or null when every key is there already.
    /// </summary>
    internal static string? Insert(string text, IEnumerable<string> keys)
    {
        var newLine = text.Contains("\r\n") ? "\r\n" : "\n";
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var endsWithNewLine = lines.Count > 0 && lines[lines.Count - 1].Length == 0;
        if (endsWithNewLine)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var present = new HashSet<string>(lines.Select(l => l.Trim()), StringComparer.Ordinal);
        var added = false;
        foreach (var key in keys)
        {
            if (!present.Add(key))
            {
                continue;
            }

            // Right after the last smaller entry (so comments above later entries stay with them), else before the first entry.
            var index = lines.FindLastIndex(l => IsEntry(l) && string.CompareOrdinal(l.Trim(), key) < 0) + 1;
            if (index == 0)
            {
                index = lines.FindIndex(IsEntry);
                if (index < 0)
                {
                    index = lines.Count;
                }
            }

            lines.Insert(index, key);
            added = true;
        }

        return added ? string.Join(newLine, lines) + newLine : null;
    }

    private static bool IsEntry(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length > 0 && trimmed[0] != '#';
    }

    /// <summary>The trimmed lines of an additional document.</summary>
    internal static async Task<HashSet<string>> ReadLinesAsync(TextDocument document, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return new HashSet<string>(text.Lines.Select(l => l.ToString().Trim()), StringComparer.Ordinal);
    }

    /// <summary>The project's baseline: the one beside its innermost policy file, else the first by path.</summary>
    private static TextDocument? FindBaseline(Project project)
    {
        var baselines = project.AdditionalDocuments
            .Where(d => string.Equals(Path.GetFileName(d.FilePath ?? d.Name), FixConventions.BaselineFileName, StringComparison.OrdinalIgnoreCase))
            .OrderBy(d => d.FilePath ?? d.Name, StringComparer.Ordinal)
            .ToList();
        var policyFolder = PolicyFolder(project);
        return baselines.FirstOrDefault(d => policyFolder is not null && string.Equals(Path.GetDirectoryName(d.FilePath), policyFolder, StringComparison.Ordinal))
            ?? baselines.FirstOrDefault();
    }

    private static string? PolicyFolder(Project project) =>
        project.AdditionalDocuments
            .Where(d => d.FilePath is not null && string.Equals(Path.GetFileName(d.FilePath), FixConventions.PolicyFileName, StringComparison.OrdinalIgnoreCase))
            .Select(d => d.FilePath!)
            .OrderByDescending(p => p.Count(c => c == '/' || c == '\\'))
            .ThenBy(p => p, StringComparer.Ordinal)
            .Select(Path.GetDirectoryName)
            .FirstOrDefault();

    private static string? NewBaselinePath(Project project)
    {
        var folder = PolicyFolder(project) ?? ProjectFolder(project);
        return folder is null ? null : Path.Combine(folder, FixConventions.BaselineFileName);
    }

    internal static string? ProjectFolder(Project project) =>
        (project.FilePath is { } projectFile ? Path.GetDirectoryName(projectFile) : null)
        ?? project.Documents.Select(d => d.FilePath).Where(p => p is not null).Select(Path.GetDirectoryName).OrderBy(p => p!.Length).ThenBy(p => p, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>The project folders of a new file (how the IDE shows it in the project tree).</summary>
    internal static IEnumerable<string>? Folders(Project project, string? path)
    {
        var projectFolder = ProjectFolder(project);
        var folder = path is null ? null : Path.GetDirectoryName(path);
        if (projectFolder is null || folder is null || !folder.StartsWith(projectFolder, StringComparison.Ordinal))
        {
            return null;
        }

        return folder.Substring(projectFolder.Length).Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries);
    }
}
