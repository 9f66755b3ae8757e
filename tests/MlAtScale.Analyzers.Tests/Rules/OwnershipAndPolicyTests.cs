using System.Collections.Immutable;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MlAtScale.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer>;

namespace MlAtScale.Analyzers.Tests.Rules;

/// <summary>Ownership resolution (attributes, policy, assembly, metadata) and the ways a crossing is permitted.</summary>
public sealed class OwnershipAndPolicyTests
{
    private static DiagnosticResult Crossing(int location, string user, string userRole, string used, string usedRole, string? via = null, string? fix = null) =>
        VerifyCS.Diagnostic("MLR0001").WithLocation(location).WithArguments(Mlr0001.Arguments(user, userRole, used, usedRole, via, fix));

    [Fact]
    public Task ContractTypeIsUsableByEveryRole() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        [Production, RoleContract]
        public interface IPredictor { float Predict(float[] features); }

        [DataScience]
        public class Evaluator
        {
            public float Score(IPredictor p) => p.Predict(new float[0]);
        }
        """);

    [Fact]
    public Task ContractMemberInsideOwnedType() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        [Production]
        public class Host
        {
            [RoleContract] public static float Predict() => 1;
            public static void Restart() { }
        }

        [DataScience]
        public class Evaluator
        {
            public float Score() { Host.{|#0:Restart|}(); return Host.Predict(); }
        }
        """, Crossing(0, "Evaluator.Score", "DataScience", "Host.Restart", "Production"));

    [Fact]
    public Task ContractOnEnclosingTypeCoversMembersWithTheirOwnRole() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        [RoleContract]
        public class ModelArtifact
        {
            public string Path = "";
            [Production] public void Promote() { }
        }

        [DataScience]
        public class Trainer
        {
            public void Save(ModelArtifact a) { a.Path = "m.zip"; a.Promote(); }
        }
        """);

    [Fact]
    public Task StrongerRoleOnTheSameSymbolTakesBackAContract() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        namespace Churn.Contracts
        {
            [Production] public static class Rollout { public static void Promote() { } }
            public static class Schema { public static void Describe() { } }
        }
        namespace Churn.Modelling
        {
            [DataScience]
            public static class Trainer
            {
                public static void Run() { Churn.Contracts.Rollout.{|#0:Promote|}(); Churn.Contracts.Schema.Describe(); }
            }
        }
        """, """
        T:Churn.Contracts.Rollout = contract
        T:Churn.Contracts.Schema = contract
        N:Churn.Contracts = DataEngineering
        """, Crossing(0, "Trainer.Run", "DataScience", "Rollout.Promote", "Production"));

    [Fact]
    public Task PolicyEdgeAllowsCrossing() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        [DataEngineering] public static class CleanData { public static int[] Load() => new int[0]; }
        [Production] public static class Cluster { public static void Scale() { } }
        [DataScience]
        public class Trainer
        {
            public void Train() { CleanData.Load(); Cluster.{|#0:Scale|}(); }
        }
        """, """
        # Data Science may read what Data Engineering publishes.
        DataScience -> DataEngineering
        """, Crossing(0, "Trainer.Train", "DataScience", "Cluster.Scale", "Production"));

    [Fact]
    public Task EdgesAreDirected() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        [DataScience] public static class Model { public static void Fit() { } }
        [DataEngineering]
        public class Etl
        {
            public void Run() => Model.{|#0:Fit|}();
        }
        """, "DataScience -> DataEngineering", Crossing(0, "Etl.Run", "DataEngineering", "Model.Fit", "DataScience"));

    [Fact]
    public Task JustifiedAllowanceOnMemberOrType() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        [Production] public static class Cluster { public static void Scale() { } }
        [DataEngineering] public static class Db { public static void Query() { } }

        [DataScience]
        public class Trainer
        {
            [AllowRoleCrossing("Production", Justification = "Canary evaluation needs the live cluster size")]
            public void Evaluate() => Cluster.Scale();

            public void Other() => Cluster.{|#0:Scale|}();
        }

        [DataScience]
        [AllowRoleCrossing(RoleNames.Production, Justification = "Benchmarks run against production")]
        public class Bench
        {
            public void Run() { Cluster.Scale(); Db.{|#1:Query|}(); }
            public class Nested { public void Run() => Cluster.Scale(); }
        }
        """,
        Crossing(0, "Trainer.Other", "DataScience", "Cluster.Scale", "Production"),
        Crossing(1, "Bench.Run", "DataScience", "Db.Query", "DataEngineering"));

    [Fact]
    public Task PolicyNamespaceMappingLongestMatchWins() => VerifyCS.VerifyAnalyzerAsync("""
        namespace Churn.Serving { public static class Endpoint { public static void Map() { } } }
        namespace Churn.Modelling
        {
            public static class Trainer
            {
                public static void Train() => Churn.Serving.Endpoint.{|#0:Map|}();
            }
        }
        namespace Churn.Modelling.Experiments
        {
            public static class Sweep
            {
                public static void Run() => Churn.Serving.Endpoint.Map();
            }
        }
        """, """
        N:Churn = DataScience
        N:Churn.Serving = Production
        N:Churn.Modelling.Experiments = Production
        """, Crossing(0, "Trainer.Train", "DataScience", "Endpoint.Map", "Production", via: "MlRoles.txt:2"));

    [Fact]
    public Task PolicySymbolMappingsForExternalApis() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        [DataScience]
        public class Trainer
        {
            public string Train()
            {
                var client = new System.Net.Http.{|#0:HttpClient|}();
                System.IO.File.{|#1:WriteAllText|}("a", "b");
                System.IO.File.Exists("a");
                return System.IO.File.{|#2:ReadAllText|}("a");
            }
        }
        """, """
        T:System.Net.Http.HttpClient = Production
        M:System.IO.File.ReadAllText(System.String) = DataEngineering
        M:System.IO.File.WriteAllText(System.String,System.String) = DataEngineering
        """,
        Crossing(0, "Trainer.Train", "DataScience", "HttpClient", "Production", "MlRoles.txt:1", "add 'T:System.Net.Http.HttpClient = contract' or 'DataScience -> Production' to MlRoles.txt"),
        Crossing(1, "Trainer.Train", "DataScience", "File.WriteAllText", "DataEngineering", "MlRoles.txt:3", "add 'T:System.IO.File = contract' or 'DataScience -> DataEngineering' to MlRoles.txt"),
        Crossing(2, "Trainer.Train", "DataScience", "File.ReadAllText", "DataEngineering", "MlRoles.txt:2", "add 'T:System.IO.File = contract' or 'DataScience -> DataEngineering' to MlRoles.txt"));

    [Fact]
    public Task DerivedTypesCountForPlusEntries() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        [DataScience]
        public class Trainer
        {
            public void Train()
            {
                var s = new System.IO.{|#0:MemoryStream|}();
                s.{|#1:Flush|}();
                var list = new System.Collections.Generic.List<int>();
            }
        }
        """, "T:System.IO.Stream+ = DataEngineering",
        Crossing(0, "Trainer.Train", "DataScience", "MemoryStream", "DataEngineering", "MlRoles.txt:1", "add 'T:System.IO.MemoryStream = contract' or 'DataScience -> DataEngineering' to MlRoles.txt"),
        Crossing(1, "Trainer.Train", "DataScience", "MemoryStream.Flush", "DataEngineering", "MlRoles.txt:1", "add 'T:System.IO.MemoryStream = contract' or 'DataScience -> DataEngineering' to MlRoles.txt"));

    [Fact]
    public Task AttributeBeatsPolicyAndPolicyBeatsAssembly() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        [assembly: BusinessAnalysis]
        namespace Churn.Kpi
        {
            public static class Report { public static void Publish() { } }
        }
        namespace Churn.Serving
        {
            [DataScience]
            public static class Retrain { public static void Fit() { } }
            public static class Api
            {
                public static void Handle() { Retrain.{|#0:Fit|}(); Churn.Kpi.Report.{|#1:Publish|}(); }
            }
        }
        """, "N:Churn.Serving = Production",
        Crossing(0, "Api.Handle", "Production", "Retrain.Fit", "DataScience"),
        Crossing(1, "Api.Handle", "Production", "Report.Publish", "BusinessAnalysis", via: "an assembly attribute"));

    [Fact]
    public Task ContractNamespaceInPolicy() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        namespace Churn.Contracts { [DataEngineering] public record CustomerRow(float Tenure); }
        namespace Churn.Modelling
        {
            [DataScience]
            public static class Trainer { public static float Use(Churn.Contracts.CustomerRow r) => r.Tenure; }
        }
        """, "N:Churn.Contracts = contract");

    [Fact]
    public Task CustomRoles() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        public sealed class LabelingAttribute : MlRoleAttribute { public LabelingAttribute() : base("Labeling") { } }

        [MlRole("Labeling")]
        public static class LabelQueue { public static void Enqueue() { } }

        [DataScience]
        public class Trainer
        {
            public void Train() => LabelQueue.{|#0:Enqueue|}();
        }

        [Labeling]
        public class Annotator
        {
            public void Next() { LabelQueue.Enqueue(); new {|#2:Trainer|}().{|#1:Train|}(); }
        }
        """, "role Labeling",
        Crossing(0, "Trainer.Train", "DataScience", "LabelQueue.Enqueue", "Labeling", via: "[MlRole(\"Labeling\")]"),
        Crossing(1, "Annotator.Next", "Labeling", "Trainer.Train", "DataScience"),
        Crossing(2, "Annotator.Next", "Labeling", "Trainer", "DataScience"));

    [Fact]
    public async Task TopLevelStatementsBelongToTheAssemblyOwner()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using MlAtScale;
                [assembly: Production]
                Trainer.{|#0:Fit|}();
                System.Action a = () => Trainer.{|#1:Fit|}();

                [DataScience]
                public static class Trainer { public static void Fit() { } }
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Crossing(0, "top-level statements", "Production", "Trainer.Fit", "DataScience"));
        test.ExpectedDiagnostics.Add(Crossing(1, "top-level statements", "Production", "Trainer.Fit", "DataScience"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task OwnershipOfReferencedAssemblyComesFromMetadata()
    {
        var library = await CompileLibraryAsync("""
            using MlAtScale;
            [assembly: DataEngineering]
            namespace Churn.Modelling
            {
                [DataScience]
                public static class Trainer { public static void Fit() { } [RoleContract] public static void Load() { } }
            }
            namespace Churn.Ingestion
            {
                public static class Loader { public static void Extract() { } }
            }
            """);
        var test = new VerifyCS.Test
        {
            TestCode = """
                using MlAtScale;
                [Production]
                public class Server
                {
                    public void Handle()
                    {
                        Churn.Modelling.Trainer.{|#0:Fit|}();
                        Churn.Modelling.Trainer.Load();
                        Churn.Ingestion.Loader.{|#1:Extract|}();
                    }
                }
                """,
        };
        test.TestState.AdditionalReferences.Add(library);
        test.ExpectedDiagnostics.Add(Crossing(0, "Server.Handle", "Production", "Trainer.Fit", "DataScience", "[DataScience]", "add 'T:Churn.Modelling.Trainer = contract' or 'Production -> DataScience' to MlRoles.txt"));
        test.ExpectedDiagnostics.Add(Crossing(1, "Server.Handle", "Production", "Loader.Extract", "DataEngineering", "an assembly attribute", "add 'T:Churn.Ingestion.Loader = contract' or 'Production -> DataEngineering' to MlRoles.txt"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task GeneratedCodeIsSkippedByDefault()
    {
        var test = new VerifyCS.Test();
        test.TestState.Sources.Add(("/0/Trainer.g.cs", """
            // <auto-generated/>
            using MlAtScale;
            [Production] public static class Cluster { public static void Scale() { } }
            [DataScience] public class Trainer { public void Train() => Cluster.Scale(); }
            """));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task GeneratedCodeIncludedWhenAskedFor()
    {
        var test = new VerifyCS.Test();
        test.TestState.Sources.Add(("/0/Trainer.g.cs", """
            // <auto-generated/>
            using MlAtScale;
            [Production] public static class Cluster { public static void Scale() { } }
            [DataScience] public class Trainer { public void Train() => Cluster.{|#0:Scale|}(); }
            """));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.MlAtScaleIncludeGeneratedCode = true\n"));
        test.ExpectedDiagnostics.Add(Crossing(0, "Trainer.Train", "DataScience", "Cluster.Scale", "Production"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task PermittedCrossingsAreCountedPerEdgeAndAllowanceAtTheEndOfTheCompilation()
    {
        // Two contract uses (the interface and its member) and two policy uses give one record each, with
        // their counts; the allowance's record names its member. No record has a location.
        var test = new VerifyCS.Test
        {
            TestCode = """
                using MlAtScale;
                [Production, RoleContract] public interface IPredictor { float Predict(); }
                [DataEngineering] public static class Clean { public static void Load() { } }
                [BusinessAnalysis] public static class Kpi { public static void Publish() { } }
                [DataScience]
                public class Trainer
                {
                    [AllowRoleCrossing("BusinessAnalysis", Justification = "Reports lift")]
                    public void Train(IPredictor p) { Clean.Load(); p.Predict(); Kpi.Publish(); }

                    public void Reload() => Clean.Load();
                }
                """,
            Policy = "DataScience -> DataEngineering",
        };
        test.DisabledDiagnostics.Clear();
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.MLR0006.severity = suggestion\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("MLR0006", DiagnosticSeverity.Info)
            .WithArguments("DataScience", "Production in TestProject", 2, "through contracts"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("MLR0006", DiagnosticSeverity.Info)
            .WithArguments("DataScience", "DataEngineering in TestProject", 2, "allowed by the policy edge 'DataScience -> DataEngineering'"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("MLR0006", DiagnosticSeverity.Info)
            .WithArguments("Trainer.Train (DataScience)", "BusinessAnalysis in TestProject", 1, "allowed by [AllowRoleCrossing(\"BusinessAnalysis\")]: Reports lift"));
        return test.RunAsync(CancellationToken.None);
    }

    private static async Task<MetadataReference> CompileLibraryAsync(string source)
    {
        var references = await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var compilation = CSharpCompilation.Create(
            "Churn.Library",
            new[] { CSharpSyntaxTree.ParseText(source) },
            references.Add(TestReferences.Attributes),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
