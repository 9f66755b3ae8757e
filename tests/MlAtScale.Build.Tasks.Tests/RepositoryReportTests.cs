using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

public sealed class RepositoryReportTests
{
    private const string Data = """
        using MlAtScale;
        namespace Shop.Data
        {
            [DataEngineering] public class Orders { public static int Count() => 1; }
            [RoleContract] public class OrderSet { }
        }
        """;

    private const string Models = """
        using MlAtScale;
        namespace Shop.Models
        {
            [DataScience] public class Churn
            {
                public int Train() => Shop.Data.Orders.Count();
                public Shop.Data.OrderSet? Input;
            }
            [Production] public class Serve { public int Go() => new Churn().Train(); }
        }
        """;

    [Fact]
    public void Merges_projects_into_one_report_with_cross_project_edges()
    {
        using var scenario = new Scenario();
        var data = scenario.Compile("Data", new Dictionary<string, string> { ["Data.cs"] = Data });
        var models = scenario.Compile("Models", new Dictionary<string, string> { ["Models.cs"] = Models }, "DataScience -> DataEngineering\n", new[] { data.AssemblyPath });
        var combined = Path.Combine(scenario.Root, "artifacts", "mlroles");
        foreach (var (name, compiled) in new[] { ("Data", data), ("Models", models) })
        {
            var engine = new FakeBuildEngine();
            var task = scenario.Task(name, compiled, engine);
            task.RepositoryReport = true;
            Assert.True(task.Execute());
            Assert.Empty(engine.Warnings);
        }

        var json = Scenario.Json(Path.Combine(combined, "mlroles-report.json"));
        Assert.Equal("repository", json.GetProperty("kind").GetString());
        Assert.Equal(new[] { "src/Data/Data.csproj", "src/Models/Models.csproj" }, json.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("path").GetString()));
        Assert.Equal(new[] { "DataEngineering", "DataScience", "Production" }, json.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(
            new[]
            {
                "src/Models/Models.csproj -> src/Data/Data.csproj: DataScience->DataEngineering allowed=1 contract=0 violations=0",
                "src/Models/Models.csproj -> src/Data/Data.csproj: DataScience->(none) allowed=0 contract=1 violations=0",
            },
            json.GetProperty("crossProjectEdges").EnumerateArray().Select(e =>
                $"{e.GetProperty("fromProject").GetString()} -> {e.GetProperty("toProject").GetString()}: {e.GetProperty("from").GetString()}->{e.GetProperty("to").GetString() ?? "(none)"} allowed={e.GetProperty("allowed")} contract={e.GetProperty("contract")} violations={e.GetProperty("violations")}"));
        var go = Compiler.Position(Models, "Churn().Train");
        var train = Compiler.Position(Models, "Train();");
        Assert.Equal(
            new[]
            {
                $"src/Models/Models.csproj src/Models/Models.cs({go.Line},{go.Column}) T:Shop.Models.Churn settle [RoleContract]",
                $"src/Models/Models.csproj src/Models/Models.cs({train.Line},{train.Column}) M:Shop.Models.Churn.Train settle [RoleContract]",
            },
            json.GetProperty("violations").EnumerateArray().Select(v => $"{v.GetProperty("project").GetString()} {v.GetProperty("file").GetString()}({v.GetProperty("line")},{v.GetProperty("column")}) {v.GetProperty("used").GetString()} settle {v.GetProperty("settle").GetString()}"));
        Assert.Equal(2, json.GetProperty("summary").GetProperty("violations").GetInt32());

        // What settles the group is the projects' own advice (Churn is Models' own type), not the edge.
        var group = Assert.Single(json.GetProperty("groups").EnumerateArray());
        Assert.Equal("Production -> DataScience T:Shop.Models.Churn 2: [RoleContract]", $"{group.GetProperty("from").GetString()} -> {group.GetProperty("to").GetString()} {group.GetProperty("used").GetString()} {group.GetProperty("violations")}: {group.GetProperty("settle").GetString()}");
        Assert.Contains("## Cross-project edges", File.ReadAllText(Path.Combine(combined, "mlroles-report.md")));
    }

    [Fact]
    public void Parallel_builds_never_lose_a_project_and_a_corrupt_fragment_is_MLRB006()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Pipeline", ReportContentTests.PipelineSources, ReportContentTests.PipelinePolicy);
        var combined = Path.Combine(scenario.Root, "artifacts", "mlroles");
        Directory.CreateDirectory(Path.Combine(combined, "projects"));
        File.WriteAllText(Path.Combine(combined, "projects", "broken.json"), "{\"schemaVersion\":");

        const int Projects = 12;
        var engines = Enumerable.Range(0, Projects).Select(_ => new FakeBuildEngine()).ToArray();
        Parallel.For(0, Projects, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
        {
            var name = "P" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            Directory.CreateDirectory(scenario.ProjectDirectory(name));
            File.WriteAllText(scenario.ProjectPath(name), "<Project />");
            var task = scenario.Task("Pipeline", compiled, engines[i], reportDirectory: Path.Combine(scenario.ProjectDirectory(name), "obj"));
            task.ProjectPath = scenario.ProjectPath(name);
            task.ProjectName = name;
            task.RepositoryReport = true;
            Assert.True(task.Execute());
        });

        Assert.All(engines, e => Assert.Equal(new[] { "MLRB006" }, e.Warnings.Select(w => w.Code)));
        var json = Scenario.Json(Path.Combine(combined, "mlroles-report.json"));
        Assert.Equal(
            Enumerable.Range(0, Projects).Select(i => $"src/P{i:00}/P{i:00}.csproj"),
            json.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("path").GetString()));
        Assert.Equal(Projects * 2, json.GetProperty("summary").GetProperty("violations").GetInt32());
        Assert.Empty(Directory.GetFiles(combined, "*.tmp", SearchOption.AllDirectories));
    }
}
