using System;
using System.IO;
using System.Linq;
using System.Text;

namespace MlAtScale.Analyzers.Tests.Meta;

/// <summary>
/// The README's rule table is generated from the descriptors. This test fails when it is stale; run
/// the tests with MLATSCALE_UPDATE_DOCS=1 to rewrite it.
/// </summary>
public sealed class ReadmeRuleTableTests
{
    private const string Begin = "<!-- rules:begin (generated from the descriptors by ReadmeRuleTableTests; MLATSCALE_UPDATE_DOCS=1 rewrites it) -->";
    private const string End = "<!-- rules:end -->";

    [Fact]
    public void RuleTableIsUpToDate()
    {
        var path = Path.Combine(DescriptorTests.Root(), "README.md");
        var readme = File.ReadAllText(path).Replace("\r\n", "\n");
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no generated rule table markers");
        var updated = readme.Substring(0, start) + Begin + "\n" + Render() + End + readme.Substring(end + End.Length);
        if (Environment.GetEnvironmentVariable("MLATSCALE_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, updated);
            readme = updated;
        }

        Assert.Equal(updated, readme);
    }

    internal static string Render()
    {
        var builder = new StringBuilder("| ID | Title | Default severity |\n|---|---|---|\n");
        foreach (var descriptor in DescriptorTests.Descriptors().GroupBy(d => d.Id).Select(g => g.First()).OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            builder.Append($"| [{descriptor.Id}](docs/rules/{descriptor.Id}.md) | {descriptor.Title} | {descriptor.DefaultSeverity} |\n");
        }

        return builder.ToString();
    }
}
