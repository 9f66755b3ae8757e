using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using static MlAtScale.Integration.Tests.SourcePosition;

namespace MlAtScale.Integration.Tests;

/// <summary>MLR0010 and the suggested roles of unowned code in real `dotnet build`s of a consumer of the packed package.</summary>
[Collection(PackageCollection.Name)]
public sealed class HiddenCrossingIntegrationTests
{
    private const string Source = """
        using MlAtScale;

        namespace Churn.Training
        {
            [DataScience]
            public static class Trainer
            {
                public static void Train() => Churn.Common.Helpers.Publish("churn.zip");
            }
        }

        namespace Churn.Common
        {
            public static class Helpers
            {
                public static void Publish(string model) => Churn.Serving.ModelHost.Deploy(model);
            }
        }

        namespace Churn.Serving
        {
            [Production]
            public static class ModelHost { public static void Deploy(string model) { } }
        }
        """;

    private readonly PackageFixture _package;

    public HiddenCrossingIntegrationTests(PackageFixture package) => _package = package;

    [Fact]
    public void A_crossing_laundered_through_an_unowned_helper_is_a_warning_at_the_call_and_an_error_under_the_CI_switch()
    {
        var root = _package.CreateConsumerRoot("hidden-crossing");
        root.WriteProject("App/App.csproj");
        root.Write("App/Pipeline.cs", Source);

        var build = root.Build("App/App.csproj");

        Assert.True(build.ExitCode == 0, build.Describe());
        Expect.Diagnostics(build, Key(root.FullPath("App/Pipeline.cs"), Source, "Churn.Common.Helpers.Publish(", "warning", "MLR0010"));
        Assert.Contains(
            "through unowned code: Trainer.Train → Helpers.Publish → ModelHost.Deploy;",
            build.Diagnostics().Single().Message,
            StringComparison.Ordinal);

        // The report lists the chain and the helper's suggested role.
        using var json = JsonDocument.Parse(File.ReadAllBytes(root.FullPath("App/obj/Debug/net10.0/mlroles-report.json")));
        Assert.Equal(
            new[]
            {
                "MLR0010 Trainer.Train → Helpers.Publish → ModelHost.Deploy",
                "MLR0006 suggested role DataScience (used by 1 Data Science type); also Production (uses 1 Production API)",
            },
            json.RootElement.GetProperty("diagnostics").EnumerateArray().Select(d =>
            {
                var message = d.GetProperty("message").GetString()!;
                var text = d.GetProperty("ruleId").GetString() == "MLR0010"
                    ? message.Substring(message.IndexOf("unowned code: ", StringComparison.Ordinal) + 14).Split(';')[0]
                    : message.Substring(message.IndexOf("suggested role", StringComparison.Ordinal));
                return d.GetProperty("ruleId").GetString() + " " + text;
            }));

        var strict = root.Build("App/App.csproj", "--no-restore", "-p:MlAtScaleViolationsAsErrors=true");
        Assert.NotEqual(0, strict.ExitCode);
        Expect.Diagnostics(strict, Key(root.FullPath("App/Pipeline.cs"), Source, "Churn.Common.Helpers.Publish(", "error", "MLR0010"));
    }
}
