using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MlAtScale.Analyzers.Tests.Meta;

/// <summary>
/// These sources run twice: with the Roslyn the tests prefer (MlAtScale.Analyzers.Tests) and with the
/// lowest Roslyn the package supports, the one the analyzer compiles against
/// (MlAtScale.Analyzers.Tests.Roslyn48). Each leg checks that the compiler it loaded is the one its
/// project file asked for, so a package resolution that silently lifts the 4.8 leg to a newer Roslyn
/// fails here instead of passing for the wrong reason.
/// </summary>
public sealed class LoadedRoslynTests
{
    private static Version UnderTest { get; } = Version.Parse(
        typeof(LoadedRoslynTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RoslynVersionUnderTest").Value!);

    [Theory]
    [InlineData(typeof(Compilation))]
    [InlineData(typeof(CSharpCompilation))]
    [InlineData(typeof(Microsoft.CodeAnalysis.Workspace))]
    [InlineData(typeof(Microsoft.CodeAnalysis.CSharp.Formatting.CSharpFormattingOptions))]
    public void The_loaded_Roslyn_assemblies_are_the_version_under_test(Type fromAssembly)
    {
        var loaded = fromAssembly.Assembly.GetName();

        Assert.Equal((UnderTest.Major, UnderTest.Minor), (loaded.Version!.Major, loaded.Version.Minor));
        Assert.StartsWith(
            $"{UnderTest.Major}.{UnderTest.Minor}.",
            fromAssembly.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_analyzer_is_compiled_against_Roslyn_4_8_whatever_the_leg_loads()
    {
        var referenced = Assembly.Load("MlAtScale.Analyzers").GetReferencedAssemblies()
            .Where(a => a.Name is "Microsoft.CodeAnalysis" or "Microsoft.CodeAnalysis.CSharp")
            .Select(a => $"{a.Name} {a.Version}")
            .OrderBy(a => a, StringComparer.Ordinal);

        Assert.Equal(new[] { "Microsoft.CodeAnalysis 4.8.0.0", "Microsoft.CodeAnalysis.CSharp 4.8.0.0" }, referenced);
    }
}
