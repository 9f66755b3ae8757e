using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MlAtScale.Benchmark;

/// <summary>What to measure.</summary>
public sealed record BenchmarkOptions(
    IReadOnlyList<int> Sizes,
    int TargetSize,
    int Repeats,
    int IdeRepeats,
    int ReportTypes,
    int ReportRepeats,
    bool MsBuild,
    string WorkDirectory)
{
    /// <summary>Measure only the report task (<c>--only report</c>): no compile, analyzer or IDE sizes.</summary>
    public bool OnlyReport { get; init; }

    /// <summary>Keep the report corpus compiled by an earlier run in the work folder when it is the same corpus (<c>--reuse-report-build</c>).</summary>
    public bool ReuseReportBuild { get; init; }

    /// <summary>The full run of docs/performance.md.</summary>
    public static BenchmarkOptions Full(string workDirectory) =>
        new(new[] { 250, 500, 1000, 2000, 4000 }, 1000, 3, 30, 10_000, 5, true, workDirectory);

    /// <summary>A tiny run that checks that every measurement still works (the unit test).</summary>
    public static BenchmarkOptions Smoke(string workDirectory) =>
        new(new[] { 10, 20 }, 10, 1, 3, 60, 1, true, workDirectory);
}

/// <summary>Every figure of one run.</summary>
public sealed class BenchmarkResult
{
    internal List<SizeResult> Sizes { get; } = new();

    internal ReportResult? Report { get; set; }

    public int TargetSize { get; init; }

    public string Machine { get; init; } = string.Empty;

    /// <summary>Every ratio the benchmark prints, by name (the smoke test checks that all are there and finite).</summary>
    public SortedDictionary<string, double> Ratios { get; } = new(StringComparer.Ordinal);

    public string Table { get; set; } = string.Empty;
}

/// <summary>Generates the corpora, runs every measurement, prints the table.</summary>
public static class Pipeline
{
    public static async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        var result = new BenchmarkResult { TargetSize = options.TargetSize, Machine = Machine() };
        log.WriteLine($"MlAtScale benchmark: sizes {string.Join(", ", options.Sizes)}; {result.Machine}");

        // JIT and metadata warm-up, not measured: each configuration compiles a 100-file corpus three
        // times, so that the compiler's and the analyzers' hot methods have reached optimised (tier-1)
        // code before the first measured size. A single 20-file pass left our analyzer's first measured
        // run about 2x slower than the following ones (the driver's and BannedApi's too), which showed
        // up as a wrong scaling ratio between the first two sizes.
        if (!options.OnlyReport)
        {
            var warmup = CorpusGenerator.Generate(Math.Min(100, options.Sizes.Min()));
            await CompileBenchmark.RunAsync(warmup, 3, 3, TextWriter.Null, cancellationToken);
        }

        foreach (var size in options.OnlyReport ? Enumerable.Empty<int>() : options.Sizes.Distinct().OrderBy(s => s))
        {
            var corpus = CorpusGenerator.Generate(size);
            log.WriteLine($"  N={size}: {corpus.TypeCount} types, {corpus.LineCount} lines");
            result.Sizes.Add(await CompileBenchmark.RunAsync(corpus, options.Repeats, options.IdeRepeats, log, cancellationToken));
        }

        if (options.ReportTypes > 0)
        {
            var files = (options.ReportTypes + CorpusGenerator.TypesPerFile - 1) / CorpusGenerator.TypesPerFile;
            var corpus = CorpusGenerator.Generate(files);
            log.WriteLine($"  report task: {corpus.TypeCount} types ({files} files)");
            result.Report = ReportBenchmark.Run(corpus, Path.Combine(options.WorkDirectory, "report"), options.ReportRepeats, options.MsBuild, options.ReuseReportBuild, log);
        }

        ComputeRatios(result);
        result.Table = Format(result);
        return result;
    }

    private static void ComputeRatios(BenchmarkResult result)
    {
        var r = result.Ratios;
        foreach (var s in result.Sizes)
        {
            var n = s.Files.ToString("D4", CultureInfo.InvariantCulture);
            r[$"ours/compile@{n}"] = s.OursMs / s.CompileMs;
            r[$"ours/BannedApi@{n}"] = s.OursMs / s.BannedMs;
            r[$"oursCpuOverDriver/BannedApiCpuOverDriver@{n}"] = Safe(s.OursCpuOverNullMs, s.BannedCpuOverNullMs);
            r[$"allocOurs/allocCompile@{n}"] = s.OursAnalysisAllocMb / s.CompileAllocMb;
            if (s.IdeOursMs is { } ide)
            {
                r[$"ideOursMs@{n}"] = ide;
            }
        }

        foreach (var s in result.Sizes)
        {
            var doubled = result.Sizes.FirstOrDefault(d => d.Files == 2 * s.Files);
            if (doubled is not null)
            {
                r[$"time(2N)/time(N)@{s.Files.ToString("D4", CultureInfo.InvariantCulture)}"] = doubled.OursMs / s.OursMs;
            }
        }

        var ides = result.Sizes.Where(s => s.IdeOursMs is not null).ToList();
        if (ides.Count >= 2)
        {
            r["ide(maxN)/ide(minN)"] = ides[^1].IdeOursMs!.Value / ides[0].IdeOursMs!.Value;
        }

        if (result.Report is { } report)
        {
            r["report/300ms"] = report.FirstRunMs / 300;
            r["reportUnchanged/300ms"] = report.UnchangedRunMs / 300;
            if (report.MsBuildNoChangeSkipped is { } skipped)
            {
                r["reportNoChangeRuns(0|1)"] = skipped ? 0 : 1;
            }
        }
    }

    private static double Safe(double a, double b) => b <= 0 ? double.PositiveInfinity : a / b;

    private static string Format(BenchmarkResult result)
    {
        var s = new StringBuilder();
        string F(double v, int digits = 0) => v.ToString("F" + digits, CultureInfo.InvariantCulture);
        string P(double v) => (v * 100).ToString("F2", CultureInfo.InvariantCulture) + " %";

        if (result.Sizes.Count > 0)
        {
            s.AppendLine("### Compile, analyzer and IDE (medians; ms unless stated)");
            s.AppendLine();
            s.AppendLine("| N files | types | lines | compile | ours (telemetry) | ours / compile | BannedApi (telemetry) | ours / BannedApi | ours CPU over no-op driver | BannedApi CPU over no-op driver | ours alloc (MB) / compile alloc (MB) | IDE: one document, ours (p90) | IDE: one document, wall |");
            s.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var z in result.Sizes)
            {
                s.AppendLine($"| {z.Files} | {z.Types} | {z.Lines} | {F(z.CompileMs)} | {F(z.OursMs)} | {P(z.OursMs / z.CompileMs)} | {F(z.BannedMs)} | {F(z.OursMs / z.BannedMs, 2)} | {F(z.OursCpuOverNullMs)} | {F(z.BannedCpuOverNullMs)} | {F(z.OursAnalysisAllocMb - z.NullAnalysisAllocMb, 1)} / {F(z.CompileAllocMb, 1)} | {(z.IdeOursMs is { } i ? F(i, 2) + " (" + F(z.IdeOursP90Ms!.Value, 2) + ")" : "-")} | {(z.IdeWallMs is { } w ? F(w, 2) : "-")} |");
            }

            s.AppendLine();
            s.AppendLine("### Scaling of our analyzer (telemetry)");
            s.AppendLine();
            s.AppendLine("| N → 2N | ours time(2N) / time(N) | compile time(2N) / time(N) |");
            s.AppendLine("|---|---:|---:|");
            foreach (var z in result.Sizes)
            {
                var d = result.Sizes.FirstOrDefault(x => x.Files == 2 * z.Files);
                if (d is not null)
                {
                    s.AppendLine($"| {z.Files} → {d.Files} | {F(d.OursMs / z.OursMs, 2)} | {F(d.CompileMs / z.CompileMs, 2)} |");
                }
            }
        }

        if (result.Report is { } report)
        {
            s.AppendLine();
            s.AppendLine($"### Report task ({report.Types} types; csc with the analyzer took {F(report.CscMs)} ms)");
            s.AppendLine();
            s.AppendLine("| case | ms | note |");
            s.AppendLine("|---|---:|---|");
            s.AppendLine($"| first run (writes JSON, Markdown, repository report) | {F(report.FirstRunMs)} | {report.Summary} |");
            s.AppendLine($"| task run again on unchanged inputs (median) | {F(report.UnchangedRunMs)} | files rewritten: {(report.UnchangedRunRewroteFiles ? "yes" : "no")} |");
            if (report.MsBuildNoChangeSkipped is { } skipped)
            {
                s.AppendLine($"| `dotnet msbuild`, first build (whole process) | {F(report.MsBuildFirstMs!.Value)} | task ran |");
                s.AppendLine($"| `dotnet msbuild`, no-change build (whole process) | {F(report.MsBuildNoChangeMs!.Value)} | report target {(skipped ? "skipped (up to date): no work" : "RAN")} |");
                s.AppendLine($"| no-change build after an identical recompile | - | report target {(report.MsBuildNoChangeAfterIdenticalRebuildSkipped == true ? "skipped" : "RAN again (outputs kept their old timestamps)")} |");
            }
        }

        s.AppendLine();
        s.AppendLine("### Targets");
        s.AppendLine();
        s.AppendLine("| target | measured | met |");
        s.AppendLine("|---|---|---|");
        if (result.Sizes.Count > 0)
        {
            var target = result.Sizes.FirstOrDefault(z => z.Files == result.TargetSize) ?? result.Sizes[0];
            Row(s, $"ours ≤ 2 % of compile time at N = {target.Files}", P(target.OursMs / target.CompileMs), target.OursMs / target.CompileMs <= 0.02);
            var worstBanned = result.Sizes.Max(z => z.OursMs / z.BannedMs);
            Row(s, "ours / BannedApi ≤ 1.0 (telemetry, worst N)", F(worstBanned, 2), worstBanned <= 1.0);
            var worstCpu = result.Sizes.Max(z => Safe(z.OursCpuOverNullMs, z.BannedCpuOverNullMs));
            Row(s, "(same, CPU over the no-op driver, worst N)", F(worstCpu, 2), worstCpu <= 1.0);
            var scaling = result.Ratios.Where(kv => kv.Key.StartsWith("time(2N)", StringComparison.Ordinal)).Select(kv => kv.Value).DefaultIfEmpty(double.NaN).Max();
            Row(s, "time(2N) / time(N) ≤ 2.1 (worst pair)", F(scaling, 2), scaling <= 2.1);
        }

        var ides = result.Sizes.Where(z => z.IdeOursMs is not null).ToList();
        if (ides.Count > 0)
        {
            var worstIde = ides.Max(z => z.IdeOursMs!.Value);
            Row(s, "one document ≤ 5 ms median (ours, worst N)", F(worstIde, 2) + " ms", worstIde <= 5);
            var flat = ides[^1].IdeOursMs!.Value / ides[0].IdeOursMs!.Value;
            Row(s, $"one document flat in N (N = {ides[^1].Files} vs {ides[0].Files}, ≤ 1.5×)", F(flat, 2) + "×", flat <= 1.5);
        }

        if (result.Report is { } r)
        {
            Row(s, $"report task ≤ 300 ms at {r.Types} types (first run)", F(r.FirstRunMs) + " ms", r.FirstRunMs <= 300);
            if (r.MsBuildNoChangeSkipped is { } skipped)
            {
                Row(s, "report: no work on a no-change build", skipped ? "target skipped" : "target ran", skipped);
            }
        }

        return s.ToString();
    }

    private static void Row(StringBuilder s, string name, string measured, bool met) =>
        s.AppendLine($"| {name} | {measured} | {(met ? "yes" : "**no**")} |");

    private static string Machine()
    {
        string load = "n/a", memory = "n/a";
        try
        {
            load = File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => a + " " + b);
            var total = File.ReadAllLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal));
            memory = (long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024).ToString(CultureInfo.InvariantCulture) + " GiB";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
        }

        return $"{Environment.ProcessorCount} cores, {memory}, load average {load} at start, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, Roslyn {typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version}";
    }
}
