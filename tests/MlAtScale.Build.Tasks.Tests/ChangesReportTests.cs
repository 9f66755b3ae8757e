using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>The pull-request view: the changes between the reports of two real builds (base and head).</summary>
public sealed class ChangesReportTests
{
    private const string Base = """
        using MlAtScale;
        namespace Shop
        {
            [DataEngineering] public class Orders { public static int Count() => 1; }
            [Production] public class Host { public static void Deploy() { } }
            [DataScience] public class Trainer
            {
                public int Train() => Orders.Count();
            }
            [BusinessAnalysis] public class Kpi
            {
                public int Read() => Orders.Count();
            }
            public class Util { }
        }
        """;

    // Trainer.Train no longer reads Orders (fixed); Trainer.Publish deploys (new); Kpi.Read moved down two lines
    // (neither new nor fixed); an allowance is new; Util now belongs to Production.
    private const string Head = """
        using MlAtScale;
        namespace Shop
        {
            [DataEngineering] public class Orders { public static int Count() => 1; }
            [Production] public class Host { public static void Deploy() { } }
            [DataScience] public class Trainer
            {
                public int Train() => 42;
                public void Publish() => Host.Deploy();
                [AllowRoleCrossing("DataEngineering", Justification = "row count for the model card")]
                public int Rows() => Orders.Count();
            }
            [BusinessAnalysis] public class Kpi
            {
                public int Read() => Orders.Count();
            }
            [Production] public class Util { }
        }
        """;

    [Fact]
    public void Project_base_gives_new_and_fixed_violations_with_place_changed_edges_allowances_and_owners()
    {
        using var scenario = new Scenario();
        var basePath = BuildBase(scenario, Base);
        var head = Report(scenario, Head);

        var engine = new FakeBuildEngine();
        var compare = CompareTask(scenario, head, engine, basePath);
        Assert.True(compare.Execute());
        Assert.Empty(engine.Warnings);
        Assert.Empty(engine.Errors);

        var markdownPath = Path.Combine(head.ReportDirectory, "mlroles-changes.md");
        Assert.Equal($"MlAtScale: 1 new, 1 fixed violations vs base {basePath} (project report); changes in {markdownPath}", compare.Summary);
        Assert.Single(engine.Messages, m => m.Message == compare.Summary && m.Importance == Microsoft.Build.Framework.MessageImportance.High);

        var json = Scenario.Json(Path.Combine(head.ReportDirectory, "mlroles-changes.json"));
        Assert.Equal("changes", json.GetProperty("kind").GetString());
        Assert.Equal("project", json.GetProperty("report").GetString());
        // New violations are at their place in the head, fixed ones at their place in the base; Kpi.Read's
        // violation moved down two lines and is neither.
        var deploy = Compiler.Position(Head, "Deploy();");
        Assert.Equal(
            new[] { $"src/Shop/Shop.cs({deploy.Line},{deploy.Column}) DataScience->Production M:Shop.Trainer.Publish uses M:Shop.Host.Deploy" },
            json.GetProperty("newViolations").EnumerateArray().Select(Describe));
        var count = Compiler.Position(Base, "Count();", 1);
        Assert.Equal(
            new[] { $"src/Shop/Shop.cs({count.Line},{count.Column}) DataScience->DataEngineering M:Shop.Trainer.Train uses M:Shop.Orders.Count" },
            json.GetProperty("fixedViolations").EnumerateArray().Select(Describe));
        Assert.Equal(1, json.GetProperty("summary").GetProperty("newViolations").GetInt32());
        Assert.Equal(
            new[]
            {
                "DataScience->DataEngineering uses 1->1 exception 0->1 violations 1->0",
                "DataScience->Production uses 0->1 exception 0->0 violations 0->1",
            },
            json.GetProperty("edges").EnumerateArray().Select(e =>
                $"{e.GetProperty("from").GetString()}->{e.GetProperty("to").GetString()} uses {Count(e, "before", "uses")}->{Count(e, "after", "uses")} exception {Count(e, "before", "exception")}->{Count(e, "after", "exception")} violations {Count(e, "before", "violations")}->{Count(e, "after", "violations")}"));
        Assert.Equal(
            new[] { "M:Shop.Trainer.Rows DataScience->DataEngineering 'row count for the model card'" },
            json.GetProperty("newAllowances").EnumerateArray().Select(a => $"{a.GetProperty("user").GetString()} {a.GetProperty("from").GetString()}->{a.GetProperty("to").GetString()} '{a.GetProperty("justification").GetString()}'"));
        Assert.Empty(json.GetProperty("removedAllowances").EnumerateArray());
        Assert.Equal(
            new[] { "T:Shop.Util: unowned -> Production" },
            json.GetProperty("ownership").EnumerateArray().Select(o => $"{o.GetProperty("id").GetString()}: {o.GetProperty("before").GetString()} -> {o.GetProperty("after").GetString()}"));

        var markdown = File.ReadAllText(markdownPath);
        Assert.StartsWith("<!-- mlroles-changes -->\n# Role boundary changes\n\n**1 new, 1 fixed violations vs base.**", markdown, System.StringComparison.Ordinal);
        Assert.Contains($"| `src/Shop/Shop.cs({deploy.Line},{deploy.Column})` | DataScience → Production | `M:Shop.Trainer.Publish` | `M:Shop.Host.Deploy` |", markdown, System.StringComparison.Ordinal);
        Assert.Contains("| DataScience → Production | 0 → 1 | 0 | 0 | 0 | 0 → 1 | 0 |", markdown, System.StringComparison.Ordinal);
        Assert.Contains("| `T:Shop.Util` | unowned | Production |", markdown, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Same_code_moved_down_is_neither_new_nor_fixed_and_a_rerun_rewrites_nothing()
    {
        using var scenario = new Scenario();
        var basePath = BuildBase(scenario, Base);
        var head = Report(scenario, "// a comment line moves every use down\n" + Base);

        var engine = new FakeBuildEngine();
        Assert.True(CompareTask(scenario, head, engine, basePath).Execute());
        var changes = Path.Combine(head.ReportDirectory, "mlroles-changes.json");
        var json = Scenario.Json(changes);
        Assert.Equal(
            new[] { 0, 0, 0, 0, 0, 0 },
            new[] { "newViolations", "fixedViolations", "changedEdges", "newAllowances", "removedAllowances", "ownershipChanges" }.Select(p => json.GetProperty("summary").GetProperty(p).GetInt32()));
        Assert.Contains("**0 new, 0 fixed violations vs base.** No edge, allowance or owner changed.", File.ReadAllText(Path.Combine(head.ReportDirectory, "mlroles-changes.md")), System.StringComparison.Ordinal);

        var past = new System.DateTime(2021, 1, 2, 3, 4, 5, System.DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(changes, past);
        Assert.True(CompareTask(scenario, head, new FakeBuildEngine(), basePath).Execute());
        Assert.Equal(past, File.GetLastWriteTimeUtc(changes));
    }

    [Theory]
    [InlineData("missing.json", null, "cannot be read")]
    [InlineData("broken.json", "{ \"schemaVersion\": 2, ", "is not a role report")]
    [InlineData("sarif.json", "{ \"version\": \"2.1.0\", \"runs\": [] }", "it has no 'schemaVersion' and 'kind'")]
    [InlineData("changes.json", "{ \"schemaVersion\": 1, \"kind\": \"changes\" }", "its kind is 'changes'")]
    [InlineData("future.json", "{ \"schemaVersion\": 99, \"kind\": \"project\" }", "it has schema version 99")]
    public void A_missing_or_unreadable_base_is_warning_MLRB009_and_writes_nothing(string name, string? content, string expected)
    {
        using var scenario = new Scenario();
        var head = Report(scenario, Head);
        var basePath = Path.Combine(scenario.Root, name);
        if (content is not null)
        {
            File.WriteAllText(basePath, content);
        }

        var engine = new FakeBuildEngine();
        Assert.True(CompareTask(scenario, head, engine, basePath).Execute());

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("MLRB009", warning.Code);
        Assert.Equal(scenario.ProjectPath("Shop"), warning.File);
        Assert.Contains(expected, warning.Message, System.StringComparison.Ordinal);
        Assert.Contains("Set MlAtScaleCompareTo to the mlroles-report.json of a build of the base branch.", warning.Message, System.StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(head.ReportDirectory, "mlroles-changes.json")));
        Assert.False(File.Exists(Path.Combine(head.ReportDirectory, "mlroles-changes.md")));
    }

    [Fact]
    public void Under_the_CI_switch_an_unreadable_base_fails_the_build()
    {
        using var scenario = new Scenario();
        var head = Report(scenario, Head);
        var engine = new FakeBuildEngine();
        var compare = CompareTask(scenario, head, engine, Path.Combine(scenario.Root, "missing.json"));
        compare.TreatProblemsAsErrors = true;

        Assert.False(compare.Execute());
        Assert.Equal("MLRB009", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void A_project_base_of_another_project_is_not_compared()
    {
        using var scenario = new Scenario();
        var basePath = BuildBase(scenario, Base);
        var otherCompiled = scenario.Compile("Other", new Dictionary<string, string> { ["Other.cs"] = Head });
        var other = scenario.Task("Other", otherCompiled, new FakeBuildEngine());
        Assert.True(other.Execute());

        var engine = new FakeBuildEngine();
        var compare = new CompareMlRoleReports
        {
            BuildEngine = engine,
            BaseReport = basePath,
            ProjectReport = Path.Combine(other.ReportDirectory, "mlroles-report.json"),
            ProjectPath = scenario.ProjectPath("Other"),
        };
        Assert.True(compare.Execute());

        Assert.Empty(engine.Warnings);
        Assert.Empty(compare.ChangesFiles);
        Assert.False(File.Exists(Path.Combine(other.ReportDirectory, "mlroles-changes.json")));
    }

    [Fact]
    public void Repository_base_is_compared_with_the_repository_report_and_written_beside_it()
    {
        using var scenario = new Scenario();
        Report(scenario, Base, repository: true);
        var repository = Path.Combine(scenario.Root, "artifacts", "mlroles");
        var basePath = Path.Combine(scenario.Root, "base-repository.json");
        File.Copy(Path.Combine(repository, "mlroles-report.json"), basePath);
        var head = Report(scenario, Head, repository: true);

        var engine = new FakeBuildEngine();
        var compare = CompareTask(scenario, head, engine, basePath);
        compare.RepositoryReport = true;
        Assert.True(compare.Execute());

        Assert.Empty(engine.Warnings);
        Assert.Empty(compare.ChangesFiles);
        var json = Scenario.Json(Path.Combine(repository, "mlroles-changes.json"));
        Assert.Equal("repository", json.GetProperty("report").GetString());
        Assert.Equal(
            new[] { "src/Shop/Shop.csproj M:Shop.Trainer.Publish uses M:Shop.Host.Deploy" },
            json.GetProperty("newViolations").EnumerateArray().Select(v => $"{v.GetProperty("project").GetString()} {v.GetProperty("user").GetString()} uses {v.GetProperty("used").GetString()}"));
        Assert.Equal(
            new[] { "src/Shop/Shop.csproj M:Shop.Trainer.Train uses M:Shop.Orders.Count" },
            json.GetProperty("fixedViolations").EnumerateArray().Select(v => $"{v.GetProperty("project").GetString()} {v.GetProperty("user").GetString()} uses {v.GetProperty("used").GetString()}"));
        Assert.Contains("| project | location | roles | user | used |", File.ReadAllText(Path.Combine(repository, "mlroles-changes.md")), System.StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(head.ReportDirectory, "mlroles-changes.json")));
    }

    /// <summary>Builds the base and keeps a copy of its report outside the report folder, as a workflow does.</summary>
    private static string BuildBase(Scenario scenario, string source)
    {
        var build = Report(scenario, source);
        var copy = Path.Combine(scenario.Root, "base-report.json");
        File.Copy(Path.Combine(build.ReportDirectory, "mlroles-report.json"), copy, overwrite: true);
        return copy;
    }

    private static GenerateMlRoleReport Report(Scenario scenario, string source, bool repository = false)
    {
        var compiled = scenario.Compile("Shop", new Dictionary<string, string> { ["Shop.cs"] = source });
        var engine = new FakeBuildEngine();
        var task = scenario.Task("Shop", compiled, engine);
        task.RepositoryReport = repository;
        Assert.True(task.Execute());
        Assert.Empty(engine.Warnings);
        return task;
    }

    private static CompareMlRoleReports CompareTask(Scenario scenario, GenerateMlRoleReport head, FakeBuildEngine engine, string basePath) => new()
    {
        BuildEngine = engine,
        BaseReport = basePath,
        ProjectReport = Path.Combine(head.ReportDirectory, "mlroles-report.json"),
        ProjectPath = scenario.ProjectPath("Shop"),
    };

    private static int Count(JsonElement edge, string side, string name) => edge.GetProperty(side).GetProperty(name).GetInt32();

    private static string Describe(JsonElement v) =>
        $"{v.GetProperty("file").GetString()}({v.GetProperty("line")},{v.GetProperty("column")}) {v.GetProperty("from").GetString()}->{v.GetProperty("to").GetString()} {v.GetProperty("user").GetString()} uses {v.GetProperty("used").GetString()}";
}
