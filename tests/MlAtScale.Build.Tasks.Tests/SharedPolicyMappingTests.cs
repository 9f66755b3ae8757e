using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>
/// MLR0011 for a policy file shared by several projects (one above their folders): a mapping is unmatched
/// only when it matches nothing in every project that uses the file. The analyzer of each project records
/// its unmatched mappings of the shared file (MLR0006 records, not diagnostics); the repository report
/// decides and reports MLR0011 at the file's line. Real csc runs with the analyzer.
/// </summary>
public sealed class SharedPolicyMappingTests
{
    // Line 1 is matched by Data only, line 2 by Models only, line 3 by neither: only line 3 is MLR0011.
    private const string SharedPolicy = "N:Shop.Data = DataEngineering\nN:Shop.Models = DataScience\nN:Shop.Modles = DataScience\n";

    private const string Data = "namespace Shop.Data { public static class Orders { public static int Count() => 1; } }\n";

    private const string Models = "namespace Shop.Models { public static class Churn { public static int Train() => 2; } }\n";

    [Fact]
    public void A_mapping_of_a_shared_file_is_MLR0011_only_when_no_project_that_uses_the_file_matches_it()
    {
        using var scenario = new Scenario();
        var policy = Path.Combine(scenario.Root, "MlRoles.txt");
        File.WriteAllText(policy, SharedPolicy);
        var data = CompileWithSharedPolicy(scenario, "Data", Data, policy);
        var models = CompileWithSharedPolicy(scenario, "Models", Models, policy);

        // The analyzer of each project says nothing about the shared file: each sees only its own part of it.
        Assert.DoesNotContain("MLR0011", data.Output);
        Assert.DoesNotContain("MLR0011", models.Output);

        Run(scenario, "Data", data, policy);
        var engine = Run(scenario, "Models", models, policy);

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("MLR0011", warning.Code);
        Assert.Equal(policy, warning.File);
        Assert.Equal((3, 1), (warning.LineNumber, warning.ColumnNumber));
        Assert.Equal("The mapping 'N:Shop.Modles' of this shared policy file matches nothing in any of the 2 projects that use it (src/Data/Data.csproj, src/Models/Models.csproj) or their references; correct it, or remove the line", warning.Message);
        Assert.Equal("https://github.com/mlatscale/MlAtScale.Analyzers/blob/main/docs/rules/MLR0011.md", warning.HelpLink);

        // The repository report lists it once; each project report keeps only what it did not match.
        var repository = Scenario.Json(Path.Combine(scenario.Root, "artifacts", "mlroles", "mlroles-report.json"));
        Assert.Equal(
            new[] { "MLR0011 MlRoles.txt(3,1)" },
            repository.GetProperty("diagnostics").EnumerateArray().Select(d => $"{d.GetProperty("ruleId").GetString()} {d.GetProperty("file").GetString()}({d.GetProperty("line")},{d.GetProperty("column")})"));
        Assert.Equal(new[] { "MlRoles.txt(2,1) N:Shop.Models", "MlRoles.txt(3,1) N:Shop.Modles" }, Unmatched(scenario, "Data"));
        Assert.Equal(new[] { "MlRoles.txt(1,1) N:Shop.Data", "MlRoles.txt(3,1) N:Shop.Modles" }, Unmatched(scenario, "Models"));
        Assert.Empty(Scenario.Json(ReportPath(scenario, "Data")).GetProperty("diagnostics").EnumerateArray());

        // The next build of the other project logs the same single warning; with the CI switch it is an error.
        var again = Run(scenario, "Data", data, policy, treatProblemsAsErrors: true);
        Assert.Empty(again.Warnings);
        var error = Assert.Single(again.Errors);
        Assert.Equal(("MLR0011", 3, 1), (error.Code, error.LineNumber, error.ColumnNumber));
    }

    [Fact]
    public void A_project_that_turns_MLR0011_off_records_nothing_so_the_repository_report_does_not_report_the_mapping()
    {
        using var scenario = new Scenario();
        var policy = Path.Combine(scenario.Root, "MlRoles.txt");
        File.WriteAllText(policy, SharedPolicy);
        var data = CompileWithSharedPolicy(scenario, "Data", Data, policy, "dotnet_diagnostic.MLR0011.severity = none\n");
        var models = CompileWithSharedPolicy(scenario, "Models", Models, policy);

        Run(scenario, "Data", data, policy);
        var engine = Run(scenario, "Models", models, policy);

        Assert.Empty(engine.Warnings);
        Assert.Empty(Unmatched(scenario, "Data"));
        Assert.Equal(new[] { "MlRoles.txt(1,1) N:Shop.Data", "MlRoles.txt(3,1) N:Shop.Modles" }, Unmatched(scenario, "Models"));
    }

    private static Compiled CompileWithSharedPolicy(Scenario scenario, string name, string code, string policy, string extraConfig = "") =>
        scenario.Compile(
            name,
            new Dictionary<string, string> { [name + ".cs"] = code },
            globalConfig: $"build_property.MSBuildProjectDirectory = {scenario.ProjectDirectory(name)}\n{extraConfig}",
            options: new[] { "/additionalfile:" + policy });

    private static FakeBuildEngine Run(Scenario scenario, string name, Compiled compiled, string policy, bool treatProblemsAsErrors = false)
    {
        var engine = new FakeBuildEngine();
        var task = scenario.Task(name, compiled, engine);
        task.PolicyFiles = new ITaskItem[] { new TaskItem(policy) };
        task.RepositoryReport = true;
        task.TreatProblemsAsErrors = treatProblemsAsErrors;
        task.Execute();
        return engine;
    }

    private static string ReportPath(Scenario scenario, string name) => Path.Combine(scenario.ProjectDirectory(name), "obj", "report", "mlroles-report.json");

    private static List<string> Unmatched(Scenario scenario, string name)
    {
        var json = Scenario.Json(ReportPath(scenario, name));
        return json.TryGetProperty("unmatchedSharedMappings", out var list)
            ? list.EnumerateArray().Select(m => $"{m.GetProperty("file").GetString()}({m.GetProperty("line")},{m.GetProperty("column")}) {m.GetProperty("mapping").GetString()}").ToList()
            : new List<string>();
    }
}
