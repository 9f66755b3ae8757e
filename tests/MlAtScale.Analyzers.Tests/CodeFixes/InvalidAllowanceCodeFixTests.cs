using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MlAtScale.Analyzers.Rules.RoleDeclarationAnalyzer,
    MlAtScale.Analyzers.CodeFixes.InvalidAllowanceCodeFixProvider>;

namespace MlAtScale.Analyzers.Tests.CodeFixes;

/// <summary>MLR0004 → the justification placeholder, or the suggested role.</summary>
public sealed class InvalidAllowanceCodeFixTests
{
    private const string StillPlaceholder = "still has the placeholder justification 'TODO: explain why this crossing is acceptable'; write why this crossing is acceptable";

    [Fact]
    public async Task AddsThePlaceholderWhichIsStillReported()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using MlAtScale;

                [Production]
                public class WarmupJob
                {
                    [{|#0:AllowRoleCrossing("DataEngineering")|}] // sample read
                    public void Run() { }

                    [{|#1:AllowRoleCrossing("DataScience", Expires = "2027-03-31")|}]
                    public void Score() { }

                    [{|#2:AllowRoleCrossing("DataScience", Justification = " ")|}]
                    public void Rank() { }
                }
                """,
            FixedCode = """
                using MlAtScale;

                [Production]
                public class WarmupJob
                {
                    [{|#0:AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")|}] // sample read
                    public void Run() { }

                    [{|#1:AllowRoleCrossing("DataScience", Expires = "2027-03-31", Justification = "TODO: explain why this crossing is acceptable")|}]
                    public void Score() { }

                    [{|#2:AllowRoleCrossing("DataScience", Justification = "TODO: explain why this crossing is acceptable")|}]
                    public void Rank() { }
                }
                """,
            ExpectedDiagnostics =
            {
                Missing(0, "DataEngineering", "WarmupJob.Run"),
                Missing(1, "DataScience", "WarmupJob.Score"),
                Missing(2, "DataScience", "WarmupJob.Rank"),
            },
            FixedState =
            {
                ExpectedDiagnostics =
                {
                    Placeholder(0, "DataEngineering", "WarmupJob.Run"),
                    Placeholder(1, "DataScience", "WarmupJob.Score"),
                    Placeholder(2, "DataScience", "WarmupJob.Rank"),
                },
            },
            CodeActionVerifier = (action, verifier) => verifier.Equal("Add a justification placeholder", action.Title),
        };
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ChangesAnUnknownRoleToTheSuggestion()
    {
        var test = new VerifyCS.Test
        {
            TestCode = """
                using MlAtScale;

                [Production]
                public class Labels
                {
                    [AllowRoleCrossing({|#0:"Labelling"|}, Justification = "Reads the label queue once per deployment.")]
                    public void Import() { }

                    [AllowRoleCrossing( {|#1:"DataSciense"|} , Justification = "Scores a sample.")]
                    public void Score() { }
                }
                """,
            FixedCode = """
                using MlAtScale;

                [Production]
                public class Labels
                {
                    [AllowRoleCrossing("Labeling", Justification = "Reads the label queue once per deployment.")]
                    public void Import() { }

                    [AllowRoleCrossing( "DataScience" , Justification = "Scores a sample.")]
                    public void Score() { }
                }
                """,
            Policy = "role Labeling\n",
            ExpectedDiagnostics =
            {
                VerifyCS.Diagnostic("MLR0004").WithLocation(0),
                VerifyCS.Diagnostic("MLR0004").WithLocation(1),
            },
            CodeActionEquivalenceKey = "MLR0004:ChangeRole",
            CodeActionVerifier = (action, verifier) => verifier.True(action.Title is "Change role to 'Labeling'" or "Change role to 'DataScience'", action.Title),
        };
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task NoFixForAnUnknownRoleWithoutSuggestionOrForAPlaceholder()
    {
        const string Source = """
            using MlAtScale;

            [Production]
            public class Labels
            {
                [AllowRoleCrossing({|#0:"Xyzzy"|}, Justification = "Imports labels.")]
                public void Import() { }

                [{|#1:AllowRoleCrossing("DataScience", Justification = "todo later")|}]
                public void Score() { }
            }
            """;
        var test = new VerifyCS.Test
        {
            TestCode = Source,
            FixedCode = Source,
            ExpectedDiagnostics =
            {
                VerifyCS.Diagnostic("MLR0004").WithLocation(0),
                VerifyCS.Diagnostic("MLR0004").WithLocation(1).WithArguments("DataScience", "Labels.Score", "still has the placeholder justification 'todo later'; write why this crossing is acceptable"),
            },
        };
        await test.RunAsync(CancellationToken.None);
    }

    private static DiagnosticResult Missing(int location, string role, string symbol) =>
        VerifyCS.Diagnostic("MLR0004").WithLocation(location).WithArguments(role, symbol, "has no justification; add Justification = \"why this crossing is acceptable\" so that reviewers can audit it");

    private static DiagnosticResult Placeholder(int location, string role, string symbol) =>
        VerifyCS.Diagnostic("MLR0004").WithLocation(location).WithArguments(role, symbol, StillPlaceholder);
}
