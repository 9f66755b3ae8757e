using System;
using System.Collections.Immutable;
using System.Linq;
using System.Collections.Generic;
using MlAtScale.Analyzers.Model;
using MlAtScale.Core.Edges;
using MlAtScale.Core.Policy;
using MlAtScale.Core.Precedence;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace MlAtScale.Analyzers.Reporting;

/// <summary>
/// MLR0011: a policy mapping that matches nothing. Every kind of mapping (documentation-comment IDs
/// here; any other kind of mapping reports through <see cref="Report"/> too) says at which line it
/// stands and why it matches nothing; this class is the one place that turns that into a diagnostic.
/// </summary>
internal static class UnmatchedMappings
{
    /// <summary>The MSBuild property that tells the analyzer the project's folder (see <see cref="IsProjectsOwn"/>).</summary>
    public const string ProjectDirectoryProperty = "build_property.MSBuildProjectDirectory";

    /// <summary>Reports that the mapping <paramref name="mapping"/> at <paramref name="span"/> of <paramref name="path"/> matched nothing, and why.</summary>
    public static void Report(Action<Diagnostic> report, string path, PolicySpan span, string mapping, string why)
    {
        report(Diagnostic.Create(Descriptors.UnmatchedMapping, Location(path, span), UserText.Quote(mapping), why));
    }

    /// <summary>
    /// Whether unmatched mappings of this policy file are this project's to report: a file in the
    /// project's folder (or below it) describes this project. A file above it (a repository-wide file)
    /// maps the namespaces of every project, and each project sees only its own part, so its mappings
    /// are not checked. Without the property (a host that does not pass it) every file is checked.
    /// </summary>
    public static bool IsProjectsOwn(string policyPath, AnalyzerOptions options)
    {
        if (!options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(ProjectDirectoryProperty, out var projectDirectory) ||
            string.IsNullOrWhiteSpace(projectDirectory))
        {
            return true;
        }

        var folder = projectDirectory.Trim().TrimEnd('/', '\\');
        var policyFolder = System.IO.Path.GetDirectoryName(policyPath) ?? string.Empty;
        return policyFolder.Length >= folder.Length &&
               policyFolder.StartsWith(folder, StringComparison.OrdinalIgnoreCase) &&
               (policyFolder.Length == folder.Length || policyFolder[folder.Length] is '/' or '\\');
    }

    /// <summary>
    /// Checks every ID mapping of one policy file against the compilation and its references. A mapping of
    /// the project's own file that matches nothing is MLR0011; one of a shared file (<paramref name="shared"/>)
    /// is recorded for the repository report (<see cref="Record"/>), which decides over every project that uses the file.
    /// </summary>
    public static void Check(PolicyDocument document, string path, Compilation compilation, bool shared, Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var mapping in document.Mappings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (WhyUnmatched(mapping, compilation) is { } why)
            {
                var text = mapping.Id + (mapping.IncludesDerived ? "+" : string.Empty);
                if (shared)
                {
                    Record(report, path, mapping.Span, text, why);
                }
                else
                {
                    Report(report, path, mapping.Span, text, why);
                }
            }
        }
    }

    /// <summary>
    /// Checks the path lines and <c>@owner</c> lines of one policy file. <paramref name="projectsOwn"/>: the file
    /// is in the project's folder, so a line that covers no source file of this project is reported; an owner
    /// that no CODEOWNERS line names, or a missing CODEOWNERS file, is reported for every policy file.
    /// </summary>
    public static void CheckPaths(PolicyDocument document, string path, PathOwnership paths, Compilation compilation, bool projectsOwn, Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        if (document.Paths.Count == 0 && document.Owners.Count == 0)
        {
            return;
        }

        var files = compilation.SyntaxTrees.Select(t => t.FilePath).Where(p => !string.IsNullOrEmpty(p)).ToList();
        var folder = System.IO.Path.GetDirectoryName(path) ?? string.Empty;
        if (projectsOwn)
        {
            foreach (var line in document.Paths)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!files.Any(f => PathGlob.RelativePath(folder, f) is { } relative && line.Glob!.Matches(relative)))
                {
                    Report(report, path, line.Span, line.Text, $"no source file of this project matches '{UserText.Quote(line.Id)}' below the policy file's folder (globs use '/', are case-sensitive, '*' stays within one folder, '**' spans folders)");
                }
            }
        }

        if (document.Owners.Count == 0)
        {
            return;
        }

        var codeOwners = paths.CodeOwners;
        if (codeOwners is null)
        {
            foreach (var owner in document.Owners)
            {
                Report(report, path, owner.Span, owner.Text, "no CODEOWNERS file reached the build; the package reads '.github/CODEOWNERS', 'CODEOWNERS' or 'docs/CODEOWNERS' at the repository root (the folder with '.git'), named in capitals");
            }

            return;
        }

        // Which rule decides each source file: the owners that really own a file of this project.
        var decisive = new HashSet<CodeOwnersRule>();
        foreach (var file in files)
        {
            if (codeOwners.RuleFor(file) is { } rule)
            {
                decisive.Add(rule);
            }
        }

        var named = codeOwners.Rules.SelectMany(r => r.Owners).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var owner in document.Owners)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lines = codeOwners.Rules.Where(r => r.Owners.Contains(owner.Id, StringComparer.OrdinalIgnoreCase)).ToList();
            if (lines.Count == 0)
            {
                var hint = PolicyParser.Suggest(owner.Id, named) is { } close ? $"; did you mean '{close}'?" : string.Empty;
                Report(report, path, owner.Span, owner.Text, $"no line of CODEOWNERS names '{UserText.Quote(owner.Id)}'{hint}");
            }
            else if (projectsOwn && !lines.Any(decisive.Contains))
            {
                var numbers = string.Join(", ", lines.Take(5).Select(r => (r.Span.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                Report(report, path, owner.Span, owner.Text, $"CODEOWNERS names '{UserText.Quote(owner.Id)}' on line(s) {numbers}, but no source file of this project is theirs (a later matching line gives each file to another owner, or none matches)");
            }
        }
    }

    /// <summary>
    /// Whether this project's shared-file records count: not when the project turned MLR0011 off (it then
    /// says nothing about the file, and the repository report does not report a mapping it cannot confirm).
    /// </summary>
    public static bool RecordsShared(Compilation compilation) =>
        ConfiguredSeverity.Of(compilation, null, RuleIdentifiers.UnmatchedMapping)?.Value != ReportDiagnostic.Suppress;

    /// <summary>An MLR0006 record of kind <see cref="EdgeKinds.UnmatchedSharedMapping"/> at the mapping: report data, not a diagnostic of this project.</summary>
    private static void Record(Action<Diagnostic> report, string path, PolicySpan span, string mapping, string why)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties.Add(EdgeKinds.KindProperty, EdgeKinds.UnmatchedSharedMapping);
        properties.Add(EdgeKinds.MappingProperty, mapping);
        report(Diagnostic.Create(
            Descriptors.RoleEdgeRecorded,
            Location(path, span),
            properties.ToImmutable(),
            $"The mapping '{UserText.Quote(mapping)}' of a shared policy file",
            "no code of this project",
            0,
            why + "; the repository report tells whether another project that uses the file matches it"));
    }

    private static Location Location(string path, PolicySpan span) =>
        Microsoft.CodeAnalysis.Location.Create(
            path,
            new TextSpan(span.Start, span.Length),
            new LinePositionSpan(new LinePosition(span.Line, span.Column), new LinePosition(span.Line, span.Column + span.Length)));

    /// <summary>Null when the ID names a namespace, type or member of the compilation or of one of its references; else why not.</summary>
    internal static string? WhyUnmatched(PolicyMapping mapping, Compilation compilation)
    {
        var id = mapping.Id;
        if (mapping.Kind == 'N')
        {
            return FindNamespace(compilation.GlobalNamespace, id.Substring(2)) is null
                ? $"no namespace '{UserText.Quote(id.Substring(2))}' exists in this project or its references"
                : null;
        }

        if (mapping.Kind == 'T')
        {
            return DocumentationCommentId.GetSymbolsForDeclarationId(id, compilation).IsEmpty
                ? $"no type '{UserText.Quote(id.Substring(2))}' exists in this project or its references"
                : null;
        }

        // A member: its type must exist and have a member of that name. The signature is not checked
        // here: a signature that names no overload is a different mistake from a name that is wrong.
        var typeId = "T:" + TypePart(id.Substring(2));
        var types = DocumentationCommentId.GetSymbolsForDeclarationId(typeId, compilation).OfType<INamedTypeSymbol>().ToList();
        if (types.Count == 0)
        {
            return $"no type '{UserText.Quote(typeId.Substring(2))}' exists in this project or its references";
        }

        return types.Any(t => t.GetMembers(mapping.Name).Length > 0 || (mapping.Name == ".ctor" && t.InstanceConstructors.Length > 0))
            ? null
            : $"the type '{UserText.Quote(typeId.Substring(2))}' has no member named '{UserText.Quote(mapping.Name)}'";
    }

    /// <summary>The type part of a member ID's body: everything before the last '.' outside a parameter list.</summary>
    private static string TypePart(string body)
    {
        body = PolicyParser.WithoutSignature(body);
        var lastDot = body.LastIndexOf('.');
        return lastDot > 0 ? body.Substring(0, lastDot) : body;
    }

    private static INamespaceSymbol? FindNamespace(INamespaceSymbol global, string name)
    {
        var current = global;
        foreach (var segment in name.Split('.'))
        {
            var next = current.GetMembers(segment).OfType<INamespaceSymbol>().FirstOrDefault();

            if (next is null)
            {
                return null;
            }

            current = next;
        }

        return current;
    }
}
