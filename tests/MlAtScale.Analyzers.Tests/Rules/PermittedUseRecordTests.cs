using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MlAtScale.Analyzers.Rules;
using MlAtScale.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace MlAtScale.Analyzers.Tests.Rules;

/// <summary>
/// The MLR0006 records the build report reads: their properties (the testing framework's verifier
/// checks messages and locations only), one record per edge, kind, used assembly and allowance with
/// its count, and one per baselined violation.
/// </summary>
public sealed class PermittedUseRecordTests
{
    private const string Library = """
        using MlAtScale;
        namespace Lib
        {
            [DataEngineering] public static class Store { public static int Read() => 1; }
            [Production, RoleContract] public interface IModel { float Score(); }
        }
        """;

    private const string Application = """
        using MlAtScale;
        using Lib;
        [DataEngineering] public static class Local { public static int Read() => 2; }
        [Production] public static class Deployer { public static void Deploy() { } }
        [DataScience]
        public class Trainer
        {
            public int Train(IModel m) { m.Score(); return Store.Read() + Store.Read() + Local.Read(); }

            [AllowRoleCrossing("Production", Justification = "Warm-up", Expires = "2099-01-01")]
            public void Warm() { Deployer.Deploy(); Deployer.Deploy(); Deployer.Deploy(); }

            public void Ship() => Deployer.Deploy();
        }
        """;

    [Fact]
    public async Task RecordsCarryTheEdgeTheAssemblyTheAllowanceAndTheCount()
    {
        var records = await RecordsAsync("DataScience -> DataEngineering", baseline: "M:Trainer.Ship -> M:Deployer.Deploy : DataScience -> Production\n");

        Assert.Equal(
            new[]
            {
                "count=1|kind=baseline|line=13|used=M:Deployer.Deploy|usedAssembly=App|usedRole=Production|user=M:Trainer.Ship|userRole=DataScience",
                "count=1|kind=policy|line=-|usedAssembly=App|usedRole=DataEngineering|userRole=DataScience",
                "count=2|kind=contract|line=-|usedAssembly=Lib|usedRole=Production|userRole=DataScience",
                "count=2|kind=policy|line=-|usedAssembly=Lib|usedRole=DataEngineering|userRole=DataScience",
                "count=3|expires=2099-01-01|justification=Warm-up|kind=exception|line=-|usedAssembly=App|usedRole=Production|user=M:Trainer.Warm|userRole=DataScience",
            },
            records);
    }

    [Fact]
    public async Task NothingIsRecordedWhileTheRecordIsOff()
    {
        var records = await RecordsAsync("DataScience -> DataEngineering", baseline: "M:Trainer.Ship -> M:Deployer.Deploy : DataScience -> Production\n", recordsOn: false);
        Assert.Empty(records);
    }

    [Fact]
    public async Task An_unowned_type_with_evidence_is_recorded_at_the_type_with_its_suggested_role()
    {
        var records = await RecordsAsync("DataScience -> DataEngineering\nDataScience -> Production\n", baseline: null, source: """
            using MlAtScale;
            [DataEngineering] public static class Local { public static int Read() => 2; public static int Count() => 3; }
            [Production] public static class Deployer { public static void Deploy() { } }
            public static class Scorer
            {
                public static int Score() => Local.Read() + Local.Count();
                public static void Ship() => Deployer.Deploy();
            }
            public static class Quiet { public static int Zero() => 0; }
            [DataScience] public class Trainer { public int Train() => Scorer.Score(); }
            """);

        // Scorer: 2 Data Engineering APIs against 1 Production API and 1 Data Science user. Quiet has no evidence.
        Assert.Equal(new[] { "kind=unowned|line=4|suggestedRole=DataEngineering|user=T:Scorer" }, records);
    }

    /// <summary>Each MLR0006 as its sorted properties and its line (1-based; '-' without a location).</summary>
    private static async Task<List<string>> RecordsAsync(string policy, string? baseline, bool recordsOn = true, string source = Application)
    {
        var references = (await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).Add(TestReferences.Attributes);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary);
        var library = CSharpCompilation.Create("Lib", new[] { CSharpSyntaxTree.ParseText(Library, path: "/1/Lib.cs") }, references, options);
        var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        image.Position = 0;

        var specific = recordsOn
            ? ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("MLR0006", ReportDiagnostic.Info)
            : ImmutableDictionary<string, ReportDiagnostic>.Empty;
        var application = CSharpCompilation.Create(
            "App",
            new[] { CSharpSyntaxTree.ParseText(source, path: "/0/App.cs") },
            references.Add(MetadataReference.CreateFromStream(image)),
            options.WithSpecificDiagnosticOptions(specific));
        var files = ImmutableArray.Create<AdditionalText>(new Text(TestReferences.PolicyPath, policy));
        if (baseline is not null)
        {
            files = files.Add(new Text("/0/MlRoles.baseline.txt", baseline));
        }

        var diagnostics = await application
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RoleBoundaryAnalyzer()), new AnalyzerOptions(files))
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "MLR0001" or "MLR0010");
        return diagnostics
            .Where(d => d.Id == "MLR0006")
            .Select(d => string.Join("|", d.Properties
                .Select(p => p.Key + "=" + p.Value)
                .Append("line=" + (d.Location.IsInSource ? (d.Location.GetLineSpan().StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "-"))
                .OrderBy(p => p, System.StringComparer.Ordinal)))
            .OrderBy(r => r, System.StringComparer.Ordinal)
            .ToList();
    }

    private sealed class Text : AdditionalText
    {
        private readonly SourceText _text;

        public Text(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text, Encoding.UTF8);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
