using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MlAtScale.Benchmark;
using Xunit;

namespace MlAtScale.Benchmark.Tests;

public sealed class BenchmarkSmokeTests
{
    /// <summary>
    /// The benchmark pipeline at N = 10 and 20: generation, compilation with and without the analyzers,
    /// BannedApiAnalyzers, the IDE case, allocations and the report task (csc and MSBuild). Checks
    /// that every ratio is there and is a number, never what the number is.
    /// </summary>
    [Fact]
    public async Task Smoke_run_produces_every_ratio()
    {
        var work = Path.Combine(Path.GetTempPath(), "mlatscale-benchmark-smoke-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = await Pipeline.RunAsync(BenchmarkOptions.Smoke(work), TextWriter.Null);

            string[] expected =
            {
                "ours/compile@0010", "ours/compile@0020", "ours/BannedApi@0010", "ours/BannedApi@0020",
                "oursCpuOverDriver/BannedApiCpuOverDriver@0010", "allocOurs/allocCompile@0010", "ideOursMs@0010", "ideOursMs@0020",
                "time(2N)/time(N)@0010", "ide(maxN)/ide(minN)", "report/300ms", "reportUnchanged/300ms", "reportNoChangeRuns(0|1)",
            };
            Assert.Empty(expected.Except(result.Ratios.Keys));
            Assert.All(expected.Where(k => !k.StartsWith("oursCpuOverDriver", StringComparison.Ordinal)), k => Assert.False(double.IsNaN(result.Ratios[k]) || double.IsInfinity(result.Ratios[k]), k));
            foreach (var heading in new[] { "ours / compile", "ours / BannedApi", "time(2N) / time(N)", "one document", "Report task", "no-change build", "### Targets" })
            {
                Assert.Contains(heading, result.Table, StringComparison.Ordinal);
            }
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    [Fact]
    public void Generator_is_deterministic_and_covers_every_owner()
    {
        var a = CorpusGenerator.Generate(30);
        var b = CorpusGenerator.Generate(30);
        Assert.Equal(a.Files.Select(f => f.Text), b.Files.Select(f => f.Text));
        Assert.Equal(a.BannedSymbols, b.BannedSymbols);
        Assert.Equal(Enum.GetValues<FileOwner>().OrderBy(o => o), a.Files.Select(f => f.Owner).Distinct().OrderBy(o => o));
        Assert.Equal(30 * CorpusGenerator.TypesPerFile, a.TypeCount);
    }

    /// <summary>
    /// <c>--profile 10 --profile-dump file</c>: one analysis pass with our analyzers, telemetry per
    /// analyzer in the log, and the diagnostics (with the permitted crossings on) in the dump.
    /// </summary>
    [Fact]
    public async Task Profile_run_logs_telemetry_and_dumps_the_diagnostics()
    {
        var dump = Path.Combine(Path.GetTempPath(), "mlatscale-profile-" + Guid.NewGuid().ToString("N") + ".txt");
        try
        {
            var log = new StringWriter();
            await ProfileRun.RunAsync(10, 1, banned: false, dump, log, default);

            Assert.Contains("RoleBoundaryAnalyzer ", log.ToString(), StringComparison.Ordinal);
            var lines = File.ReadAllLines(dump);
            Assert.Contains(lines, l => l.Contains(": warning MLR0001: ", StringComparison.Ordinal));
            // MLR0006: the counts of permitted uses, reported at the end of the compilation without a location.
            Assert.Contains(lines, l => l.StartsWith("info MLR0006: ", StringComparison.Ordinal));
            Assert.Equal(lines.OrderBy(l => l, StringComparer.Ordinal), lines);
        }
        finally
        {
            File.Delete(dump);
        }
    }

    /// <summary>
    /// <c>--builds</c> at N = 10, one repetition: the package packed into the local feed, the corpus
    /// restored and built as a real project in each mode (no analyzers, BannedApiAnalyzers, ours with the
    /// report on and off, ours with violations), the one-document case and the pathological shapes.
    /// Checks that every target's ratio is produced and is a number, never what the number is.
    /// </summary>
    [Fact]
    public async Task Whole_build_run_produces_every_target_ratio()
    {
        var work = Path.Combine(Path.GetTempPath(), "mlatscale-benchmark-builds-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (table, ratios) = await BuildBenchmark.RunAsync(new BuildOptions(new[] { 10 }, 1, 2, 100, work), TextWriter.Null);

            string[] expected =
            {
                "oursReport/none@0010", "oursReport/bannedApi@0010", "cscOursNoReport/cscBannedApi@0010", "violations/none@0010", "document/compiler@0010",
            };
            Assert.Empty(expected.Except(ratios.Keys));
            Assert.All(expected, k => Assert.False(double.IsNaN(ratios[k]) || double.IsInfinity(ratios[k]), k));
            Assert.Equal(10, ratios.Keys.Count(k => k.StartsWith("shape:", StringComparison.Ordinal)));
            foreach (var row in new[] { "| 10 | no analyzers |", "| 10 | BannedApiAnalyzers 5.6.0, equivalent list |", "| 10 | ours, every edge allowed, report on |", "| 10 | ours, every edge allowed, report off |", "| 10 | ours, no edge allowed (violations) |" })
            {
                Assert.Contains(row, table, StringComparison.Ordinal);
            }
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>
    /// The order of the five whole-build modes: every repetition builds each mode once, and the mode built
    /// right after BannedApi's (the longest build, whose aftermath a plain rotation always left to the same
    /// next mode) changes from one repetition to the next.
    /// </summary>
    [Fact]
    public void Build_order_is_a_permutation_and_varies_what_follows_each_mode()
    {
        const int Modes = 5;
        var orders = Enumerable.Range(0, 5).Select(r => Enumerable.Range(0, Modes).Select(i => BuildBenchmark.OrderIndex(r, i, Modes)).ToArray()).ToArray();
        foreach (var order in orders)
        {
            Assert.Equal(Enumerable.Range(0, Modes), order.OrderBy(i => i));
        }

        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, orders[0]);
        Assert.Equal(new[] { 2, 4, 1, 3, 0 }, orders[1]);
        Assert.Equal(new[] { 4, 2, 0, 3, 1 }, orders[2]);

        // What follows mode 1 (BannedApi) in one sequence of the first three repetitions: 2, 3, then the
        // next repetition's first mode.
        var sequence = orders.Take(4).SelectMany(o => o).ToArray();
        var after = Enumerable.Range(0, sequence.Length - 1).Where(i => sequence[i] == 1).Select(i => sequence[i + 1]).Take(3).ToArray();
        Assert.Equal(3, after.Distinct().Count());
    }
}
