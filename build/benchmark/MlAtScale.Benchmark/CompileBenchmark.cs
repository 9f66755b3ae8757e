using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlAtScale.Benchmark;

/// <summary>One full compilation, with or without analyzers.</summary>
internal sealed record CompileRun(
    double WallMs,
    double AnalyzerMs,
    long AllocatedBytes,
    long AnalysisAllocatedBytes,
    int Violations,
    int Edges,
    int Banned,
    double AnalysisCpuMs,
    double CpuMs,
    CSharpCompilation Compilation);

/// <summary>Medians of the runs of one corpus size.</summary>
internal sealed record SizeResult(
    int Files,
    int Types,
    int Lines,
    double CompileMs,
    double NullWallMs,
    double OursWallMs,
    double OursMs,
    double BannedMs,
    double BannedWallMs,
    double CompileAllocMb,
    double OursAllocMb,
    double NullAnalysisAllocMb,
    double OursAnalysisAllocMb,
    int Violations,
    int Edges,
    int Banned,
    double? IdeWallMs,
    double? IdeOursMs,
    double? IdeOursP90Ms,
    double OursCpuOverNullMs,
    double BannedCpuOverNullMs);

internal static class CompileBenchmark
{
    /// <summary>
    /// Compiles the corpus (parse, bind, emit to memory) without analyzers, with a no-op analyzer,
    /// with ours and with BannedApiAnalyzers, interleaved, <paramref name="repeats"/> times; then the
    /// IDE case on the warm compilation.
    /// </summary>
    public static async Task<SizeResult> RunAsync(Corpus corpus, int repeats, int ideRepeats, TextWriter log, CancellationToken cancellationToken)
    {
        var policy = ImmutableArray.Create<AdditionalText>(new MemoryAdditionalText("/repo/MlRoles.txt", corpus.Policy));
        var banned = ImmutableArray.Create<AdditionalText>(new MemoryAdditionalText("/repo/BannedSymbols.txt", corpus.BannedSymbols));
        var nullAnalyzer = ImmutableArray.Create<DiagnosticAnalyzer>(new NullAnalyzer());

        var compile = new List<CompileRun>();
        var none = new List<CompileRun>();
        var ours = new List<CompileRun>();
        var bannedRuns = new List<CompileRun>();
        for (var r = 0; r < repeats; r++)
        {
            compile.Add(await RunOnceAsync(corpus, ImmutableArray<DiagnosticAnalyzer>.Empty, ImmutableArray<AdditionalText>.Empty, cancellationToken));
            none.Add(await RunOnceAsync(corpus, nullAnalyzer, ImmutableArray<AdditionalText>.Empty, cancellationToken));
            ours.Add(await RunOnceAsync(corpus, Bench.OurAnalyzers, policy, cancellationToken));
            bannedRuns.Add(await RunOnceAsync(corpus, Bench.BannedApiAnalyzers, banned, cancellationToken));
            log.WriteLine($"    N={corpus.FileCount} run {r + 1}/{repeats}: compile {compile[^1].WallMs:F0} ms, ours {ours[^1].AnalyzerMs:F1} ms (wall {ours[^1].WallMs:F0}), BannedApi {bannedRuns[^1].AnalyzerMs:F1} ms (wall {bannedRuns[^1].WallMs:F0})");
        }

        double? ideWall = null, ideOurs = null, ideP90 = null;
        if (ideRepeats > 0)
        {
            (ideWall, ideOurs, ideP90) = await IdeAsync(corpus, ours[^1].Compilation, policy, ideRepeats, cancellationToken);
            log.WriteLine($"    N={corpus.FileCount} IDE: one document {ideWall:F2} ms median wall, ours {ideOurs:F2} ms median");
        }

        const double Mb = 1024 * 1024;
        return new SizeResult(
            corpus.FileCount,
            corpus.TypeCount,
            corpus.LineCount,
            Median(compile.Select(c => c.WallMs)),
            Median(none.Select(c => c.WallMs)),
            Median(ours.Select(c => c.WallMs)),
            Median(ours.Select(c => c.AnalyzerMs)),
            Median(bannedRuns.Select(c => c.AnalyzerMs)),
            Median(bannedRuns.Select(c => c.WallMs)),
            Median(compile.Select(c => c.AllocatedBytes / Mb)),
            Median(ours.Select(c => c.AllocatedBytes / Mb)),
            Median(none.Select(c => c.AnalysisAllocatedBytes / Mb)),
            Median(ours.Select(c => c.AnalysisAllocatedBytes / Mb)),
            ours[^1].Violations,
            ours[^1].Edges,
            bannedRuns[^1].Banned,
            ideWall,
            ideOurs,
            ideP90,
            Median(ours.Select(c => c.AnalysisCpuMs)) - Median(none.Select(c => c.AnalysisCpuMs)),
            Median(bannedRuns.Select(c => c.AnalysisCpuMs)) - Median(none.Select(c => c.AnalysisCpuMs)));
    }

    /// <summary>Parse, create, analyse (when there are analyzers) and emit to memory; the time and allocations of the whole.</summary>
    public static async Task<CompileRun> RunOnceAsync(Corpus corpus, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<AdditionalText> additionalFiles, CancellationToken cancellationToken)
    {
        Quiesce();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var compilation = Bench.Create(Bench.Parse(corpus, cancellationToken));
        double analyzerMs = 0;
        long analysisAllocated = 0;
        double analysisCpuMs = 0;
        int violations = 0, edges = 0, bannedCount = 0;
        if (!analyzers.IsEmpty)
        {
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(additionalFiles),
                onAnalyzerException: null,
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false);
            var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
            var analysisBefore = GC.GetTotalAllocatedBytes(precise: true);
            var analysisCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
            analysisCpuMs = (Process.GetCurrentProcess().TotalProcessorTime - analysisCpuBefore).TotalMilliseconds;
            analysisAllocated = GC.GetTotalAllocatedBytes(precise: true) - analysisBefore;
            foreach (var analyzer in analyzers)
            {
                analyzerMs += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken)).ExecutionTime.TotalMilliseconds;
            }

            violations = diagnostics.Count(d => d.Id == "MLR0001");
            edges = diagnostics.Count(d => d.Id == "MLR0006");
            bannedCount = diagnostics.Count(d => d.Id == "RS0030");
            var analyzerErrors = diagnostics.Where(d => d.Id is "AD0001" or "MLR0003" or "RS0031").ToList();
            if (analyzerErrors.Count > 0)
            {
                throw new InvalidOperationException("analyzer failure: " + analyzerErrors[0]);
            }
        }

        using var peStream = new MemoryStream();
        var emit = compilation.Emit(peStream, cancellationToken: cancellationToken);
        stopwatch.Stop();
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        if (!emit.Success)
        {
            var errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5);
            throw new InvalidOperationException("the generated corpus does not compile:\n" + string.Join("\n", errors));
        }

        return new CompileRun(stopwatch.Elapsed.TotalMilliseconds, analyzerMs, allocated, analysisAllocated, violations, edges, bannedCount, analysisCpuMs, cpuMs, compilation);
    }

    /// <summary>
    /// The IDE case: the semantic diagnostics of one document of a warm compilation (declarations
    /// complete, as after the IDE's first full analysis), by a fresh CompilationWithAnalyzers each
    /// time, as the IDE asks after each edit of that document. Wall time and our analyzer's own time.
    /// </summary>
    private static async Task<(double Wall, double Ours, double OursP90)> IdeAsync(Corpus corpus, CSharpCompilation compilation, ImmutableArray<AdditionalText> policy, int repeats, CancellationToken cancellationToken)
    {
        // A Data Science file in the middle of the corpus: a typical document with in-role uses, crossings and ML.NET calls.
        var file = corpus.Files.Where(f => f.Owner == FileOwner.DataScience).OrderBy(f => Math.Abs(f.Index - corpus.FileCount / 2)).First();
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == file.Path);
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(policy), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
        var walls = new List<double>();
        var oursTimes = new List<double>();
        for (var r = -3; r < repeats; r++)
        {
            var withAnalyzers = compilation.WithAnalyzers(Bench.OurAnalyzers, options);
            var model = compilation.GetSemanticModel(tree);
            var stopwatch = Stopwatch.StartNew();
            var diagnostics = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, cancellationToken);
            stopwatch.Stop();
            double ours = 0;
            foreach (var analyzer in Bench.OurAnalyzers)
            {
                ours += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken)).ExecutionTime.TotalMilliseconds;
            }

            // The analyzer must have run on the document; it may legitimately report nothing there
            // (permitted crossings are not recorded while MLR0006 is hidden, as in the IDE).
            if (diagnostics.IsEmpty && ours <= 0)
            {
                throw new InvalidOperationException("the IDE document shows no trace of our analyzer: it did not run");
            }

            if (r >= 0)
            {
                walls.Add(stopwatch.Elapsed.TotalMilliseconds);
                oursTimes.Add(ours);
            }
        }

        return (Median(walls), Median(oursTimes), Percentile(oursTimes, 0.9));
    }

    public static void Quiesce()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        if (p == 0.5 && sorted.Length % 2 == 0)
        {
            return (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }

        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1 < 0 ? 0 : (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
