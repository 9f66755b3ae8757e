using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlAtScale.Analyzers.Tests.Meta;

/// <summary>Every rule is documented, linked, tracked and identified the same way.</summary>
public sealed class DescriptorTests
{
    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in Descriptors().Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal))
        {
            data.Add(id);
        }

        return data;
    }

    [Fact]
    public void AnalyzersAreSealedCSharpAnalyzers()
    {
        var analyzers = Analyzers().ToList();
        Assert.Equal(new[] { "PolicyFileAnalyzer", "RoleBoundaryAnalyzer", "RoleDeclarationAnalyzer" }, analyzers.Select(a => a.GetType().Name).OrderBy(n => n, StringComparer.Ordinal));
        foreach (var analyzer in analyzers)
        {
            Assert.True(analyzer.GetType().IsSealed, analyzer.GetType().Name);
            var attribute = analyzer.GetType().GetCustomAttribute<DiagnosticAnalyzerAttribute>();
            Assert.NotNull(attribute);
            Assert.Equal(new[] { "C#" }, attribute!.Languages);
        }
    }

    [Fact]
    public void EveryIdIsDeclaredInRuleIdentifiersAndUsedByOneDescriptor()
    {
        var declared = typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(RuleIdentifiers.Category))
            .Select(f => (string)f.GetRawConstantValue()!)
            .OrderBy(id => id, StringComparer.Ordinal);
        Assert.Equal(declared, Descriptors().Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void RuleHasCategoryHelpLinkPageAndReleaseEntry(string id)
    {
        var descriptor = Descriptors().First(d => d.Id == id);
        Assert.Matches("^MLR[0-9]{4}$", id);
        Assert.Equal("MlRoles", descriptor.Category);
        Assert.Equal($"https://github.com/mlatscale/MlAtScale.Analyzers/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);

        var page = Path.Combine(Root(), "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing");
        var text = File.ReadAllText(page);
        Assert.Contains(descriptor.Title.ToString(), text, StringComparison.Ordinal);
        foreach (var section in new[] { "## Cause", "## Rule description", "## How to fix", "## How to suppress" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }

        // Released rules are in AnalyzerReleases.Shipped.md, new ones in Unshipped.md: exactly one of the two.
        var row = $"{id} | MlRoles | {descriptor.DefaultSeverity} |";
        var listedIn = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .Where(file => File.ReadAllText(Path.Combine(Root(), "src", "MlAtScale.Analyzers", file)).Contains(row, StringComparison.Ordinal));
        Assert.Single(listedIn);
    }

    internal static System.Collections.Generic.IEnumerable<DiagnosticAnalyzer> Analyzers() =>
        typeof(RuleIdentifiers).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);

    internal static System.Collections.Generic.IEnumerable<Microsoft.CodeAnalysis.DiagnosticDescriptor> Descriptors() =>
        Analyzers().SelectMany(a => a.SupportedDiagnostics);

    internal static string Root() => Verifiers.RepositoryRoot.Path;
}
