using System.Collections.Immutable;
using MlAtScale.Analyzers.Model;
using MlAtScale.Analyzers.Reporting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

using System.Collections.Generic;
using System.Linq;
using MlAtScale.Core.Policy;

namespace MlAtScale.Analyzers.Rules;

/// <summary>
/// MLR0003: a malformed line in a policy file, reported at its file, line and column; MLR0011: a mapping
/// of the project's own policy file that matches nothing in the compilation or its references (a shared
/// file's unmatched mappings are MLR0006 records that the repository report decides on). The
/// file reaches the analyzer as an AdditionalFile, so an edit takes effect live in the IDE.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PolicyFileAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.InvalidPolicyFile, Descriptors.UnknownRole, Descriptors.UnmatchedMapping, Descriptors.RoleEdgeRecorded);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var model = RoleModelCache.Get(start.Compilation, start.Options, start.CancellationToken);
            if (model.PolicyFiles.IsEmpty && model.Baselines.IsEmpty)
            {
                return;
            }

            start.RegisterAdditionalFileAction(c =>
            {
                foreach (var file in model.PolicyFiles)
                {
                    if (file.Text.Path == c.AdditionalFile.Path)
                    {
                        Report(c, file.Text.Path, file.Document.Errors);
                        // The project's own file: MLR0011 here. A shared file (above the project): recorded for the
                        // repository report, which reports MLR0011 when no project that uses the file matches the mapping.
                        var shared = !UnmatchedMappings.IsProjectsOwn(file.Text.Path, c.Options);
                        if (!shared || UnmatchedMappings.RecordsShared(start.Compilation))
                        {
                            UnmatchedMappings.Check(file.Document, file.Text.Path, start.Compilation, shared, c.ReportDiagnostic, c.CancellationToken);
                        }

                        UnmatchedMappings.CheckPaths(file.Document, file.Text.Path, model.Shared.Paths, start.Compilation, projectsOwn: !shared, c.ReportDiagnostic, c.CancellationToken);
                    }
                }

                // CODEOWNERS is read (and its malformed lines reported) when the policy maps owners to roles.
                if (model.CodeOwnersText is { } codeOwners && codeOwners.Path == c.AdditionalFile.Path &&
                    model.Shared.Paths.CodeOwners is { } parsed && model.PolicyFiles.Any(f => f.Document.Owners.Count > 0))
                {
                    Report(c, codeOwners.Path, parsed.Errors);
                }

                foreach (var baseline in model.Baselines)
                {
                    if (baseline.Text.Path == c.AdditionalFile.Path)
                    {
                        Report(c, baseline.Text.Path, baseline.Errors);
                    }
                }
            });
        });
    }

    private static void Report(AdditionalFileAnalysisContext context, string path, IReadOnlyList<PolicyError> errors)
    {
        foreach (var error in errors)
        {
            var span = new TextSpan(error.Span.Start, error.Span.Length);
            var lines = new LinePositionSpan(
                new LinePosition(error.Span.Line, error.Span.Column),
                new LinePosition(error.Span.Line, error.Span.Column + error.Span.Length));
            var location = Location.Create(path, span, lines);

            // An unknown role has one ID wherever it is written: MLR0005, in a role attribute or in the policy file.
            context.ReportDiagnostic(error.UnknownRole is { } role
                ? Diagnostic.Create(Descriptors.UnknownRole, location, role, System.IO.Path.GetFileName(path) + ":" + (error.Span.Line + 1), error.Fix)
                : Diagnostic.Create(Descriptors.InvalidPolicyFile, location, error.Message));
        }
    }
}
