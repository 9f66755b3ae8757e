using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MlAtScale.Integration.Tests;

/// <summary>
/// A folder tree, outside the repository, holding consumer projects that restore the freshly packed
/// package. Its nuget.config only adds the local feed; every other source comes from the user's config.
/// </summary>
public sealed class ConsumerRoot
{
    private readonly PackageFixture _package;

    internal ConsumerRoot(PackageFixture package, string path)
    {
        _package = package;
        Path = path;
        Directory.CreateDirectory(path);
        Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="mlatscale-local-feed" value="{package.FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        // Stop MSBuild's upward search here: nothing from the temp folder's parents may apply.
        Write("Directory.Build.props", "<Project />\n");
        Write("Directory.Build.targets", "<Project />\n");
        Write("Directory.Packages.props", "<Project />\n");
    }

    public string Path { get; }

    /// <summary>Writes a file (creating folders) and returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var full = FullPath(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public string FullPath(string relativePath) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar)));

    /// <summary>A plain class library whose only package is MlAtScale.Analyzers, as `dotnet add package` leaves it.</summary>
    public string WriteProject(string relativePath, string extraProjectContent = "") =>
        Write(relativePath, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackageFixture.PackageId}" Version="{_package.Version}" />
              </ItemGroup>
            {extraProjectContent}
            </Project>
            """);

    /// <summary>`dotnet build` of a project under this root; <paramref name="arguments"/> are appended.</summary>
    public CommandResult Build(string projectRelativePath, params string[] arguments)
    {
        var all = new List<string>
        {
            "build", FullPath(projectRelativePath),
            "-nodeReuse:false", "-tl:off",
            // No compiler server: it would outlive the build and hold the output pipe open.
            "-p:UseSharedCompilation=false",
        };
        all.AddRange(arguments);
        return DotNet.Run(
            Path,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = _package.PackagesDirectory },
            all.ToArray());
    }
}

/// <summary>Where a marker sits in source text, as the compiler counts it (1-based line and column).</summary>
public static class SourcePosition
{
    public static (int Line, int Column) Of(string text, string marker, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(marker, index + 1, StringComparison.Ordinal);
            if (index < 0)
            {
                throw new ArgumentException($"'{marker}' occurs fewer than {occurrence} time(s) in the source.", nameof(marker));
            }
        }

        var before = text.AsSpan(0, index);
        var line = before.Count('\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (line, column);
    }

    public static string Key(string file, string text, string marker, string severity, string id, int occurrence = 1)
    {
        var (line, column) = Of(text, marker, occurrence);
        return $"{file}({line},{column}): {severity} {id}";
    }

    public static IReadOnlyList<string> Keys(this IEnumerable<BuildDiagnostic> diagnostics) =>
        diagnostics.Select(d => d.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> Sorted(params string[] keys) =>
        keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
}

/// <summary>Exact comparison of a build's MlAtScale diagnostics, with the whole build output on failure.</summary>
public static class Expect
{
    public static void Diagnostics(CommandResult result, params string[] expected)
    {
        var sortedExpected = SourcePosition.Sorted(expected);
        var actual = result.Diagnostics().Keys();
        if (!actual.SequenceEqual(sortedExpected, StringComparer.Ordinal))
        {
            Xunit.Assert.Fail(
                $"Expected diagnostics:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", sortedExpected)}{Environment.NewLine}" +
                $"Actual diagnostics:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", actual)}{Environment.NewLine}{result.Describe()}");
        }
    }
}
