using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>
/// The report on a real build with a role baseline (MlRoles.baseline.txt as an AdditionalFile),
/// allowances with and without Expires, a pinned build date (so that two of them are MLR0007), and
/// unowned code: baselined violations, the allowance audit and the owned share.
/// </summary>
public sealed class BaselineAndAllowanceReportTests
{
    internal const string Shop = """
        using MlAtScale;
        namespace Shop.Data
        {
            [DataEngineering] public static class Orders { public static int Count() => 1; public static int Raw() => 2; }
        }
        namespace Shop.Models
        {
            [DataScience] public class Churn
            {
                public int Train() => Shop.Data.Orders.Count() + Shop.Data.Orders.Raw();
                public int Score() => Shop.Data.Orders.Count();
                [AllowRoleCrossing("Production", Justification = "shadow deploy until the rollout service exists", Expires = "2027-03-31")]
                public void Shadow() { Shop.Serve.Host.Deploy(); Shop.Serve.Host.Deploy(); }
                [AllowRoleCrossing("Production", Justification = "reads the live flag", Expires = "2027-12-31")]
                public bool Flag() => Shop.Serve.Host.Live;
            }
            [DataScience, AllowRoleCrossing("DataEngineering", Justification = "legacy export", Expires = "2027-01-15")]
            public class Export<T>
            {
                public int Dump() => Shop.Data.Orders.Raw();
                public int Size() => Shop.Data.Orders.Count();
            }
            [DataScience] public class Audit
            {
                [AllowRoleCrossing("Production", Justification = "audits deployments")]
                public bool Check() => Shop.Serve.Host.Live;
            }
        }
        namespace Shop.Serve
        {
            [Production] public static class Host { public static void Deploy() { } public static bool Live => true; }
        }
        namespace Shop.Util
        {
            [RoleContract] public class Row { }
            public class Helper { }
        }
        """;

    internal const string Baseline = """
        # MlAtScale role baseline
        M:Shop.Models.Churn.Train -> M:Shop.Data.Orders.Count : DataScience -> DataEngineering
        M:Shop.Models.Churn.Score -> M:Shop.Data.Orders.Count : DataScience -> DataEngineering
        M:Shop.Models.Churn.Gone -> M:Shop.Data.Orders.Count : DataScience -> DataEngineering

        """;

    internal static readonly Dictionary<string, string> Sources = new() { ["Shop.cs"] = Shop };

    internal static readonly Dictionary<string, string> BaselineFiles = new() { ["MlRoles.baseline.txt"] = Baseline.Replace("\r\n", "\n") };

    /// <summary>The build's date, as the package's targets pass it in (MlAtScaleCurrentDate); the report never reads the clock.</summary>
    internal const string BuildDate = "mlatscale.current_date = 2027-04-02\n";

    private static Compiled CompileShop(Scenario scenario) =>
        scenario.Compile("Shop", Sources, additionalFiles: BaselineFiles, globalConfig: BuildDate);

    [Fact]
    public void Baselined_violations_are_counted_per_edge_and_listed_but_never_as_violations()
    {
        using var scenario = new Scenario();
        var compiled = CompileShop(scenario);
        var engine = new FakeBuildEngine();
        var task = scenario.Task("Shop", compiled, engine, reportDirectory: "obj/report");

        Assert.True(task.Execute());
        Assert.Empty(engine.Warnings);

        var json = Scenario.Json(Path.Combine(scenario.ProjectDirectory("Shop"), "obj", "report", "mlroles-report.json"));
        Assert.Equal(3, json.GetProperty("schemaVersion").GetInt32());
        var summary = json.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("violations").GetInt32());
        Assert.Equal(2, summary.GetProperty("baselinedViolations").GetInt32());
        Assert.Equal(6, summary.GetProperty("crossings").GetInt32());
        Assert.Equal(2, summary.GetProperty("edges").GetInt32());

        Assert.Equal(
            new[]
            {
                "DataScience->DataEngineering uses=5 allowed=0 contract=0 exception=2 violations=1 baselined=2",
                "DataScience->Production uses=4 allowed=0 contract=0 exception=4 violations=0 baselined=0",
            },
            json.GetProperty("edges").EnumerateArray().Select(e =>
                $"{e.GetProperty("from").GetString()}->{e.GetProperty("to").GetString()} uses={e.GetProperty("uses")} allowed={e.GetProperty("allowed")} contract={e.GetProperty("contract")} exception={e.GetProperty("exception")} violations={e.GetProperty("violations")} baselined={e.GetProperty("baselined")}"));

        var trainCount = Compiler.Position(Shop, "Count() + ");
        var trainRaw = Compiler.Position(Shop, "Raw();", 1);
        var scoreCount = Compiler.Position(Shop, "Count();", 1);
        Assert.Equal(
            new[]
            {
                $"src/Shop/Shop.cs({trainCount.Line},{trainCount.Column}) MLR0006 baseline DataScience->DataEngineering M:Shop.Models.Churn.Train uses M:Shop.Data.Orders.Count",
                $"src/Shop/Shop.cs({scoreCount.Line},{scoreCount.Column}) MLR0006 baseline DataScience->DataEngineering M:Shop.Models.Churn.Score uses M:Shop.Data.Orders.Count",
            },
            json.GetProperty("baselined").EnumerateArray().Select(Describe));
        Assert.Equal(
            new[] { $"src/Shop/Shop.cs({trainRaw.Line},{trainRaw.Column}) MLR0001 violation DataScience->DataEngineering M:Shop.Models.Churn.Train uses M:Shop.Data.Orders.Raw" },
            json.GetProperty("violations").EnumerateArray().Select(Describe));
        Assert.DoesNotContain(json.GetProperty("permitted").EnumerateArray(), c => c.GetProperty("kind").GetString() == "baseline");

        // The stale third line is MLR0008 at its own line in the baseline file.
        Assert.Equal(
            new[] { "MLR0007 src/Shop/Shop.cs", "MLR0007 src/Shop/Shop.cs", "MLR0008 src/Shop/MlRoles.baseline.txt(4,1)" },
            json.GetProperty("diagnostics").EnumerateArray()
                .Select(d => d.GetProperty("ruleId").GetString() + " " + d.GetProperty("file").GetString() + (d.GetProperty("ruleId").GetString() == "MLR0008" ? $"({d.GetProperty("line")},{d.GetProperty("column")})" : string.Empty))
                .OrderBy(s => s, System.StringComparer.Ordinal));

        Assert.Equal(
            new[] { "MlAtScale: Shop role report obj/report/mlroles-report.md - 3 roles, 5 owned types, 2 edges, 1 violation in 1 group, 2 baselined" },
            engine.Messages.Where(m => m.Importance == Microsoft.Build.Framework.MessageImportance.High).Select(m => m.Message));

        var markdown = File.ReadAllText(Path.Combine(scenario.ProjectDirectory("Shop"), "obj", "report", "mlroles-report.md"));
        Assert.Contains("  r_DataScience ==>|\"2 by exception, 1 violation, 2 baselined\"| r_DataEngineering\n", markdown);
        Assert.Contains("| DataScience | DataEngineering | 0 | 0 | 2 | 1 | 2 | 0 |\n", markdown);
        Assert.Contains("## Baselined violations\n\n2 baselined violations remain: recorded in the role baseline (`MlRoles.baseline.txt`), so not reported and not counted as violations. Fix them and delete their lines; the baseline only shrinks.\n", markdown);
        Assert.Contains($"| `src/Shop/Shop.cs({trainCount.Line},{trainCount.Column})` | DataScience | DataEngineering | `M:Shop.Models.Churn.Train` | `M:Shop.Data.Orders.Count` |\n", markdown);
        Assert.Contains($"| `src/Shop/Shop.cs({scoreCount.Line},{scoreCount.Column})` | DataScience | DataEngineering | `M:Shop.Models.Churn.Score` | `M:Shop.Data.Orders.Count` |\n", markdown);
    }

    [Fact]
    public void Every_allowance_is_listed_with_justification_expiry_and_uses_and_expired_ones_come_from_MLR0007()
    {
        using var scenario = new Scenario();
        var compiled = CompileShop(scenario);
        var task = scenario.Task("Shop", compiled, new FakeBuildEngine());
        Assert.True(task.Execute());

        var json = Scenario.Json(Path.Combine(task.ReportDirectory, "mlroles-report.json"));
        Assert.Equal(
            new[]
            {
                "M:Shop.Models.Audit.Check DataScience->Production 'audits deployments' expires=null expired=False uses=1",
                "M:Shop.Models.Churn.Flag DataScience->Production 'reads the live flag' expires=2027-12-31 expired=False uses=1",
                "M:Shop.Models.Churn.Shadow DataScience->Production 'shadow deploy until the rollout service exists' expires=2027-03-31 expired=True uses=2",
                "M:Shop.Models.Export`1.Dump DataScience->DataEngineering 'legacy export' expires=2027-01-15 expired=True uses=1",
                "M:Shop.Models.Export`1.Size DataScience->DataEngineering 'legacy export' expires=2027-01-15 expired=True uses=1",
            },
            json.GetProperty("allowances").EnumerateArray().Select(Allowance));
        Assert.Equal(5, json.GetProperty("summary").GetProperty("allowances").GetInt32());
        Assert.Equal(3, json.GetProperty("summary").GetProperty("expiredAllowances").GetInt32());

        // Each permitted entry of an allowance carries its expiry and its count too.
        Assert.Equal(
            new[]
            {
                "exception DataScience->DataEngineering in Shop by M:Shop.Models.Export`1.Dump 'legacy export' expires=2027-01-15 expired=True uses=1",
                "exception DataScience->DataEngineering in Shop by M:Shop.Models.Export`1.Size 'legacy export' expires=2027-01-15 expired=True uses=1",
                "exception DataScience->Production in Shop by M:Shop.Models.Audit.Check 'audits deployments' expires=(none) expired=False uses=1",
                "exception DataScience->Production in Shop by M:Shop.Models.Churn.Flag 'reads the live flag' expires=2027-12-31 expired=False uses=1",
                "exception DataScience->Production in Shop by M:Shop.Models.Churn.Shadow 'shadow deploy until the rollout service exists' expires=2027-03-31 expired=True uses=2",
            },
            json.GetProperty("permitted").EnumerateArray().Select(ReportContentTests.DescribePermitted).OrderBy(s => s, System.StringComparer.Ordinal));

        var markdown = File.ReadAllText(Path.Combine(task.ReportDirectory, "mlroles-report.md"));
        Assert.Contains("## Allowances\n\nEvery `[AllowRoleCrossing]` that permitted a use, per using member; 3 allowances have expired (MLR0007).\n\n| user | from | to | justification | expires | uses |\n|---|---|---|---|---|---:|\n", markdown);
        Assert.Contains("| `M:Shop.Models.Audit.Check` | DataScience | Production | audits deployments | never | 1 |\n", markdown);
        Assert.Contains("| `M:Shop.Models.Churn.Flag` | DataScience | Production | reads the live flag | 2027-12-31 | 1 |\n", markdown);
        Assert.Contains("| `M:Shop.Models.Churn.Shadow` | DataScience | Production | shadow deploy until the rollout service exists | 2027-03-31 **(expired)** | 2 |\n", markdown);
        Assert.Contains("| `` M:Shop.Models.Export`1.Dump `` | DataScience | DataEngineering | legacy export | 2027-01-15 **(expired)** | 1 |\n", markdown);
    }

    [Fact]
    public void Without_a_build_date_nothing_is_expired()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Shop", Sources, additionalFiles: BaselineFiles);
        var task = scenario.Task("Shop", compiled, new FakeBuildEngine());
        Assert.True(task.Execute());

        var json = Scenario.Json(Path.Combine(task.ReportDirectory, "mlroles-report.json"));
        Assert.Equal(5, json.GetProperty("allowances").GetArrayLength());
        Assert.All(json.GetProperty("allowances").EnumerateArray(), a => Assert.False(a.GetProperty("expired").GetBoolean()));
        Assert.Equal(0, json.GetProperty("summary").GetProperty("expiredAllowances").GetInt32());
        Assert.Contains("per using member.\n\n", File.ReadAllText(Path.Combine(task.ReportDirectory, "mlroles-report.md")));
    }

    [Fact]
    public void Owned_share_counts_owned_and_contract_types_and_is_shown_per_project()
    {
        using var scenario = new Scenario();
        var compiled = CompileShop(scenario);
        var task = scenario.Task("Shop", compiled, new FakeBuildEngine());
        Assert.True(task.Execute());

        // Types: Orders, Churn, Export`1, Audit, Host (owned), Row (contract), Helper (unowned): 6 of 7.
        var types = Scenario.Json(Path.Combine(task.ReportDirectory, "mlroles-report.json")).GetProperty("summary").GetProperty("types");
        Assert.Equal("total=7 owned=5 contract=1 unowned=1 ownedShare=85.7", Counts(types));
        var markdown = File.ReadAllText(Path.Combine(task.ReportDirectory, "mlroles-report.md"));
        Assert.Contains("Owned share: 85.7% of types have a role owner or are contracts (5 owned / 1 contract / 1 unowned of 7 types).\n", markdown);
    }

    [Fact]
    public void Repository_report_counts_baselined_violations_and_allowances_once_over_target_frameworks()
    {
        using var scenario = new Scenario();
        var compiled = CompileShop(scenario);
        foreach (var framework in new[] { "net8.0", "net10.0" })
        {
            var engine = new FakeBuildEngine();
            var task = scenario.Task("Shop", compiled, engine, reportDirectory: Path.Combine(scenario.ProjectDirectory("Shop"), "obj", framework));
            task.TargetFramework = framework;
            task.RepositoryReport = true;
            Assert.True(task.Execute());
            Assert.Empty(engine.Warnings);
        }

        var combined = Path.Combine(scenario.Root, "artifacts", "mlroles");
        var json = Scenario.Json(Path.Combine(combined, "mlroles-report.json"));
        var summary = json.GetProperty("summary");
        Assert.Equal(2, summary.GetProperty("projectBuilds").GetInt32());
        Assert.Equal(1, summary.GetProperty("violations").GetInt32());
        Assert.Equal(2, summary.GetProperty("baselinedViolations").GetInt32());
        Assert.Equal(5, summary.GetProperty("allowances").GetInt32());
        Assert.Equal(3, summary.GetProperty("expiredAllowances").GetInt32());
        Assert.Equal(
            new[]
            {
                "net10.0 total=7 owned=5 contract=1 unowned=1 ownedShare=85.7 violations=1 baselined=2 allowances=5",
                "net8.0 total=7 owned=5 contract=1 unowned=1 ownedShare=85.7 violations=1 baselined=2 allowances=5",
            },
            json.GetProperty("projects").EnumerateArray().Select(p =>
                $"{p.GetProperty("targetFramework").GetString()} {Counts(p.GetProperty("types"))} violations={p.GetProperty("violations")} baselined={p.GetProperty("baselinedViolations")} allowances={p.GetProperty("allowances")}"));
        Assert.Equal(
            new[] { "src/Shop/Shop.csproj M:Shop.Models.Churn.Train", "src/Shop/Shop.csproj M:Shop.Models.Churn.Score" },
            json.GetProperty("baselined").EnumerateArray().Select(b => b.GetProperty("project").GetString() + " " + b.GetProperty("user").GetString()));
        Assert.Equal(
            new[]
            {
                "src/Shop/Shop.csproj M:Shop.Models.Audit.Check DataScience->Production 'audits deployments' expires=null expired=False uses=1",
                "src/Shop/Shop.csproj M:Shop.Models.Churn.Flag DataScience->Production 'reads the live flag' expires=2027-12-31 expired=False uses=1",
                "src/Shop/Shop.csproj M:Shop.Models.Churn.Shadow DataScience->Production 'shadow deploy until the rollout service exists' expires=2027-03-31 expired=True uses=2",
                "src/Shop/Shop.csproj M:Shop.Models.Export`1.Dump DataScience->DataEngineering 'legacy export' expires=2027-01-15 expired=True uses=1",
                "src/Shop/Shop.csproj M:Shop.Models.Export`1.Size DataScience->DataEngineering 'legacy export' expires=2027-01-15 expired=True uses=1",
            },
            json.GetProperty("allowances").EnumerateArray().Select(a => a.GetProperty("project").GetString() + " " + Allowance(a)));
        Assert.Equal(
            new[] { "DataScience->DataEngineering violations=1 baselined=2", "DataScience->Production violations=0 baselined=0" },
            json.GetProperty("edges").EnumerateArray().Select(e => $"{e.GetProperty("from").GetString()}->{e.GetProperty("to").GetString()} violations={e.GetProperty("violations")} baselined={e.GetProperty("baselined")}"));

        var markdown = File.ReadAllText(Path.Combine(combined, "mlroles-report.md"));
        Assert.StartsWith("# Role report: repository\n\nMlAtScale: repository role report - 1 project, 3 roles, 5 owned types, 2 edges (0 cross-project), 1 violation in 1 group, 2 baselined\n", markdown);
        Assert.Contains("| project | framework | roles | types (owned / contract / unowned) | owned share | edges | violations | baselined |\n", markdown);
        Assert.Contains("| `src/Shop/Shop.csproj` | net10.0 | DataEngineering, DataScience, Production | 7 (5 / 1 / 1) | 85.7% | 2 | 1 | 2 |\n", markdown);
        Assert.Contains("## Baselined violations\n\n2 baselined violations remain:", markdown);
        Assert.Contains("| `src/Shop/Shop.csproj` | `M:Shop.Models.Churn.Shadow` | DataScience | Production | shadow deploy until the rollout service exists | 2027-03-31 **(expired)** | 2 |\n", markdown);
    }

    [Fact]
    public void An_unknown_MLR0006_kind_from_a_newer_analyzer_is_a_diagnostic_never_a_violation()
    {
        using var scenario = new Scenario();
        var compiled = CompileShop(scenario);
        var sarif = File.ReadAllText(compiled.SarifPath);
        Assert.Contains("\"kind\": \"baseline\"", sarif);
        File.WriteAllText(compiled.SarifPath, sarif.Replace("\"kind\": \"baseline\"", "\"kind\": \"quarantined\""));
        var task = scenario.Task("Shop", compiled, new FakeBuildEngine());
        Assert.True(task.Execute());

        var json = Scenario.Json(Path.Combine(task.ReportDirectory, "mlroles-report.json"));
        Assert.Equal(1, json.GetProperty("summary").GetProperty("violations").GetInt32());
        Assert.Equal(0, json.GetProperty("summary").GetProperty("baselinedViolations").GetInt32());
        Assert.Equal(
            "DataScience->DataEngineering uses=3 violations=1 baselined=0",
            json.GetProperty("edges").EnumerateArray().Select(e => $"{e.GetProperty("from").GetString()}->{e.GetProperty("to").GetString()} uses={e.GetProperty("uses")} violations={e.GetProperty("violations")} baselined={e.GetProperty("baselined")}").First());
        Assert.Equal(2, json.GetProperty("diagnostics").EnumerateArray().Count(d => d.GetProperty("ruleId").GetString() == "MLR0006"));
    }

    private static string Counts(JsonElement e) =>
        $"total={e.GetProperty("total")} owned={e.GetProperty("owned")} contract={e.GetProperty("contract")} unowned={e.GetProperty("unowned")} ownedShare={e.GetProperty("ownedShare")}";

    private static string Allowance(JsonElement a) =>
        $"{a.GetProperty("user").GetString()} {a.GetProperty("from").GetString()}->{a.GetProperty("to").GetString()} '{a.GetProperty("justification").GetString()}' expires={a.GetProperty("expires").GetString() ?? "null"} expired={a.GetProperty("expired").GetBoolean()} uses={a.GetProperty("uses")}";

    private static string Describe(JsonElement u) =>
        $"{u.GetProperty("file").GetString()}({u.GetProperty("line")},{u.GetProperty("column")}) {u.GetProperty("ruleId").GetString()} {u.GetProperty("kind").GetString()} {u.GetProperty("from").GetString()}->{u.GetProperty("to").GetString()} {u.GetProperty("user").GetString()} uses {u.GetProperty("used").GetString()}";
}
