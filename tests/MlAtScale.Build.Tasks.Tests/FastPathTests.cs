using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using MlAtScale.Build.Tasks.Metadata;
using MlAtScale.Build.Tasks.Report;
using MlAtScale.Core.Edges;
using MlAtScale.Core.Policy;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>The shortcuts the report task takes for speed give exactly what the plain way gives.</summary>
public sealed class FastPathTests
{
    private const string Source = """
        using System;
        using MlAtScale;
        [assembly: MlRole("Labeling")]
        namespace Shop.Data
        {
            [DataEngineering] public class Orders
            {
                public static int Count() => 1;
                public int Size { get; set; }
                public event EventHandler? Changed;
                public int this[int i] => i;
                public void Raise() => Changed?.Invoke(this, EventArgs.Empty);
            }
            [RoleContract] public class OrderSet { public string Name { get; } = ""; }
            public class Plain { public int Value { get; } public event Action? Done; public void Fire() => Done?.Invoke(); }
            public interface INoProperties { void Run(); }
            public class Generic<T> { public T? Item { get; set; } public static implicit operator int(Generic<T> g) => 0; }
        }
        namespace Shop.Models
        {
            [DataScience] public class Churn
            {
                public int Train() => Shop.Data.Orders.Count();
                [AllowRoleCrossing("DataEngineering", Justification = "reads the order count")]
                public int Again() => Shop.Data.Orders.Count();
                public Shop.Data.OrderSet? Input;
                [Production] public int Serve() => 0;
                [RoleContract] public int Schema => 1;
            }
        }
        """;

    [Fact]
    public void Reading_back_the_written_json_gives_the_same_report()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Shop", new Dictionary<string, string> { ["Shop.cs"] = Source }, "role Labeling\nDataScience -> Production\n");
        var engine = new FakeBuildEngine();
        var task = scenario.Task("Shop", compiled, engine);
        Assert.True(task.Execute());
        var json = File.ReadAllBytes(Path.Combine(scenario.ProjectDirectory("Shop"), "obj", "report", "mlroles-report.json"));

        var report = ProjectReportJson.Read(json);
        AssertSame(report, ProjectReportJson.Read(ProjectReportJson.Write(report)));
        Assert.Equal(Encoding.UTF8.GetString(json), Encoding.UTF8.GetString(ProjectReportJson.Write(ProjectReportJson.Read(json))));

        // The repository merge of the read-back report writes the same bytes twice.
        var first = RepositoryReportJson.Write(RepositoryReport.Merge(new[] { ProjectReportJson.Read(json) }));
        var second = RepositoryReportJson.Write(RepositoryReport.Merge(new[] { ProjectReportJson.Read(json) }));
        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
        Assert.True(report.Types.Count >= 6);
        Assert.Contains(report.Uses, u => u.Kind == EdgeKinds.Allowance && u.Justification == "reads the order count");
    }

    private const string Client = """
        using MlAtScale;
        namespace Client.App
        {
            [Production] public class Runner
            {
                public int Go() => Shop.Data.Orders.Count() + new Shop.Models.Churn().Train();
                public Shop.Data.OrderSet? Set;
            }
        }
        """;

    [Fact]
    public void The_merge_sees_its_own_fragment_exactly_as_the_reader_of_fragments_does()
    {
        using var scenario = new Scenario();
        var shop = scenario.Compile("Shop", new Dictionary<string, string> { ["Shop.cs"] = Source }, "role Labeling\nDataScience -> Production\n");
        var client = scenario.Compile("Client", new Dictionary<string, string> { ["Client.cs"] = Client }, "Production -> DataScience\n", new[] { shop.AssemblyPath });
        var mlroles = Path.Combine(scenario.Root, "artifacts", "mlroles");
        foreach (var (name, compiled) in new[] { ("Shop", shop), ("Client", client) })
        {
            var engine = new FakeBuildEngine();
            var task = scenario.Task(name, compiled, engine);
            task.RepositoryReport = true;
            Assert.True(task.Execute());
            Assert.Empty(engine.Warnings);
        }

        // The last build merged Client's fragment from its document and Shop's from its file; merging both
        // files as read back gives the same repository report, byte for byte.
        var fragments = Directory.GetFiles(Path.Combine(mlroles, "projects"), "*.json").OrderBy(p => p, StringComparer.Ordinal).ToList();
        Assert.Equal(2, fragments.Count);
        var merged = RepositoryReport.Merge(fragments.Select(f => ProjectReportJson.Read(File.ReadAllBytes(f))));
        Assert.Equal(File.ReadAllText(Path.Combine(mlroles, "mlroles-report.json")), Encoding.UTF8.GetString(RepositoryReportJson.Write(merged)));
        var markdown = File.ReadAllText(Path.Combine(mlroles, "mlroles-report.md"));
        var summaryLine = markdown.Split('\n')[2];
        Assert.StartsWith("MlAtScale: repository role report - 2 projects", summaryLine, StringComparison.Ordinal);
        Assert.Equal(markdown, Encoding.UTF8.GetString(MarkdownOutput.Repository(merged, summaryLine)));
        Assert.NotEmpty(merged.CrossProjectEdges);
        Assert.Contains(merged.Violations, v => v.Project == "src/Client/Client.csproj" && v.Used == "M:Shop.Data.Orders.Count");

        // Each fragment's view from its document equals its view read back from its bytes, field by field.
        foreach (var fragment in fragments)
        {
            var readBack = ProjectReportJson.Read(File.ReadAllBytes(fragment));
            AssertSame(readBack, ProjectReportJson.FromDocument(ProjectReportJson.Document(readBack)));
        }
    }

    [Fact]
    public void Read_resolves_duplicate_ids_in_list_order()
    {
        var report = new ProjectReport
        {
            Name = "P",
            ProjectPath = "src/P/P.csproj",
            TargetFramework = "net10.0",
            AssemblyName = "P",
            AssemblyPath = "src/P/obj/P.dll",
            SarifPath = "src/P/obj/P.sarif",
            PolicyFiles = new List<string> { "src/P/MlRoles.txt" },
            DeclaredRoles = new List<string> { "Labeling" },
            Types = new List<OwnedEntry>
            {
                new("T:N.A", "N", "DataScience", "attribute", false, null),
                new("T:N.A", "N", null, null, true, "attribute"),
                new("T:N.B", "N", "Production", "policyNamespace", true, "policySymbol"),
                new("T:N.B", "N", "DataEngineering", "attribute", false, null),
                new("T:N.C", "N", "Labeling", "assemblyAttribute", false, null),
                new("T:N.C", "N", null, null, false, null),
                new("T:N.D", "N", null, null, false, null),
            },
            Members = new List<OwnedEntry>
            {
                new("M:N.A.Run", "N", "DataScience", "attribute", false, null),
                new("M:N.A.Run", "N", "BusinessAnalysis", "attribute", true, "attribute"),
                new("P:N.B.Size", "N", null, null, true, "policySymbol"),
            },
            Uses = new List<RoleUse>
            {
                new(EdgeKinds.Violation, "MLR0001", "warning", "DataScience", "DataEngineering", "M:N.A.Run", "T:N.B", "src/P/A.cs", 3, 5, null, "violation"),
                new(EdgeKinds.Allowance, "MLR0006", "note", "DataScience", "Production", "M:N.A.Run", "T:N.B", "src/P/A.cs", 4, 5, "why", "allowed") { Expires = "2020-01-01", Expired = true },
                new(EdgeKinds.Contract, "MLR0006", "note", "DataScience", null, "M:N.A.Run", "T:N.A", "src/P/A.cs", 2, 1, null, "contract"),
                new(EdgeKinds.Baseline, "MLR0006", "note", "Production", "DataScience", "M:N.B.Go", "T:N.A", "src/P/B.cs", 9, 9, null, "baselined"),
                RoleUse.Suppressed("pragma", "DataScience", "DataEngineering", "M:N.A.Run", "T:N.B", "src/P/A.cs", 7, 9),
                RoleUse.Suppressed("globalconfig", "DataScience", "DataEngineering", "M:N.A.Run", "T:N.B", "src/P/A.cs", 8, 9),
            },
            Diagnostics = new List<DiagnosticEntry> { new("MLR0004", "warning", null, 0, 0, "no justification") },
        };
        report.Normalize();

        var view = ProjectReportJson.Read(ProjectReportJson.Write(report));

        // The view the merge builds from the document (its own fragment) is the one read back from the bytes.
        AssertSame(view, ProjectReportJson.FromDocument(ProjectReportJson.Document(report)));

        // Spelled out: a contract entry replaces the role entry of the same ID and keeps its role source; an unowned entry replaces both.
        Assert.Equal("T:N.A|N||attribute|True|attribute", Describe(view.Types[0]));
        Assert.Equal("T:N.B|N|Production|policyNamespace|True|policySymbol", Describe(view.Types[1]));
        Assert.Equal("T:N.C||||False|", Describe(view.Types[2]));
        Assert.Equal("T:N.D||||False|", Describe(view.Types[3]));
        Assert.Equal(new[] { "Labeling", "BusinessAnalysis", "DataEngineering", "DataScience", "Production" }.OrderBy(r => r, StringComparer.Ordinal), view.DeclaredRoles);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(200)]
    public void SortById_orders_as_a_stable_sort_by_id(int runs)
    {
        // Ordered runs one after the other (merged) or many of them (sorted), with IDs shared between runs.
        var entries = new List<OwnedEntry>();
        var random = new Random(runs);
        for (var run = 0; run < runs; run++)
        {
            var ids = Enumerable.Range(0, 30).Select(_ => "M:N.T" + random.Next(50).ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).OrderBy(id => id, StringComparer.Ordinal);
            entries.AddRange(ids.Select(id => new OwnedEntry(id, "N", "R" + run.ToString(System.Globalization.CultureInfo.InvariantCulture), "attribute", false, null)));
        }

        var expected = entries.OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        var actual = ProjectReport.SortById(entries);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Same(expected[i], actual[i]);
        }

        var distinct = entries.GroupBy(e => e.Id, StringComparer.Ordinal).Select(g => g.Last()).Reverse().ToList();
        Assert.Equal(distinct.OrderBy(e => e.Id, StringComparer.Ordinal), ProjectReport.SortById(distinct));
    }

    [Fact]
    public void Normalize_twice_keeps_the_order_of_equal_uses()
    {
        var a = new RoleUse(EdgeKinds.Violation, "MLR0001", "warning", "DataScience", "DataEngineering", "M:X.Run", "T:Y", "a.cs", 1, 1, null, "m");
        var b = new RoleUse(EdgeKinds.Violation, "MLR0001", "error", "DataScience", "Production", "M:X.Run", "T:Y", "a.cs", 1, 1, null, "m");
        var report = new ProjectReport { Uses = new List<RoleUse> { a, b } };
        report.Normalize();
        report.Normalize();
        Assert.Same(a, report.Uses[0]);
        Assert.Same(b, report.Uses[1]);
    }

    [Fact]
    public void ReadProjectPath_reads_the_path_from_the_head_of_a_report()
    {
        using var scenario = new Scenario();
        var path = Path.Combine(scenario.Root, "r.json");
        var report = new ProjectReport { Name = "P", ProjectPath = "src/P/P.csproj", TargetFramework = "net10.0" };
        File.WriteAllBytes(path, ProjectReportJson.Write(report));
        Assert.Equal("src/P/P.csproj", ProjectReportJson.ReadProjectPath(path));

        // Cut off after the project object: the path is still known.
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text.Substring(0, text.IndexOf("\"summary\"", StringComparison.Ordinal)));
        Assert.Equal("src/P/P.csproj", ProjectReportJson.ReadProjectPath(path));

        File.WriteAllText(path, "{\"schemaVersion\": 1, \"kind\": \"repository\", \"project\": {\"path\": \"x\"}}");
        Assert.Null(ProjectReportJson.ReadProjectPath(path));
        File.WriteAllText(path, "{\"schemaVersion\": 4, \"kind\": \"project\", \"project\": {\"path\": \"x\"}}");
        Assert.Null(ProjectReportJson.ReadProjectPath(path));

        // Version 1 fragments (written before permitted uses were counted) are still merged.
        File.WriteAllText(path, "{\"schemaVersion\": 1, \"kind\": \"project\", \"project\": {\"path\": \"v1\"}}");
        Assert.Equal("v1", ProjectReportJson.ReadProjectPath(path));
        File.WriteAllText(path, "not json");
        Assert.Null(ProjectReportJson.ReadProjectPath(path));
        File.WriteAllText(path, string.Empty);
        Assert.Null(ProjectReportJson.ReadProjectPath(path));
    }

    [Fact]
    public void MemberMaps_list_the_same_properties_and_events_as_System_Reflection_Metadata()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Shop", new Dictionary<string, string> { ["Shop.cs"] = Source });
        foreach (var path in new[] { compiled.AssemblyPath, typeof(object).Assembly.Location, Compiler.AttributesPath })
        {
            using var pe = new PEReader(File.OpenRead(path));
            var reader = pe.GetMetadataReader();
            var maps = MemberMaps.Read(reader, pe.GetMetadata());
            var properties = 0;
            var events = 0;
            foreach (var handle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(handle);
                Assert.Equal(type.GetProperties().ToArray(), maps.Properties(type, handle).ToArray());
                Assert.Equal(type.GetEvents().ToArray(), maps.Events(type, handle).ToArray());
                properties += type.GetProperties().Count;
                events += type.GetEvents().Count;
            }

            Assert.Equal(reader.GetTableRowCount(TableIndex.Property), properties);
            Assert.Equal(reader.GetTableRowCount(TableIndex.Event), events);
        }
    }

    private static string Describe(OwnedEntry e) => string.Join("|", e.Id, e.Namespace, e.Role, e.RoleSource, e.IsContract, e.ContractSource);

    private static string Describe(RoleUse u) => string.Join("|", u.Kind, u.RuleId, u.Level, u.From, u.To, u.User, u.Used, u.File, u.Line, u.Column, u.Justification, u.Expires, u.Expired, u.Message, u.Project, u.Count, u.UsedAssembly, u.SuppressedBy);

    private static void AssertSame(ProjectReport expected, ProjectReport actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.ProjectPath, actual.ProjectPath);
        Assert.Equal(expected.TargetFramework, actual.TargetFramework);
        Assert.Equal(expected.AssemblyName, actual.AssemblyName);
        Assert.Equal(expected.AssemblyPath, actual.AssemblyPath);
        Assert.Equal(expected.SarifPath, actual.SarifPath);
        Assert.Equal(expected.PolicyFiles, actual.PolicyFiles);
        Assert.Equal(expected.DeclaredRoles, actual.DeclaredRoles);
        Assert.Equal(expected.SuppressedViolations, actual.SuppressedViolations);
        Assert.Equal(expected.Types.Select(Describe), actual.Types.Select(Describe));
        Assert.Equal(expected.Members.Select(Describe), actual.Members.Select(Describe));
        Assert.Equal(expected.Uses.Select(Describe), actual.Uses.Select(Describe));
        Assert.Equal(expected.Diagnostics.Select(d => d.Key), actual.Diagnostics.Select(d => d.Key));
    }
}
