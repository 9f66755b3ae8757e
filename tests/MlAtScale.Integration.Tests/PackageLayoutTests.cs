using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Xunit;

namespace MlAtScale.Integration.Tests;

[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests
{
    // .NET Framework dependencies of the report task that MSBuild does not provide (System.Text.Json
    // and System.Reflection.Metadata with their closure); on .NET 8+ they are in the box.
    private static readonly string[] TaskNetFrameworkDependencies =
    {
        "Microsoft.Bcl.AsyncInterfaces.dll",
        "System.Buffers.dll",
        "System.Collections.Immutable.dll",
        "System.Memory.dll",
        "System.Numerics.Vectors.dll",
        "System.Reflection.Metadata.dll",
        "System.Runtime.CompilerServices.Unsafe.dll",
        "System.Text.Encodings.Web.dll",
        "System.Text.Json.dll",
        "System.Threading.Tasks.Extensions.dll",
        "System.ValueTuple.dll",
    };

    private readonly PackageFixture _package;

    public PackageLayoutTests(PackageFixture package) => _package = package;

    [Fact]
    public void Package_contains_exactly_the_designed_files()
    {
        var expected = new List<string>
        {
            "README.md",
            "analyzers/dotnet/cs/MlAtScale.Analyzers.dll",
            "lib/netstandard2.0/MlAtScale.Attributes.dll",
            "lib/netstandard2.0/MlAtScale.Attributes.xml",
            "build/MlAtScale.Analyzers.props",
            "build/MlAtScale.Analyzers.targets",
            "build/MlAtScale.Analyzers.ViolationsAsErrors.globalconfig",
            "buildTransitive/MlAtScale.Analyzers.props",
            "buildTransitive/MlAtScale.Analyzers.targets",
        };

        // Parts that join the package when their projects exist in the repository.
        var src = Path.Combine(_package.RepositoryRoot, "src");
        if (File.Exists(Path.Combine(src, "MlAtScale.Analyzers.CodeFixes", "MlAtScale.Analyzers.CodeFixes.csproj")))
        {
            expected.Add("analyzers/dotnet/cs/MlAtScale.Analyzers.CodeFixes.dll");
        }

        if (File.Exists(Path.Combine(src, "MlAtScale.Build.Tasks", "MlAtScale.Build.Tasks.csproj")))
        {
            expected.Add("build/tasks/net8.0/MlAtScale.Build.Tasks.dll");
            expected.Add("build/tasks/net472/MlAtScale.Build.Tasks.dll");
            expected.AddRange(TaskNetFrameworkDependencies.Select(d => "build/tasks/net472/" + d));
            // The report targets and the files they use ship from the task project's build/ folder.
            var taskBuildFolder = Path.Combine(src, "MlAtScale.Build.Tasks", "build");
            if (Directory.Exists(taskBuildFolder))
            {
                expected.AddRange(Directory.GetFiles(taskBuildFolder).Select(f => "build/" + Path.GetFileName(f)));
            }
        }

        var actual = PackageFiles().Where(f => !IsPackagingPart(f)).ToList();

        Assert.Equal(expected.OrderBy(f => f, StringComparer.Ordinal), actual.OrderBy(f => f, StringComparer.Ordinal));
    }

    [Fact]
    public void Package_ships_no_MSBuild_or_Roslyn_assembly()
    {
        var hostAssemblies = PackageFiles()
            .Where(f => Path.GetFileName(f).StartsWith("Microsoft.Build", StringComparison.OrdinalIgnoreCase) ||
                        Path.GetFileName(f).StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.Empty(hostAssemblies);
    }

    [Fact]
    public void Nuspec_has_the_id_and_version_and_no_dependencies()
    {
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        var nuspecEntry = Assert.Single(zip.Entries, e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var stream = nuspecEntry.Open();
        var nuspec = XDocument.Load(stream);
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal(PackageFixture.PackageId, metadata.Element(ns + "id")?.Value);
        Assert.Equal(_package.Version, metadata.Element(ns + "version")?.Value);
        Assert.Null(metadata.Element(ns + "developmentDependency"));

        // One empty netstandard2.0 group (it matches lib/netstandard2.0): no Roslyn, MSBuild or project dependency.
        var groups = metadata.Element(ns + "dependencies")?.Elements(ns + "group").ToList() ?? new List<XElement>();
        var group = Assert.Single(groups);
        Assert.Equal(".NETStandard2.0", group.Attribute("targetFramework")?.Value);
        Assert.Empty(group.Elements());
        Assert.Empty(metadata.Descendants(ns + "dependency"));
    }

    [Fact]
    public void Analyzer_assembly_targets_Roslyn_4_8_so_the_NET_8_SDK_and_VS_17_8_load_it()
    {
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        using var copy = new MemoryStream();
        using (var entry = zip.GetEntry("analyzers/dotnet/cs/MlAtScale.Analyzers.dll")!.Open())
        {
            entry.CopyTo(copy);
        }

        copy.Position = 0;
        using var pe = new PEReader(copy);
        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences
            .Select(h => reader.GetAssemblyReference(h))
            .ToDictionary(r => reader.GetString(r.Name), r => r.Version, StringComparer.Ordinal);

        Assert.Equal("MlAtScale.Analyzers", reader.GetString(reader.GetAssemblyDefinition().Name));
        Assert.Equal(new Version(4, 8, 0, 0), references["Microsoft.CodeAnalysis"]);
        Assert.Equal("netstandard", Assert.Single(references.Keys, k => k is "netstandard" or "System.Runtime"));
        Assert.DoesNotContain("Microsoft.CodeAnalysis.Workspaces", references.Keys);
    }

    private List<string> PackageFiles()
    {
        using var zip = ZipFile.OpenRead(_package.PackagePath);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    // What NuGet itself writes into every package (OPC parts and the nuspec).
    private static bool IsPackagingPart(string path) =>
        path == "[Content_Types].xml" ||
        path.StartsWith("_rels/", StringComparison.Ordinal) ||
        path.StartsWith("package/", StringComparison.Ordinal) ||
        (path.EndsWith(".nuspec", StringComparison.Ordinal) && !path.Contains('/'));
}
