using Xunit;
using static MlAtScale.Integration.Tests.SourcePosition;

namespace MlAtScale.Integration.Tests;

/// <summary>MlAtScaleViolationsAsErrors: every role violation becomes a build error, .editorconfig severities still apply.</summary>
[Collection(PackageCollection.Name)]
public sealed class CiSwitchTests
{
    private const string Policy = "N:Contoso.Reporting = Marketing\n";

    // Same crossing in a file whose MLR0001 severity .editorconfig lowers to a suggestion (not printed by the build).
    private const string Lowered = """
        using MlAtScale;

        namespace Contoso.Ml.Experiments;

        [DataScience]
        public static class Notebook
        {
            public static void Run() => Contoso.Ml.ModelHost.Deploy("draft.onnx");
        }
        """;

    private const string EditorConfig = """
        root = true

        [Experiments.cs]
        dotnet_diagnostic.MLR0001.severity = suggestion
        """;

    private readonly PackageFixture _package;

    public CiSwitchTests(PackageFixture package) => _package = package;

    [Fact]
    public void Switch_turns_role_violations_into_errors_and_fails_the_build()
    {
        var root = _package.CreateConsumerRoot("ci-switch");
        root.WriteProject("App/App.csproj");
        var policy = root.Write("App/MlRoles.txt", Policy);
        var code = root.Write("App/Pipeline.cs", Sources.AttributedCrossing);
        root.Write("App/Experiments.cs", Lowered);
        root.Write("App/.editorconfig", EditorConfig);

        var plain = root.Build("App/App.csproj");
        var ci = root.Build("App/App.csproj", "--no-restore", "-p:MlAtScaleViolationsAsErrors=true");

        Assert.True(plain.ExitCode == 0, plain.Describe());
        Expect.Diagnostics(
            plain,
            Key(code, Sources.AttributedCrossing, Sources.UseMarker, "warning", "MLR0001"),
            Key(policy, Policy, "Marketing", "warning", "MLR0005"));

        Assert.True(ci.ExitCode != 0, ci.Describe());
        Expect.Diagnostics(
            ci,
            Key(code, Sources.AttributedCrossing, Sources.UseMarker, "error", "MLR0001"),
            Key(policy, Policy, "Marketing", "error", "MLR0005"));
    }

    [Fact]
    public void Switch_off_by_value_keeps_warnings()
    {
        var root = _package.CreateConsumerRoot("ci-switch-off");
        root.WriteProject("App/App.csproj");
        var code = root.Write("App/Pipeline.cs", Sources.AttributedCrossing);

        var result = root.Build("App/App.csproj", "-p:MlAtScaleViolationsAsErrors=false");

        Assert.True(result.ExitCode == 0, result.Describe());
        Expect.Diagnostics(result, Key(code, Sources.AttributedCrossing, Sources.UseMarker, "warning", "MLR0001"));
    }
}
