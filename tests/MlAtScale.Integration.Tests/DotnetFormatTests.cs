using System.Collections.Generic;
using System.IO;
using Xunit;
using static MlAtScale.Integration.Tests.SourcePosition;

namespace MlAtScale.Integration.Tests;

/// <summary>The code fixes from the command line: `dotnet format analyzers` on a consumer of the packed package.</summary>
[Collection(PackageCollection.Name)]
public sealed class DotnetFormatTests
{
    private const string Source = """
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
            /// <summary>Trains and ships.</summary>
            public static void Train()
            {
                ModelHost.Deploy("churn.onnx");
                ModelHost.Rollback();
            }
        }
        """;

    private const string Fixed = """
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
            /// <summary>Trains and ships.</summary>
            [AllowRoleCrossing("Production", Justification = "TODO: explain why this crossing is acceptable")]
            public static void Train()
            {
                ModelHost.Deploy("churn.onnx");
                ModelHost.Rollback();
            }
        }
        """;

    private readonly PackageFixture _package;

    public DotnetFormatTests(PackageFixture package) => _package = package;

    [Fact]
    public void Format_analyzers_adds_one_allowance_with_the_placeholder_that_MLR0004_then_reports()
    {
        var root = _package.CreateConsumerRoot("format-analyzers");
        root.WriteProject("App/App.csproj");
        var code = root.Write("App/Pipeline.cs", Source);

        var before = root.Build("App/App.csproj");
        Assert.True(before.ExitCode == 0, before.Describe());
        Expect.Diagnostics(
            before,
            Key(code, Source, "Deploy(\"churn.onnx\")", "warning", "MLR0001"),
            Key(code, Source, "Rollback();", "warning", "MLR0001"));

        var format = DotNet.Run(
            root.Path,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = _package.PackagesDirectory },
            "format", "analyzers", root.FullPath("App/App.csproj"),
            "--diagnostics", "MLR0001",
            "--severity", "info",
            "--no-restore");
        Assert.True(format.ExitCode == 0, format.Describe());

        // Exactly the allowance: one attribute for both uses, no [RoleContract], no baseline.
        Assert.Equal(Fixed, File.ReadAllText(code));
        Assert.False(File.Exists(root.FullPath("App/MlRoles.baseline.txt")), format.Describe());

        // The placeholder is not a silent exception: the crossing is allowed, the allowance reported.
        var after = root.Build("App/App.csproj", "--no-restore");
        Assert.True(after.ExitCode == 0, after.Describe());
        Expect.Diagnostics(after, Key(code, Fixed, "AllowRoleCrossing(", "warning", "MLR0004"));
    }
}
