using System;
using System.Collections.Immutable;
using System.Linq;
using MlAtScale.Core.Edges;
using MlAtScale.Core.Policy;
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
    /// Whether this project's shared-file records count: not when the project turned MLR0011 off (it then
    /// says nothing about the file, and the repository report does not report a mapping it cannot confirm).
    /// </summary>
    public static bool RecordsShared(Compilation compilation)
    {
        const string Id = RuleIdentifiers.UnmatchedMapping;
        if (compilation.Options.SyntaxTreeOptionsProvider is { } provider &&
            provider.TryGetGlobalDiagnosticValue(Id, System.Threading.CancellationToken.None, out var global))
        {
            return global != ReportDiagnostic.Suppress;
        }

        return !(compilation.Options.SpecificDiagnosticOptions.TryGetValue(Id, out var specific) && specific == ReportDiagnostic.Suppress);
    }

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
