using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using MlAtScale.Analyzers.CodeFixes;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer,
    MlAtScale.Analyzers.CodeFixes.PolicyLineCodeFixProvider>;

namespace MlAtScale.Analyzers.Tests.CodeFixes;

/// <summary>MLR0001 on code the user cannot edit → one line in MlRoles.txt: the contract line, or the edge.</summary>
public sealed class PolicyLineCodeFixTests
{
    // DbProviderFactories is DataEngineering's by the built-in catalog ('T:System.Data.Common.DbProviderFactories = DataEngineering').
    private const string Source = """
        using MlAtScale;
        using System.Data.Common;

        [DataScience]
        public class T
        {
            public object A() => DbProviderFactories.{|#0:GetProviderInvariantNames|}();

            public object B() => DbProviderFactories.{|#1:UnregisterFactory|}("x");
        }
        """;

    private const string Fixed = """
        using MlAtScale;
        using System.Data.Common;

        [DataScience]
        public class T
        {
            public object A() => DbProviderFactories.GetProviderInvariantNames();

            public object B() => DbProviderFactories.UnregisterFactory("x");
        }
        """;

    private const string Advice = "allow 'DataScience -> DataEngineering' or make it a contract in MlRoles.txt";

    private static readonly DiagnosticResult[] Crossings =
    {
        VerifyCS.Diagnostic("MLR0001").WithLocation(0).WithArguments(Mlr0001.Arguments("T.A", "DataScience", "DbProviderFactories.GetProviderInvariantNames", "DataEngineering", "the built-in catalog", Advice)),
        VerifyCS.Diagnostic("MLR0001").WithLocation(1).WithArguments(Mlr0001.Arguments("T.B", "DataScience", "DbProviderFactories.UnregisterFactory", "DataEngineering", "the built-in catalog", Advice)),
    };

    [Fact]
    public async Task FixAllAddsTheContractLineOnceAtTheEndOfThePolicyFile()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources = { Source },
                AdditionalFiles = { ("/0/MlRoles.txt", "# roles of the shop\nrole Labeling") },
            },
            FixedState =
            {
                Sources = { Fixed },
                AdditionalFiles = { ("/0/MlRoles.txt", "# roles of the shop\nrole Labeling\nT:System.Data.Common.DbProviderFactories = contract\n") },
            },
            CodeActionEquivalenceKey = PolicyLineCodeFixProvider.ContractKey,
            NumberOfIncrementalIterations = 1,
            NumberOfFixAllIterations = 1,
        };
        test.ExpectedDiagnostics.AddRange(Crossings);
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task FixAllAddsTheEdgeOnceAndCreatesThePolicyFileWhenThereIsNone()
    {
        var test = new VerifyCS.Test
        {
            TestState = { Sources = { Source } },
            FixedState =
            {
                Sources = { Fixed },
                AdditionalFiles = { ("/0/MlRoles.txt", SourceText.From("DataScience -> DataEngineering\n", new System.Text.UTF8Encoding(false))) },
            },
            CodeActionEquivalenceKey = PolicyLineCodeFixProvider.EdgeKey,
            NumberOfIncrementalIterations = 1,
            NumberOfFixAllIterations = 1,
        };
        test.ExpectedDiagnostics.AddRange(Crossings);
        await test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("", "A = contract\n")]
    [InlineData("x\r\ny", "x\r\ny\r\nA = contract\r\n")]
    [InlineData("  A = contract  \n", null)]
    public void AppendAddsOnlyMissingLinesWithTheFilesLineEnd(string text, string? expected) =>
        Assert.Equal(expected, PolicyLineCodeFixProvider.Append(text, new[] { "A = contract" }));
}
