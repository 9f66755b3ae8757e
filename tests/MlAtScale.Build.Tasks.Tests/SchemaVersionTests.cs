using System.Collections.Generic;
using System.Linq;
using System.Text;
using MlAtScale.Core.Edges;
using MlAtScale.Build.Tasks.Report;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>
/// Schema version 2 counts permitted uses per edge, kind, used assembly and allowance; the repository
/// merge still reads version 1 fragments (one permitted use per entry of <c>crossings[]</c>).
/// </summary>
public sealed class SchemaVersionTests
{
    /// <summary>A version 1 fragment as the per-use data path wrote it: two permitted uses into Lib, one violation.</summary>
    private const string Version1App = """
        {
          "schemaVersion": 1, "kind": "project",
          "project": { "name": "App", "path": "src/App/App.csproj", "targetFramework": "net10.0", "assemblyName": "App",
                       "assembly": "src/App/obj/App.dll", "sarif": "src/App/obj/App.sarif", "policyFiles": [] },
          "summary": { "suppressedViolations": 0 },
          "roles": [ { "name": "DataScience", "namespaces": [], "types": [ { "id": "T:App.Trainer", "namespace": "App", "source": "attribute" } ], "members": [] } ],
          "contracts": { "types": [], "members": [] },
          "unowned": { "types": [], "members": [] },
          "edges": [],
          "crossings": [
            { "ruleId": "MLR0006", "kind": "policy", "level": "note", "file": "src/App/A.cs", "line": 3, "column": 9, "from": "DataScience", "to": "DataEngineering",
              "user": "M:App.Trainer.Fit", "used": "M:Lib.Store.Read", "message": "m" },
            { "ruleId": "MLR0006", "kind": "policy", "level": "note", "file": "src/App/A.cs", "line": 4, "column": 9, "from": "DataScience", "to": "DataEngineering",
              "user": "M:App.Trainer.Fit", "used": "M:Lib.Store.Read", "message": "m" }
          ],
          "violations": [
            { "ruleId": "MLR0001", "kind": "violation", "level": "warning", "file": "src/App/A.cs", "line": 5, "column": 9, "from": "DataScience", "to": "Production",
              "user": "M:App.Trainer.Fit", "used": "M:Lib.Deployer.Ship", "message": "v" }
          ],
          "diagnostics": []
        }
        """;

    private static ProjectReport Library(string targetFramework) => new()
    {
        Name = "Lib",
        ProjectPath = "src/Lib/Lib.csproj",
        TargetFramework = targetFramework,
        AssemblyName = "Lib",
        Types = new List<OwnedEntry> { new("T:Lib.Store", "Lib", "DataEngineering", "attribute", false, null), new("T:Lib.Deployer", "Lib", "Production", "attribute", false, null) },
    };

    private static ProjectReport App(string targetFramework, int policyUses) => new()
    {
        Name = "App",
        ProjectPath = "src/App/App.csproj",
        TargetFramework = targetFramework,
        AssemblyName = "App",
        Types = new List<OwnedEntry> { new("T:App.Trainer", "App", "DataScience", "attribute", false, null) },
        Uses = new List<RoleUse>
        {
            new(EdgeKinds.Policy, "MLR0006", "note", "DataScience", "DataEngineering", string.Empty, string.Empty, null, 0, 0, null, string.Empty) { Count = policyUses, UsedAssembly = "Lib" },
            new(EdgeKinds.Violation, "MLR0001", "warning", "DataScience", "Production", "M:App.Trainer.Fit", "M:Lib.Deployer.Ship", "src/App/A.cs", 5, 9, null, "v"),
        },
    };

    [Fact]
    public void A_version_1_fragment_merges_like_its_version_2_successor()
    {
        var version1 = ProjectReportJson.Read(Encoding.UTF8.GetBytes(Version1App));
        Assert.Equal(new[] { "policy 1 (none)", "policy 1 (none)", "violation 1 (none)" }, version1.Uses.Select(u => $"{u.Kind} {u.Count} {u.UsedAssembly ?? "(none)"}"));

        var library = ProjectReportJson.Read(ProjectReportJson.Write(Library("net10.0")));
        var fromVersion1 = RepositoryReport.Merge(new[] { version1, library });
        var fromVersion2 = RepositoryReport.Merge(new[] { ProjectReportJson.Read(ProjectReportJson.Write(App("net10.0", 2))), library });

        foreach (var merged in new[] { fromVersion1, fromVersion2 })
        {
            Assert.Equal(
                new[] { "DataScience->DataEngineering allowed=2 violations=0", "DataScience->Production allowed=0 violations=1" },
                merged.Edges.Select(e => $"{e.From}->{e.To} allowed={e.Allowed} violations={e.Violations}"));
            Assert.Equal(
                new[] { "src/App/App.csproj->src/Lib/Lib.csproj DataScience->DataEngineering uses=2", "src/App/App.csproj->src/Lib/Lib.csproj DataScience->Production uses=1" },
                merged.CrossProjectEdges.Select(c => $"{c.FromProject}->{c.ToProject} {c.Edge.From}->{c.Edge.To} uses={c.Edge.Uses}"));
        }
    }

    [Fact]
    public void A_permitted_count_seen_by_two_target_frameworks_counts_its_largest_value_once()
    {
        var merged = RepositoryReport.Merge(new[] { App("net8.0", 3), App("net10.0", 5), Library("net10.0") });
        Assert.Equal(new[] { "policy DataScience->DataEngineering Lib uses=5" }, merged.Permitted.Select(u => $"{u.Kind} {u.From}->{u.To} {u.UsedAssembly} uses={u.Count}"));
        Assert.Equal(new[] { 5, 1 }, merged.Edges.Select(e => e.Uses));
    }

    [Fact]
    public void Version_3_writes_permitted_counts_and_no_crossings_list()
    {
        var json = Encoding.UTF8.GetString(ProjectReportJson.Write(App("net10.0", 4)));
        Assert.Contains("\"schemaVersion\": 3", json, System.StringComparison.Ordinal);
        Assert.DoesNotContain("\"crossings\": [", json, System.StringComparison.Ordinal);
        Assert.Contains("\"crossings\": 4", json, System.StringComparison.Ordinal);
        Assert.Contains("\"permitted\": [", json, System.StringComparison.Ordinal);
    }
}
