using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using MlAtScale.Analyzers.Rules;
using MlAtScale.Analyzers.Tests.Verifiers;
using Xunit;

namespace MlAtScale.Analyzers.Tests.Rules;

/// <summary>
/// Thousands of MLR0001 in one compilation: the command-line compiler removes duplicates with a set of
/// diagnostics whose hash leaves out the location, so diagnostics that hash alike make it quadratic.
/// The rule's diagnostics must hash apart while reading exactly as the rule's one message format says.
/// </summary>
public sealed class ManyViolationsTests
{
    private const int Uses = 600;

    [Fact]
    public async Task ManyViolationsHashApartAndReadTheSame()
    {
        var source = new StringBuilder("using MlAtScale;\n[Production] public class Host { public static int Deploy(int i) => i; }\n[DataScience] public class Trainer\n{\n    public int Train()\n    {\n        var sum = 0;\n");
        for (var i = 0; i < Uses; i++)
        {
            source.Append("        sum += Host.Deploy(").Append(i.ToString(CultureInfo.InvariantCulture)).Append(");\n");
        }

        source.Append("        return sum;\n    }\n}\n");
        var references = (await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).Add(TestReferences.Attributes);
        var compilation = CSharpCompilation.Create(
            "App",
            new[] { CSharpSyntaxTree.ParseText(source.ToString(), path: "/0/App.cs") },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var analyzer = new RoleBoundaryAnalyzer();
        var diagnostics = (await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None))
            .Where(d => d.Id == "MLR0001")
            .ToList();

        // One per call, on lines 8 .. 8 + Uses - 1, each the call of Host.Deploy.
        Assert.Equal(Uses, diagnostics.Count);
        Assert.Equal(Enumerable.Range(8, Uses), diagnostics.Select(d => d.Location.GetLineSpan().StartLinePosition.Line + 1).OrderBy(l => l));

        // The message a user reads is the rule's format with the facts of the use, whatever copy reported it.
        var rule = analyzer.SupportedDiagnostics.Single(d => d.Id == "MLR0001");
        var expected = string.Format(
            CultureInfo.InvariantCulture,
            rule.MessageFormat.ToString(CultureInfo.InvariantCulture),
            "Trainer.Train",
            "DataScience",
            "Host.Deploy",
            "Production",
            "[Production]",
            "mark it [RoleContract] or allow 'DataScience -> Production' in MlRoles.txt");
        Assert.All(diagnostics, d => Assert.Equal(expected, d.GetMessage(CultureInfo.InvariantCulture)));

        // Every copy is the rule as users and tools see it: ID, title, description, help link, category, severity, tags.
        Assert.All(diagnostics, d =>
        {
            Assert.Equal(rule.Id, d.Descriptor.Id);
            Assert.Equal(rule.Title, d.Descriptor.Title);
            Assert.Equal(rule.Description, d.Descriptor.Description);
            Assert.Equal(rule.HelpLinkUri, d.Descriptor.HelpLinkUri);
            Assert.Equal(rule.Category, d.Descriptor.Category);
            Assert.Equal(rule.DefaultSeverity, d.Descriptor.DefaultSeverity);
            Assert.Equal(rule.CustomTags, d.Descriptor.CustomTags);
        });

        // Hash codes spread: with one descriptor about half of them would share a single value.
        var largestGroup = diagnostics.GroupBy(d => d.GetHashCode()).Max(g => g.Count());
        Assert.True(largestGroup <= 8, $"{largestGroup} of {Uses} diagnostics share one hash code");
    }
}
