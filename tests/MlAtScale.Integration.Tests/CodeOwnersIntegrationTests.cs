using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using static MlAtScale.Integration.Tests.SourcePosition;

namespace MlAtScale.Integration.Tests;

/// <summary>
/// Ownership without a single role attribute: a repository's CODEOWNERS file and '@team = Role' lines, in
/// real `dotnet build`s of a consumer of the packed package; and the mistakes people make with them.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class CodeOwnersIntegrationTests
{
    private const string Host = """
        namespace Churn.Serving;

        public static class ModelHost
        {
            public static void Deploy(string model) { }
        }
        """;

    private const string Trainer = """
        namespace Churn.Training;

        public static class Trainer
        {
            public static void Train() => Churn.Serving.ModelHost.Deploy("churn.zip");
        }
        """;

    private const string Policy = """
        # Teams of the churn repository and their roles.
        @contoso/ml-platform = Production
        @contoso/data-science = DataScience
        """;

    private const string CodeOwners = """
        # Owners of the churn repository
        *                        @contoso/leads
        /src/App/Serving/        @contoso/ml-platform
        /src/App/Training/       @contoso/data-science
        """;

    private readonly PackageFixture _package;

    public CodeOwnersIntegrationTests(PackageFixture package) => _package = package;

    /// <summary>A repository: '.git' at its root, the policy file at the root, the project in src/App.</summary>
    private ConsumerRoot Repository(string name, string codeOwnersPath = ".github/CODEOWNERS", string policy = Policy)
    {
        var root = _package.CreateConsumerRoot(name);
        root.Write(".git/HEAD", "ref: refs/heads/main\n");
        root.Write("MlRoles.txt", policy);
        if (codeOwnersPath.Length > 0)
        {
            root.Write(codeOwnersPath, CodeOwners);
        }

        root.WriteProject("src/App/App.csproj");
        root.Write("src/App/Serving/ModelHost.cs", Host);
        root.Write("src/App/Training/Trainer.cs", Trainer);
        return root;
    }

    private static string Report(ConsumerRoot root) => root.FullPath("src/App/obj/Debug/net10.0/mlroles-report.json");

    [Fact]
    public void CODEOWNERS_teams_own_the_code_the_crossing_names_the_team_and_the_report_has_a_per_team_view()
    {
        var root = Repository("codeowners");

        var build = root.Build("src/App/App.csproj");

        Assert.True(build.ExitCode == 0, build.Describe());
        Expect.Diagnostics(build, Key(root.FullPath("src/App/Training/Trainer.cs"), Trainer, "Deploy(\"churn", "warning", "MLR0001"));
        Assert.StartsWith(
            "'Trainer.Train' (DataScience) uses 'ModelHost.Deploy' of Production via CODEOWNERS:3 (@contoso/ml-platform); mark it [RoleContract] or allow 'DataScience -> Production' in MlRoles.txt",
            build.Diagnostics().Single().Message,
            StringComparison.Ordinal);

        using (var json = JsonDocument.Parse(File.ReadAllBytes(Report(root))))
        {
            var teams = json.RootElement.GetProperty("teams").EnumerateArray()
                .Select(t => string.Join(
                    " | ",
                    t.GetProperty("team").GetString(),
                    t.GetProperty("role").GetString(),
                    string.Join(",", t.GetProperty("files").EnumerateArray().Select(f => f.GetString())),
                    t.GetProperty("types").GetInt32(),
                    t.GetProperty("violationsAsUser").GetInt32(),
                    t.GetProperty("violationsAsUsed").GetInt32()))
                .ToList();
            Assert.Equal(
                new[]
                {
                    "@contoso/data-science | DataScience | src/App/Training/Trainer.cs | 1 | 1 | 0",
                    "@contoso/ml-platform | Production | src/App/Serving/ModelHost.cs | 1 | 0 | 1",
                },
                teams);
            var violation = json.RootElement.GetProperty("violations").EnumerateArray().Single();
            Assert.Equal("src/App/Training/Trainer.cs", violation.GetProperty("file").GetString());
        }

        var markdown = File.ReadAllText(root.FullPath("src/App/obj/Debug/net10.0/mlroles-report.md"));
        Assert.Contains("## Teams (CODEOWNERS)", markdown, StringComparison.Ordinal);
        Assert.Contains("| `@contoso/ml-platform` | Production | `src/App/Serving/ModelHost.cs` | 1 | 1 | 0 | 1 |", markdown, StringComparison.Ordinal);

        // An edit of CODEOWNERS alone re-runs the compile: the training folder now belongs to the platform team, so
        // the crossing is gone, and the data-science line of the policy maps a team CODEOWNERS no longer names.
        root.Write(".github/CODEOWNERS", CodeOwners.Replace("/src/App/Training/       @contoso/data-science", "/src/App/Training/       @contoso/ml-platform", StringComparison.Ordinal));
        var edited = root.Build("src/App/App.csproj", "--no-restore");
        Assert.True(edited.ExitCode == 0, edited.Describe());
        Expect.Diagnostics(edited, Key(root.FullPath("MlRoles.txt"), Policy, "@contoso/data-science", "warning", "MLR0011"));
        Assert.Contains("no line of CODEOWNERS names '@contoso/data-science'", edited.Diagnostics().Single().Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("codeowners-wrong-folder", "src/CODEOWNERS")]
    [InlineData("codeowners-wrong-case", ".github/codeowners")]
    [InlineData("codeowners-missing", "")]
    public void A_CODEOWNERS_file_GitHub_would_not_read_gives_no_ownership_and_the_owner_lines_say_where_it_is_looked_for(string name, string codeOwnersPath)
    {
        var root = Repository(name, codeOwnersPath);

        var build = root.Build("src/App/App.csproj");

        Assert.True(build.ExitCode == 0, build.Describe());
        var policy = root.FullPath("MlRoles.txt");
        Expect.Diagnostics(
            build,
            Key(policy, Policy, "@contoso/ml-platform", "warning", "MLR0011"),
            Key(policy, Policy, "@contoso/data-science", "warning", "MLR0011"));
        Assert.All(build.Diagnostics(), d => Assert.Contains(
            "no CODEOWNERS file reached the build; the package reads '.github/CODEOWNERS', 'CODEOWNERS' or 'docs/CODEOWNERS' at the repository root (the folder with '.git'), named in capitals",
            d.Message,
            StringComparison.Ordinal));
    }

    [Fact]
    public void An_owner_with_a_typo_is_MLR0011_with_the_owner_meant_and_a_moved_file_changes_its_owner()
    {
        const string Typo = """
            @contoso/ml-platfrom = Production
            @contoso/data-science = DataScience
            """;
        var root = Repository("codeowners-typo", policy: Typo);

        var build = root.Build("src/App/App.csproj");

        Assert.True(build.ExitCode == 0, build.Describe());
        Expect.Diagnostics(build, Key(root.FullPath("MlRoles.txt"), Typo, "@contoso/ml-platfrom", "warning", "MLR0011"));
        Assert.Contains("no line of CODEOWNERS names '@contoso/ml-platfrom'; did you mean '@contoso/ml-platform'?", build.Diagnostics().Single().Message, StringComparison.Ordinal);

        // Fixed, and the host moved into the training folder: its new owner is the data-science team.
        root.Write("MlRoles.txt", Policy);
        File.Delete(root.FullPath("src/App/Serving/ModelHost.cs"));
        root.Write("src/App/Training/ModelHost.cs", Host);
        var moved = root.Build("src/App/App.csproj", "--no-restore");
        Assert.True(moved.ExitCode == 0, moved.Describe());
        Expect.Diagnostics(moved);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Report(root)));
        Assert.Equal(
            new[] { "@contoso/data-science: src/App/Training/ModelHost.cs,src/App/Training/Trainer.cs" },
            json.RootElement.GetProperty("teams").EnumerateArray().Select(t => t.GetProperty("team").GetString() + ": " + string.Join(",", t.GetProperty("files").EnumerateArray().Select(f => f.GetString()))));
    }
}
