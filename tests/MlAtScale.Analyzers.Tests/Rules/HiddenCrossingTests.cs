using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer>;

namespace MlAtScale.Analyzers.Tests.Rules;

/// <summary>MLR0010: crossings laundered through unowned code of the compilation.</summary>
public sealed class HiddenCrossingTests
{
    private const string Roles = """

        [Production]
        public static class ModelHost
        {
            public static void Deploy(string model) { }
            [RoleContract] public static string Status() => "ok";
        }

        [DataEngineering]
        public static class RawStore { public static int Rows() => 1; }
        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyCS.VerifyAnalyzerAsync("using MlAtScale;\n" + source + Roles, expected);

    private static DiagnosticResult Hidden(int location, string caller, string used, string usedRole, string chain, string helper, string callerRole = "DataScience") =>
        VerifyCS.Diagnostic("MLR0010").WithLocation(location).WithArguments(caller, callerRole, used, usedRole, chain, helper, string.Empty);

    [Fact]
    public Task Owned_code_calling_an_unowned_helper_that_deploys_is_reported_at_the_call_with_the_chain() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public void Train() => {|#0:Helpers.Publish("m")|};
        }

        public static class Helpers
        {
            // The helper's own use is not reported: it has no role.
            public static void Publish(string model) => ModelHost.Deploy(model);
        }
        """, Hidden(0, "Trainer.Train", "ModelHost.Deploy", "Production", "Trainer.Train → Helpers.Publish → ModelHost.Deploy", "Helpers.Publish"));

    [Fact]
    public Task Chains_through_several_unowned_members_name_every_step() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public void Train() => {|#0:new Pipeline()|}.Run();
        }

        public class Pipeline
        {
            public Pipeline() => Steps.Ship();
            public void Run() { }
        }

        public static class Steps
        {
            public static void Ship() => Publisher.Value = 1;
        }

        public static class Publisher
        {
            public static int Value { set => ModelHost.Deploy(value.ToString()); }
        }
        """, Hidden(0, "Trainer.Train", "ModelHost.Deploy", "Production", "Trainer.Train → new Pipeline(…) → Steps.Ship → Publisher.Value → ModelHost.Deploy", "new Pipeline(…)"));

    [Fact]
    public Task Each_role_reached_is_one_diagnostic_with_its_shortest_chain() => VerifyAsync("""
        [BusinessAnalysis]
        public class Kpis
        {
            public int Compute() => {|#0:{|#1:Shortcuts.All()|}|};
        }

        public static class Shortcuts
        {
            public static int All() { Deep.Ship(); return RawStore.Rows(); }
        }

        public static class Deep
        {
            public static void Ship() => ModelHost.Deploy("m");
        }
        """,
        Hidden(0, "Kpis.Compute", "RawStore.Rows", "DataEngineering", "Kpis.Compute → Shortcuts.All → RawStore.Rows", "Shortcuts.All", "BusinessAnalysis"),
        Hidden(1, "Kpis.Compute", "ModelHost.Deploy", "Production", "Kpis.Compute → Shortcuts.All → Deep.Ship → ModelHost.Deploy", "Shortcuts.All", "BusinessAnalysis"));

    [Fact]
    public Task Recursion_and_cycles_terminate_and_still_find_the_crossing() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public void Train() => {|#0:Ping.A(3)|};
        }

        public static class Ping
        {
            public static void A(int n) { if (n > 0) { A(n - 1); Pong.B(n); } }
        }

        public static class Pong
        {
            public static void B(int n) { if (n > 1) { Ping.A(n - 2); } else { ModelHost.Deploy("m"); } }
        }
        """, Hidden(0, "Trainer.Train", "ModelHost.Deploy", "Production", "Trainer.Train → Ping.A → Pong.B → ModelHost.Deploy", "Ping.A"));

    [Fact]
    public Task Allowed_edges_contracts_allowances_and_same_role_code_are_not_reported()
    {
        var test = new VerifyCS.Test
        {
            TestCode = "using MlAtScale;\n" + """
                [DataScience]
                public class Trainer
                {
                    // Data Science may use Data Engineering (policy edge).
                    public int Rows() => Helpers.Count();
                    // A contract behind the helper is no crossing.
                    public string Status() => Helpers.Status();
                }

                [BusinessAnalysis]
                public class Report
                {
                    [AllowRoleCrossing("Production", Justification = "the KPI report triggers a refresh deployment")]
                    public void Refresh() => Helpers.Ship();
                }

                [Production]
                public class Operator
                {
                    public void Ship() => Helpers.Ship();
                }

                public static class Helpers
                {
                    public static int Count() => RawStore.Rows();
                    public static string Status() => ModelHost.Status();
                    public static void Ship() => ModelHost.Deploy("m");
                }
                """ + Roles,
            Policy = "DataScience -> DataEngineering\n",
        };
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task A_chain_longer_than_the_depth_limit_is_not_followed() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public void Five() => {|#0:H1.Go()|};
            public void Six() => H0.Go();
        }

        public static class H0 { public static void Go() => H1.Go(); }
        public static class H1 { public static void Go() => H2.Go(); }
        public static class H2 { public static void Go() => H3.Go(); }
        public static class H3 { public static void Go() => H4.Go(); }
        public static class H4 { public static void Go() => H5.Go(); }
        public static class H5 { public static void Go() => ModelHost.Deploy("m"); }
        """, Hidden(0, "Trainer.Five", "ModelHost.Deploy", "Production", "Trainer.Five → H1.Go → H2.Go → H3.Go → H4.Go → H5.Go → ModelHost.Deploy", "H1.Go"));

    [Fact]
    public Task A_baseline_entry_for_the_caller_and_the_used_symbol_covers_the_hidden_crossing()
    {
        var test = new VerifyCS.Test
        {
            TestCode = "using MlAtScale;\n" + """
                [DataScience]
                public class Trainer
                {
                    public void Train() => Helpers.Publish();
                }

                public static class Helpers
                {
                    public static void Publish() => ModelHost.Deploy("m");
                }
                """ + Roles,
        };
        test.TestState.AdditionalFiles.Add(("/0/MlRoles.baseline.txt", "M:Trainer.Train -> M:ModelHost.Deploy(System.String) : DataScience -> Production\n"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Lambdas_in_owned_code_are_the_caller_and_lambdas_in_helpers_are_the_helper() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public System.Action Later() => () => {|#0:Helpers.Publish()|};
        }

        public static class Helpers
        {
            public static void Publish() { System.Action a = () => ModelHost.Deploy("m"); a(); }
        }
        """, Hidden(0, "Trainer.Later", "ModelHost.Deploy", "Production", "Trainer.Later → Helpers.Publish → ModelHost.Deploy", "Helpers.Publish"));
}
