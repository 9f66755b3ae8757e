using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>
/// A suppressed violation is still a use of its edge: however it was suppressed (#pragma,
/// [SuppressMessage], a severity of none in a .globalconfig, NoWarn), the edge keeps it, counted as
/// suppressed, and the report lists it with how it was suppressed. Real csc runs with the analyzer.
/// </summary>
public sealed class SuppressedEdgeReportTests
{
    private const string Code = """
        using MlAtScale;
        namespace Contoso
        {
            [Production] public static class Host { public static void Deploy() { } }

            [DataScience] public static class Trainer
            {
                public static void Open() => Host.Deploy();
        #pragma warning disable MLR0001
                public static void Hushed() => Host.Deploy();
        #pragma warning restore MLR0001
                [System.Diagnostics.CodeAnalysis.SuppressMessage("MlRoles", "MLR0001", Justification = "legacy job")]
                public static void Excused() => Host.Deploy();
            }
        }
        """;

    private static readonly Dictionary<string, string> Sources = new() { ["Code.cs"] = Code };

    [Fact]
    public void Pragma_and_SuppressMessage_keep_the_edge_with_a_suppressed_count_beside_the_violation()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("App", Sources);
        var (json, markdown, summary, repository) = Report(scenario, compiled);

        Assert.Equal(new[] { "DataScience->Production uses=3 violations=1 baselined=0 suppressed=2" }, Edges(json));
        Assert.Equal(
            new[] { $"pragma M:Contoso.Trainer.Hushed {At(2)}", $"suppressMessage M:Contoso.Trainer.Excused {At(3)}" },
            Suppressions(json));
        Assert.Equal(2, json.GetProperty("summary").GetProperty("suppressedViolations").GetInt32());
        Assert.Equal("MlAtScale: App role report obj/report/mlroles-report.md - 2 roles, 2 owned types, 1 edge, 1 violation in 1 group, 2 suppressed", summary);
        Assert.Contains("  r_DataScience ==>|\"1 violation, 2 suppressed\"| r_Production\n", markdown);
        Assert.Contains("| from | to | allowed | via contract | by exception | violations | baselined | suppressed |\n", markdown);
        Assert.Contains("| DataScience | Production | 0 | 0 | 0 | 1 | 0 | 2 |\n", markdown);
        Assert.Contains("2 violations suppressed (pragma 1, suppressMessage 1).\n", markdown);
        Assert.Equal(new[] { "DataScience->Production uses=3 violations=1 baselined=0 suppressed=2" }, Edges(repository));
    }

    [Theory]
    [InlineData("globalconfig")]
    [InlineData("nowarn")]
    public void An_option_that_turns_the_rule_off_keeps_the_edge_and_counts_every_violation_as_suppressed(string how)
    {
        using var scenario = new Scenario();
        var compiled = how == "nowarn"
            ? scenario.Compile("App", Sources, options: new[] { "/nowarn:MLR0001" })
            : scenario.Compile("App", Sources, globalConfig: "dotnet_diagnostic.MLR0001.severity = none\n");
        var (json, markdown, summary, repository) = Report(scenario, compiled);

        // Before, the option erased the edge: 0 edges, and the violations only in a list beside it.
        Assert.Equal(new[] { "DataScience->Production uses=3 violations=0 baselined=0 suppressed=3" }, Edges(json));
        Assert.Equal(
            new[] { $"{how} M:Contoso.Trainer.Excused {At(3)}", $"{how} M:Contoso.Trainer.Hushed {At(2)}", $"{how} M:Contoso.Trainer.Open {At(1)}" },
            Suppressions(json).OrderBy(s => s, System.StringComparer.Ordinal));
        Assert.Empty(json.GetProperty("violations").EnumerateArray());
        Assert.Equal($"MlAtScale: App role report obj/report/mlroles-report.md - 2 roles, 2 owned types, 1 edge, 0 violations, 3 suppressed", summary);
        Assert.Contains("  r_DataScience -.->|\"3 suppressed\"| r_Production\n", markdown);
        Assert.Contains("| DataScience | Production | 0 | 0 | 0 | 0 | 0 | 3 |\n", markdown);
        Assert.Contains($"None. 3 violations suppressed ({how} 3).\n", markdown);
        Assert.Equal(new[] { "DataScience->Production uses=3 violations=0 baselined=0 suppressed=3" }, Edges(repository));
    }

    [Fact]
    public void An_edge_without_suppressed_uses_has_no_suppressed_property()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("App", new Dictionary<string, string> { ["Code.cs"] = Code.Replace("#pragma warning disable MLR0001", string.Empty).Replace("[System.Diagnostics.CodeAnalysis.SuppressMessage(\"MlRoles\", \"MLR0001\", Justification = \"legacy job\")]", string.Empty) });
        var (json, _, _, _) = Report(scenario, compiled);

        var edge = Assert.Single(json.GetProperty("edges").EnumerateArray());
        Assert.Equal(3, edge.GetProperty("violations").GetInt32());
        Assert.False(edge.TryGetProperty("suppressed", out _));
        Assert.False(json.TryGetProperty("suppressions", out _));
    }

    /// <summary>The n-th call of Deploy (1-based) as line,column.</summary>
    private static string At(int occurrence)
    {
        var (line, column) = Compiler.Position(Code, "Deploy();", occurrence);
        return $"{line},{column}";
    }

    private static (JsonElement Json, string Markdown, string Summary, JsonElement Repository) Report(Scenario scenario, Compiled compiled)
    {
        var engine = new FakeBuildEngine();
        var task = scenario.Task("App", compiled, engine, reportDirectory: "obj/report");
        task.RepositoryReport = true;
        Assert.True(task.Execute());
        Assert.Empty(engine.Warnings);
        var folder = Path.Combine(scenario.ProjectDirectory("App"), "obj", "report");
        return (
            Scenario.Json(Path.Combine(folder, "mlroles-report.json")),
            File.ReadAllText(Path.Combine(folder, "mlroles-report.md")),
            task.Summary,
            Scenario.Json(Path.Combine(scenario.Root, "artifacts", "mlroles", "mlroles-report.json")));
    }

    private static IEnumerable<string> Edges(JsonElement report) =>
        report.GetProperty("edges").EnumerateArray().Select(e =>
            $"{e.GetProperty("from").GetString()}->{e.GetProperty("to").GetString()} uses={e.GetProperty("uses")} violations={e.GetProperty("violations")} baselined={e.GetProperty("baselined")} suppressed={(e.TryGetProperty("suppressed", out var s) ? s.GetInt32() : 0)}");

    private static IEnumerable<string> Suppressions(JsonElement report) =>
        report.GetProperty("suppressions").EnumerateArray().Select(s =>
            $"{s.GetProperty("suppressedBy").GetString()} {s.GetProperty("user").GetString()} {s.GetProperty("line")},{s.GetProperty("column")}");
}
