using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MlAtScale.Analyzers.Rules.RoleDeclarationAnalyzer,
    MlAtScale.Analyzers.CodeFixes.AddRoleAttributeCodeFixProvider>;

namespace MlAtScale.Analyzers.Tests.CodeFixes;

/// <summary>MLR0009 → one "Mark '&lt;Type&gt;' [&lt;Role&gt;]" action per known role.</summary>
public sealed class AddRoleAttributeCodeFixTests
{
    [Theory]
    [InlineData(0, "DataEngineering")]
    [InlineData(1, "DataScience")]
    [InlineData(2, "Production")]
    [InlineData(3, "BusinessAnalysis")]
    public Task OneActionPerBuiltInRole(int index, string role) => Verify(
        """
        namespace Contoso.Churn;

        /// <summary>Scores customers.</summary>
        public sealed class {|#0:Scorer|}
        {
        }
        """,
        $$"""
        using MlAtScale;

        namespace Contoso.Churn;

        /// <summary>Scores customers.</summary>
        [{{role}}]
        public sealed class Scorer
        {
        }
        """,
        index,
        $"Mark 'Scorer' [{role}]",
        Unowned(0, "Scorer"));

    [Fact]
    public Task CustomRoleFromThePolicyFile() => Verify(
        """
        using System;

        namespace Contoso.Labels
        {
            [Serializable]
            public record struct {|#0:LabelTask|}(int Id);
        }
        """,
        """
        using System;
        using MlAtScale;

        namespace Contoso.Labels
        {
            [Serializable]
            [MlRole("Labeling")]
            public record struct LabelTask(int Id);
        }
        """,
        4,
        "Mark 'LabelTask' [MlRole(\"Labeling\")]",
        Unowned(0, "LabelTask"),
        policy: "role Labeling\n");

    private const string EvidenceSource = """
        using MlAtScale;

        namespace Contoso.Churn;

        [DataScience] public static class Features { public static float[] Scale(float[] x) => x; public static int Count() => 1; }
        [Production] public static class Host { public static void Deploy() { } }

        public sealed class {|#0:Scorer|}
        {
            public float[] Run(float[] x) { Host.Deploy(); return Features.Scale(x); }
            public int Size() => Features.Count();
        }

        [DataScience] public class Trainer { public void Train() => new Scorer().Run(new float[0]); }
        [DataScience] public class Evaluator { public int Check(Scorer s) => s.Size(); }
        """;

    [Theory]
    [InlineData(0, "DataScience", "Mark 'Scorer' [DataScience] \u2014 uses 2 Data Science APIs, used by 2 Data Science types")]
    [InlineData(1, "Production", "Mark 'Scorer' [Production] \u2014 uses 1 Production API")]
    [InlineData(2, "DataEngineering", "Mark 'Scorer' [DataEngineering]")]
    [InlineData(3, "BusinessAnalysis", "Mark 'Scorer' [BusinessAnalysis]")]
    public Task RolesAreOrderedByEvidenceWithTheReasonInTheTitle(int index, string role, string title) => Verify(
        EvidenceSource,
        EvidenceSource.Replace("{|#0:Scorer|}", "Scorer").Replace("public sealed class Scorer", $"[{role}]\npublic sealed class Scorer"),
        index,
        title,
        Unowned(0, "Scorer"));

    [Fact]
    public void EvidenceNamesRolesAsWords()
    {
        Assert.Equal("Data Science", MlAtScale.Analyzers.Model.RoleEvidence.DisplayName("DataScience"));
        Assert.Equal("Business Analysis", MlAtScale.Analyzers.Model.RoleEvidence.DisplayName("BusinessAnalysis"));
        Assert.Equal("Labeling", MlAtScale.Analyzers.Model.RoleEvidence.DisplayName("Labeling"));
        Assert.Equal("uses 1 Labeling API, used by 3 Labeling types", new MlAtScale.Analyzers.Model.RoleEvidence("Labeling", 1, 3).Reason);
    }

    [Fact]
    public Task MarksTheFirstPartialDeclarationOnly() => VerifyMany(
        new[]
        {
            ("/0/A.cs", "public partial class {|#0:Pipeline|}\n{\n}\n"),
            ("/0/B.cs", "public partial class Pipeline\n{\n    public class Step { }\n}\n"),
        },
        new[]
        {
            ("/0/A.cs", "using MlAtScale;\n\n[DataScience]\npublic partial class Pipeline\n{\n}\n"),
            ("/0/B.cs", "public partial class Pipeline\n{\n    public class Step { }\n}\n"),
        },
        "MLR0009:DataScience",
        Unowned(0, "Pipeline"));

    [Fact]
    public Task FixAllMarksEveryUnownedTypeOnceAcrossDocuments() => VerifyMany(
        new[]
        {
            ("/0/A.cs", """
            using MlAtScale;

            namespace Contoso.Serving
            {
                // The host.
                public interface {|#0:IHost|} { }

                public enum {|#1:Stage|} { Canary, Full }

                public delegate void {|#2:Rollout|}(Stage stage);

                [Production]
                public class Owned
                {
                    public class Nested { }
                }
            }
            """),
            ("/0/B.cs", """
            public struct {|#3:Probe|}
            {
                public class Inner { }
            }
            """),
        },
        new[]
        {
            ("/0/A.cs", """
            using MlAtScale;

            namespace Contoso.Serving
            {
                // The host.
                [Production]
                public interface IHost { }

                [Production]
                public enum Stage { Canary, Full }

                [Production]
                public delegate void Rollout(Stage stage);

                [Production]
                public class Owned
                {
                    public class Nested { }
                }
            }
            """),
            ("/0/B.cs", """
            using MlAtScale;

            [Production]
            public struct Probe
            {
                public class Inner { }
            }
            """),
        },
        "MLR0009:Production",
        Unowned(0, "IHost"),
        Unowned(1, "Stage"),
        Unowned(2, "Rollout"),
        Unowned(3, "Probe"));

    private static DiagnosticResult Unowned(int location, string type) =>
        new DiagnosticResult("MLR0009", DiagnosticSeverity.Hidden).WithLocation(location).WithArguments(type);

    private static Task Verify(string source, string fixedSource, int actionIndex, string title, DiagnosticResult expected, string? policy = null)
    {
        var test = new VerifyCS.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            Policy = policy,
            CodeActionIndex = actionIndex,
            CodeActionVerifier = (action, verifier) => verifier.Equal(title, action.Title),
            ExpectedDiagnostics = { expected },
        };
        test.DisabledDiagnostics.Remove("MLR0009");
        return test.RunAsync(CancellationToken.None);
    }

    private static Task VerifyMany((string Path, string Text)[] sources, (string Path, string Text)[] fixedSources, string equivalenceKey, params DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { CodeActionEquivalenceKey = equivalenceKey };
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        foreach (var source in fixedSources)
        {
            test.FixedState.Sources.Add(source);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        test.DisabledDiagnostics.Remove("MLR0009");
        return test.RunAsync(CancellationToken.None);
    }
}
