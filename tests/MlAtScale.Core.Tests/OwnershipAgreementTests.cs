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
    private static readonly string[] SampleProjects = { "Churn.Contracts", "Churn.Ingestion", "Churn.Modelling", "Churn.Serving", "Churn.Kpi", "Churn.Pipeline" };

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
            var result = Compare(project, sources, policy, kind, NullableContextOptions.Enable, built);
            compared.Add(result);
            built.Add(result.AssemblyPath);
        }

        Assert.All(compared, c => Assert.Empty(c.Disagreements));

        // The comparison covered what the sample declares: every role, contracts, and the policy's namespaces.
        var owners = compared.SelectMany(c => c.Owners).ToList();
        Assert.True(owners.Count >= 150, $"{owners.Count} types and members compared");
        Assert.Contains(owners, o => o.StartsWith("DataEngineering|PolicyNamespace", StringComparison.Ordinal));
        Assert.Contains(owners, o => o.StartsWith("DataScience|PolicyNamespace", StringComparison.Ordinal));
        Assert.Contains(owners, o => o.StartsWith("Production|PolicyNamespace", StringComparison.Ordinal));
        Assert.Contains(owners, o => o.StartsWith("BusinessAnalysis|PolicyNamespace", StringComparison.Ordinal));
        Assert.Contains(owners, o => o.Contains("|contract|", StringComparison.Ordinal));
    }

    [Fact]
    public void Benchmark_corpus_gets_the_same_owners_from_metadata_as_from_the_analyzer()
    {
        var corpus = CorpusGenerator.Generate(CorpusFiles);
        var policy = Path.Combine(_work, "MlRoles.txt");
        File.WriteAllText(policy, corpus.Policy);
        var result = Compare("Synth.Monorepo", corpus.Files.ToDictionary(f => f.Path, f => f.Text), policy, OutputKind.DynamicallyLinkedLibrary, NullableContextOptions.Disable, Array.Empty<string>());

        Assert.Empty(result.Disagreements);
        Assert.True(result.Owners.Count >= CorpusFiles * CorpusGenerator.TypesPerFile * 3, $"{result.Owners.Count} types and members compared");

        // Every way of owning code the corpus uses is among the compared owners.
        foreach (var expected in new[] { "DataEngineering|Attribute", "DataScience|PolicyNamespace", "Labeling|", "-|None|contract|Attribute", "-|None|contract|PolicyNamespace", "-|None|-|None" })
        {
            Assert.Contains(result.Owners, o => o.StartsWith(expected, StringComparison.Ordinal));
        }
    }

    private sealed record Comparison(string AssemblyPath, IReadOnlyList<string> Owners, IReadOnlyList<string> Disagreements);

    /// <summary>
    /// Compiles the sources with Roslyn, emits the assembly, and compares the analyzer's owner of each
    /// type and member (found from the documentation-comment ID the report task gives it) with the task's.
    /// </summary>
    private Comparison Compare(string name, IReadOnlyDictionary<string, string> sources, string policyPath, OutputKind kind, NullableContextOptions nullable, IReadOnlyList<string> projectReferences)
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
        var emitted = compilation.Emit(assemblyPath);
        Assert.True(emitted.Success, name + ": " + string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new FileText(policyPath)));
        var model = RoleModel.Create(compilation, options, CancellationToken.None);
        var fromMetadata = TaskOwnership.Read(assemblyPath, TaskPolicy.Load(new[] { policyPath }, File.ReadAllText), referencePaths);

        var owners = new List<string>();
        var disagreements = new List<string>();
        foreach (var symbol in fromMetadata.Types.Concat(fromMetadata.Members))
        {
            var fromTask = Describe(symbol.Role, (int)symbol.RoleSource, symbol.IsContract, (int)symbol.ContractSource);
            var roslyn = DocumentationCommentId.GetFirstSymbolForDeclarationId(symbol.Id, compilation);
            if (roslyn is null)
            {
                disagreements.Add($"{symbol.Id}: in metadata, but no symbol of the compilation has this ID");
                continue;
            }

            var ownership = model.GetOwnership(roslyn);
            var fromAnalyzer = Describe(ownership.Role, (int)ownership.RoleClaim.Source, ownership.IsContract, (int)ownership.ContractClaim.Source);
            owners.Add(fromAnalyzer);
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
            if (!reported.Contains(id))
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

    private static IReadOnlyList<string> FindReferences()
    {
        string[] tools = { "Microsoft.CodeAnalysis", "Microsoft.Build", "MlAtScale.Analyzers", "MlAtScale.Build", "MlAtScale.Core", "xunit", "testhost", "Microsoft.TestPlatform", "Microsoft.VisualStudio", "NuGet", "Newtonsoft" };
        return ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Where(p => !tools.Any(t => Path.GetFileName(p).StartsWith(t, StringComparison.OrdinalIgnoreCase)))
            .Where(IsManaged)
            .OrderBy(p => Path.GetFileName(p), StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            return false;
        }
    }

    private sealed class FileText : AdditionalText
    {
        public FileText(string path) => Path = path;

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
    }
}
