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
    public void Analyzers_package_contains_exactly_the_designed_files()
    {
        var expected = new List<string>
        {
            "README.md",
            "icon.png",
            "build/analyzers/MlAtScale.Analyzers.dll",
            // No assembly of its own: the attributes come from the MlAtScale.Attributes dependency.
            "lib/netstandard2.0/_._",
            "build/MlAtScale.Analyzers.props",
            "build/MlAtScale.Analyzers.targets",
            "build/MlAtScale.Analyzers.ViolationsAsErrors.globalconfig",
        };

        // Parts that join the package when their projects exist in the repository.
        var src = Path.Combine(_package.RepositoryRoot, "src");
        if (File.Exists(Path.Combine(src, "MlAtScale.Analyzers.CodeFixes", "MlAtScale.Analyzers.CodeFixes.csproj")))
        {
            expected.Add("build/analyzers/MlAtScale.Analyzers.CodeFixes.dll");
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

        AssertFiles(expected, _package.PackagePath);
    }

    [Fact]
    public void Attributes_package_contains_exactly_the_attributes_and_their_docs()
    {
        AssertFiles(
            new[]
            {
                "README.md",
                "icon.png",
                "lib/netstandard2.0/MlAtScale.Attributes.dll",
                "lib/netstandard2.0/MlAtScale.Attributes.xml",
            },
            _package.AttributesPackagePath);
    }

    [Fact]
    public void Nothing_that_NuGet_or_the_SDK_passes_on_to_dependants_is_in_the_package_but_the_attributes()
    {
        // buildTransitive/ would flow to every project referencing a consumer, and so would analyzers/
        // (the SDK hands those to every project with the package anywhere in its graph).
        Assert.DoesNotContain(PackageFiles(_package.PackagePath), f => f.StartsWith("buildTransitive/", StringComparison.Ordinal) || f.StartsWith("analyzers/", StringComparison.Ordinal));
        Assert.All(PackageFiles(_package.AttributesPackagePath).Where(f => !IsPackagingPart(f)), f => Assert.True(f is "README.md" or "icon.png" || f.StartsWith("lib/", StringComparison.Ordinal), f));
    }

    [Fact]
    public void Package_ships_no_MSBuild_or_Roslyn_assembly()
    {
        var hostAssemblies = PackageFiles(_package.PackagePath)
            .Concat(PackageFiles(_package.AttributesPackagePath))
            .Where(f => Path.GetFileName(f).StartsWith("Microsoft.Build", StringComparison.OrdinalIgnoreCase) ||
                        Path.GetFileName(f).StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.Empty(hostAssemblies);
    }

    [Fact]
    public void Analyzers_nuspec_depends_on_exactly_the_attributes_package_of_the_same_version()
    {
        var metadata = Nuspec(_package.PackagePath, out var ns);

        Assert.Equal(PackageFixture.PackageId, metadata.Element(ns + "id")?.Value);
        Assert.Equal(_package.Version, metadata.Element(ns + "version")?.Value);
        // Not a development dependency: `dotnet add package` would then write IncludeAssets without
        // "compile", which NuGet applies to the dependencies too, and the attributes would not compile.
        Assert.Null(metadata.Element(ns + "developmentDependency"));

        var group = Assert.Single(metadata.Element(ns + "dependencies")!.Elements(ns + "group"));
        Assert.Equal(".NETStandard2.0", group.Attribute("targetFramework")?.Value);
        var dependency = Assert.Single(group.Elements());
        Assert.Equal(ns + "dependency", dependency.Name);
        Assert.Equal(PackageFixture.AttributesPackageId, dependency.Attribute("id")?.Value);
        Assert.Equal(_package.Version, dependency.Attribute("version")?.Value);
    }

    [Fact]
    public void Attributes_nuspec_has_no_dependencies()
    {
        var metadata = Nuspec(_package.AttributesPackagePath, out var ns);

        Assert.Equal(PackageFixture.AttributesPackageId, metadata.Element(ns + "id")?.Value);
        Assert.Equal(_package.Version, metadata.Element(ns + "version")?.Value);
        var group = Assert.Single(metadata.Element(ns + "dependencies")!.Elements(ns + "group"));
        Assert.Equal(".NETStandard2.0", group.Attribute("targetFramework")?.Value);
        Assert.Empty(group.Elements());
    }

    [Theory]
    [InlineData(PackageFixture.PackageId)]
    [InlineData(PackageFixture.AttributesPackageId)]
    public void Nuspec_has_the_licence_links_icon_readme_and_release_notes(string id)
    {
        var metadata = Nuspec(id == PackageFixture.PackageId ? _package.PackagePath : _package.AttributesPackagePath, out var ns);

        var license = metadata.Element(ns + "license")!;
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);
        Assert.Equal(RepositoryUrl, metadata.Element(ns + "projectUrl")?.Value);
        var repository = metadata.Element(ns + "repository")!;
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Equal(RepositoryUrl, repository.Attribute("url")?.Value);
        Assert.Equal("icon.png", metadata.Element(ns + "icon")?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.Equal(RepositoryUrl + "/blob/main/CHANGELOG.md", metadata.Element(ns + "releaseNotes")?.Value);
    }

    [Fact]
    public void Help_links_of_the_rules_point_into_the_repository_of_the_package()
    {
        // The same URL as the nuspec's, so the IDE's rule links and the package page agree.
        var docs = Path.Combine(_package.RepositoryRoot, "docs", "rules");
        foreach (var page in Directory.GetFiles(docs, "MLR*.md"))
        {
            var id = Path.GetFileNameWithoutExtension(page);
            Assert.Contains($"| Help link | {RepositoryUrl}/blob/main/docs/rules/{id}.md |", File.ReadAllText(page), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Assemblies_carry_the_package_version()
    {
        foreach (var (package, entry) in new[]
        {
            (_package.PackagePath, "build/analyzers/MlAtScale.Analyzers.dll"),
            (_package.AttributesPackagePath, "lib/netstandard2.0/MlAtScale.Attributes.dll"),
        })
        {
            using var pe = new PEReader(Entry(package, entry));
            var reader = pe.GetMetadataReader();
            var informational = reader.GetAssemblyDefinition().GetCustomAttributes()
                .Select(h => reader.GetCustomAttribute(h))
                .Where(a => AttributeName(reader, a) == "AssemblyInformationalVersionAttribute")
                .Select(a => a.DecodeValue(new StringOnlyDecoder()).FixedArguments[0].Value as string)
                .Single();
            // Source Link appends "+<commit>" when the build knows the commit.
            Assert.Equal(_package.Version, informational!.Split('+')[0]);
        }
    }

    [Fact]
    public void Analyzer_assembly_targets_Roslyn_4_8_so_the_NET_8_SDK_and_VS_17_8_load_it()
    {
        using var pe = new PEReader(Entry(_package.PackagePath, "build/analyzers/MlAtScale.Analyzers.dll"));
        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences
            .Select(h => reader.GetAssemblyReference(h))
            .ToDictionary(r => reader.GetString(r.Name), r => r.Version, StringComparer.Ordinal);

        Assert.Equal("MlAtScale.Analyzers", reader.GetString(reader.GetAssemblyDefinition().Name));
        Assert.Equal(new Version(4, 8, 0, 0), references["Microsoft.CodeAnalysis"]);
        Assert.Equal("netstandard", Assert.Single(references.Keys, k => k is "netstandard" or "System.Runtime"));
        Assert.DoesNotContain("Microsoft.CodeAnalysis.Workspaces", references.Keys);
    }

    private const string RepositoryUrl = "https://github.com/mlatscale/MlAtScale.Analyzers";

    private static void AssertFiles(IEnumerable<string> expected, string package)
    {
        var actual = PackageFiles(package).Where(f => !IsPackagingPart(f));
        Assert.Equal(expected.OrderBy(f => f, StringComparer.Ordinal), actual.OrderBy(f => f, StringComparer.Ordinal));
    }

    private static List<string> PackageFiles(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    private static MemoryStream Entry(string package, string path)
    {
        using var zip = ZipFile.OpenRead(package);
        var copy = new MemoryStream();
        using (var entry = zip.GetEntry(path)!.Open())
        {
            entry.CopyTo(copy);
        }

        copy.Position = 0;
        return copy;
    }

    private static XElement Nuspec(string package, out XNamespace ns)
    {
        using var zip = ZipFile.OpenRead(package);
        var nuspecEntry = Assert.Single(zip.Entries, e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var stream = nuspecEntry.Open();
        var nuspec = XDocument.Load(stream);
        ns = nuspec.Root!.Name.Namespace;
        return nuspec.Root.Element(ns + "metadata")!;
    }

    private static string AttributeName(MetadataReader reader, CustomAttribute attribute)
    {
        var constructor = attribute.Constructor;
        var type = constructor.Kind == HandleKind.MemberReference
            ? reader.GetMemberReference((MemberReferenceHandle)constructor).Parent
            : reader.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType();
        return type.Kind == HandleKind.TypeReference
            ? reader.GetString(reader.GetTypeReference((TypeReferenceHandle)type).Name)
            : reader.GetString(reader.GetTypeDefinition((TypeDefinitionHandle)type).Name);
    }

    // What NuGet itself writes into every package (OPC parts and the nuspec).
    private static bool IsPackagingPart(string path) =>
        path == "[Content_Types].xml" ||
        path.StartsWith("_rels/", StringComparison.Ordinal) ||
        path.StartsWith("package/", StringComparison.Ordinal) ||
        (path.EndsWith(".nuspec", StringComparison.Ordinal) && !path.Contains('/'));

    /// <summary>Decodes the string arguments of an attribute (the only kind the version attributes have).</summary>
    private sealed class StringOnlyDecoder : ICustomAttributeTypeProvider<string>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(string type) => type == "System.Type";
    }
}
