using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace MlAtScale.Integration.Tests;

/// <summary>
/// samples/ChurnMl, built against the freshly packed package and run end to end: the build reports
/// exactly the violations labelled in its sources (and succeeds), and the pipeline exits 0.
/// Works on a copy outside the repository, so a developer's own build of the sample is never touched.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ChurnSampleTests
{
    private const string Marker = "// DELIBERATE VIOLATION (MLR0001):";

    private const string HiddenMarker = "// DELIBERATE VIOLATION (MLR0010):";

    private static readonly string[] NotCopied = { "bin", "obj", "artifacts" };

    private readonly PackageFixture _package;

    public ChurnSampleTests(PackageFixture package) => _package = package;

    [Fact]
    public void Sample_builds_with_exactly_its_labelled_violations_and_runs_end_to_end()
    {
        var root = _package.CreateConsumerRoot("churn-ml");
        var sample = Path.Combine(root.Path, "ChurnMl");
        CopySample(Path.Combine(_package.RepositoryRoot, "samples", "ChurnMl"), sample);

        // The sample's nuget.config points at the repository's feed by a relative path; the consumer root's names the fixture's.
        File.Delete(Path.Combine(sample, "nuget.config"));

        var expected = LabelledViolations(sample, Marker);
        var expectedHidden = LabelledViolations(sample, HiddenMarker);
        Assert.True(expected.Count >= 3, $"The sample labels only {expected.Count} deliberate violations.");

        var build = root.Build("ChurnMl/ChurnMl.sln", $"-p:MlAtScaleAnalyzersVersion={_package.Version}");

        Assert.True(build.ExitCode == 0, build.Describe());
        var diagnostics = build.Diagnostics();
        var unexpected = diagnostics.Where(d => d.Id is not ("MLR0001" or "MLR0010") || d.Severity != "warning").Select(d => d.Key).ToList();
        Assert.True(unexpected.Count == 0, $"Only MLR0001 and MLR0010 warnings were expected, also got:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", unexpected)}{Environment.NewLine}{build.Describe()}");
        var hidden = diagnostics.Where(d => d.Id == "MLR0010")
            .Select(d => $"{Path.GetRelativePath(sample, d.File).Replace('\\', '/')}:{d.Line}")
            .OrderBy(k => k, StringComparer.Ordinal)
            .ToList();
        Assert.True(hidden.SequenceEqual(expectedHidden, StringComparer.Ordinal), $"Expected MLR0010 at: {string.Join(", ", expectedHidden)}; reported at: {string.Join(", ", hidden)}{Environment.NewLine}{build.Describe()}");
        Assert.Contains(
            "through unowned code: RetrainingOutlook.RetrainingLikely → MonitoringShortcuts.WouldRetrain → ModelMonitor.Check;",
            diagnostics.Single(d => d.Id == "MLR0010").Message,
            StringComparison.Ordinal);
        var actual = diagnostics
            .Where(d => d.Id == "MLR0001")
            .Select(d => $"{Path.GetRelativePath(sample, d.File).Replace('\\', '/')}:{d.Line}")
            .OrderBy(k => k, StringComparer.Ordinal)
            .ToList();
        Assert.True(
            actual.SequenceEqual(expected, StringComparer.Ordinal),
            $"Expected MLR0001 at:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", expected)}{Environment.NewLine}" +
            $"Reported at:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", actual)}{Environment.NewLine}{build.Describe()}");

        // What the documented workflow uploads to code scanning: exactly these MLR0001 and MLR0010 warnings, none of
        // the report's MLR0006 notes.
        var uploaded = CodeScanningUpload.Results(_package.RepositoryRoot, sample);
        Assert.Equal(
            diagnostics.Select(d => $"{d.Id} warning {Path.GetFileName(d.File)}:{d.Line}").OrderBy(k => k, StringComparer.Ordinal),
            uploaded.Select(r => $"{r.RuleId} {r.Level} {r.File}:{r.Line}").OrderBy(k => k, StringComparer.Ordinal));

        // The report has the same content as the report of the per-use data path had (projection checked in).
        var mlroles = Path.Combine(sample, "artifacts", "mlroles");
        var projection = MlAtScale.Tests.Shared.ReportProjection.Project(
            Directory.GetFiles(Path.Combine(mlroles, "projects"), "*.json"), Path.Combine(mlroles, "mlroles-report.json"), string.Empty);
        var expectedProjection = Path.Combine(_package.RepositoryRoot, "tests", "Shared", "ReportEquivalence", "churn-ml.before.txt");
        if (Environment.GetEnvironmentVariable("MLATSCALE_UPDATE_DOCS") == "1")
        {
            // After a deliberate change of the sample: rewrite the expected projection, then review its diff.
            File.WriteAllLines(expectedProjection, projection);
        }

        Assert.Equal(File.ReadAllLines(expectedProjection), projection);

        var output = Path.Combine(root.Path, "run");
        var run = DotNet.Run(
            root.Path,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = _package.PackagesDirectory },
            "run", "--project", Path.Combine(sample, "src", "Churn.Pipeline", "Churn.Pipeline.csproj"), "--no-build", "--", "--out", output);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("Summary: 600 clean rows", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"gate after outcomes: (Promoted|RolledBack) \(AUC on 440 labelled canary outcomes", run.Output);
        var report = File.ReadAllText(Path.Combine(output, "kpi-report.md"));
        Assert.Contains("| customers scored | 440 |", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "models", "churn-2025-06.zip")), run.Describe());
    }

    /// <summary>"path:line" of the code line below each labelled comment, sorted: one MLR0001 each.</summary>
    private static List<string> LabelledViolations(string sample, string marker)
    {
        var expected = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(sample, "src"), "*.cs", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith(marker, StringComparison.Ordinal))
                {
                    Assert.True(i + 1 < lines.Length && !lines[i + 1].TrimStart().StartsWith("//", StringComparison.Ordinal), $"{file}({i + 1}): a label must stand directly above the labelled code line.");
                    expected.Add($"{Path.GetRelativePath(sample, file).Replace('\\', '/')}:{i + 2}");
                }
            }
        }

        expected.Sort(StringComparer.Ordinal);
        return expected;
    }

    private static void CopySample(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (!NotCopied.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                CopySample(directory, Path.Combine(to, name));
            }
        }
    }
}
