using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using static MlAtScale.Integration.Tests.SourcePosition;

namespace MlAtScale.Integration.Tests;

/// <summary>
/// The pull-request view in real `dotnet build`s of a repository shaped like the ChurnMl sample (one project per
/// role, a repository-wide report): the base branch's build, then two pull requests built against its report.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ChangesIntegrationTests
{
    private const string Ingestion = """
        using MlAtScale;
        namespace Churn.Ingestion;
        [DataEngineering] public static class RawStore { public static int Rows() => 600; }
        """;

    private const string Serving = """
        using MlAtScale;
        namespace Churn.Serving;
        [Production] public static class ModelHost { public static void Deploy(string model) { } }
        """;

    // The base: training reads the raw store directly (one violation).
    private const string TrainingBase = """
        using MlAtScale;
        namespace Churn.Training;
        [DataScience] public static class Trainer
        {
            public static int Train() => Churn.Ingestion.RawStore.Rows();
        }
        """;

    // Pull request 1 adds a crossing: training deploys its own model.
    private const string TrainingAdded = """
        using MlAtScale;
        namespace Churn.Training;
        [DataScience] public static class Trainer
        {
            public static int Train() => Churn.Ingestion.RawStore.Rows();
            public static void Ship() => Churn.Serving.ModelHost.Deploy("churn.zip");
        }
        """;

    // Pull request 2 fixes the base's crossing.
    private const string TrainingFixed = """
        using MlAtScale;
        namespace Churn.Training;
        [DataScience] public static class Trainer
        {
            public static int Train() => 600;
        }
        """;

    private readonly PackageFixture _package;

    public ChangesIntegrationTests(PackageFixture package) => _package = package;

    [Fact]
    public void Pull_requests_built_against_the_base_report_list_the_added_and_the_fixed_crossing()
    {
        var root = CreateRepository("changes-pr");
        var baseBuild = root.Build("Churn.slnx");
        Assert.True(baseBuild.ExitCode == 0, baseBuild.Describe());
        var basePath = Path.Combine(root.Path, "base", "mlroles-report.json");
        Directory.CreateDirectory(Path.GetDirectoryName(basePath)!);
        File.Copy(root.FullPath("artifacts/mlroles/mlroles-report.json"), basePath);

        // Pull request 1: one new violation, none fixed.
        root.Write("Training/Trainer.cs", TrainingAdded);
        var added = root.Build("Churn.slnx", "--no-restore", $"-p:MlAtScaleCompareTo={basePath}");
        Assert.True(added.ExitCode == 0, added.Describe());
        Assert.Empty(added.Diagnostics("MLRB"));
        Assert.Equal($"MlAtScale: 1 new, 0 fixed violations vs base {basePath} (repository report); changes in {root.FullPath("artifacts/mlroles/mlroles-changes.md")}", LastChangesLine(added));
        var changes = Json(root, "artifacts/mlroles/mlroles-changes.json");
        var (line, column) = Of(TrainingAdded, "Deploy(");
        Assert.Equal(
            new[] { $"Training/Training.csproj Training/Trainer.cs({line},{column}) DataScience->Production M:Churn.Training.Trainer.Ship uses M:Churn.Serving.ModelHost.Deploy(System.String)" },
            changes.GetProperty("newViolations").EnumerateArray().Select(Describe));
        Assert.Empty(changes.GetProperty("fixedViolations").EnumerateArray());
        Assert.Equal(
            new[] { "DataScience->Production violations 0->1" },
            changes.GetProperty("edges").EnumerateArray().Select(e =>
                $"{e.GetProperty("from").GetString()}->{e.GetProperty("to").GetString()} violations {e.GetProperty("before").GetProperty("violations")}->{e.GetProperty("after").GetProperty("violations")}"));
        Assert.StartsWith("<!-- mlroles-changes -->\n# Role boundary changes\n\n**1 new, 0 fixed violations vs base.**", File.ReadAllText(root.FullPath("artifacts/mlroles/mlroles-changes.md")), StringComparison.Ordinal);

        // Pull request 2 (on the base again): the base's violation is fixed.
        root.Write("Training/Trainer.cs", TrainingFixed);
        var fixedBuild = root.Build("Churn.slnx", "--no-restore", $"-p:MlAtScaleCompareTo={basePath}");
        Assert.True(fixedBuild.ExitCode == 0, fixedBuild.Describe());
        Assert.Equal($"MlAtScale: 0 new, 1 fixed violations vs base {basePath} (repository report); changes in {root.FullPath("artifacts/mlroles/mlroles-changes.md")}", LastChangesLine(fixedBuild));
        changes = Json(root, "artifacts/mlroles/mlroles-changes.json");
        var (baseLine, baseColumn) = Of(TrainingBase, "Rows()");
        Assert.Equal(
            new[] { $"Training/Training.csproj Training/Trainer.cs({baseLine},{baseColumn}) DataScience->DataEngineering M:Churn.Training.Trainer.Train uses M:Churn.Ingestion.RawStore.Rows" },
            changes.GetProperty("fixedViolations").EnumerateArray().Select(Describe));
        Assert.Empty(changes.GetProperty("newViolations").EnumerateArray());
    }

    [Fact]
    public void A_missing_base_report_is_warning_MLRB009_and_the_build_succeeds()
    {
        var root = CreateRepository("changes-missing");
        var missing = Path.Combine(root.Path, "base", "mlroles-report.json");

        var build = root.Build("Ingestion/Ingestion.csproj", $"-p:MlAtScaleCompareTo={missing}");

        Assert.True(build.ExitCode == 0, build.Describe());
        var warning = Assert.Single(build.Diagnostics("MLRB"));
        Assert.Equal("warning", warning.Severity);
        Assert.Contains($"the base report '{missing}' cannot be read", warning.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(root.FullPath("artifacts/mlroles/mlroles-changes.md")));
    }

    /// <summary>A repository (a .git folder, so paths are relative to it) with one project per role.</summary>
    private ConsumerRoot CreateRepository(string name)
    {
        var root = _package.CreateConsumerRoot(name);
        Directory.CreateDirectory(root.FullPath(".git"));
        root.WriteProject("Ingestion/Ingestion.csproj");
        root.Write("Ingestion/RawStore.cs", Ingestion);
        root.WriteProject("Serving/Serving.csproj");
        root.Write("Serving/ModelHost.cs", Serving);
        root.WriteProject("Training/Training.csproj", """
              <ItemGroup>
                <ProjectReference Include="../Ingestion/Ingestion.csproj" />
                <ProjectReference Include="../Serving/Serving.csproj" />
              </ItemGroup>
            """);
        root.Write("Training/Trainer.cs", TrainingBase);
        root.Write("Churn.slnx", """
            <Solution>
              <Project Path="Ingestion/Ingestion.csproj" />
              <Project Path="Serving/Serving.csproj" />
              <Project Path="Training/Training.csproj" />
            </Solution>
            """);
        return root;
    }

    /// <summary>Each project's merge compares once; the last line is the one that saw every project.</summary>
    private static string LastChangesLine(CommandResult result) =>
        result.Log.Split('\n').Select(l => l.Trim()).Last(l => l.StartsWith("MlAtScale: ", StringComparison.Ordinal) && l.Contains(" violations vs base ", StringComparison.Ordinal));

    private static JsonElement Json(ConsumerRoot root, string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(root.FullPath(path)));
        return document.RootElement.Clone();
    }

    private static string Describe(JsonElement v) =>
        $"{v.GetProperty("project").GetString()} {v.GetProperty("file").GetString()}({v.GetProperty("line")},{v.GetProperty("column")}) {v.GetProperty("from").GetString()}->{v.GetProperty("to").GetString()} {v.GetProperty("user").GetString()} uses {v.GetProperty("used").GetString()}";
}
