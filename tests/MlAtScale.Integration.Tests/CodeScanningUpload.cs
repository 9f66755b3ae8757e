using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace MlAtScale.Integration.Tests;

/// <summary>
/// What the workflow in docs/ci-github-actions.md would upload to code scanning after a build: the
/// files its "Collect the SARIF logs" step finds (the name pattern is read from the page, as written).
/// </summary>
public static class CodeScanningUpload
{
    /// <summary>The <c>find ... -name '&lt;pattern&gt;'</c> of the page's collect step.</summary>
    public static string CollectedPattern(string repositoryRoot)
    {
        var page = File.ReadAllText(Path.Combine(repositoryRoot, "docs", "ci-github-actions.md"));
        var match = Regex.Match(page, @"find \. -path \./artifacts -prune -o -name '(?<pattern>[^']+)' -print");
        Assert.True(match.Success, "docs/ci-github-actions.md has no 'find ... -name' collect step");
        return match.Groups["pattern"].Value;
    }

    /// <summary>The results (rule ID, level, file name, line) of every file the collect step would upload from <paramref name="tree"/>.</summary>
    public static IReadOnlyList<(string RuleId, string Level, string File, int Line)> Results(string repositoryRoot, string tree)
    {
        var pattern = CollectedPattern(repositoryRoot);
        var files = Directory.GetFiles(tree, pattern, SearchOption.AllDirectories);
        Assert.True(files.Length > 0, $"the collect step finds no '{pattern}' under {tree}");
        var results = new List<(string, string, string, int)>();
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            Assert.Equal("2.1.0", document.RootElement.GetProperty("version").GetString());
            foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
            {
                var rules = run.GetProperty("tool").GetProperty("driver").TryGetProperty("rules", out var r) ? r.GetArrayLength() : 0;
                foreach (var result in run.GetProperty("results").EnumerateArray())
                {
                    if (result.TryGetProperty("ruleIndex", out var index))
                    {
                        Assert.InRange(index.GetInt32(), 0, rules - 1);
                    }

                    Assert.False(result.TryGetProperty("suppressions", out _), $"{file}: a suppressed result is uploaded");
                    var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
                    results.Add((
                        result.GetProperty("ruleId").GetString()!,
                        result.GetProperty("level").GetString()!,
                        Path.GetFileName(new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath),
                        location.GetProperty("region").GetProperty("startLine").GetInt32()));
                }
            }
        }

        return results;
    }
}
