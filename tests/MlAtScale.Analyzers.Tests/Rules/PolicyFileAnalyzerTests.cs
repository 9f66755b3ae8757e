using System.Threading;
using System.Threading.Tasks;
using MlAtScale.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.PolicyFileAnalyzer>;
using VerifyBoundary = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer>;

namespace MlAtScale.Analyzers.Tests.Rules;

/// <summary>MLR0003 at the policy file's exact line and column, for every kind of error.</summary>
public sealed class PolicyFileAnalyzerTests
{
    // The namespaces the policies below map: a mapping that matches nothing would be MLR0011.
    private const string MappedCode = "namespace Churn.Ingestion { public class A { } }\nnamespace Churn.Contracts { public class B { } }\nnamespace Churn.Labels { public class C { } }\n";

    private static Task VerifyPolicyAsync(string policy, params DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { TestCode = MappedCode, Policy = policy };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    private static DiagnosticResult At(int line, int column, int endColumn, string message) =>
        VerifyCS.Diagnostic("MLR0003").WithSpan(TestReferences.PolicyPath, line, column, line, endColumn).WithArguments(message);

    [Fact]
    public Task ValidFileHasNoDiagnostics() => VerifyPolicyAsync("""
        # Churn repo policy
        role Labeling
        N:Churn.Ingestion = DataEngineering
        N:Churn.Contracts = contract
        T:System.Data.Common.DbConnection+ = DataEngineering
        DataScience -> DataEngineering
        option catalog = on
        """);

    [Fact]
    public Task EveryErrorKindAtItsLocation() => VerifyPolicyAsync("""
        # line 1 is a comment
        deploy everything
        N:Churn = Datascience
        Q:Churn.X = DataScience
        N:Churn.Ingestion = DataEngineering
        N:Churn.Ingestion = DataEngineering
        N:Churn.Ingestion = Production
        DataScience -> Production
        DataScience -> Production
        role DataScience
        option catalog = sometimes
        """,
        At(2, 1, 7, "unrecognised line 'deploy everything'; expected 'role <Name>', '<ID> = <Role>', '<ID> = contract', '<Role> -> <Role>' or 'option <name> = <value>'"),
        VerifyCS.Diagnostic("MLR0005").WithSpan(TestReferences.PolicyPath, 3, 11, 3, 22).WithArguments("Datascience", "MlRoles.txt:3", "did you mean 'DataScience'? use a built-in role (DataEngineering, DataScience, Production, BusinessAnalysis) or declare it with 'role Datascience'"),
        At(4, 1, 10, "'Q:Churn.X' is not a documentation-comment ID: it must start with N:, T:, M:, P:, F: or E:; write a documentation-comment ID such as 'N:Contoso.Ingestion', 'T:Contoso.Serving.ModelHost' or 'M:Contoso.Serving.ModelHost.Deploy(System.String)'"),
        At(6, 1, 18, "'N:Churn.Ingestion' is already mapped to DataEngineering on line 5; remove this duplicate line"),
        At(7, 1, 18, "'N:Churn.Ingestion' is mapped to Production here but to DataEngineering on line 5; keep only the mapping you mean"),
        At(9, 1, 12, "the edge 'DataScience -> Production' is already allowed on line 8; remove this line"),
        At(10, 6, 17, "'DataScience' is a built-in role and needs no declaration; remove this line"),
        At(11, 18, 27, "option 'catalog' does not accept 'sometimes'; use one of: on, off"));

    [Fact]
    public Task CommonMistakesGetTheirOwnHint() => VerifyPolicyAsync("""
        Production => DataEngineering
        DataScience = DataEngineering
        Production = contract
        Churn.Ingestion = DataEngineering
        Churn.Ingestion => DataEngineering
        """,
        At(1, 12, 14, "'=>' is not the edge arrow; write 'Production -> DataEngineering' to let Production code use DataEngineering code (edges are directed)"),
        At(2, 13, 14, "'=' maps an ID to a role, but 'DataScience' is a role; to let DataScience code use DataEngineering code write 'DataScience -> DataEngineering'"),
        At(3, 12, 13, "'Production' is a role, but a mapping starts with an ID; write e.g. 'N:Contoso.Ingestion = contract' (N: namespace, T: type, M: method)"),
        At(4, 1, 16, "'Churn.Ingestion' has no prefix; write 'N:Churn.Ingestion' for a namespace, 'T:Churn.Ingestion' for a type or 'M:…' for a method"),
        At(5, 17, 19, "'=>' is not an arrow of the policy file; an allowed edge reads '<Role> -> <Role>', e.g. 'DataScience -> DataEngineering'"));

    [Fact]
    public async Task GoodLinesStillApplyNextToBadOnes()
    {
        var test = new VerifyBoundary.Test
        {
            TestCode = """
                namespace Churn.Serving { public static class Api { public static void Map() { } } }
                namespace Churn.Modelling { public static class Trainer { public static void Fit() => Churn.Serving.Api.{|#0:Map|}(); } }
                """,
            Policy = "N:Churn.Modelling = DataScience\nthis line is wrong\nN:Churn.Serving = Production\n",
        };
        test.ExpectedDiagnostics.Add(VerifyBoundary.Diagnostic("MLR0001").WithLocation(0).WithArguments(Mlr0001.Arguments("Trainer.Fit", "DataScience", "Api.Map", "Production", via: "MlRoles.txt:3")));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task RolesDeclaredInTheRepoFileAreKnownInTheProjectFile()
    {
        var test = new VerifyCS.Test { TestCode = MappedCode };
        test.TestState.AdditionalFiles.Add(("/repo/MlRoles.txt", "role Labeling\n"));
        test.TestState.AdditionalFiles.Add(("/repo/src/Project/MlRoles.txt", "N:Churn.Labels = Labeling\nN:Churn.Other = Labelling\n"));
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic("MLR0005").WithSpan("/repo/src/Project/MlRoles.txt", 2, 17, 2, 26)
            .WithArguments("Labelling", "MlRoles.txt:2", "did you mean 'Labeling'? use a built-in role (DataEngineering, DataScience, Production, BusinessAnalysis) or declare it with 'role Labelling'"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ProjectFileOverridesRepoFile()
    {
        var test = new VerifyBoundary.Test
        {
            TestCode = """
                namespace Churn.Serving { public static class Api { public static void Map() { } } }
                namespace Churn.Modelling { public static class Trainer { public static void Fit() => Churn.Serving.Api.{|#0:Map|}(); } }
                """,
        };
        test.TestState.AdditionalFiles.Add(("/repo/src/Modelling/MlRoles.txt", "N:Churn.Serving = BusinessAnalysis\n"));
        test.TestState.AdditionalFiles.Add(("/repo/MlRoles.txt", "N:Churn.Modelling = DataScience\nN:Churn.Serving = Production\n"));
        test.ExpectedDiagnostics.Add(VerifyBoundary.Diagnostic("MLR0001").WithLocation(0).WithArguments(Mlr0001.Arguments("Trainer.Fit", "DataScience", "Api.Map", "BusinessAnalysis", via: "MlRoles.txt:1")));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task OtherAdditionalFilesAreIgnored()
    {
        var test = new VerifyCS.Test { TestCode = "public class C { }" };
        test.TestState.AdditionalFiles.Add(("/0/notes.txt", "this is not a policy"));
        await test.RunAsync(CancellationToken.None);
    }
}
