using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Xunit;
using static MlAtScale.Integration.Tests.SourcePosition;

namespace MlAtScale.Integration.Tests;

/// <summary>A fresh project with only the package reference: diagnostics in `dotnet build`, policy files found by the targets.</summary>
[Collection(PackageCollection.Name)]
public sealed class PolicyFileTests
{
    private const string RepoPolicy = """
        # Repository-wide role policy.
        N:Contoso.Serving = Production
        N:Contoso.Training = DataScience
        N:Contoso.Reporting = Marketing
        """;

    private readonly PackageFixture _package;

    public PolicyFileTests(PackageFixture package) => _package = package;

    [Fact]
    public void Attributed_crossing_is_a_warning_MLR0001_at_the_use()
    {
        var root = _package.CreateConsumerRoot("attributes");
        root.WriteProject("App/App.csproj");
        var file = root.Write("App/Pipeline.cs", Sources.AttributedCrossing);

        var result = root.Build("App/App.csproj");

        Assert.True(result.ExitCode == 0, result.Describe());
        Expect.Diagnostics(result, Key(file, Sources.AttributedCrossing, Sources.UseMarker, "warning", "MLR0001"));
        var message = Assert.Single(result.Diagnostics()).Message;
        Assert.Contains("'Trainer.Train' (DataScience)", message);
        Assert.Contains("'ModelHost.Deploy'", message);
        Assert.Contains("Production", message);
    }

    [Fact]
    public void Policy_file_in_a_parent_folder_maps_roles_and_its_unknown_role_is_MLR0005()
    {
        var root = _package.CreateConsumerRoot("parent-policy");
        var policy = root.Write("repo/MlRoles.txt", RepoPolicy);
        root.WriteProject("repo/App/App.csproj");
        var code = root.Write("repo/App/Code.cs", Sources.UnattributedCrossing);

        var result = root.Build("repo/App/App.csproj");

        Assert.True(result.ExitCode == 0, result.Describe());
        Expect.Diagnostics(
            result,
            Key(code, Sources.UnattributedCrossing, Sources.UseMarker, "warning", "MLR0001"),
            Key(policy, RepoPolicy, "Marketing", "warning", "MLR0005"));
        Assert.StartsWith("Role 'Marketing' on 'MlRoles.txt:4' is not a known role;", Assert.Single(result.Diagnostics(), d => d.Id == "MLR0005").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nearest_policy_file_and_the_next_one_above_apply_and_no_further_one()
    {
        var root = _package.CreateConsumerRoot("layered-policy");
        // Outermost: never read, or its bad line would be an MLR0003.
        root.Write("MlRoles.txt", "this is not a policy line\n");
        root.Write("repo/MlRoles.txt", "N:Contoso.Serving = Production\n");
        root.Write("repo/src/App/MlRoles.txt", "N:Contoso.Training = DataScience\n");
        root.WriteProject("repo/src/App/App.csproj");
        var code = root.Write("repo/src/App/Code.cs", Sources.UnattributedCrossing);

        var result = root.Build("repo/src/App/App.csproj");

        // The crossing needs both mappings: the project's file (Training) and the repository's (Serving).
        Assert.True(result.ExitCode == 0, result.Describe());
        Expect.Diagnostics(result, Key(code, Sources.UnattributedCrossing, Sources.UseMarker, "warning", "MLR0001"));
    }

    [Fact]
    public void Policy_file_the_project_already_lists_is_passed_to_the_compiler_once()
    {
        var root = _package.CreateConsumerRoot("listed-policy");
        var policy = root.Write("repo/MlRoles.txt", RepoPolicy);
        var outer = root.Write("MlRoles.txt", "N:Contoso.Other = BusinessAnalysis\n");
        // Listed with a relative path (as users write it) and again, in a different spelling, after the package's targets ran.
        root.WriteProject("repo/App/App.csproj", """
              <ItemGroup>
                <AdditionalFiles Include="..\MlRoles.txt" />
              </ItemGroup>
              <Target Name="AddPolicyLate" BeforeTargets="CoreCompile">
                <ItemGroup>
                  <AdditionalFiles Include="$(MSBuildProjectDirectory)/../../MlRoles.txt" />
                </ItemGroup>
              </Target>
            """);
        root.Write("repo/App/Code.cs", Sources.UnattributedCrossing);

        // The items as the build left them (after CoreCompile's "before" targets ran).
        var items = root.Build("repo/App/App.csproj", "-t:Build", "-getItem:AdditionalFiles");

        Assert.True(items.ExitCode == 0, items.Describe());
        var paths = AdditionalFilePaths(items.Output);
        Assert.Equal(new[] { outer, policy }, paths.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Discovery_switched_off_applies_no_policy_file()
    {
        var root = _package.CreateConsumerRoot("discovery-off");
        root.Write("repo/MlRoles.txt", RepoPolicy);
        root.WriteProject("repo/App/App.csproj");
        root.Write("repo/App/Code.cs", Sources.UnattributedCrossing);

        var result = root.Build("repo/App/App.csproj", "-p:MlAtScaleDiscoverPolicyFiles=false");

        Assert.True(result.ExitCode == 0, result.Describe());
        Expect.Diagnostics(result);
    }

    [Fact]
    public void MlAtScalePolicyFile_replaces_discovery()
    {
        var root = _package.CreateConsumerRoot("explicit-policy");
        // Discovery would find this one (and report its bad line); the property must replace it.
        root.Write("repo/MlRoles.txt", "this is not a policy line\n");
        root.Write("policies/ml/MlRoles.txt", "N:Contoso.Serving = Production\nN:Contoso.Training = DataScience\n");
        root.WriteProject("repo/App/App.csproj");
        var code = root.Write("repo/App/Code.cs", Sources.UnattributedCrossing);

        var result = root.Build("repo/App/App.csproj", "-p:MlAtScalePolicyFile=../../policies/ml/MlRoles.txt");

        Assert.True(result.ExitCode == 0, result.Describe());
        Expect.Diagnostics(result, Key(code, Sources.UnattributedCrossing, Sources.UseMarker, "warning", "MLR0001"));
    }

    [Fact]
    public void MlAtScalePolicyFile_naming_a_missing_file_is_warning_MLB0001()
    {
        var root = _package.CreateConsumerRoot("missing-policy");
        var project = root.WriteProject("App/App.csproj");
        root.Write("App/Code.cs", Sources.UnattributedCrossing);

        var result = root.Build("App/App.csproj", "-p:MlAtScalePolicyFile=missing/MlRoles.txt");

        Assert.True(result.ExitCode == 0, result.Describe());
        Expect.Diagnostics(result, $"{project}(0,0): warning MLB0001");
        Assert.Contains(root.FullPath("App/missing/MlRoles.txt"), Assert.Single(result.Diagnostics()).Message);
    }

    /// <summary>Full paths of the AdditionalFiles items in the JSON that `-getItem:AdditionalFiles` prints.</summary>
    private static List<string> AdditionalFilePaths(string output)
    {
        var json = output.Substring(output.IndexOf('{', StringComparison.Ordinal));
        json = json.Substring(0, json.LastIndexOf('}') + 1);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray()
            .Select(item => item.GetProperty("FullPath").GetString()!)
            .ToList();
    }
}
