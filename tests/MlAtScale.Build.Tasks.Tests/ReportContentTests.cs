using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

public sealed class ReportContentTests
{
    internal const string Pipeline = """
        using MlAtScale;
        namespace Demo.Ingest
        {
            [DataEngineering] public class Loader { public static int Load() => 1; }
        }
        namespace Demo.Train
        {
            [DataScience] public class Trainer { public int Fit() => Demo.Ingest.Loader.Load(); }
        }
        namespace Demo.Serve
        {
            [Production] public class Host
            {
                public int Run() => new Demo.Train.Trainer().Fit();
                public Demo.Shared.Schema? Input;
            }
            [Production, AllowRoleCrossing("DataEngineering", Justification = "warm the cache")]
            public class Warm { public int W() => Demo.Ingest.Loader.Load(); }
        }
        namespace Demo.Shared { [RoleContract] public class Schema { } }
        namespace Demo.Util { public static class Text { public static string Trim(string s) => s.Trim(); } }
        """;

    internal static readonly Dictionary<string, string> PipelineSources = new() { ["Pipeline.cs"] = Pipeline };

    internal const string PipelinePolicy = "DataScience -> DataEngineering\n";

    [Fact]
    public void Lists_exactly_the_ownership_edges_and_violations_of_a_real_build()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Pipeline", PipelineSources, PipelinePolicy);
        var engine = new FakeBuildEngine();
        var task = scenario.Task("Pipeline", compiled, engine);

        Assert.True(task.Execute());
        Assert.Empty(engine.Warnings);
        Assert.Empty(engine.Errors);

        var json = Scenario.Json(Path.Combine(task.ReportDirectory, "mlroles-report.json"));
        Assert.Equal(3, json.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("project", json.GetProperty("kind").GetString());
        var project = json.GetProperty("project");
        Assert.Equal("src/Pipeline/Pipeline.csproj", project.GetProperty("path").GetString());
        Assert.Equal("src/Pipeline/obj/Pipeline.dll", project.GetProperty("assembly").GetString());
        Assert.Equal(new[] { "src/Pipeline/MlRoles.txt" }, project.GetProperty("policyFiles").EnumerateArray().Select(e => e.GetString()));

        Assert.Equal(
            new[]
            {
                "DataEngineering: T:Demo.Ingest.Loader",
                "DataScience: T:Demo.Train.Trainer",
                "Production: T:Demo.Serve.Host, T:Demo.Serve.Warm",
            },
            json.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("name").GetString() + ": " + string.Join(", ", r.GetProperty("types").EnumerateArray().Select(t => t.GetProperty("id").GetString()))));
        var production = json.GetProperty("roles")[2];
        Assert.Equal(
            new[] { "F:Demo.Serve.Host.Input", "M:Demo.Serve.Host.#ctor", "M:Demo.Serve.Host.Run", "M:Demo.Serve.Warm.#ctor", "M:Demo.Serve.Warm.W" },
            production.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(new[] { "T:Demo.Shared.Schema" }, json.GetProperty("contracts").GetProperty("types").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(new[] { "T:Demo.Util.Text" }, json.GetProperty("unowned").GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(new[] { "M:Demo.Util.Text.Trim(System.String)" }, json.GetProperty("unowned").GetProperty("members").EnumerateArray().Select(t => t.GetString()));

        var summary = json.GetProperty("summary");
        Assert.Equal(3, summary.GetProperty("roles").GetInt32());
        Assert.Equal((6, 4, 1, 1), Counts(summary.GetProperty("types")));
        Assert.Equal(4, summary.GetProperty("edges").GetInt32());
        Assert.Equal(3, summary.GetProperty("crossings").GetInt32());
        Assert.Equal(2, summary.GetProperty("violations").GetInt32());

        Assert.Equal(
            new[]
            {
                "DataScience->DataEngineering allowed=1 contract=0 exception=0 violations=0 []",
                "Production->DataEngineering allowed=0 contract=0 exception=1 violations=0 [warm the cache x1]",
                "Production->DataScience allowed=0 contract=0 exception=0 violations=2 []",
                "Production->(none) allowed=0 contract=1 exception=0 violations=0 []",
            },
            json.GetProperty("edges").EnumerateArray().Select(e =>
                $"{e.GetProperty("from").GetString()}->{e.GetProperty("to").GetString() ?? "(none)"} allowed={e.GetProperty("allowed")} contract={e.GetProperty("contract")} exception={e.GetProperty("exception")} violations={e.GetProperty("violations")} [{string.Join(", ", e.GetProperty("justifications").EnumerateArray().Select(j => j.GetProperty("text").GetString() + " x" + j.GetProperty("uses")))}]"));

        var trainer = Compiler.Position(Pipeline, "Trainer().Fit");
        var fit = Compiler.Position(Pipeline, "Fit();");
        Assert.Equal(
            new[]
            {
                $"src/Pipeline/Pipeline.cs({trainer.Line},{trainer.Column}) MLR0001 warning Production->DataScience M:Demo.Serve.Host.Run uses T:Demo.Train.Trainer",
                $"src/Pipeline/Pipeline.cs({fit.Line},{fit.Column}) MLR0001 warning Production->DataScience M:Demo.Serve.Host.Run uses M:Demo.Train.Trainer.Fit",
            },
            json.GetProperty("violations").EnumerateArray().Select(Describe));

        // Permitted uses are counted per edge, kind, used assembly and allowance (the analyzer's MLR0006
        // records at the end of the compilation), not listed per use.
        Assert.False(json.TryGetProperty("crossings", out _));
        Assert.Equal(
            new[]
            {
                "contract Production->(none) in Pipeline uses=1",
                "exception Production->DataEngineering in Pipeline by M:Demo.Serve.Warm.W 'warm the cache' expires=(none) expired=False uses=1",
                "policy DataScience->DataEngineering in Pipeline uses=1",
            },
            json.GetProperty("permitted").EnumerateArray().Select(DescribePermitted));
    }

    internal static string DescribePermitted(JsonElement p) =>
        $"{p.GetProperty("kind").GetString()} {p.GetProperty("from").GetString()}->{p.GetProperty("to").GetString() ?? "(none)"} in {p.GetProperty("usedAssembly").GetString()}" +
        (p.TryGetProperty("user", out var user) ? $" by {user.GetString()} '{p.GetProperty("justification").GetString()}' expires={p.GetProperty("expires").GetString() ?? "(none)"} expired={p.GetProperty("expired").GetBoolean()}" : string.Empty) +
        $" uses={p.GetProperty("uses").GetInt32()}";

    [Fact]
    public void Prints_one_high_importance_line_and_returns_the_report_files()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Pipeline", PipelineSources, PipelinePolicy);
        var engine = new FakeBuildEngine();
        var task = scenario.Task("Pipeline", compiled, engine, reportDirectory: "obj/report");

        Assert.True(task.Execute());

        var high = engine.Messages.Where(m => m.Importance == Microsoft.Build.Framework.MessageImportance.High).Select(m => m.Message).ToList();
        Assert.Equal(new[] { "MlAtScale: Pipeline role report obj/report/mlroles-report.md - 3 roles, 4 owned types, 4 edges, 2 violations in 1 group" }, high);
        Assert.Equal(
            new[] { Path.Combine(scenario.ProjectDirectory("Pipeline"), "obj", "report", "mlroles-report.json"), Path.Combine(scenario.ProjectDirectory("Pipeline"), "obj", "report", "mlroles-report.md"), Path.Combine(scenario.ProjectDirectory("Pipeline"), "obj", "report", "mlroles-report.html") },
            task.ReportFiles.Select(i => i.ItemSpec));
    }

    [Fact]
    public void Markdown_has_a_mermaid_graph_of_roles_and_edges_and_the_violation_table()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Pipeline", PipelineSources, PipelinePolicy);
        var task = scenario.Task("Pipeline", compiled, new FakeBuildEngine());
        Assert.True(task.Execute());

        var markdown = File.ReadAllText(Path.Combine(task.ReportDirectory, "mlroles-report.md"));
        var graph = markdown.Substring(markdown.IndexOf("```mermaid\n", System.StringComparison.Ordinal));
        graph = graph.Substring(0, graph.IndexOf("\n```\n", 12, System.StringComparison.Ordinal));
        Assert.Equal(
            """
            ```mermaid
            graph LR
              r_DataEngineering["DataEngineering<br/>1 type"]
              r_DataScience["DataScience<br/>1 type"]
              r_Production["Production<br/>2 types"]
              contracts(["unowned contracts"])
              r_DataScience -->|"1 allowed"| r_DataEngineering
              r_Production -->|"1 by exception"| r_DataEngineering
              r_Production ==>|"2 violations"| r_DataScience
              r_Production -->|"1 via contract"| contracts
              linkStyle 2 stroke:#d73a49,stroke-width:3px
              linkStyle 1 stroke:#8250df,stroke-width:2px
              linkStyle 0,3 stroke:#1a7f37,stroke-width:2px
            """.Replace("\r\n", "\n"),
            graph);
        var trainer = Compiler.Position(Pipeline, "Trainer().Fit");
        Assert.Contains($"| `src/Pipeline/Pipeline.cs({trainer.Line},{trainer.Column})` | MLR0001 (warning) | Production | DataScience | `Host.Run` | `Train.Trainer` | `[RoleContract]` |\n", markdown);
        Assert.Contains("| Production | DataScience | `Train.Trainer` | 2 | `[RoleContract]` | `src/Pipeline/Pipeline.cs(14,", markdown);
        Assert.Contains("Edge colours: red, violations; amber, baselined or suppressed violations only; purple, allowed by exception; green, allowed by the policy or a contract.\n", markdown);
        Assert.Contains("| `M:Demo.Serve.Warm.W` | Production | DataEngineering | warm the cache | never | 1 |\n", markdown);
    }

    [Fact]
    public void Ownership_follows_the_analyzer_precedence_for_policy_namespaces_symbols_assembly_and_custom_roles()
    {
        const string source = """
            using MlAtScale;
            [assembly: BusinessAnalysis]
            namespace Acme.Etl.Raw
            {
                public class Reader { public void Read() { } public void Export() { } }
                [DataScience] public class Special { public void Tune() { } }
                [MlRole("Labeling")] public class Labels { }
                [MlRole("Nope")] public class Unknown { }
            }
            namespace Acme.Kpi { public class Dashboard { } }
            namespace Acme.Models
            {
                public interface IModel { }
                public class Forest : IModel { }
                public class Scorer { }
            }
            """;
        const string policy = """
            role Labeling
            N:Acme.Etl = DataEngineering
            M:Acme.Etl.Raw.Reader.Export = Production
            M:Acme.Etl.Raw.Special.Tune = Production
            T:Acme.Models.Scorer = DataScience
            T:Acme.Models.IModel+ = contract
            """;
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Acme", new Dictionary<string, string> { ["Acme.cs"] = source }, policy);
        var engine = new FakeBuildEngine();
        var task = scenario.Task("Acme", compiled, engine);

        Assert.True(task.Execute());
        Assert.Empty(engine.Warnings);

        var json = Scenario.Json(Path.Combine(task.ReportDirectory, "mlroles-report.json"));
        var owned = json.GetProperty("roles").EnumerateArray()
            .SelectMany(r => r.GetProperty("types").EnumerateArray().Concat(r.GetProperty("members").EnumerateArray())
                .Select(s => $"{s.GetProperty("id").GetString()} = {r.GetProperty("name").GetString()} ({s.GetProperty("source").GetString()})"))
            .OrderBy(s => s, System.StringComparer.Ordinal);
        Assert.Equal(
            new[]
            {
                "M:Acme.Etl.Raw.Labels.#ctor = Labeling (attribute)",
                "M:Acme.Etl.Raw.Reader.#ctor = DataEngineering (policyNamespace)",
                "M:Acme.Etl.Raw.Reader.Export = Production (policySymbol)",
                "M:Acme.Etl.Raw.Reader.Read = DataEngineering (policyNamespace)",
                "M:Acme.Etl.Raw.Special.#ctor = DataScience (attribute)",
                "M:Acme.Etl.Raw.Special.Tune = DataScience (attribute)",
                "M:Acme.Etl.Raw.Unknown.#ctor = DataEngineering (policyNamespace)",
                "M:Acme.Kpi.Dashboard.#ctor = BusinessAnalysis (assemblyAttribute)",
                "M:Acme.Models.Forest.#ctor = BusinessAnalysis (assemblyAttribute)",
                "M:Acme.Models.Scorer.#ctor = DataScience (policySymbol)",
                "T:Acme.Etl.Raw.Labels = Labeling (attribute)",
                "T:Acme.Etl.Raw.Reader = DataEngineering (policyNamespace)",
                "T:Acme.Etl.Raw.Special = DataScience (attribute)",
                "T:Acme.Etl.Raw.Unknown = DataEngineering (policyNamespace)",
                "T:Acme.Kpi.Dashboard = BusinessAnalysis (assemblyAttribute)",
                "T:Acme.Models.Forest = BusinessAnalysis (assemblyAttribute)",
                "T:Acme.Models.IModel = BusinessAnalysis (assemblyAttribute)",
                "T:Acme.Models.Scorer = DataScience (policySymbol)",
            },
            owned);
        Assert.Equal(
            new[] { "T:Acme.Models.Forest (policySymbol)", "T:Acme.Models.IModel (policySymbol)" },
            json.GetProperty("contracts").GetProperty("types").EnumerateArray().Select(t => $"{t.GetProperty("id").GetString()} ({t.GetProperty("source").GetString()})"));
        Assert.Equal(0, json.GetProperty("unowned").GetProperty("types").GetArrayLength());

        // MLR0005 for the unknown role reaches the report as another role diagnostic, with its location.
        var unknown = Compiler.Position(source, "\"Nope\"");
        Assert.Equal(
            new[] { $"MLR0005 warning src/Acme/Acme.cs({unknown.Line},{unknown.Column})" },
            json.GetProperty("diagnostics").EnumerateArray().Select(d => $"{d.GetProperty("ruleId").GetString()} {d.GetProperty("level").GetString()} {d.GetProperty("file").GetString()}({d.GetProperty("line")},{d.GetProperty("column")})"));
    }

    private static (int, int, int, int) Counts(JsonElement e) =>
        (e.GetProperty("total").GetInt32(), e.GetProperty("owned").GetInt32(), e.GetProperty("contract").GetInt32(), e.GetProperty("unowned").GetInt32());

    private static string Describe(JsonElement u) =>
        $"{u.GetProperty("file").GetString()}({u.GetProperty("line")},{u.GetProperty("column")}) {u.GetProperty("ruleId").GetString()} {u.GetProperty("level").GetString()} {u.GetProperty("from").GetString()}->{u.GetProperty("to").GetString() ?? "(none)"} {u.GetProperty("user").GetString()} uses {u.GetProperty("used").GetString()}";
}
