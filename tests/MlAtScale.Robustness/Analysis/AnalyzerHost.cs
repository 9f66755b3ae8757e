using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using MlAtScale.Analyzers.Rules;

namespace MlAtScale.Robustness.Analysis;

/// <summary>An exception an analyzer threw (what the compiler would report as AD0001).</summary>
public sealed record AnalyzerFailure(string Analyzer, string ExceptionType, string Message, string Where);

/// <summary>What one analysis produced: the analyzers' diagnostics, the exceptions they threw, and the time taken.</summary>
public sealed class AnalysisResult
{
    public AnalysisResult(ImmutableArray<Diagnostic> diagnostics, IReadOnlyList<AnalyzerFailure> failures, TimeSpan elapsed, int compilerErrors = 0)
    {
        CompilerErrors = compilerErrors;
        Diagnostics = diagnostics;
        Failures = failures;
        Elapsed = elapsed;
    }

    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>Exceptions reported through OnAnalyzerException plus any AD0001/AD0002 diagnostic seen.</summary>
    public IReadOnlyList<AnalyzerFailure> Failures { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>Compiler errors of the analysed code (only counted for whole-compilation runs that ask for them).</summary>
    public int CompilerErrors { get; }

    /// <summary>Diagnostics of the MlAtScale rules by ID.</summary>
    public IReadOnlyDictionary<string, int> CountById() =>
        Diagnostics.GroupBy(d => d.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>A canonical, sortable text per diagnostic: ID, file, span, severity and message.</summary>
    public IReadOnlyList<string> Canonical() => Diagnostics.Select(Describe).OrderBy(s => s, StringComparer.Ordinal).ToList();

    public static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        return string.Join(
            "|",
            d.Id,
            span.Path,
            span.StartLinePosition.ToString(),
            span.EndLinePosition.ToString(),
            d.Severity.ToString(),
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            string.Join(",", d.AdditionalLocations.Select(l => l.GetLineSpan().ToString())),
            string.Join(",", d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)));
    }
}

/// <summary>
/// Runs every analyzer the product ships (found by reflection, so a new rule is included without
/// changing the harness) the way the compiler and the IDE do: through <see cref="CompilationWithAnalyzers"/>
/// with concurrent execution, capturing analyzer exceptions instead of letting them disappear into AD0001.
/// </summary>
public static class AnalyzerHost
{
    public static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
        typeof(RoleBoundaryAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>Whole-compilation analysis, as a command-line build runs it.</summary>
    public static async Task<AnalysisResult> AnalyzeCompilationAsync(Compilation compilation, ImmutableArray<AdditionalText> additionalFiles, CancellationToken cancellationToken, bool includeCompilerDiagnostics = false)
    {
        var failures = new ConcurrentQueue<AnalyzerFailure>();
        var withAnalyzers = Create(compilation, additionalFiles, failures, cancellationToken);
        var clock = Stopwatch.StartNew();
        ImmutableArray<Diagnostic> diagnostics;
        var compilerErrors = 0;
        if (includeCompilerDiagnostics)
        {
            // The analyzer driver runs the compiler's own pass anyway; this only keeps its errors too.
            var all = await withAnalyzers.GetAllDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            var analyzerIds = new HashSet<string>(Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id), StringComparer.Ordinal) { "AD0001", "AD0002" };
            compilerErrors = all.Count(d => d.Severity == DiagnosticSeverity.Error && !analyzerIds.Contains(d.Id));
            diagnostics = all.Where(d => analyzerIds.Contains(d.Id)).ToImmutableArray();
        }
        else
        {
            diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        }

        clock.Stop();
        return Finish(diagnostics, failures, clock.Elapsed, compilerErrors);
    }

    /// <summary>
    /// Single-document analysis, as the IDE runs it while the user types: syntax diagnostics of the
    /// tree, then semantic diagnostics of the document (optionally of a span only), then the
    /// additional-file (policy) diagnostics.
    /// </summary>
    public static async Task<AnalysisResult> AnalyzeDocumentAsync(Compilation compilation, SyntaxTree tree, ImmutableArray<AdditionalText> additionalFiles, Microsoft.CodeAnalysis.Text.TextSpan? filterSpan, CancellationToken cancellationToken, bool includeAdditionalFiles = true)
    {
        var failures = new ConcurrentQueue<AnalyzerFailure>();
        var withAnalyzers = Create(compilation, additionalFiles, failures, cancellationToken);
        var clock = Stopwatch.StartNew();
        var syntax = await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken).ConfigureAwait(false);
        var model = compilation.GetSemanticModel(tree);
        var semantic = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan, cancellationToken).ConfigureAwait(false);
        var all = syntax.AddRange(semantic);
        foreach (var file in includeAdditionalFiles ? additionalFiles : ImmutableArray<AdditionalText>.Empty)
        {
            var result = await withAnalyzers.GetAnalysisResultAsync(file, cancellationToken).ConfigureAwait(false);
            all = all.AddRange(result.GetAllDiagnostics());
        }

        clock.Stop();
        return Finish(all, failures, clock.Elapsed);
    }

    private static CompilationWithAnalyzers Create(Compilation compilation, ImmutableArray<AdditionalText> additionalFiles, ConcurrentQueue<AnalyzerFailure> failures, CancellationToken cancellationToken)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalFiles),
            onAnalyzerException: (exception, analyzer, diagnostic) => failures.Enqueue(new AnalyzerFailure(
                analyzer.GetType().Name,
                exception.GetType().FullName ?? exception.GetType().Name,
                exception.Message,
                FirstFrames(exception))),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        return compilation.WithAnalyzers(Analyzers, options);
    }

    private static AnalysisResult Finish(ImmutableArray<Diagnostic> diagnostics, ConcurrentQueue<AnalyzerFailure> failures, TimeSpan elapsed, int compilerErrors = 0)
    {
        var all = failures.ToList();
        foreach (var d in diagnostics.Where(d => d.Id is "AD0001" or "AD0002"))
        {
            all.Add(new AnalyzerFailure(d.Id, d.Id, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), d.Location.ToString()));
        }

        return new AnalysisResult(diagnostics.Where(d => d.Id is not ("AD0001" or "AD0002")).ToImmutableArray(), all, elapsed, compilerErrors);
    }

    private static string FirstFrames(Exception exception)
    {
        var text = exception.StackTrace ?? string.Empty;
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(6);
        return string.Join(" / ", lines);
    }
}
