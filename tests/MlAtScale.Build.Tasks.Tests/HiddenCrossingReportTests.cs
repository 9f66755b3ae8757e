using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>What the report of a real build says about unowned code: hidden crossings (MLR0010) and suggested roles.</summary>
public sealed class HiddenCrossingReportTests
{
    private const string Source = """
        using MlAtScale;
        namespace Shop
        {
            [Production] public static class ModelHost { public static void Deploy() { } }
            [DataScience] public class Trainer { public void Train() => Helpers.Publish(); }
            public static class Helpers { public static void Publish() => ModelHost.Deploy(); }
        }
        """;

    [Fact]
    public void The_report_lists_the_hidden_crossing_with_its_chain_and_the_helper_with_its_suggested_role()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Shop", new Dictionary<string, string> { ["Shop.cs"] = Source });
        var engine = new FakeBuildEngine();
        var task = scenario.Task("Shop", compiled, engine);
        Assert.True(task.Execute());
        Assert.Empty(engine.Warnings);

        var json = Scenario.Json(Path.Combine(task.ReportDirectory, "mlroles-report.json"));
        var call = Compiler.Position(Source, "Helpers.Publish()");
        var helper = Compiler.Position(Source, "Helpers {");
        Assert.Equal(
            new[]
            {
                $"MLR0010 warning src/Shop/Shop.cs({call.Line},{call.Column}) 'Trainer.Train' (DataScience) reaches 'ModelHost.Deploy', which is owned by Production, through unowned code: Trainer.Train → Helpers.Publish → ModelHost.Deploy; give 'Helpers.Publish' a role or mark it [RoleContract], allow 'DataScience -> Production' in the policy file, or add [AllowRoleCrossing(\"Production\", Justification = \"...\")] to 'Trainer.Train'",
                $"MLR0006 note src/Shop/Shop.cs({helper.Line},{helper.Column}) Helpers (unowned) uses roles' code: 1 use(s), suggested role DataScience (used by 1 Data Science type); also Production (uses 1 Production API)",
            },
            json.GetProperty("diagnostics").EnumerateArray().Select(d =>
                $"{d.GetProperty("ruleId").GetString()} {d.GetProperty("level").GetString()} {d.GetProperty("file").GetString()}({d.GetProperty("line")},{d.GetProperty("column")}) {d.GetProperty("message").GetString()}"));

        // The Data Science caller outweighs the one Production API on a tie (users first), and
        // neither record is a violation of the report's own count: MLR0001 only.
        Assert.Equal(0, json.GetProperty("summary").GetProperty("violations").GetInt32());
    }
}
