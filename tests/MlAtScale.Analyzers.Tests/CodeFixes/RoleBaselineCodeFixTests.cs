using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using MlAtScale.Analyzers.CodeFixes;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer,
    MlAtScale.Analyzers.CodeFixes.RoleBaselineCodeFixProvider>;

namespace MlAtScale.Analyzers.Tests.CodeFixes;

/// <summary>MLR0001 → an entry in the project's MlRoles.baseline.txt.</summary>
public sealed class RoleBaselineCodeFixTests
{
    private const string Header =
        "# MlAtScale role baseline: existing role-boundary violations that are not reported as errors.\n" +
        "# One line per (user, used symbol): <user ID> -> <used ID> : <UserRole> -> <UsedRole>.\n" +
        "# Written by `dotnet build -p:MlAtScaleUpdateBaseline=true`; it should only ever shrink (see docs/baseline.md).\n";

    private const string Source = """
        using MlAtScale;
        using Contoso.Data;

        [DataScience]
        public class Trainer
        {
            public int Train() => Loader.{|#0:Load|}() + Loader.{|#1:Load|}() + Host.{|#2:Port|}();

            public int Evaluate() => Loader.{|#3:Count|}();
        }
        """;

    private static readonly DiagnosticResult[] Crossings =
    {
        AllowRoleCrossingCodeFixTests.Crossing(0, "Trainer.Train", "Loader.Load"),
        AllowRoleCrossingCodeFixTests.Crossing(1, "Trainer.Train", "Loader.Load"),
        AllowRoleCrossingCodeFixTests.Crossing(2, "Trainer.Train", "Host.Port", "Production"),
        AllowRoleCrossingCodeFixTests.Crossing(3, "Trainer.Evaluate", "Loader.Count"),
    };

    [Fact]
    public async Task CreatesTheBaselineBesideThePolicyFileWithOneSortedLinePerUse()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources = { Source, AllowRoleCrossingCodeFixTests.OtherRoles },
                AdditionalFiles = { ("/0/config/MlRoles.txt", "role Labeling\n") },
            },
            FixedState =
            {
                Sources = { Plain(Source), AllowRoleCrossingCodeFixTests.OtherRoles },
                AdditionalFiles =
                {
                    ("/0/config/MlRoles.txt", "role Labeling\n"),
                    ("/0/config/MlRoles.baseline.txt", Utf8(Header +
                        "M:Trainer.Evaluate -> M:Contoso.Data.Loader.Count : DataScience -> DataEngineering\n" +
                        "M:Trainer.Train -> M:Contoso.Data.Host.Port : DataScience -> Production\n" +
                        "M:Trainer.Train -> M:Contoso.Data.Loader.Load : DataScience -> DataEngineering\n")),
                },
            },
            NumberOfIncrementalIterations = 3,
            NumberOfFixAllIterations = 1,
        };
        test.ExpectedDiagnostics.AddRange(Crossings);
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task CreatesTheBaselineInTheProjectFolderWithoutAPolicyFile()
    {
        var test = new VerifyCS.Test
        {
            TestState = { Sources = { "[MlAtScale.DataScience] public class Trainer { public int Train() => Contoso.Data.Loader.{|#0:Load|}(); }", AllowRoleCrossingCodeFixTests.OtherRoles } },
            FixedState =
            {
                Sources = { "[MlAtScale.DataScience] public class Trainer { public int Train() => Contoso.Data.Loader.Load(); }", AllowRoleCrossingCodeFixTests.OtherRoles },
                AdditionalFiles = { ("/0/MlRoles.baseline.txt", Utf8(Header + "M:Trainer.Train -> M:Contoso.Data.Loader.Load : DataScience -> DataEngineering\n")) },
            },
            ExpectedDiagnostics = { AllowRoleCrossingCodeFixTests.Crossing(0, "Trainer.Train", "Loader.Load") },
        };
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task InsertsIntoAnExistingBaselineInOrderAndKeepsItsComments()
    {
        const string Existing =
            "# Our baseline, reviewed 2026-11.\r\n" +
            "\r\n" +
            "M:Other.A -> T:Contoso.Data.Table : DataScience -> DataEngineering\r\n" +
            "M:Trainer.Train -> M:Contoso.Data.Host.Port : DataScience -> Production\r\n" +
            "# below: the reporting job\r\n" +
            "M:Zeta.B -> T:Contoso.Data.Table : DataScience -> DataEngineering\r\n";
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    Source.Replace("Host.{|#2:Port|}()", "Host.Port()", System.StringComparison.Ordinal),
                    AllowRoleCrossingCodeFixTests.OtherRoles,
                    "[MlAtScale.DataScience] public class Other { public object A() => new Contoso.Data.Table(); }",
                    "[MlAtScale.DataScience] public class Zeta { public object B() => new Contoso.Data.Table(); }",
                },
                AdditionalFiles = { ("/0/MlRoles.baseline.txt", Existing) },
            },
            FixedState =
            {
                Sources =
                {
                    Plain(Source),
                    AllowRoleCrossingCodeFixTests.OtherRoles,
                    "[MlAtScale.DataScience] public class Other { public object A() => new Contoso.Data.Table(); }",
                    "[MlAtScale.DataScience] public class Zeta { public object B() => new Contoso.Data.Table(); }",
                },
                AdditionalFiles =
                {
                    ("/0/MlRoles.baseline.txt",
                        "# Our baseline, reviewed 2026-11.\r\n" +
                        "\r\n" +
                        "M:Other.A -> T:Contoso.Data.Table : DataScience -> DataEngineering\r\n" +
                        "M:Trainer.Evaluate -> M:Contoso.Data.Loader.Count : DataScience -> DataEngineering\r\n" +
                        "M:Trainer.Train -> M:Contoso.Data.Host.Port : DataScience -> Production\r\n" +
                        "M:Trainer.Train -> M:Contoso.Data.Loader.Load : DataScience -> DataEngineering\r\n" +
                        "# below: the reporting job\r\n" +
                        "M:Zeta.B -> T:Contoso.Data.Table : DataScience -> DataEngineering\r\n"),
                },
            },
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 1,
        };
        test.ExpectedDiagnostics.AddRange(new[] { Crossings[0], Crossings[1], Crossings[3] });
        await test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("", "b\n")]
    [InlineData("# header\n", "# header\nb\n")]
    [InlineData("a\nc", "a\nb\nc\n")]
    [InlineData("c\n# tail\n", "b\nc\n# tail\n")]
    [InlineData("a\n# tail\n", "a\nb\n# tail\n")]
    public void InsertKeepsEntriesSorted(string text, string expected) =>
        Assert.Equal(expected, RoleBaselineCodeFixProvider.Insert(text, new[] { "b" }));

    [Fact]
    public void InsertReportsNoChangeForAPresentEntry() =>
        Assert.Null(RoleBaselineCodeFixProvider.Insert("a\n  b  \n", new[] { "b" }));

    /// <summary>New baselines are UTF-8 without a byte order mark, as the build writes them.</summary>
    private static SourceText Utf8(string text) => SourceText.From(text, new System.Text.UTF8Encoding(false));

    private static string Plain(string markup) =>
        System.Text.RegularExpressions.Regex.Replace(markup, @"\{\|#\d+:([^|]*)\|\}", "$1");
}
