using System.IO;
using Xunit;
using static MlAtScale.Integration.Tests.SourcePosition;

namespace MlAtScale.Integration.Tests;

/// <summary>Issue 5 through real builds: the baseline workflow, allowance expiry, full-ownership projects, the catalog switch.</summary>
[Collection(PackageCollection.Name)]
public sealed class AdoptionIntegrationTests
{
    private const string Existing = """
        using MlAtScale;

        namespace Contoso.Ml;

        [Production]
        public static class ModelHost
        {
            public static void Deploy(string model) { }
            public static void Rollback() { }
        }

        [DataScience]
        public static class Trainer
        {
            public static void Train() => ModelHost.Deploy("churn.onnx");
        }
        """;

    private const string NewCrossing = """
        namespace Contoso.Ml;

        [MlAtScale.DataScience]
        public static class Evaluator
        {
            public static void Evaluate() => ModelHost.Rollback();
        }
        """;

    private const string ExpectedBaselineEntry = "M:Contoso.Ml.Trainer.Train -> M:Contoso.Ml.ModelHost.Deploy(System.String) : DataScience -> Production";

    private readonly PackageFixture _package;

    public AdoptionIntegrationTests(PackageFixture package) => _package = package;

    [Fact]
    public void Baseline_is_written_by_one_command_keeps_CI_green_fails_on_a_new_crossing_and_reports_stale_entries()
    {
        var root = _package.CreateConsumerRoot("adoption-baseline");
        root.WriteProject("App/App.csproj");
        root.Write("App/MlRoles.txt", "# roles come from attributes\n");
        var code = root.Write("App/Pipeline.cs", Existing);

        // Day one: the existing crossing is a warning.
        var first = root.Build("App/App.csproj");
        Assert.True(first.ExitCode == 0, first.Describe());
        Expect.Diagnostics(first, Key(code, Existing, "Deploy(\"churn.onnx\")", "warning", "MLR0001"));

        // One command writes the baseline next to the policy file.
        var update = root.Build("App/App.csproj", "--no-restore", "-p:MlAtScaleUpdateBaseline=true");
        Assert.True(update.ExitCode == 0, update.Describe());
        var baselinePath = root.FullPath("App/MlRoles.baseline.txt");
        var lines = File.ReadAllLines(baselinePath);
        Assert.Equal(new[] { ExpectedBaselineEntry }, System.Array.FindAll(lines, l => l.Length > 0 && l[0] != '#'));

        // CI is green with the switch on.
        var ci = root.Build("App/App.csproj", "--no-restore", "-p:MlAtScaleViolationsAsErrors=true");
        Assert.True(ci.ExitCode == 0, ci.Describe());
        Expect.Diagnostics(ci);

        // A new crossing fails CI.
        var added = root.Write("App/Evaluator.cs", NewCrossing);
        var failing = root.Build("App/App.csproj", "--no-restore", "-p:MlAtScaleViolationsAsErrors=true");
        Assert.True(failing.ExitCode != 0, failing.Describe());
        Expect.Diagnostics(failing, Key(added, NewCrossing, "Rollback()", "error", "MLR0001"));

        // The baselined crossing is fixed: its entry is now stale and reported at its line.
        File.Delete(added);
        var fixedCode = root.Write("App/Pipeline.cs", Existing.Replace("ModelHost.Deploy(\"churn.onnx\")", "System.Console.WriteLine()"));
        var stale = root.Build("App/App.csproj", "--no-restore");
        Assert.True(stale.ExitCode == 0, stale.Describe());
        var baselineText = File.ReadAllText(baselinePath);
        Expect.Diagnostics(stale, Key(baselinePath, baselineText, ExpectedBaselineEntry, "warning", "MLR0008"));
        Assert.True(File.Exists(fixedCode));
    }

    [Fact]
    public void Expired_allowance_is_flagged_against_the_build_date_which_can_be_pinned()
    {
        const string Source = """
            using MlAtScale;

            namespace Contoso.Ml;

            [Production]
            public static class ModelHost { public static void Deploy() { } }

            [DataScience]
            public static class Trainer
            {
                [AllowRoleCrossing("Production", Justification = "Shadow deployment during the migration", Expires = "2020-01-31")]
                public static void Train() => ModelHost.Deploy();
            }
            """;
        var root = _package.CreateConsumerRoot("adoption-expiry");
        root.WriteProject("App/App.csproj");
        var code = root.Write("App/Pipeline.cs", Source);

        var today = root.Build("App/App.csproj");
        var pinned = root.Build("App/App.csproj", "--no-restore", "-p:MlAtScaleCurrentDate=2020-01-31");

        Assert.True(today.ExitCode == 0, today.Describe());
        Expect.Diagnostics(today, Key(code, Source, "AllowRoleCrossing(", "warning", "MLR0007"));
        Assert.True(pinned.ExitCode == 0, pinned.Describe());
        Expect.Diagnostics(pinned);
    }

    [Fact]
    public void Full_ownership_projects_get_a_warning_per_unowned_type_and_the_catalog_can_be_switched_off()
    {
        const string Source = """
            using MlAtScale;

            namespace Contoso.Ml;

            [DataScience]
            public static class Trainer
            {
                public static bool Probe(System.Data.Common.DbConnection connection) => connection.State == System.Data.ConnectionState.Open;
            }

            public static class Helpers { }
            """;
        var root = _package.CreateConsumerRoot("adoption-ownership");
        root.WriteProject("App/App.csproj");
        var code = root.Write("App/Pipeline.cs", Source);

        var strict = root.Build("App/App.csproj", "-p:MlAtScaleRequireOwnership=true");
        var noCatalog = root.Build("App/App.csproj", "--no-restore", "-p:MlAtScaleCatalog=false");

        Assert.True(strict.ExitCode == 0, strict.Describe());
        Expect.Diagnostics(
            strict,
            Key(code, Source, "DbConnection connection", "warning", "MLR0001"),
            Key(code, Source, "State ==", "warning", "MLR0001"),
            Key(code, Source, "Helpers", "warning", "MLR0009"));
        Assert.True(noCatalog.ExitCode == 0, noCatalog.Describe());
        Expect.Diagnostics(noCatalog);
    }
}
