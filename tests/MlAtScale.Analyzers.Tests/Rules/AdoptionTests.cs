using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyBoundary = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer>;
using VerifyDeclarations = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleDeclarationAnalyzer>;
using VerifyPolicy = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.PolicyFileAnalyzer>;

namespace MlAtScale.Analyzers.Tests.Rules;

/// <summary>Issue 5's analyzer side: the baseline (MLR0008), audited allowances (MLR0004, MLR0007) and completeness (MLR0009).</summary>
public sealed class AdoptionTests
{
    private const string BaselinePath = "/0/MlRoles.baseline.txt";

    private const string Roles = """
        using MlAtScale;
        [Production] public static class Deployer { public static void Deploy() { } public static void Rollback() { } }
        [DataEngineering] public static class Warehouse { public static int Query() => 1; }
        """;

    private static VerifyBoundary.Test BaselineTest(string source, string baseline)
    {
        var test = new VerifyBoundary.Test { TestCode = source };
        test.TestState.Sources.Add(("/0/Roles.cs", Roles));
        test.TestState.AdditionalFiles.Add((BaselinePath, baseline));
        return test;
    }

    [Fact]
    public Task BaselinedViolationIsNotReportedAndANewOneIs()
    {
        var test = BaselineTest("""
            using MlAtScale;
            [DataScience]
            public class Trainer
            {
                public void Train() { Deployer.Deploy(); Deployer.Deploy(); Deployer.{|#0:Rollback|}(); }
            }
            """, """
            # existing violations
            M:Trainer.Train -> M:Deployer.Deploy : DataScience -> Production
            """);
        test.ExpectedDiagnostics.Add(VerifyBoundary.Diagnostic("MLR0001").WithLocation(0).WithArguments(Mlr0001.Arguments("Trainer.Train", "DataScience", "Deployer.Rollback", "Production")));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task BaselineIsStableWhenCodeMovesToOtherLines()
    {
        var test = BaselineTest("""
            using MlAtScale;
            [DataScience]
            public class Trainer
            {
                private int _padding;



                // The member moved down and was reformatted; the baseline has no line numbers.
                public void Train()
                {
                    _padding++;
                    Deployer.Deploy();
                }
            }
            """, "M:Trainer.Train -> M:Deployer.Deploy : DataScience -> Production\n");
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task BaselineEntryForAnotherMemberDoesNotCover()
    {
        var test = BaselineTest("""
            using MlAtScale;
            [DataScience]
            public class Trainer
            {
                public void Evaluate() => Deployer.{|#0:Deploy|}();
            }
            """, "M:Trainer.Evaluate -> M:Deployer.Deploy : DataScience -> DataEngineering\nM:Trainer.Train -> M:Deployer.Deploy : DataScience -> Production\n");
        test.ExpectedDiagnostics.Add(VerifyBoundary.Diagnostic("MLR0001").WithLocation(0).WithArguments(Mlr0001.Arguments("Trainer.Evaluate", "DataScience", "Deployer.Deploy", "Production")));
        test.ExpectedDiagnostics.Add(VerifyBoundary.Diagnostic("MLR0008").WithSpan(BaselinePath, 1, 1, 1, 73)
            .WithArguments("M:Trainer.Evaluate -> M:Deployer.Deploy : DataScience -> DataEngineering", "remove this line, or refresh the baseline with -p:MlAtScaleUpdateBaseline=true"));
        test.ExpectedDiagnostics.Add(VerifyBoundary.Diagnostic("MLR0008").WithSpan(BaselinePath, 2, 1, 2, 65)
            .WithArguments("M:Trainer.Train -> M:Deployer.Deploy : DataScience -> Production", "remove this line, or refresh the baseline with -p:MlAtScaleUpdateBaseline=true"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task BaselinedUseIsRecordedForTheReport()
    {
        var test = BaselineTest("""
            using MlAtScale;
            [DataScience]
            public class Trainer
            {
                public void Train() => Deployer.{|#0:Deploy|}();
            }
            """, "M:Trainer.Train -> M:Deployer.Deploy : DataScience -> Production\n");
        test.DisabledDiagnostics.Remove("MLR0006");
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.MLR0006.severity = suggestion\n"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("MLR0006", DiagnosticSeverity.Info).WithLocation(0)
            .WithArguments("Trainer.Train (DataScience)", "Deployer.Deploy (Production)", 1, "a violation recorded in the role baseline"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task PermittedCrossingsAreNotRecordedWhileTheRecordIsHidden()
    {
        // The IDE default: MLR0006 hidden, so no record diagnostics are created at all (a cost the IDE need not pay).
        var test = BaselineTest("""
            using MlAtScale;
            [DataScience]
            public class Trainer
            {
                public void Train() => Deployer.Deploy();
            }
            """, "M:Trainer.Train -> M:Deployer.Deploy : DataScience -> Production\n");
        test.DisabledDiagnostics.Remove("MLR0006");
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task MalformedBaselineLinesAreReportedAtTheirLocation()
    {
        var test = new VerifyPolicy.Test { TestCode = "public class C { }" };
        test.TestState.AdditionalFiles.Add((BaselinePath, "# header\nnot a baseline line\nM:A.B -> M:C.D : DataScience -> Production\nM:A.B -> M:C.D : DataScience -> Production\n"));
        test.ExpectedDiagnostics.Add(VerifyPolicy.Diagnostic("MLR0003").WithSpan(BaselinePath, 2, 1, 2, 20)
            .WithArguments("a baseline line reads '<user ID> -> <used ID> : <UserRole> -> <UsedRole>'; regenerate the file with -p:MlAtScaleUpdateBaseline=true"));
        test.ExpectedDiagnostics.Add(VerifyPolicy.Diagnostic("MLR0003").WithSpan(BaselinePath, 4, 1, 4, 43)
            .WithArguments("this entry is already on line 3; remove this duplicate line"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task PlaceholderJustificationIsReported() => VerifyDeclarations.VerifyAnalyzerAsync("""
        using MlAtScale;
        [DataScience]
        public class Trainer
        {
            [{|#0:AllowRoleCrossing("Production", Justification = "TODO: explain why this crossing is acceptable")|}]
            public void Ship() { }
        }
        """,
        VerifyDeclarations.Diagnostic("MLR0004").WithLocation(0).WithArguments("Production", "Trainer.Ship", "still has the placeholder justification 'TODO: explain why this crossing is acceptable'; write why this crossing is acceptable"));

    private static VerifyDeclarations.Test ExpiryTest(string source, string? buildDate)
    {
        var test = new VerifyDeclarations.Test { TestCode = source };
        if (buildDate is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", $"is_global = true\nbuild_property.MlAtScaleCurrentDate = {buildDate}\n"));
        }

        return test;
    }

    private const string Expiring = """
        using MlAtScale;
        [DataScience]
        public class Trainer
        {
            [{|#0:AllowRoleCrossing("Production", Justification = "Shadow deployment during the migration", Expires = "2026-06-30")|}]
            public void Ship() { }
        }
        """;

    [Fact]
    public Task ExpiredAllowanceIsReportedAgainstTheBuildDate()
    {
        var test = ExpiryTest(Expiring, "2026-11-22");
        test.ExpectedDiagnostics.Add(VerifyDeclarations.Diagnostic("MLR0007").WithLocation(0).WithArguments("Production", "Trainer.Ship", "2026-06-30", "2026-11-22"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task AllowanceIsValidUntilItsDate() => ExpiryTest(Expiring, "2026-06-30").RunAsync(CancellationToken.None);

    [Fact]
    public Task WithoutABuildDateNothingExpires() => ExpiryTest(Expiring, null).RunAsync(CancellationToken.None);

    [Fact]
    public Task MalformedExpiryIsAnInvalidAllowance()
    {
        var test = ExpiryTest("""
            using MlAtScale;
            [AllowRoleCrossing("Production", Justification = "Temporary", {|#0:Expires = "31/12/2026"|})]
            public class Trainer { }
            """, "2026-11-22");
        test.ExpectedDiagnostics.Add(VerifyDeclarations.Diagnostic("MLR0004").WithLocation(0)
            .WithArguments("Production", "Trainer", "has the expiry date '31/12/2026', which is not a date; write it as yyyy-MM-dd, e.g. Expires = \"2027-03-31\""));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task UnownedTypesAreReportedWhenCompletenessIsOn()
    {
        var test = new VerifyDeclarations.Test
        {
            TestCode = """
                using MlAtScale;
                [DataScience] public class Trainer { public class Step { } }
                [RoleContract] public record CustomerRow(float Tenure);
                public class {|#0:Helper|} { public class Nested { } }
                public partial class {|#1:Split|} { }
                public partial class Split { }
                namespace Churn.Serving { public class Api { } }
                """,
            Policy = "N:Churn.Serving = Production",
        };
        test.DisabledDiagnostics.Remove("MLR0009");
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.MLR0009.severity = warning\n"));
        test.ExpectedDiagnostics.Add(VerifyDeclarations.Diagnostic("MLR0009").WithLocation(0).WithArguments("Helper"));
        test.ExpectedDiagnostics.Add(VerifyDeclarations.Diagnostic("MLR0009").WithLocation(1).WithArguments("Split"));
        return test.RunAsync(CancellationToken.None);
    }
}
