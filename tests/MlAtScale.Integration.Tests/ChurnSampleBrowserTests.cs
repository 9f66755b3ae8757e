using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MlAtScale.Tests.Shared;
using OpenQA.Selenium;
using Xunit;

namespace MlAtScale.Integration.Tests;

/// <summary>
/// The HTML reports of the ChurnMl sample's real build (<see cref="ChurnSampleBuild"/>), opened from disk in headless Debian
/// chromium: a project's page and the repository page. Clicking an edge of the role graph lists that edge's violations at
/// their file and line (links that open the source file) and its allowances with their justification; the filter shows
/// exactly the rows that contain its text. Screenshots of both pages are kept in artifacts/ui/ (MLATSCALE_UPDATE_DOCS=1
/// also copies them to docs/images/).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ChurnSampleBrowserTests
{
    private readonly PackageFixture _package;

    public ChurnSampleBrowserTests(PackageFixture package) => _package = package;

    [Fact]
    public void The_serving_projects_page_lists_the_edge_to_data_science_with_its_violations_and_the_justified_allowance()
    {
        var churn = ChurnSampleBuild.Of(_package);
        Assert.True(churn.Result.ExitCode == 0, churn.Result.Describe());
        // What the sample's sources say: the labelled crossings of Churn.Serving and the justification of its allowance.
        var labelled = churn.LabelledViolations(ChurnSampleBuild.Marker).Where(v => v.StartsWith("src/Churn.Serving/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(labelled);
        var justification = Regex.Match(File.ReadAllText(Path.Combine(churn.Sample, "src", "Churn.Serving", "CanaryGate.cs")), "Justification = \"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(justification);

        using var driver = HeadlessChromium.Start(1200, 1300);
        driver.Navigate().GoToUrl(new Uri(churn.ProjectReport("Churn.Serving", "mlroles-report.html")).AbsoluteUri);
        Assert.Equal("Role report: Churn.Serving", driver.Title);
        Assert.Contains($"{labelled.Count} violations in ", driver.FindElement(By.Id("summary")).Text, StringComparison.Ordinal);

        var rows = ClickEdge(driver, "Production", "DataScience");
        var violations = rows.Where(r => r.Kind == "violation").ToList();
        Assert.Equal(labelled, violations.Select(r => r.Where).OrderBy(w => w, StringComparer.Ordinal));
        foreach (var row in violations)
        {
            // The user is a member of the file's class; the used code is ML.NET's, so the fix is a policy line, not [RoleContract].
            Assert.StartsWith(Path.GetFileNameWithoutExtension(row.Where.Split(':')[0]) + ".", row.User, StringComparison.Ordinal);
            Assert.DoesNotContain("[RoleContract]", row.ToDo, StringComparison.Ordinal);
            Assert.Equal(Path.Combine(churn.Sample, row.Where.Split(':')[0]), row.LinkedFile);
        }

        var exception = Assert.Single(rows, r => r.Kind == "exception");
        Assert.Equal("[AllowRoleCrossing]: " + justification, exception.ToDo);
        Keep(HeadlessChromium.Screenshot(driver, "churnml-project-report.png"), "mlroles-report.png");

        // The filter: a file and line picks out its row of the edge list and the group it belongs to, and hides the rest.
        var line = labelled[^1].Substring(labelled[^1].LastIndexOf('/') + 1);
        AssertFilterShowsExactlyTheRowsContaining(driver, line);
        Assert.Equal(new[] { labelled[^1] }, VisibleRows(driver, "edge-list").Select(r => r[3]));
        Assert.NotEmpty(VisibleRows(driver, "groups"));
        Assert.Empty(VisibleRows(driver, "ownership"));
    }

    [Fact]
    public void The_repository_page_lists_the_kpi_rule_that_stops_a_rollout_under_its_project_and_filters_by_file()
    {
        var churn = ChurnSampleBuild.Of(_package);
        Assert.True(churn.Result.ExitCode == 0, churn.Result.Describe());
        var all = churn.LabelledViolations(ChurnSampleBuild.Marker);
        var guardrail = all.Where(v => v.StartsWith("src/Churn.Kpi/RevenueGuardrail.cs:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(guardrail);

        using var driver = HeadlessChromium.Start(1200, 1300);
        driver.Navigate().GoToUrl(new Uri(Path.Combine(churn.RepositoryReports, "mlroles-report.html")).AbsoluteUri);
        Assert.Equal("Repository role report", driver.Title);
        var summary = driver.FindElement(By.Id("summary")).Text;
        Assert.StartsWith($"{churn.Projects.Count} projects, ", summary, StringComparison.Ordinal);
        Assert.Contains($"{all.Count} violations in ", summary, StringComparison.Ordinal);

        // Business Analysis stops Production's roll-out: each use at its file and line, under the project it is in.
        var rows = ClickEdge(driver, "BusinessAnalysis", "Production");
        var violations = rows.Where(r => r.Kind == "violation").ToList();
        Assert.Equal(guardrail.Select(v => "Churn.Kpi: " + v), violations.Select(r => r.Where).OrderBy(w => w, StringComparer.Ordinal));
        Assert.All(violations, r => Assert.Equal(Path.Combine(churn.Sample, "src", "Churn.Kpi", "RevenueGuardrail.cs"), r.LinkedFile));
        Assert.All(violations, r => Assert.StartsWith("RevenueGuardrail.", r.User, StringComparison.Ordinal));
        Keep(HeadlessChromium.Screenshot(driver, "churnml-repository-report.png"), "mlroles-repository-report.png");

        // The filter over every table: the modelling experiment that opens the raw database.
        AssertFilterShowsExactlyTheRowsContaining(driver, "RawSignalProbe");
        var groups = VisibleRows(driver, "groups");
        Assert.Equal(
            all.Count(v => v.StartsWith("src/Churn.Modelling/RawSignalProbe.cs:", StringComparison.Ordinal)),
            groups.Sum(g => int.Parse(g[3], System.Globalization.CultureInfo.InvariantCulture)));
    }

    private sealed record EdgeRow(string Kind, string User, string Used, string Where, string ToDo, string? LinkedFile);

    /// <summary>Clicks the edge's label in the role graph and reads the list under it.</summary>
    private static List<EdgeRow> ClickEdge(IWebDriver driver, string from, string to)
    {
        driver.FindElement(By.CssSelector($"g.edge[data-from='{from}'][data-to='{to}'] text")).Click();
        Assert.Equal($"Edge {from} -> {to}", driver.FindElement(By.Id("edge-title")).Text);
        return driver.FindElements(By.CssSelector("#edge-list tbody tr")).Select(tr =>
        {
            var cells = tr.FindElements(By.TagName("td"));
            var links = cells[3].FindElements(By.TagName("a"));
            return new EdgeRow(cells[0].Text, cells[1].Text, cells[2].Text, cells[3].Text, cells[4].Text, links.Count == 1 ? HeadlessChromium.LinkedFile(links[0]) : null);
        }).ToList();
    }

    /// <summary>Types <paramref name="text"/> into the filter: every table row is shown exactly when it contains the text (any case).</summary>
    private static void AssertFilterShowsExactlyTheRowsContaining(IWebDriver driver, string text)
    {
        var filter = driver.FindElement(By.Id("filter"));
        filter.Clear();
        filter.SendKeys(text);
        var rows = driver.FindElements(By.CssSelector("tbody tr"));
        Assert.Contains(rows, r => r.Displayed);
        Assert.Contains(rows, r => !r.Displayed);
        foreach (var row in rows)
        {
            var content = row.GetDomProperty("textContent") ?? string.Empty;
            Assert.True(row.Displayed == content.Contains(text, StringComparison.OrdinalIgnoreCase), $"filter '{text}': row '{content}' is {(row.Displayed ? "shown" : "hidden")}");
        }
    }

    private static List<string[]> VisibleRows(IWebDriver driver, string table) =>
        driver.FindElements(By.CssSelector($"#{table} tbody tr")).Where(r => r.Displayed)
            .Select(r => r.FindElements(By.TagName("td")).Select(c => c.Text).ToArray()).ToList();

    /// <summary>With MLATSCALE_UPDATE_DOCS=1, the screenshot also replaces the documentation's image of that name.</summary>
    private void Keep(string screenshot, string documentationImage)
    {
        if (Environment.GetEnvironmentVariable("MLATSCALE_UPDATE_DOCS") == "1")
        {
            File.Copy(screenshot, Path.Combine(_package.RepositoryRoot, "docs", "images", documentationImage), overwrite: true);
        }
    }
}
