using System.Threading;
using System.Threading.Tasks;
using MlAtScale.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyPolicy = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.PolicyFileAnalyzer>;
using VerifyBoundary = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer>;

namespace MlAtScale.Analyzers.Tests.Rules;

/// <summary>MLR0011 (a mapping that matches nothing), MLR0012 (an allowance that permits nothing), and broad '+' mappings.</summary>
public sealed class UnmatchedAndUnusedTests
{
    private const string Code = """
        namespace Contoso.Ingestion
        {
            public class Loader
            {
                public Loader() { }
                public void Load(string path) { }
                public int Rows { get; set; }
            }
        }
        """;

    private static DiagnosticResult Unmatched(string path, int line, int column, int endColumn, string mapping, string why) =>
        VerifyPolicy.Diagnostic("MLR0011").WithSpan(path, line, column, line, endColumn).WithArguments(mapping, why);

    [Fact]
    public Task Mappings_that_name_code_of_the_project_or_its_references_are_matched() => VerifyPolicy.VerifyAnalyzerAsync(Code, """
        N:Contoso = DataEngineering
        N:Contoso.Ingestion = DataEngineering
        T:Contoso.Ingestion.Loader = DataEngineering
        M:Contoso.Ingestion.Loader.Load(System.String) = DataEngineering
        M:Contoso.Ingestion.Loader.Load(*) = DataEngineering
        M:Contoso.Ingestion.Loader.#ctor = DataEngineering
        P:Contoso.Ingestion.Loader.Rows = DataEngineering
        T:System.IO.Stream+ = DataEngineering
        N:System.Data.Common = DataEngineering
        M:System.IO.File.ReadAllText(System.String) = DataEngineering
        """);

    [Fact]
    public Task Each_mapping_that_matches_nothing_is_reported_at_its_line_with_the_reason() => VerifyPolicy.VerifyAnalyzerAsync(Code, """
        N:Contoso.Ingest = DataEngineering
        T:Contoso.Ingestion.Loadr = DataEngineering
        M:Contoso.Ingestion.Loader.Save(System.String) = DataEngineering
        M:Contoso.Serving.Host.Run(*) = Production
        T:System.IO.Streem+ = DataEngineering
        N:Contoso.Ingestion = DataEngineering
        """,
        Unmatched(TestReferences.PolicyPath, 1, 1, 35, "N:Contoso.Ingest", "no namespace 'Contoso.Ingest' exists in this project or its references"),
        Unmatched(TestReferences.PolicyPath, 2, 1, 44, "T:Contoso.Ingestion.Loadr", "no type 'Contoso.Ingestion.Loadr' exists in this project or its references"),
        Unmatched(TestReferences.PolicyPath, 3, 1, 65, "M:Contoso.Ingestion.Loader.Save(System.String)", "the type 'Contoso.Ingestion.Loader' has no member named 'Save'"),
        Unmatched(TestReferences.PolicyPath, 4, 1, 43, "M:Contoso.Serving.Host.Run(*)", "no type 'Contoso.Serving.Host' exists in this project or its references"),
        Unmatched(TestReferences.PolicyPath, 5, 1, 38, "T:System.IO.Streem+", "no type 'System.IO.Streem' exists in this project or its references"));

    [Fact]
    public async Task Only_the_policy_files_in_the_project_folder_are_checked()
    {
        // The repository-wide file maps every project's namespaces; this project sees only its own.
        var test = new VerifyPolicy.Test { TestCode = Code };
        test.TestState.AdditionalFiles.Add(("/repo/MlRoles.txt", "N:Contoso.Serving = Production\n"));
        test.TestState.AdditionalFiles.Add(("/repo/src/Ingestion/MlRoles.txt", "N:Contoso.Ingestion = DataEngineering\nN:Contoso.Ingestoin = DataEngineering\n"));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.MSBuildProjectDirectory = /repo/src/Ingestion\n"));
        test.ExpectedDiagnostics.Add(Unmatched("/repo/src/Ingestion/MlRoles.txt", 2, 1, 38, "N:Contoso.Ingestoin", "no namespace 'Contoso.Ingestoin' exists in this project or its references"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_shared_files_unmatched_mappings_are_recorded_for_the_repository_report_not_reported()
    {
        // MLR0006 (the report's records) is on, as in a real build: the shared file's mapping that this
        // project does not match becomes a record at its line; the repository report decides on MLR0011.
        var test = SharedFileTest("N:Contoso.Ingestion = DataEngineering\nN:Contoso.Serving = Production\n", string.Empty);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("MLR0006", Microsoft.CodeAnalysis.DiagnosticSeverity.Hidden)
            .WithSpan("/repo/MlRoles.txt", 2, 1, 2, 31)
            .WithArguments(
                "The mapping 'N:Contoso.Serving' of a shared policy file",
                "no code of this project",
                0,
                "no namespace 'Contoso.Serving' exists in this project or its references; the repository report tells whether another project that uses the file matches it"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_project_that_turns_MLR0011_off_records_nothing_for_a_shared_file()
    {
        await SharedFileTest("N:Contoso.Serving = Production\n", "dotnet_diagnostic.MLR0011.severity = none\n").RunAsync(CancellationToken.None);
    }

    /// <summary>The project in /repo/src/Ingestion with <paramref name="policy"/> as the repository-wide /repo/MlRoles.txt, MLR0006 on as in a real build.</summary>
    private static VerifyPolicy.Test SharedFileTest(string policy, string extraConfig)
    {
        var test = new VerifyPolicy.Test { TestCode = Code };
        test.DisabledDiagnostics.Remove("MLR0006");
        test.TestState.AdditionalFiles.Add(("/repo/MlRoles.txt", policy));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.MSBuildProjectDirectory = /repo/src/Ingestion\n" + extraConfig));
        return test;
    }

    [Fact]
    public Task An_allowance_that_permits_a_use_is_not_reported() => VerifyBoundary.VerifyAnalyzerAsync("""
        using MlAtScale;
        [Production] public static class Host { public static void Deploy() { } }

        [DataScience]
        public static class Trainer
        {
            [AllowRoleCrossing("Production", Justification = "the nightly job promotes the model it trained")]
            public static void Train() => Host.Deploy();
        }
        """);

    [Fact]
    public Task An_allowance_whose_code_uses_nothing_of_the_role_is_reported_at_its_attribute() => VerifyBoundary.VerifyAnalyzerAsync("""
        using MlAtScale;
        [Production] public static class Host { public static void Deploy() { } }

        [DataScience]
        public static class Trainer
        {
            [{|#0:AllowRoleCrossing("Production", Justification = "left over from the old deploy step")|}]
            public static void Train() { }
        }
        """,
        VerifyBoundary.Diagnostic("MLR0012").WithLocation(0).WithArguments("Production", "Trainer.Train", string.Empty));

    [Fact]
    public Task An_allowance_whose_uses_the_policy_already_permits_is_reported() => VerifyBoundary.VerifyAnalyzerAsync("""
        using MlAtScale;
        [Production] public static class Host { public static void Deploy() { } }

        [DataScience]
        public static class Trainer
        {
            [{|#0:AllowRoleCrossing("Production", Justification = "promotes the model")|}]
            public static void Train() => Host.Deploy();
        }
        """,
        "DataScience -> Production\n",
        VerifyBoundary.Diagnostic("MLR0012").WithLocation(0).WithArguments("Production", "Trainer.Train", string.Empty));

    [Fact]
    public Task An_allowance_on_the_callee_says_where_it_belongs() => VerifyBoundary.VerifyAnalyzerAsync("""
        using MlAtScale;
        [Production]
        public static class Host
        {
            [{|#1:AllowRoleCrossing("DataScience", Justification = "the trainer may deploy")|}]
            public static void Deploy() { }
        }

        [DataScience]
        public static class Trainer
        {
            public static void Train() => Host.{|#0:Deploy|}();
        }
        """,
        VerifyBoundary.Diagnostic("MLR0001").WithLocation(0).WithArguments(Mlr0001.Arguments("Trainer.Train", "DataScience", "Host.Deploy", "Production")),
        VerifyBoundary.Diagnostic("MLR0012").WithLocation(1).WithArguments(
            "DataScience",
            "Host.Deploy",
            "; it sits on the used code, but an allowance covers the code that makes the use: DataScience code such as 'Trainer.Train' uses 'Host.Deploy', so put the allowance there (or mark 'Host.Deploy' [RoleContract])"));

    [Fact]
    public Task A_broad_plus_mapping_never_gives_the_role_attributes_a_role() => VerifyBoundary.VerifyAnalyzerAsync("""
        using MlAtScale;
        namespace Contoso
        {
            [DataScience] public class Trainer { }
            [Production] public class Host { }
            [RoleContract] public class Schema { }
            [MlRole("Labeling")] public class Labeler { }
            [DataScience]
            public class Notebook
            {
                [AllowRoleCrossing("Production", Justification = "deploys")]
                public void Run() => new Host().ToString();
            }
        }
        """,
        "role Labeling\nT:System.Object+ = Production\nT:System.Attribute+ = BusinessAnalysis\n");
}
