using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace MlAtScale.Integration.Tests;

/// <summary>
/// Packs the product once per test run into the repository's local feed (artifacts/feed) with a
/// version no earlier run used, so no NuGet cache can serve a stale copy: MlAtScale.Analyzers and,
/// with it, its dependency MlAtScale.Attributes. Consumer builds restore into their own package
/// folder under artifacts/ and never touch the user's global cache.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public const string PackageId = "MlAtScale.Analyzers";

    public const string AttributesPackageId = "MlAtScale.Attributes";

    // Leftovers of earlier runs older than this are removed; younger ones may belong to a run in progress.
    private static readonly TimeSpan StaleAfter = TimeSpan.FromHours(2);

    private readonly List<string> _consumerRoots = new();

    public PackageFixture()
    {
        RepositoryRoot = FindRepositoryRoot();
        Configuration = Metadata("Configuration") ?? "Debug";
        var artifacts = Path.Combine(RepositoryRoot, "artifacts");
        FeedDirectory = Path.Combine(artifacts, "feed");
        PackagesDirectory = Path.Combine(artifacts, "integration-tests", "packages");
        ConsumersDirectory = Path.Combine(Path.GetTempPath(), "mlatscale-integration-tests");
        Directory.CreateDirectory(FeedDirectory);
        Directory.CreateDirectory(PackagesDirectory);
        Directory.CreateDirectory(ConsumersDirectory);
        RemoveStaleLeftovers();

        Version = string.Create(CultureInfo.InvariantCulture, $"0.1.0-it.{DateTime.UtcNow:yyyyMMddHHmmssfff}.{Environment.ProcessId}");
        var project = Path.Combine(RepositoryRoot, "src", "MlAtScale.Analyzers.Package", "MlAtScale.Analyzers.Package.csproj");
        PackResult = DotNet.Run(
            RepositoryRoot,
            new Dictionary<string, string>(),
            "pack", project,
            "-c", Configuration,
            "-o", FeedDirectory,
            // MinVer's override: the package, assembly and file versions all become this version.
            $"-p:MinVerVersionOverride={Version}",
            "-p:UseSharedCompilation=false",
            "-nodeReuse:false",
            "-tl:off");
        PackagePath = Path.Combine(FeedDirectory, $"{PackageId}.{Version}.nupkg");
        AttributesPackagePath = Path.Combine(FeedDirectory, $"{AttributesPackageId}.{Version}.nupkg");
        if (PackResult.ExitCode != 0 || !File.Exists(PackagePath) || !File.Exists(AttributesPackagePath))
        {
            throw new InvalidOperationException($"Packing {PackageId} and {AttributesPackageId} failed. {PackResult.Describe()}");
        }
    }

    public string RepositoryRoot { get; }

    public string Configuration { get; }

    public string FeedDirectory { get; }

    public string PackagesDirectory { get; }

    public string ConsumersDirectory { get; }

    public string Version { get; }

    /// <summary>The MlAtScale.Analyzers package of this run.</summary>
    public string PackagePath { get; }

    /// <summary>The MlAtScale.Attributes package of this run, packed with <see cref="PackagePath"/>.</summary>
    public string AttributesPackagePath { get; }

    public CommandResult PackResult { get; }

    /// <summary>A new, empty consumer folder tree (outside the repository, so none of its build files apply).</summary>
    public ConsumerRoot CreateConsumerRoot(string name)
    {
        var root = Path.Combine(ConsumersDirectory, $"{name}-{Guid.NewGuid():N}");
        lock (_consumerRoots)
        {
            _consumerRoots.Add(root);
        }

        return new ConsumerRoot(this, root);
    }

    public void Dispose()
    {
        // Keep the consumers of a failed run for inspection only when asked to.
        if (Environment.GetEnvironmentVariable("MLATSCALE_KEEP_CONSUMERS") == "1")
        {
            return;
        }

        foreach (var root in _consumerRoots)
        {
            TryDelete(root);
        }
    }

    private void RemoveStaleLeftovers()
    {
        var cutoff = DateTime.UtcNow - StaleAfter;
        foreach (var id in new[] { PackageId, AttributesPackageId })
        {
            foreach (var file in Directory.EnumerateFiles(FeedDirectory, $"{id}.*-it.*.nupkg"))
            {
                if (File.GetLastWriteTimeUtc(file) < cutoff)
                {
                    TryDelete(file);
                }
            }

            var extracted = Path.Combine(PackagesDirectory, id.ToLowerInvariant());
            if (Directory.Exists(extracted))
            {
                foreach (var directory in Directory.EnumerateDirectories(extracted, "*-it.*"))
                {
                    if (Directory.GetLastWriteTimeUtc(directory) < cutoff)
                    {
                        TryDelete(directory);
                    }
                }
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(ConsumersDirectory))
        {
            if (Directory.GetLastWriteTimeUtc(directory) < cutoff)
            {
                TryDelete(directory);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // Best effort: another run may be using it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string? Metadata(string key) =>
        typeof(PackageFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

    private static string FindRepositoryRoot()
    {
        // Prefer walking up from the test binaries (a moved clone still works), else what the build recorded.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MlAtScale.Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        return Metadata("RepositoryRoot") is { Length: > 0 } recorded
            ? Path.GetFullPath(recorded)
            : throw new InvalidOperationException("Cannot find the repository root (MlAtScale.Analyzers.sln) above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Packed MlAtScale.Analyzers";
}
