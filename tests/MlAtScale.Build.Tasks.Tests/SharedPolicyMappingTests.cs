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
/// decides and lists MLR0011 at the file's line. Real csc runs with the analyzer.
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

        // Not a warning of either project (the first to finish cannot know what the others match): the
        // repository report lists it once, and its summary line says so.
        Assert.Empty(engine.Warnings);
        Assert.Empty(engine.Errors);
        var line = Assert.Single(engine.Messages.Select(m => m.Message ?? string.Empty), m => m.StartsWith("MlAtScale: repository role report", System.StringComparison.Ordinal));
        Assert.StartsWith("MlAtScale: repository role report - 2 projects, 2 roles, 2 owned types, 0 edges (0 cross-project), 0 violations, 1 shared policy mapping that no project built so far matches (MLR0011) in ", line, System.StringComparison.Ordinal);
        var repository = Scenario.Json(Path.Combine(scenario.Root, "artifacts", "mlroles", "mlroles-report.json"));
        var diagnostic = Assert.Single(repository.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(
            "MLR0011 warning MlRoles.txt(3,1)",
            $"{diagnostic.GetProperty("ruleId").GetString()} {diagnostic.GetProperty("level").GetString()} {diagnostic.GetProperty("file").GetString()}({diagnostic.GetProperty("line")},{diagnostic.GetProperty("column")})");
        Assert.False(diagnostic.TryGetProperty("project", out _));
        Assert.Equal(
            "The mapping 'N:Shop.Modles' of this shared policy file matches nothing in any of the 2 projects that use it (src/Data/Data.csproj, src/Models/Models.csproj) or their references; correct it, or remove the line",
            diagnostic.GetProperty("message").GetString());
        Assert.Contains("| `MlRoles.txt(3,1)` | MLR0011 (warning) | The mapping 'N:Shop.Modles' of this shared policy file", File.ReadAllText(Path.Combine(scenario.Root, "artifacts", "mlroles", "mlroles-report.md")));

        // Each project report keeps only what that project did not match, and no diagnostic for it.
        Assert.Equal(new[] { "MlRoles.txt(2,1) N:Shop.Models", "MlRoles.txt(3,1) N:Shop.Modles" }, Unmatched(scenario, "Data"));
        Assert.Equal(new[] { "MlRoles.txt(1,1) N:Shop.Data", "MlRoles.txt(3,1) N:Shop.Modles" }, Unmatched(scenario, "Models"));
        Assert.Empty(Scenario.Json(ReportPath(scenario, "Data")).GetProperty("diagnostics").EnumerateArray());
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
        Run(scenario, "Models", models, policy);

        Assert.Empty(Scenario.Json(Path.Combine(scenario.Root, "artifacts", "mlroles", "mlroles-report.json")).GetProperty("diagnostics").EnumerateArray());
        Assert.Empty(Unmatched(scenario, "Data"));
        Assert.Equal(new[] { "MlRoles.txt(1,1) N:Shop.Data", "MlRoles.txt(3,1) N:Shop.Modles" }, Unmatched(scenario, "Models"));
    }

    private static Compiled CompileWithSharedPolicy(Scenario scenario, string name, string code, string policy, string extraConfig = "") =>
        scenario.Compile(
            name,
            new Dictionary<string, string> { [name + ".cs"] = code },
            globalConfig: $"build_property.MSBuildProjectDirectory = {scenario.ProjectDirectory(name)}\n{extraConfig}",
            options: new[] { "/additionalfile:" + policy });

    private static FakeBuildEngine Run(Scenario scenario, string name, Compiled compiled, string policy)
    {
        var engine = new FakeBuildEngine();
        var task = scenario.Task(name, compiled, engine);
        task.PolicyFiles = new ITaskItem[] { new TaskItem(policy) };
        task.RepositoryReport = true;
        Assert.True(task.Execute());
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
