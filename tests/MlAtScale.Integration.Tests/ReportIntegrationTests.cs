using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using static MlAtScale.Integration.Tests.SourcePosition;

namespace MlAtScale.Integration.Tests;

/// <summary>The role-ownership report of real `dotnet build`s of consumers of the packed package.</summary>
[Collection(PackageCollection.Name)]
public sealed class ReportIntegrationTests
{
    private const string ReportJson = "App/obj/Debug/net10.0/mlroles-report.json";
    private const string ReportMarkdown = "App/obj/Debug/net10.0/mlroles-report.md";
    private const string ReportStamp = "App/obj/Debug/net10.0/App.mlroles-report.stamp";

    private readonly PackageFixture _package;

    public ReportIntegrationTests(PackageFixture package) => _package = package;

    [Fact]
    public void Build_writes_the_report_listing_exactly_the_known_violation_and_prints_one_line()
    {
        var root = _package.CreateConsumerRoot("report-single");
        root.WriteProject("App/App.csproj");
        root.Write("App/Pipeline.cs", Sources.AttributedCrossing);

        var result = root.Build("App/App.csproj");

        Assert.True(result.ExitCode == 0, result.Describe());
        var lines = result.Output.Split('\n').Where(l => l.Contains("MlAtScale: ", StringComparison.Ordinal) && l.Contains(" role report ", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("MlAtScale: App role report obj/Debug/net10.0/mlroles-report.md - 2 roles, 1 owned type, 1 edge, 1 violation in 1 group", Assert.Single(lines, l => l.StartsWith("MlAtScale: App ", StringComparison.Ordinal)));

        // The repository-wide report is announced too, with its path.
        var repository = Assert.Single(lines, l => l.StartsWith("MlAtScale: repository ", StringComparison.Ordinal));
        Assert.StartsWith("MlAtScale: repository role report - 1 project, 2 roles, 1 owned type, 1 edge (0 cross-project), 1 violation in 1 group in ", repository, StringComparison.Ordinal);
        Assert.EndsWith("mlroles-report.md", repository, StringComparison.Ordinal);

        // No .git and no solution: paths are relative to the project folder.
        using var json = JsonDocument.Parse(File.ReadAllBytes(root.FullPath(ReportJson)));
        var (line, column) = Of(Sources.AttributedCrossing, Sources.UseMarker);
        Assert.Equal(
            new[] { $"Pipeline.cs({line},{column}) MLR0001 DataScience->Production" },
            json.RootElement.GetProperty("violations").EnumerateArray().Select(v =>
                $"{v.GetProperty("file").GetString()}({v.GetProperty("line")},{v.GetProperty("column")}) {v.GetProperty("ruleId").GetString()} {v.GetProperty("from").GetString()}->{v.GetProperty("to").GetString()}"));
        Assert.Equal("App.csproj", json.RootElement.GetProperty("project").GetProperty("path").GetString());
        Assert.Contains("```mermaid", File.ReadAllText(root.FullPath(ReportMarkdown)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_no_change_rebuild_leaves_the_report_untouched()
    {
        var root = _package.CreateConsumerRoot("report-nochange");
        root.WriteProject("App/App.csproj");
        root.Write("App/Pipeline.cs", Sources.AttributedCrossing);
        var first = root.Build("App/App.csproj");
        Assert.True(first.ExitCode == 0, first.Describe());
        var past = new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(root.FullPath(ReportJson), past);
        File.SetLastWriteTimeUtc(root.FullPath(ReportMarkdown), past);
        var before = File.ReadAllBytes(root.FullPath(ReportJson));

        // Nothing changed: the report target is up to date (its stamp is newer than every input) and does no work;
        // the build still prints the summary line of the report on disk.
        var second = root.Build("App/App.csproj", "--no-restore");
        Assert.True(second.ExitCode == 0, second.Describe());
        Assert.Contains("MlAtScale: App role report obj/Debug/net10.0/mlroles-report.md - 2 roles, 1 owned type, 1 edge, 1 violation in 1 group", second.Output, StringComparison.Ordinal);
        Assert.Equal(past, File.GetLastWriteTimeUtc(root.FullPath(ReportJson)));

        // Forced to run again (stamp older than the inputs), it finds identical content and must not
        // rewrite (nor touch) the report files.
        File.SetLastWriteTimeUtc(root.FullPath(ReportStamp), past);
        var third = root.Build("App/App.csproj", "--no-restore");

        Assert.True(third.ExitCode == 0, third.Describe());
        Assert.Contains("MlAtScale: App role report", third.Output, StringComparison.Ordinal);
        Assert.Equal(past, File.GetLastWriteTimeUtc(root.FullPath(ReportJson)));
        Assert.Equal(past, File.GetLastWriteTimeUtc(root.FullPath(ReportMarkdown)));
        Assert.Equal(before, File.ReadAllBytes(root.FullPath(ReportJson)));
    }

    [Fact]
    public void Opt_out_writes_no_report()
    {
        var root = _package.CreateConsumerRoot("report-optout");
        root.WriteProject("App/App.csproj");
        root.Write("App/Pipeline.cs", Sources.AttributedCrossing);

        var result = root.Build("App/App.csproj", "-p:MlAtScaleReport=false");

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.False(File.Exists(root.FullPath(ReportJson)));
        Assert.False(File.Exists(root.FullPath("App/obj/Debug/net10.0/App.mlroles.sarif")));
        Assert.DoesNotContain("MlAtScale: App role report", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Parallel_solution_build_gives_one_repository_report_with_every_project()
    {
        var root = _package.CreateConsumerRoot("report-multi");
        root.WriteProject("Data/Data.csproj");
        root.Write("Data/Data.cs", """
            using MlAtScale;
            namespace Shop.Data;
            [DataEngineering] public static class Orders { public static int Count() => 1; }
            """);
        root.WriteProject("Models/Models.csproj", """
              <ItemGroup><ProjectReference Include="../Data/Data.csproj" /></ItemGroup>
            """);
        root.Write("Models/Models.cs", """
            using MlAtScale;
            namespace Shop.Models;
            [DataScience] public static class Churn { public static int Train() => Shop.Data.Orders.Count(); }
            """);
        root.WriteProject("Serving/Serving.csproj");
        root.Write("Serving/Serving.cs", """
            using MlAtScale;
            namespace Shop.Serving;
            [Production] public static class Host { public static void Run() { } }
            """);
        root.Write("Shop.slnx", """
            <Solution>
              <Project Path="Data/Data.csproj" />
              <Project Path="Models/Models.csproj" />
              <Project Path="Serving/Serving.csproj" />
            </Solution>
            """);

        var result = root.Build("Shop.slnx", "-m:3");

        Assert.True(result.ExitCode == 0, result.Describe());
        using var json = JsonDocument.Parse(File.ReadAllBytes(root.FullPath("artifacts/mlroles/mlroles-report.json")));
        Assert.Equal(
            new[] { "Data/Data.csproj", "Models/Models.csproj", "Serving/Serving.csproj" },
            json.RootElement.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("path").GetString()));
        Assert.Equal(
            new[] { "Models/Models.csproj -> Data/Data.csproj DataScience->DataEngineering violations=1" },
            json.RootElement.GetProperty("crossProjectEdges").EnumerateArray().Select(e =>
                $"{e.GetProperty("fromProject").GetString()} -> {e.GetProperty("toProject").GetString()} {e.GetProperty("from").GetString()}->{e.GetProperty("to").GetString()} violations={e.GetProperty("violations")}"));
    }
}
