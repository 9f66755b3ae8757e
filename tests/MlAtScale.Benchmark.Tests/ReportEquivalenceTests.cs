using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using MlAtScale.Benchmark;
using MlAtScale.Tests.Shared;
using Xunit;

namespace MlAtScale.Benchmark.Tests;

/// <summary>
/// The benchmark corpus of 100 files (600 types), compiled by csc with the analyzer and reported by the
/// task as <c>--only report</c> does: the report has the content that the per-use data path gave, and
/// every diagnostic but MLR0006 (whose shape changed on purpose) is the same. The expected files were
/// produced by that earlier data path (tests/Shared/ReportEquivalence).
/// </summary>
public sealed class ReportEquivalenceTests
{
    private const int Files = 100;

    [Fact]
    public void Report_of_the_benchmark_corpus_is_unchanged()
    {
        var work = Path.Combine(Path.GetTempPath(), "mlatscale-report-equivalence-" + Guid.NewGuid().ToString("N"));
        try
        {
            ReportBenchmark.Run(CorpusGenerator.Generate(Files), work, repeats: 1, msbuild: false, reuseBuild: false, TextWriter.Null);
            var mlroles = Path.Combine(work, "artifacts", "mlroles");
            var projection = ReportProjection.Project(Directory.GetFiles(Path.Combine(mlroles, "projects"), "*.json"), Path.Combine(mlroles, "mlroles-report.json"), string.Empty);
            Assert.Equal(File.ReadAllLines(Expected("benchmark-corpus-100.before.txt")), projection);
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
    public async Task Diagnostics_of_the_benchmark_corpus_are_unchanged_but_for_MLR0006()
    {
        var dump = Path.Combine(Path.GetTempPath(), "mlatscale-equivalence-" + Guid.NewGuid().ToString("N") + ".txt");
        try
        {
            await ProfileRun.RunAsync(Files, 1, banned: false, dump, TextWriter.Null, default);
            var lines = File.ReadAllLines(dump);

            // MLR0001's message was rewritten on purpose (one line with the ownership source and the fix that
            // fits the used code): its facts (place, severity, user, both roles, used code) must be the same;
            // every other diagnostic's line must be the same to the letter.
            Assert.Equal(
                File.ReadAllLines(Expected("benchmark-corpus-100.diagnostics.before.txt")).Select(Facts),
                lines.Where(l => !l.Contains(" MLR0006: ", StringComparison.Ordinal)).Select(Facts));

            // The permitted uses are now one record per edge and used assembly (the corpus has no allowance).
            Assert.Contains(lines, l => l.Contains("info MLR0006: ", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(dump);
        }
    }

    // The recorded message ("'U' (A) uses 'X', which is owned by B; ...") and today's ("'U' (A) uses 'X' of B via ...; ...").
    private static readonly Regex Mlr0001 = new(
        @"^(?<head>.*? MLR0001: '(?<user>[^']*)' \((?<from>[^)]*)\) uses '(?<used>[^']*)')(?:, which is owned by | of )(?<to>[^;\s]+)[;\s]",
        RegexOptions.CultureInvariant);

    private static string Facts(string line)
    {
        var match = Mlr0001.Match(line);
        Assert.True(match.Success || !line.Contains(" MLR0001: ", StringComparison.Ordinal), "an MLR0001 line of an unknown shape: " + line);
        return match.Success ? match.Groups["head"].Value + " -> " + match.Groups["to"].Value : line;
    }

    private static string Expected(string name)
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "MlAtScale.Analyzers.sln")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("the repository root (MlAtScale.Analyzers.sln) is not above " + AppContext.BaseDirectory);
        }

        return Path.Combine(directory, "tests", "Shared", "ReportEquivalence", name);
    }
}
