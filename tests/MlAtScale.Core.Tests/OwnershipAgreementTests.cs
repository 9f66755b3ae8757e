extern alias tasks;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using MlAtScale.Analyzers.Model;
using MlAtScale.Benchmark;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using TaskOwnership = tasks::MlAtScale.Build.Tasks.Metadata.AssemblyOwnership;
using TaskPolicy = tasks::MlAtScale.Build.Tasks.Metadata.ReportPolicy;

namespace MlAtScale.Core.Tests;

/// <summary>
/// The analyzer (Roslyn symbols) and the report task (the built assembly's metadata) run the one rule
/// engine through two front ends. On real code, the ChurnMl sample and the benchmark's generated
/// monorepo, both must give every type and member the same owner: the same role from the same
/// source, and the same contract flag from the same source.
/// </summary>
public sealed class OwnershipAgreementTests : IDisposable
{
    /// <summary>The sample's projects, each after the ones it references.</summary>
    private static readonly string[] SampleProjects = { "Churn.Contracts", "Churn.Ingestion", "Churn.Modelling", "Churn.Serving", "Churn.Kpi", "Churn.Pipeline", "Churn.Operations" };

    /// <summary>A fixed corpus size: about 360 types of every owner kind, with every kind of use.</summary>
    private const int CorpusFiles = 60;

    private readonly string _work = Path.Combine(Path.GetTempPath(), "mlatscale-core-" + Guid.NewGuid().ToString("N"));

    public OwnershipAgreementTests() => Directory.CreateDirectory(_work);

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Sample_projects_get_the_same_owners_from_metadata_as_from_the_analyzer()
    {
        var root = Path.Combine(RepositoryRoot, "samples", "ChurnMl");
        var policy = Path.Combine(root, "MlRoles.txt");
        var built = new List<string>();
        var compared = new List<Comparison>();
        foreach (var project in SampleProjects)
        {
            var folder = Path.Combine(root, "src", project);
            var sources = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) &&
                            !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToDictionary(p => p, File.ReadAllText);
            var kind = File.ReadAllText(Path.Combine(folder, project + ".csproj")).Contains("<OutputType>Exe</OutputType>", StringComparison.Ordinal)
                ? OutputKind.ConsoleApplication
                : OutputKind.DynamicallyLinkedLibrary;
            var result = Compare(project, sources, policy, kind, NullableContextOptions.Enable, built, Path.Combine(root, ".github", "CODEOWNERS"));
            compared.Add(result);
            built.Add(result.AssemblyPath);
        }

        Assert.All(compared, c => Assert.True(c.Disagreements.Count == 0, string.Join(Environment.NewLine, c.Disagreements)));

        // The comparison covered what the sample declares: every role, contracts, and the policy's namespaces.
        var owners = compared.SelectMany(c => c.Owners).ToList();
        Assert.True(owners.Count >= 150, $"{owners.Count} types and members compared");
        Assert.Contains(owners, o => o.StartsWith("DataEngineering|PolicyNamespace", StringComparison.Ordinal));
        Assert.Contains(owners, o => o.StartsWith("DataScience|PolicyNamespace", StringComparison.Ordinal));
        Assert.Contains(owners, o => o.StartsWith("Production|PolicyNamespace", StringComparison.Ordinal));
        Assert.Contains(owners, o => o.StartsWith("BusinessAnalysis|PolicyNamespace", StringComparison.Ordinal));
        Assert.Contains(owners, o => o.Contains("|contract|", StringComparison.Ordinal));

        // Churn.Operations is owned through CODEOWNERS alone.
        var operations = compared[Array.IndexOf(SampleProjects, "Churn.Operations")].OwnerOf;
        Assert.Equal("Production|CodeOwners|-|None", operations["T:Churn.Operations.Alerts.OnCallPager"]);
        Assert.Equal("DataScience|CodeOwners|-|None", operations["M:Churn.Operations.Drift.FeatureDrift.CheckAndAlert(System.Double[],System.Double[])"]);
    }

    [Fact]
    public void Benchmark_corpus_gets_the_same_owners_from_metadata_as_from_the_analyzer()
    {
        var corpus = CorpusGenerator.Generate(CorpusFiles);
        var policy = Path.Combine(_work, "MlRoles.txt");
        File.WriteAllText(policy, corpus.Policy);
        var result = Compare("Synth.Monorepo", corpus.Files.ToDictionary(f => f.Path, f => f.Text), policy, OutputKind.DynamicallyLinkedLibrary, NullableContextOptions.Disable, Array.Empty<string>());

        Assert.True(result.Disagreements.Count == 0, string.Join(Environment.NewLine, result.Disagreements));
        Assert.True(result.Owners.Count >= CorpusFiles * CorpusGenerator.TypesPerFile * 3, $"{result.Owners.Count} types and members compared");

        // Every way of owning code the corpus uses is among the compared owners.
        var kinds = result.Owners.Distinct().OrderBy(o => o, StringComparer.Ordinal).ToList();
        foreach (var expected in new[] { "DataEngineering|Attribute", "DataScience|PolicyNamespace", "Labeling|", "DataScience|Attribute|contract|Attribute", "-|None|contract|PolicyNamespace", "-|None|-|None" })
        {
            Assert.True(kinds.Any(o => o.StartsWith(expected, StringComparison.Ordinal)), $"no owner {expected}... among {string.Join(", ", kinds)}");
        }
    }

    /// <summary>
    /// The catalog's <c>+</c> entries reach the project's own code: a type derived from
    /// <c>DbConnection</c>, and methods implementing or overriding ML.NET's <c>IEstimator`1.Fit</c>
    /// implicitly, explicitly and through an override, owned the same way by both front ends.
    /// </summary>
    [Fact]
    public void Catalog_entries_for_derived_types_and_implementations_agree()
    {
        const string Source = """
            using System.Data.Common;
            using Microsoft.ML;

            namespace Shop.Custom
            {
                public abstract class ShopConnection : DbConnection { }

                public class ImplicitEstimator : IEstimator<ITransformer>
                {
                    public virtual ITransformer Fit(IDataView input) => null!;
                    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => null!;
                }

                public sealed class OverridingEstimator : ImplicitEstimator
                {
                    public override ITransformer Fit(IDataView input) => null!;
                }

                public sealed class ExplicitEstimator : IEstimator<ITransformer>
                {
                    ITransformer IEstimator<ITransformer>.Fit(IDataView input) => null!;
                    SchemaShape IEstimator<ITransformer>.GetOutputSchema(SchemaShape inputSchema) => null!;
                }
            }
            """;
        var policy = Path.Combine(_work, "MlRoles.txt");
        File.WriteAllText(policy, "# the catalog only\n");
        var result = Compare("Shop.Custom", new Dictionary<string, string> { ["Custom.cs"] = Source }, policy, OutputKind.DynamicallyLinkedLibrary, NullableContextOptions.Enable, Array.Empty<string>());

        Assert.True(result.Disagreements.Count == 0, string.Join(Environment.NewLine, result.Disagreements));
        Assert.Equal("DataEngineering|CatalogSymbol|-|None", result.OwnerOf["T:Shop.Custom.ShopConnection"]);
        Assert.Equal("DataScience|CatalogSymbol|-|None", result.OwnerOf["M:Shop.Custom.ImplicitEstimator.Fit(Microsoft.ML.IDataView)"]);
        Assert.Equal("DataScience|CatalogSymbol|-|None", result.OwnerOf["M:Shop.Custom.OverridingEstimator.Fit(Microsoft.ML.IDataView)"]);
        Assert.Equal("DataScience|CatalogSymbol|-|None", result.OwnerOf.Single(o => o.Key.StartsWith("M:Shop.Custom.ExplicitEstimator.", StringComparison.Ordinal) && o.Key.Contains("#Fit(", StringComparison.Ordinal)).Value);
        Assert.Equal("-|None|-|None", result.OwnerOf["M:Shop.Custom.ImplicitEstimator.GetOutputSchema(Microsoft.ML.SchemaShape)"]);
    }

    /// <summary>
    /// Ownership by source file: path lines and CODEOWNERS, read by the analyzer from the syntax trees' paths
    /// and by the report task from the portable PDB (method bodies' documents, and the compiler's record of
    /// the documents of types without method bodies: an interface, an enum, a method-less partial part).
    /// </summary>
    [Fact]
    public void Path_lines_and_CODEOWNERS_give_the_same_owners_from_the_pdb_as_from_the_analyzer()
    {
        var repo = Path.Combine(_work, "repo");
        string At(string relative) => Path.Combine(repo, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(At(".github"));
        var policy = At("MlRoles.txt");
        File.WriteAllText(policy, """
            @contoso/ml-platform = Production
            @contoso/data-science = DataScience
            path src/Shared/** = contract
            path src/Reports/*.cs = BusinessAnalysis
            N:Shop = DataEngineering
            T:Shop.Serving.Overridden = DataEngineering
            """);
        var codeOwners = At(".github/CODEOWNERS");
        File.WriteAllText(codeOwners, """
            *                 @contoso/leads
            /src/Serving/     @contoso/ml-platform
            /src/Training/    @someone @contoso/data-science
            /src/Reports/     @contoso/ml-platform
            """);
        var sources = new Dictionary<string, string>
        {
            [At("src/Serving/Host.cs")] = "namespace Shop.Serving { public class Host { public void Run() { } public class Options { public int Port; } } public interface IHost { void Run(); } public enum Stage { Blue, Green } public class Overridden { public void Go() { } } }",
            [At("src/Serving/Scorer.A.cs")] = "namespace Shop.Serving { public partial class Scorer { public int Score() => 1; } }",
            [At("src/Training/Trainer.cs")] = "namespace Shop.Training { public sealed record Run(int Epochs); public class Trainer { public void Fit() { } } [MlAtScale.BusinessAnalysis] public class Tagged { public void Go() { } } }",
            [At("src/Training/Scorer.B.cs")] = "namespace Shop.Serving { public partial class Scorer { public int Weight; } }",
            [At("src/Shared/Row.cs")] = "namespace Shop.Shared { public interface IRow { int Id { get; } } public class Row : IRow { public int Id => 1; } }",
            [At("src/Reports/Kpi.cs")] = "namespace Shop.Reports { public class Kpi { public double Value() => 0; } }",
            [At("src/Other/Loader.cs")] = "namespace Shop.Other { public class Loader { public void Load() { } } }",
        };

        var result = Compare("Shop.Paths", sources, policy, OutputKind.DynamicallyLinkedLibrary, NullableContextOptions.Enable, Array.Empty<string>(), codeOwners);

        Assert.True(result.Disagreements.Count == 0, string.Join(Environment.NewLine, result.Disagreements));
        Assert.Equal("Production|CodeOwners|-|None", result.OwnerOf["T:Shop.Serving.Host"]);
        Assert.Equal("Production|CodeOwners|-|None", result.OwnerOf["T:Shop.Serving.IHost"]);
        Assert.Equal("Production|CodeOwners|-|None", result.OwnerOf["T:Shop.Serving.Stage"]);
        Assert.Equal("Production|CodeOwners|-|None", result.OwnerOf["F:Shop.Serving.Host.Options.Port"]);
        Assert.Equal("DataEngineering|PolicySymbol|-|None", result.OwnerOf["T:Shop.Serving.Overridden"]);
        Assert.Equal("DataScience|CodeOwners|-|None", result.OwnerOf["T:Shop.Training.Trainer"]);
        Assert.Equal("DataScience|CodeOwners|-|None", result.OwnerOf["T:Shop.Training.Run"]);
        Assert.Equal("BusinessAnalysis|Attribute|-|None", result.OwnerOf["T:Shop.Training.Tagged"]);
        Assert.Equal("DataEngineering|PolicyNamespace|contract|PolicyPath", result.OwnerOf["T:Shop.Shared.IRow"]);
        Assert.Equal("BusinessAnalysis|PolicyPath|-|None", result.OwnerOf["T:Shop.Reports.Kpi"]);
        Assert.Equal("DataEngineering|PolicyNamespace|-|None", result.OwnerOf["T:Shop.Other.Loader"]);

        // The partial type's parts sit in files of two owners: the first file in path order decides.
        Assert.Equal("Production|CodeOwners|-|None", result.OwnerOf["T:Shop.Serving.Scorer"]);
        Assert.Equal("Production|CodeOwners|-|None", result.OwnerOf["F:Shop.Serving.Scorer.Weight"]);
    }

    private sealed record Comparison(string AssemblyPath, IReadOnlyDictionary<string, string> OwnerOf, IReadOnlyList<string> Disagreements)
    {
        public IReadOnlyList<string> Owners => OwnerOf.Values.ToList();
    }

    /// <summary>
    /// Compiles the sources with Roslyn, emits the assembly, and compares the analyzer's owner of each
    /// type and member (found from the documentation-comment ID the report task gives it) with the task's.
    /// </summary>
    private Comparison Compare(string name, IReadOnlyDictionary<string, string> sources, string policyPath, OutputKind kind, NullableContextOptions nullable, IReadOnlyList<string> projectReferences, string? codeOwnersPath = null)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(SourceText.From(s.Value, System.Text.Encoding.UTF8), parse, s.Key));
        var referencePaths = FrameworkAndPackageReferences.Concat(projectReferences).ToList();
        var compilation = CSharpCompilation.Create(
            name,
            trees,
            referencePaths.Select(p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(kind, nullableContextOptions: nullable, deterministic: true));

        var assemblyPath = Path.Combine(_work, name + ".dll");
        var pdbPath = Path.ChangeExtension(assemblyPath, ".pdb");
        EmitResult emitted;
        using (var pe = File.Create(assemblyPath))
        using (var pdb = File.Create(pdbPath))
        {
            emitted = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb, pdbFilePath: pdbPath));
        }

        Assert.True(emitted.Success, name + ": " + string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        var additional = codeOwnersPath is null
            ? ImmutableArray.Create<AdditionalText>(new FileText(policyPath))
            : ImmutableArray.Create<AdditionalText>(new FileText(policyPath), new FileText(codeOwnersPath));
        var model = RoleModel.Create(compilation, new AnalyzerOptions(additional), CancellationToken.None);
        var fromMetadata = TaskOwnership.Read(assemblyPath, TaskPolicy.Load(new[] { policyPath }, File.ReadAllText, codeOwnersPath), referencePaths);

        // Roslyn's ID parser does not read every ID it writes (explicit implementations of generic
        // interfaces), so the compilation's types and members are indexed by the IDs the analyzer writes.
        var symbols = new Dictionary<string, ISymbol>(StringComparer.Ordinal);
        foreach (var type in AllTypes(compilation.Assembly.GlobalNamespace))
        {
            foreach (var member in type.GetMembers().Prepend(type))
            {
                if (SymbolIds.GetDeclarationId(member) is { } memberId)
                {
                    symbols.TryAdd(memberId, member);
                }
            }
        }

        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var disagreements = new List<string>();
        foreach (var symbol in fromMetadata.Types.Concat(fromMetadata.Members))
        {
            var fromTask = Describe(symbol.Role, (int)symbol.RoleSource, symbol.IsContract, (int)symbol.ContractSource);
            if (!symbols.TryGetValue(symbol.Id, out var roslyn))
            {
                var typePart = symbol.Id.Substring(0, symbol.Id.LastIndexOf('(') is var paren and > 0 ? symbol.Id.LastIndexOf('.', paren) : symbol.Id.Length);
                var near = symbols.Keys.Where(k => k.StartsWith(typePart, StringComparison.Ordinal));
                disagreements.Add($"{symbol.Id}: in metadata, but no symbol of the compilation has this ID (the analyzer's IDs here: {string.Join(", ", near)})");
                continue;
            }

            var ownership = model.GetOwnership(roslyn);
            var fromAnalyzer = Describe(ownership.Role, (int)ownership.RoleClaim.Source, ownership.IsContract, (int)ownership.ContractClaim.Source);
            owners[symbol.Id] = fromAnalyzer;
            if (fromAnalyzer != fromTask)
            {
                disagreements.Add($"{symbol.Id}: analyzer {fromAnalyzer}, report task {fromTask}");
            }
        }

        // And nothing the analyzer sees as a type of this project is missing from the report's walk.
        var reported = new HashSet<string>(fromMetadata.Types.Select(t => t.Id), StringComparer.Ordinal);
        foreach (var type in AllTypes(compilation.Assembly.GlobalNamespace).Where(t => !t.IsImplicitlyDeclared))
        {
            var id = DocumentationCommentId.CreateDeclarationId(type);
            if (id is null || !reported.Contains(id))
            {
                disagreements.Add($"{id}: a type of the compilation the report task does not list");
            }
        }

        return new Comparison(assemblyPath, owners, disagreements);
    }

    /// <summary>Role|source|contract|source, with the sources by name (the enums of the two copies of the engine are different types).</summary>
    private static string Describe(string? role, int roleSource, bool isContract, int contractSource) =>
        $"{role ?? "-"}|{(Core.Precedence.OwnershipSource)roleSource}|{(isContract ? "contract" : "-")}|{(Core.Precedence.OwnershipSource)contractSource}";

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var type in ns.GetTypeMembers())
        {
            foreach (var nested in Nested(type))
            {
                yield return nested;
            }
        }

        foreach (var inner in ns.GetNamespaceMembers())
        {
            foreach (var type in AllTypes(inner))
            {
                yield return type;
            }
        }
    }

    private static IEnumerable<INamedTypeSymbol> Nested(INamedTypeSymbol type)
    {
        yield return type;
        foreach (var nested in type.GetTypeMembers().SelectMany(Nested))
        {
            yield return nested;
        }
    }

    private static string RepositoryRoot =>
        typeof(OwnershipAgreementTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>The framework (with ASP.NET Core), ML.NET, Microsoft.Data.Sqlite and the MlAtScale attributes, as this test process runs with them.</summary>
    private static readonly IReadOnlyList<string> FrameworkAndPackageReferences = FindReferences();

    private static IReadOnlyList<string> FindReferences() => PlatformReferences.Find(
        new[] { "Microsoft.CodeAnalysis", "Microsoft.Build", "MlAtScale.Analyzers", "MlAtScale.Build", "MlAtScale.Core", "xunit", "testhost", "Microsoft.TestPlatform", "Microsoft.VisualStudio", "NuGet", "Newtonsoft" });

    private sealed class FileText : AdditionalText
    {
        public FileText(string path) => Path = path;

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
    }
}
