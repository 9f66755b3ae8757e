using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using static MlAtScale.Integration.Tests.SourcePosition;

namespace MlAtScale.Integration.Tests;

/// <summary>
/// What one `dotnet add package MlAtScale.Analyzers` gives a project, and what flows from it to a
/// project that references that one (docs/packaging.md): the attributes do; the analyzer, the report,
/// the ErrorLog setting and the props/targets do not, until that project adds the package itself.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PackageFlowTests
{
    /// <summary>The dependant: its own role-marked code, calling the consumer's Production code from Data Science.</summary>
    private const string DependantSource = """
        using MlAtScale;

        namespace Contoso.Reporting;

        [DataScience]
        public static class Retrainer
        {
            public static void Run() => Contoso.Ml.ModelHost.Deploy("retrained.onnx");
        }
        """;

    private const string DependantUseMarker = "Deploy(\"retrained.onnx\")";

    // After ResolveLockFileAnalyzers: the analyzers the SDK takes from packages are in the list too.
    private const string BuildStepsQuery = "-t:ResolveLockFileAnalyzers -getItem:Analyzer -getItem:EditorConfigFiles -getProperty:ErrorLog -getProperty:MlAtScaleReport";

    private readonly PackageFixture _package;

    public PackageFlowTests(PackageFixture package) => _package = package;

    [Fact]
    public void One_dotnet_add_package_gives_the_analyzer_report_and_attributes_and_a_dependant_only_the_attributes()
    {
        var root = _package.CreateConsumerRoot("flow");
        var feed = OnlyThisRunsPackages(root);
        // As on a fresh machine: no package source knows the feed; only `--source` names it.
        root.Write("nuget.config", "<configuration />\n");
        root.Write("Ml/Ml.csproj", PlainProject());
        root.Write("Ml/Pipeline.cs", Sources.AttributedCrossing);
        root.Write("Reporting/Reporting.csproj", PlainProject("""<ItemGroup><ProjectReference Include="../Ml/Ml.csproj" /></ItemGroup>"""));
        root.Write("Reporting/Retrainer.cs", DependantSource);

        // The README's command, verbatim but for the feed's path.
        var add = Run(root, "Ml", "add", "package", PackageFixture.PackageId, "--prerelease", "--source", feed);

        Assert.True(add.ExitCode == 0, add.Describe());
        Assert.Equal(
            new[] { $"""<PackageReference Include="{PackageFixture.PackageId}" Version="{_package.Version}" />""" },
            File.ReadAllLines(root.FullPath("Ml/Ml.csproj")).Select(l => l.Trim()).Where(l => l.StartsWith("<PackageReference", StringComparison.Ordinal) || l.StartsWith("<PrivateAssets", StringComparison.Ordinal) || l.StartsWith("<IncludeAssets", StringComparison.Ordinal)));

        var build = root.Build("Reporting/Reporting.csproj");

        Assert.True(build.ExitCode == 0, build.Describe());
        // The consumer: the analyzer (MLR0001 at the use), the report and the compiler's SARIF log.
        // The dependant compiled its own [DataScience] (the attributes reached it) and crosses a
        // boundary in Retrainer.Run, but nothing of ours checks it.
        Expect.Diagnostics(build, Key(root.FullPath("Ml/Pipeline.cs"), Sources.AttributedCrossing, Sources.UseMarker, "warning", "MLR0001"));
        var violation = Assert.Single(build.Diagnostics(), d => d.Id == "MLR0001");
        Assert.StartsWith("'Trainer.Train' (DataScience) uses 'ModelHost.Deploy' of Production via ", violation.Message, StringComparison.Ordinal);
        Assert.Equal(
            new[] { "MlAtScale: Ml role report obj/Debug/net10.0/mlroles-report.md - 2 roles, 1 owned type, 1 edge, 1 violation in 1 group" },
            ReportLines(build));
        Assert.True(File.Exists(root.FullPath("Ml/obj/Debug/net10.0/mlroles-report.json")), build.Describe());
        Assert.True(File.Exists(root.FullPath("Ml/obj/Debug/net10.0/Ml.mlroles.sarif")), build.Describe());
        Assert.False(File.Exists(root.FullPath("Reporting/obj/Debug/net10.0/mlroles-report.json")));
        Assert.False(File.Exists(root.FullPath("Reporting/obj/Debug/net10.0/Reporting.mlroles.sarif")));

        // What each project's build is given, as MSBuild evaluates it.
        var consumer = BuildSteps(root, "Ml/Ml.csproj");
        Assert.Equal(new[] { "MlAtScale.Analyzers.CodeFixes.dll", "MlAtScale.Analyzers.dll" }, consumer.OurAnalyzers);
        Assert.Equal(new[] { "MlAtScale.Analyzers.Report.globalconfig" }, consumer.OurConfigs);
        Assert.Equal("obj/Debug/net10.0/Ml.mlroles.sarif,version=2.1", consumer.ErrorLog.Replace('\\', '/'));
        Assert.Equal("true", consumer.Report);

        var dependant = BuildSteps(root, "Reporting/Reporting.csproj");
        Assert.Empty(dependant.OurAnalyzers);
        Assert.Empty(dependant.OurConfigs);
        Assert.Equal(string.Empty, dependant.ErrorLog);
        Assert.Equal(string.Empty, dependant.Report);
    }

    [Fact]
    public void A_dependant_that_adds_the_package_itself_gets_the_build_steps_too()
    {
        var root = _package.CreateConsumerRoot("flow-optin");
        root.WriteProject("Ml/Ml.csproj");
        root.Write("Ml/Pipeline.cs", Sources.AttributedCrossing);
        root.Write("Reporting/Reporting.csproj", PlainProject("""<ItemGroup><ProjectReference Include="../Ml/Ml.csproj" /></ItemGroup>"""));
        root.Write("Reporting/Retrainer.cs", DependantSource);

        var add = Run(root, "Reporting", "add", "package", PackageFixture.PackageId, "--version", _package.Version);
        Assert.True(add.ExitCode == 0, add.Describe());
        var build = root.Build("Reporting/Reporting.csproj");

        Assert.True(build.ExitCode == 0, build.Describe());
        Expect.Diagnostics(
            build,
            Key(root.FullPath("Ml/Pipeline.cs"), Sources.AttributedCrossing, Sources.UseMarker, "warning", "MLR0001"),
            Key(root.FullPath("Reporting/Retrainer.cs"), DependantSource, DependantUseMarker, "warning", "MLR0001"));
        var violation = Assert.Single(build.Diagnostics(), d => d.File.EndsWith("Retrainer.cs", StringComparison.Ordinal));
        Assert.StartsWith("'Retrainer.Run' (DataScience) uses 'ModelHost.Deploy' of Production via ", violation.Message, StringComparison.Ordinal);
        Assert.Equal(
            new[]
            {
                "MlAtScale: Ml role report obj/Debug/net10.0/mlroles-report.md - 2 roles, 1 owned type, 1 edge, 1 violation in 1 group",
                "MlAtScale: Reporting role report obj/Debug/net10.0/mlroles-report.md - 2 roles, 1 owned type, 1 edge, 1 violation in 1 group",
            },
            ReportLines(build).OrderBy(l => l, StringComparer.Ordinal));
    }

    /// <summary>A feed folder with only this run's two packages, so `--prerelease` can pick no other version.</summary>
    private string OnlyThisRunsPackages(ConsumerRoot root)
    {
        var feed = root.FullPath("feed");
        Directory.CreateDirectory(feed);
        File.Copy(_package.PackagePath, Path.Combine(feed, Path.GetFileName(_package.PackagePath)));
        File.Copy(_package.AttributesPackagePath, Path.Combine(feed, Path.GetFileName(_package.AttributesPackagePath)));
        return feed;
    }

    private static string PlainProject(string extraProjectContent = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          {extraProjectContent}
        </Project>
        """;

    private CommandResult Run(ConsumerRoot root, string projectFolder, params string[] arguments) =>
        DotNet.Run(
            root.FullPath(projectFolder),
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = _package.PackagesDirectory },
            arguments);

    private static List<string> ReportLines(CommandResult build) =>
        build.Log.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("MlAtScale: ", StringComparison.Ordinal) && l.Contains(" role report ", StringComparison.Ordinal) && !l.StartsWith("MlAtScale: repository ", StringComparison.Ordinal))
            .ToList();

    /// <summary>The analyzers, analyzer configs and properties of ours that a project's build is given.</summary>
    private BuildStepsSeen BuildSteps(ConsumerRoot root, string project)
    {
        var query = DotNet.Run(
            root.Path,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = _package.PackagesDirectory },
            new[] { "msbuild", root.FullPath(project), "-nologo" }.Concat(BuildStepsQuery.Split(' ')).ToArray());
        Assert.True(query.ExitCode == 0, query.Describe());
        using var json = JsonDocument.Parse(query.Output);
        var items = json.RootElement.GetProperty("Items");
        var properties = json.RootElement.GetProperty("Properties");
        return new BuildStepsSeen(
            OursOnly(items, "Analyzer"),
            OursOnly(items, "EditorConfigFiles"),
            properties.GetProperty("ErrorLog").GetString() ?? string.Empty,
            properties.GetProperty("MlAtScaleReport").GetString() ?? string.Empty);
    }

    private static List<string> OursOnly(JsonElement items, string name) =>
        items.TryGetProperty(name, out var list)
            ? list.EnumerateArray()
                .Select(i => i.GetProperty("Identity").GetString()!)
                .Where(p => p.Replace('\\', '/').Contains("/mlatscale.analyzers/", StringComparison.OrdinalIgnoreCase))
                .Select(Path.GetFileName)
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList()!
            : new List<string>();

    private sealed record BuildStepsSeen(List<string> OurAnalyzers, List<string> OurConfigs, string ErrorLog, string Report);
}
