using System.IO;
using System.Linq;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

public sealed class BadInputTests
{
    [Fact]
    public void Missing_assembly_is_MLRB001_and_removes_the_stale_report()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Pipeline", ReportContentTests.PipelineSources, ReportContentTests.PipelinePolicy);
        Assert.True(scenario.Task("Pipeline", compiled, new FakeBuildEngine()).Execute());
        File.Delete(compiled.AssemblyPath);

        var engine = new FakeBuildEngine();
        var task = scenario.Task("Pipeline", compiled, engine);

        Assert.True(task.Execute());
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("MLRB001", warning.Code);
        Assert.Contains(compiled.AssemblyPath, warning.Message);
        Assert.Empty(engine.Errors);
        Assert.Empty(Directory.GetFiles(task.ReportDirectory));
    }

    [Fact]
    public void Corrupt_assembly_is_MLRB002()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Pipeline", ReportContentTests.PipelineSources, ReportContentTests.PipelinePolicy);
        var bytes = File.ReadAllBytes(compiled.AssemblyPath);
        File.WriteAllBytes(compiled.AssemblyPath, bytes.Take(700).ToArray());

        var engine = new FakeBuildEngine();
        var task = scenario.Task("Pipeline", compiled, engine);

        Assert.True(task.Execute());
        Assert.Equal(new[] { "MLRB002" }, engine.Warnings.Select(w => w.Code));
        Assert.Equal(compiled.AssemblyPath, engine.Warnings[0].File);
        Assert.False(Directory.Exists(task.ReportDirectory) && Directory.GetFiles(task.ReportDirectory).Length > 0);
    }

    [Fact]
    public void Text_file_posing_as_assembly_is_MLRB002()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Pipeline", ReportContentTests.PipelineSources, ReportContentTests.PipelinePolicy);
        File.WriteAllText(compiled.AssemblyPath, "not an assembly");
        var engine = new FakeBuildEngine();

        Assert.True(scenario.Task("Pipeline", compiled, engine).Execute());
        Assert.Equal(new[] { "MLRB002" }, engine.Warnings.Select(w => w.Code));
    }

    [Fact]
    public void Missing_or_unset_SARIF_log_is_MLRB003()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Pipeline", ReportContentTests.PipelineSources, ReportContentTests.PipelinePolicy);
        File.Delete(compiled.SarifPath);
        var missing = new FakeBuildEngine();
        var unset = new FakeBuildEngine();
        var unsetTask = scenario.Task("Pipeline", compiled, unset);
        unsetTask.SarifPath = string.Empty;

        Assert.True(scenario.Task("Pipeline", compiled, missing).Execute());
        Assert.True(unsetTask.Execute());

        Assert.Equal(new[] { "MLRB003" }, missing.Warnings.Select(w => w.Code));
        Assert.Contains(compiled.SarifPath, missing.Warnings[0].Message);
        Assert.Equal(new[] { "MLRB003" }, unset.Warnings.Select(w => w.Code));
        Assert.Contains("ErrorLog", unset.Warnings[0].Message);
    }

    [Theory]
    [InlineData("{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"ruleId\":\"MLR0001\"")]
    [InlineData("{\"version\":\"3.0.0\",\"runs\":[]}")]
    [InlineData("{\"version\":\"2.1.0\"}")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"level\":\"warning\"}]}]}")]
    public void Malformed_SARIF_log_is_MLRB004(string content)
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Pipeline", ReportContentTests.PipelineSources, ReportContentTests.PipelinePolicy);
        File.WriteAllText(compiled.SarifPath, content);
        var engine = new FakeBuildEngine();
        var task = scenario.Task("Pipeline", compiled, engine);

        Assert.True(task.Execute());
        Assert.Equal(new[] { "MLRB004" }, engine.Warnings.Select(w => w.Code));
        Assert.Equal(compiled.SarifPath, engine.Warnings[0].File);
        Assert.False(Directory.Exists(task.ReportDirectory) && Directory.GetFiles(task.ReportDirectory).Length > 0);
    }

    [Fact]
    public void Unwritable_report_folder_is_MLRB005_without_any_file()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Pipeline", ReportContentTests.PipelineSources, ReportContentTests.PipelinePolicy);
        var blocker = Path.Combine(scenario.ProjectDirectory("Pipeline"), "obj", "blocked");
        File.WriteAllText(blocker, "a file where the report folder should be");
        var engine = new FakeBuildEngine();
        var task = scenario.Task("Pipeline", compiled, engine, reportDirectory: Path.Combine(blocker, "report"));

        Assert.True(task.Execute());
        Assert.Equal(new[] { "MLRB005" }, engine.Warnings.Select(w => w.Code));
        Assert.Empty(task.ReportFiles);
        Assert.Equal("a file where the report folder should be", File.ReadAllText(blocker));
    }

    [Fact]
    public void Unreadable_policy_file_is_MLRB007_and_the_report_is_still_written()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Pipeline", ReportContentTests.PipelineSources);
        var folder = Path.Combine(scenario.ProjectDirectory("Pipeline"), "policy", "MlRoles.txt");
        Directory.CreateDirectory(folder);
        var engine = new FakeBuildEngine();
        var task = scenario.Task("Pipeline", compiled, engine);
        task.PolicyFiles = new Microsoft.Build.Framework.ITaskItem[] { new Microsoft.Build.Utilities.TaskItem(folder) };

        Assert.True(task.Execute());
        Assert.Equal(new[] { "MLRB007" }, engine.Warnings.Select(w => w.Code));
        Assert.True(File.Exists(Path.Combine(task.ReportDirectory, "mlroles-report.json")));
    }

    [Fact]
    public void With_the_CI_switch_bad_input_is_an_error_with_the_same_code_and_fails_the_task()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Pipeline", ReportContentTests.PipelineSources, ReportContentTests.PipelinePolicy);
        File.WriteAllText(compiled.SarifPath, "{");
        var engine = new FakeBuildEngine();
        var task = scenario.Task("Pipeline", compiled, engine);
        task.TreatProblemsAsErrors = true;

        Assert.False(task.Execute());
        Assert.Empty(engine.Warnings);
        Assert.Equal(new[] { "MLRB004" }, engine.Errors.Select(e => e.Code));
    }

    [Fact]
    public void Two_projects_sharing_one_report_folder_get_a_coded_warning()
    {
        using var scenario = new Scenario();
        var first = scenario.Compile("Pipeline", ReportContentTests.PipelineSources, ReportContentTests.PipelinePolicy);
        var second = scenario.Compile("Other", ReportContentTests.PipelineSources, ReportContentTests.PipelinePolicy);
        var shared = Path.Combine(scenario.Root, "shared-report");
        var firstEngine = new FakeBuildEngine();
        var secondEngine = new FakeBuildEngine();

        Assert.True(scenario.Task("Pipeline", first, firstEngine, shared).Execute());
        Assert.True(scenario.Task("Other", second, secondEngine, shared).Execute());

        Assert.Empty(firstEngine.Warnings);
        var warning = Assert.Single(secondEngine.Warnings);
        Assert.Equal("MLRB008", warning.Code);
        Assert.Equal(Path.Combine(shared, "mlroles-report.json"), warning.File);
        Assert.Contains("'src/Pipeline/Pipeline.csproj'", warning.Message, System.StringComparison.Ordinal);
        Assert.Contains("'src/Other/Other.csproj'", warning.Message, System.StringComparison.Ordinal);
    }
}
