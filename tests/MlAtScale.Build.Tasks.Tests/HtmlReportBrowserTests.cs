using System;
using System.IO;
using System.Linq;
using MlAtScale.Tests.Shared;
using OpenQA.Selenium;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>
/// The HTML report in a real browser (Debian's chromium, headless, through chromedriver): the page of a real
/// build loads without network, an edge of the role graph (its count label) lists its uses when clicked, its file links open the
/// source from disk, and the filter hides rows.
/// A screenshot is kept under artifacts/ui for CI. (The ChurnMl sample's pages are tested the same way by the integration tests.)
/// </summary>
public sealed class HtmlReportBrowserTests
{
    [Fact]
    public void Clicking_an_edge_lists_its_violations_and_the_filter_narrows_the_tables()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Pipeline", ReportContentTests.PipelineSources, ReportContentTests.PipelinePolicy);
        var task = scenario.Task("Pipeline", compiled, new FakeBuildEngine());
        Assert.True(task.Execute());
        var page = Path.Combine(task.ReportDirectory, "mlroles-report.html");
        Assert.True(File.Exists(page));

        using var driver = HeadlessChromium.Start(1100, 1400);
        driver.Navigate().GoToUrl(new Uri(page).AbsoluteUri);

        Assert.Equal("Role report: Pipeline", driver.Title);
        Assert.StartsWith("3 roles, 4 edges, 2 violations in 1 group, 1 allowance", driver.FindElement(By.Id("summary")).Text, StringComparison.Ordinal);

        // Production -> DataScience: Host.Run creates a Trainer and calls Fit, two violations of one cause.
        driver.FindElement(By.CssSelector("g.edge[data-from='Production'][data-to='DataScience'] text")).Click();
        Assert.Equal("Edge Production -> DataScience", driver.FindElement(By.Id("edge-title")).Text);
        var rows = driver.FindElements(By.CssSelector("#edge-list tbody tr")).Select(r => r.Text).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("violation Host.Run ", r, StringComparison.Ordinal));
        Assert.Contains("violation Host.Run Trainer.Fit src/Pipeline/Pipeline.cs:14 [RoleContract]", rows);
        Assert.Contains("violation Host.Run Train.Trainer src/Pipeline/Pipeline.cs:14 [RoleContract]", rows);

        // The file link shows the repository-relative path and, opened from disk, leads to the source file itself.
        var link = driver.FindElements(By.CssSelector("#edge-list tbody tr a")).First();
        Assert.Equal("src/Pipeline/Pipeline.cs:14", link.Text);
        Assert.Equal(Path.Combine(scenario.Root, "src", "Pipeline", "Pipeline.cs"), HeadlessChromium.LinkedFile(link));

        // The group and what settles it: the used type is the project's own, so [RoleContract] on it.
        var group = Assert.Single(driver.FindElements(By.CssSelector("#groups tbody tr"))).Text;
        Assert.Equal("Production DataScience Train.Trainer 2 [RoleContract] src/Pipeline/Pipeline.cs:14, src/Pipeline/Pipeline.cs:14", group);

        // An exception edge lists the allowance with its justification.
        driver.FindElement(By.CssSelector("g.edge[data-from='Production'][data-to='DataEngineering'] text")).Click();
        Assert.Contains("[AllowRoleCrossing]: warm the cache", Assert.Single(driver.FindElements(By.CssSelector("#edge-list tbody tr"))).Text, StringComparison.Ordinal);

        driver.FindElement(By.CssSelector("g.edge[data-from='Production'][data-to='DataScience'] text")).Click();
        HeadlessChromium.Screenshot(driver, "pipeline-report.png");

        driver.FindElement(By.Id("filter")).SendKeys("Demo.Ingest");
        var owned = driver.FindElements(By.CssSelector("#ownership tbody tr")).Where(r => r.Displayed).Select(r => r.Text).ToList();
        Assert.Equal(new[] { "DataEngineering Demo.Ingest 1" }, owned);
    }
}
