using System.Threading.Tasks;
using MlAtScale.Analyzers.Rules;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer>;

namespace MlAtScale.Analyzers.Tests.Rules;

public sealed class SmokeTests
{
    [Fact]
    public Task CallIntoOtherRoleIsReported() => VerifyCS.VerifyAnalyzerAsync("""
        using MlAtScale;

        [Production]
        public static class Deployer
        {
            public static void Deploy() { }
        }

        [DataScience]
        public static class Trainer
        {
            public static void Train() => {|#0:Deploy|}();
        }
        """.Replace("{|#0:Deploy|}", "Deployer.{|#0:Deploy|}"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(0).WithArguments("Trainer.Train", "DataScience", "Deployer.Deploy", "Production"));
}
