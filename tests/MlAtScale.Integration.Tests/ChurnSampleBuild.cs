using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MlAtScale.Integration.Tests;

/// <summary>
/// samples/ChurnMl, copied outside the repository (a developer's own build of the sample is never touched) and built once
/// per test run against the freshly packed package, as build/sample.sh builds it (<c>dotnet build ChurnMl.sln</c>, Debug).
/// The sample tests share this build: its diagnostics, reports and HTML pages are only read.
/// </summary>
internal sealed class ChurnSampleBuild
{
    /// <summary>The labels of the sample's deliberate violations: one diagnostic of that rule on the code line below each.</summary>
    public const string Marker = "// DELIBERATE VIOLATION (MLR0001):";

    public const string HiddenMarker = "// DELIBERATE VIOLATION (MLR0010):";

    private static readonly string[] NotCopied = { "bin", "obj", "artifacts" };

    private static readonly object Gate = new();

    private static ChurnSampleBuild? _shared;

    private ChurnSampleBuild(PackageFixture package)
    {
        Package = package;
        Root = package.CreateConsumerRoot("churn-ml");
        Sample = Path.Combine(Root.Path, "ChurnMl");
        Copy(Path.Combine(package.RepositoryRoot, "samples", "ChurnMl"), Sample);

        // The sample's nuget.config points at the repository's feed by a relative path; the consumer root's names the fixture's.
        File.Delete(Path.Combine(Sample, "nuget.config"));
        Result = Root.Build("ChurnMl/ChurnMl.sln", $"-p:MlAtScaleAnalyzersVersion={package.Version}");
    }

    public PackageFixture Package { get; }

    public ConsumerRoot Root { get; }

    /// <summary>The copy of samples/ChurnMl (its own report repository root).</summary>
    public string Sample { get; }

    public CommandResult Result { get; }

    /// <summary>The repository report's folder, artifacts/mlroles of the sample.</summary>
    public string RepositoryReports => Path.Combine(Sample, "artifacts", "mlroles");

    /// <summary>The sample's projects, by folder name under src/.</summary>
    public IReadOnlyList<string> Projects =>
        Directory.GetDirectories(Path.Combine(Sample, "src")).Select(Path.GetFileName).OfType<string>().OrderBy(p => p, StringComparer.Ordinal).ToList();

    /// <summary>The build of this test run (built on first use).</summary>
    public static ChurnSampleBuild Of(PackageFixture package)
    {
        lock (Gate)
        {
            if (_shared is null || !ReferenceEquals(_shared.Package, package))
            {
                _shared = new ChurnSampleBuild(package);
            }

            return _shared;
        }
    }

    /// <summary>A project's report file (mlroles-report.json, .md or .html) in its obj folder.</summary>
    public string ProjectReport(string project, string fileName) =>
        Directory.GetFiles(Path.Combine(Sample, "src", project, "obj"), fileName, SearchOption.AllDirectories).Single();

    /// <summary>The sample-relative path of a file ('/' separators).</summary>
    public string Relative(string file) => Path.GetRelativePath(Sample, file).Replace('\\', '/');

    /// <summary>"path:line" of the code line below each labelled comment, sorted: one diagnostic of the marker's rule each.</summary>
    public List<string> LabelledViolations(string marker)
    {
        var expected = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Sample, "src"), "*.cs", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith(marker, StringComparison.Ordinal))
                {
                    Xunit.Assert.True(i + 1 < lines.Length && !lines[i + 1].TrimStart().StartsWith("//", StringComparison.Ordinal), $"{file}({i + 1}): a label must stand directly above the labelled code line.");
                    expected.Add($"{Relative(file)}:{i + 2}");
                }
            }
        }

        expected.Sort(StringComparer.Ordinal);
        return expected;
    }

    private static void Copy(string from, string to)
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
                Copy(directory, Path.Combine(to, name));
            }
        }
    }
}
