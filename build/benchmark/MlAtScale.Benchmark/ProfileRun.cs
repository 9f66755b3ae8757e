using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlAtScale.Benchmark;

/// <summary>
/// <c>--profile N</c>: analyses one corpus of N files over and over with our analyzers alone (or
/// BannedApiAnalyzers with <c>--profile-banned</c>; <c>--profile-dump file</c> writes the diagnostics) and prints each analyzer's telemetry per run, so that
/// a sampling profiler (dotnet-trace) can be attached to a process that does nothing else.
/// </summary>
internal static class ProfileRun
{
    public static async Task RunAsync(int files, int repeats, bool banned, string? dump, TextWriter log, CancellationToken cancellationToken)
    {
        var corpus = CorpusGenerator.Generate(files);
        var analyzers = banned ? Bench.BannedApiAnalyzers : Bench.OurAnalyzers;
        var additional = ImmutableArray.Create<AdditionalText>(banned
            ? new MemoryAdditionalText("/repo/BannedSymbols.txt", corpus.BannedSymbols)
            : new MemoryAdditionalText("/repo/MlRoles.txt", corpus.Policy));
        log.WriteLine($"profile: N={files} ({corpus.TypeCount} types, {corpus.LineCount} lines), {(banned ? "BannedApiAnalyzers" : "ours")}, {repeats} runs; pid {Environment.ProcessId}");
        var totals = new System.Collections.Generic.List<double>();
        for (var r = 0; r < repeats; r++)
        {
            var compilation = Bench.Create(Bench.Parse(corpus, cancellationToken));
            if (dump is not null)
            {
                // With the permitted crossings (MLR0006) on, as in a build that writes the report.
                compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
                    compilation.Options.SpecificDiagnosticOptions.SetItem("MLR0006", ReportDiagnostic.Info)));
            }

            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(additional), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
            var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
            CompileBenchmark.Quiesce();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var gcs = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
            stopwatch.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            gcs = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - gcs;
            var times = new System.Collections.Generic.List<(string Name, double Ms)>();
            foreach (var analyzer in analyzers)
            {
                times.Add((analyzer.GetType().Name, (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken)).ExecutionTime.TotalMilliseconds));
            }

            totals.Add(times.Sum(t => t.Ms));
            if (dump is not null && r == 0)
            {
                // Every diagnostic, sorted, to compare two builds of the analyzer on the same corpus.
                File.WriteAllLines(dump, diagnostics.Select(d => d.ToString()).OrderBy(l => l, StringComparer.Ordinal));
            }

            log.WriteLine($"  run {r + 1}: analysis wall {stopwatch.Elapsed.TotalMilliseconds:F0} ms; telemetry ms: {string.Join(", ", times.Select(t => $"{t.Name} {t.Ms:F0}"))}; {diagnostics.Length} diagnostics; analysis allocated {allocated / 1048576.0:F1} MB, {gcs} GCs");
        }

        // The first two runs warm the JIT up; the median of the rest is the figure to compare.
        log.WriteLine($"  median telemetry of runs 3..{repeats}: {CompileBenchmark.Median(totals.Skip(2)):F0} ms");
    }
}
