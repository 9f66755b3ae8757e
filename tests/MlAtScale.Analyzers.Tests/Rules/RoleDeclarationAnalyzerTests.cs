using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleDeclarationAnalyzer>;

namespace MlAtScale.Analyzers.Tests.Rules;

/// <summary>MLR0002 (conflicting ownership), MLR0004 (invalid allowance) and MLR0005 (unknown role).</summary>
public sealed class RoleDeclarationAnalyzerTests
{
    private const string KnownRoles = "BusinessAnalysis, DataEngineering, DataScience, Production";

    [Fact]
    public Task PartialDeclarationsThatDisagree() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        [{|#0:DataScience|}]
        public partial class Pipeline { }

        [{|#1:Production|}]
        public partial class Pipeline { }
        """,
        VerifyCS.Diagnostic("MLR0002").WithLocation(0).WithLocation(1).WithArguments("Pipeline", "DataScience, Production"));

    [Fact]
    public Task OneRoleOnOnePartialDeclarationIsFine() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        [DataScience] public partial class Pipeline { }
        [RoleContract] public partial class Pipeline { }
        public partial class Pipeline { }
        """);

    [Fact]
    public Task TwoRolesOnOneMember() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        public class Pipeline
        {
            [{|#0:DataScience|}, {|#1:MlRole("Production")|}]
            public void Run() { }
        }
        """,
        VerifyCS.Diagnostic("MLR0002").WithLocation(0).WithLocation(1).WithArguments("Pipeline.Run", "DataScience, Production"));

    [Fact]
    public Task ConflictingAssemblyRoles() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        [assembly: {|#0:DataScience|}]
        [assembly: {|#1:MlRole("DataEngineering")|}]
        """,
        VerifyCS.Diagnostic("MLR0002").WithLocation(0).WithLocation(1).WithArguments("assembly TestProject", "DataEngineering, DataScience"));

    [Fact]
    public Task AllowanceWithoutJustification() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        [DataScience]
        public class Trainer
        {
            [{|#0:AllowRoleCrossing("Production")|}]
            public void A() { }

            [{|#1:AllowRoleCrossing("Production", Justification = "  ")|}]
            public void B() { }

            [AllowRoleCrossing("Production", Justification = "Reads the live replica count for capacity planning")]
            public void C() { }
        }
        """,
        VerifyCS.Diagnostic("MLR0004").WithLocation(0).WithArguments("Production", "Trainer.A", "has no justification; add Justification = \"why this crossing is acceptable\" so that reviewers can audit it"),
        VerifyCS.Diagnostic("MLR0004").WithLocation(1).WithArguments("Production", "Trainer.B", "has no justification; add Justification = \"why this crossing is acceptable\" so that reviewers can audit it"));

    [Fact]
    public Task AllowanceNamingAnUnknownRole() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        [AllowRoleCrossing({|#0:"Prod"|}, Justification = "x")]
        public class Trainer { }
        """,
        VerifyCS.Diagnostic("MLR0004").WithLocation(0).WithArguments("Prod", "Trainer", $"names an unknown role; use one of {KnownRoles} or declare it in MlRoles.txt with 'role Prod'"));

    [Fact]
    public Task AllowanceForADeclaredCustomRoleIsFine() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        [AllowRoleCrossing("Labeling", Justification = "Label audits")]
        public class Trainer { }
        """, "role Labeling");

    [Fact]
    public Task UnknownRoleInRoleAttribute() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;
        [MlRole({|#0:"Labelling"|})]
        public class Annotator { }

        public sealed class ReviewAttribute : MlRoleAttribute { public ReviewAttribute() : base("Review") { } }

        [{|#1:Review|}]
        public class Reviewer { }
        """, "role Labeling",
        VerifyCS.Diagnostic("MLR0005").WithLocation(0).WithArguments("Labelling", "Annotator", "did you mean 'Labeling'? use one of BusinessAnalysis, DataEngineering, DataScience, Labeling, Production or declare it in MlRoles.txt with 'role Labelling'"),
        VerifyCS.Diagnostic("MLR0005").WithLocation(1).WithArguments("Review", "Reviewer", "use one of BusinessAnalysis, DataEngineering, DataScience, Labeling, Production or declare it in MlRoles.txt with 'role Review'"));

    [Fact]
    public Task NoAttributesNoDiagnostics() => VerifyCS.VerifyAnalyzerAsync("""
        public partial class Pipeline { public void Run() { } }
        public partial class Pipeline { }
        """);

    /// <summary>Declarations in generated code are not checked: an unknown role there is left alone, the same one in hand-written code is reported.</summary>
    [Fact]
    public async Task GeneratedCodeIsNotChecked()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Annotator.cs", "using MlAtScale;\n[MlRole({|#0:\"Labelling\"|})]\npublic class Annotator { }\n"),
                    ("Annotator.g.cs", "using MlAtScale;\n[MlRole(\"Labelling\")]\npublic class GeneratedAnnotator { }\n"),
                    ("Header.cs", "// <auto-generated/>\nusing MlAtScale;\n[MlRole(\"Labelling\")]\npublic class HeaderAnnotator { }\n"),
                },
            },
        };
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic("MLR0005").WithLocation(0).WithArguments("Labelling", "Annotator", "use one of BusinessAnalysis, DataEngineering, DataScience, Production or declare it in MlRoles.txt with 'role Labelling'"));
        await test.RunAsync(CancellationToken.None);
    }
}
