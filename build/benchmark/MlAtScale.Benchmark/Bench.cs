using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace MlAtScale.Benchmark;

/// <summary>Compilations, references and analyzers of the benchmark.</summary>
internal static class Bench
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>Single-threaded (concurrentBuild: false): the 2-core machine is shared, and single-threaded times are comparable.</summary>
    public static readonly CSharpCompilationOptions CompilationOptions = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release,
            concurrentBuild: false,
            deterministic: true,
            nullableContextOptions: NullableContextOptions.Disable)
        .WithGeneralDiagnosticOption(ReportDiagnostic.Default);

    private static readonly Lazy<ImmutableArray<string>> ReferencePathsLazy = new(FindReferencePaths);

    private static readonly Lazy<ImmutableArray<MetadataReference>> ReferencesLazy = new(
        () => ReferencePathsLazy.Value.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray());

    public static ImmutableArray<string> ReferencePaths => ReferencePathsLazy.Value;

    public static ImmutableArray<MetadataReference> References => ReferencesLazy.Value;

    public static string Metadata(string key) =>
        typeof(Bench).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value ?? string.Empty;

    /// <summary>
    /// The framework, ML.NET, Microsoft.Data.Sqlite and the MlAtScale attributes: every assembly this
    /// process runs with, except the tools (Roslyn, MSBuild, the analyzer, test frameworks).
    /// </summary>
    private static ImmutableArray<string> FindReferencePaths() => PlatformReferences.Find(
        new[] { "Microsoft.CodeAnalysis", "Microsoft.Build", "MlAtScale.Analyzers", "MlAtScale.Benchmark", "MlAtScale.Build", "xunit", "testhost", "Microsoft.TestPlatform", "Microsoft.VisualStudio", "NuGet", "Newtonsoft" });

    public static ImmutableArray<SyntaxTree> Parse(Corpus corpus, CancellationToken cancellationToken = default) =>
        corpus.Files.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.Text, System.Text.Encoding.UTF8), ParseOptions, f.Path, cancellationToken)).ToImmutableArray();

    public static CSharpCompilation Create(IEnumerable<SyntaxTree> trees, string name = "Synth.Monorepo") =>
        CSharpCompilation.Create(name, trees, References, CompilationOptions);

    public static ImmutableArray<DiagnosticAnalyzer> OurAnalyzers { get; } = Load(typeof(MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer).Assembly.Location, _ => true);

    public static ImmutableArray<DiagnosticAnalyzer> BannedApiAnalyzers { get; } = Load(
        Path.Combine(Metadata("BannedApiPackage"), "analyzers", "dotnet", "cs", "Microsoft.CodeAnalysis.CSharp.BannedApiAnalyzers.dll"),
        a => a.SupportedDiagnostics.Any(d => d.Id == "RS0030"),
        Path.Combine(Metadata("BannedApiPackage"), "analyzers", "dotnet", "cs", "Microsoft.CodeAnalysis.BannedApiAnalyzers.dll"));

    /// <summary>The C# analyzers of an analyzer assembly, loaded the way the compiler does (an AnalyzerFileReference).</summary>
    private static ImmutableArray<DiagnosticAnalyzer> Load(string path, Func<DiagnosticAnalyzer, bool> filter, params string[] dependencies)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("analyzer assembly not found (restore the benchmark project)", path);
        }

        var loader = new Loader();
        foreach (var dependency in dependencies)
        {
            loader.AddDependencyLocation(dependency);
        }

        var reference = new AnalyzerFileReference(path, loader);
        var analyzers = reference.GetAnalyzers(LanguageNames.CSharp).Where(filter).ToImmutableArray();
        if (analyzers.IsEmpty)
        {
            throw new InvalidOperationException("no analyzers in " + path);
        }

        return analyzers;
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        private readonly Dictionary<string, string> _dependencies = new(StringComparer.OrdinalIgnoreCase);

        public Loader() => AppDomain.CurrentDomain.AssemblyResolve += (_, args) =>
            _dependencies.TryGetValue(new AssemblyName(args.Name).Name ?? string.Empty, out var path) ? Assembly.LoadFrom(path) : null;

        public void AddDependencyLocation(string fullPath) => _dependencies[Path.GetFileNameWithoutExtension(fullPath)] = fullPath;

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}

/// <summary>An additional file (MlRoles.txt, BannedSymbols.txt) held in memory.</summary>
internal sealed class MemoryAdditionalText : AdditionalText
{
    private readonly SourceText _text;

    public MemoryAdditionalText(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text, System.Text.Encoding.UTF8);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>
/// Registers for the same kinds of nodes and operations as the role analyzer and does nothing: the
/// cost of the analyzer driver and of the semantic models it builds, without any analyzer's own work.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class NullAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("NULL0001", "never", "never", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            start.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.IdentifierName, SyntaxKind.GenericName, SyntaxKind.AddExpression, SyntaxKind.ForEachStatement, SyntaxKind.AwaitExpression);
            start.RegisterOperationAction(_ => { }, OperationKind.Conversion);
        });
    }
}
