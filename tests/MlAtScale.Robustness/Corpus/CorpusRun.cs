using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using MlAtScale.Robustness.Analysis;

namespace MlAtScale.Robustness.Corpus;

/// <summary>The figures of one corpus project.</summary>
public sealed class CorpusProjectResult
{
    public string Name { get; init; } = string.Empty;

    public int Files { get; init; }

    public long Lines { get; init; }

    public int CompilerErrors { get; init; }

    public SortedDictionary<string, int> DiagnosticsById { get; init; } = new(StringComparer.Ordinal);

    public IReadOnlyList<AnalyzerFailure> Failures { get; init; } = Array.Empty<AnalyzerFailure>();

    public TimeSpan DecompileTime { get; init; }

    public TimeSpan AnalysisTime { get; init; }

    public bool TimedOut { get; init; }

    public SortedDictionary<string, int> Injected { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>One corpus project made ready for analysis: its trees, policy file and references.</summary>
public sealed class CorpusProject
{
    public CorpusProject(string name, CSharpCompilation compilation, ImmutableArray<AdditionalText> policy, long lines, SortedDictionary<string, int> injected)
    {
        Name = name;
        Compilation = compilation;
        Policy = policy;
        Lines = lines;
        Injected = injected;
    }

    public string Name { get; }

    public CSharpCompilation Compilation { get; }

    public ImmutableArray<AdditionalText> Policy { get; }

    public long Lines { get; }

    public SortedDictionary<string, int> Injected { get; }

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview, DocumentationMode.None);

    /// <summary>Parses the decompiled project, generates its roles (seeded by the project name) and builds the compilation.</summary>
    public static CorpusProject Load(string name, string projectDirectory, int seed)
    {
        var files = CorpusDecompiler.SourceFiles(projectDirectory);
        var assigner = new RoleAssigner(seed ^ RoleAssigner.StableHash(name));
        var original = files.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(f)), ParseOptions, f)).ToList();
        var policyText = assigner.Policy(original);
        var trees = new List<SyntaxTree>(original.Count + 1);
        long lines = 0;
        foreach (var tree in original)
        {
            var injected = SourceText.From(assigner.Inject(tree));
            lines += injected.Lines.Count;
            trees.Add(CSharpSyntaxTree.ParseText(injected, ParseOptions, tree.FilePath));
        }

        // Every other project also gets an assembly-level role (the weakest explicit claim).
        if (RoleAssigner.StableHash(name) % 2 == 0)
        {
            trees.Add(CSharpSyntaxTree.ParseText("[assembly: global::MlAtScale.DataEngineering]\n", ParseOptions, Path.Combine(projectDirectory, "MlAtScale.CorpusRoles.g.cs")));
        }

        var references = ReferencePool.ClosureOf(ReferencePool.ImplementationPath(name), new[] { "MlAtScale.Attributes" });
        var compilation = CSharpCompilation.Create(
            name,
            trees,
            references,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable,
                concurrentBuild: true,
                deterministic: true));
        var policy = ImmutableArray.Create<AdditionalText>(new TextFile(Path.Combine(projectDirectory, "MlRoles.txt"), policyText));
        return new CorpusProject(name, compilation, policy, lines, assigner.Injected);
    }
}

/// <summary>Decompiles, assigns roles, compiles and analyses each corpus assembly.</summary>
public static class CorpusRun
{
    public static async Task<CorpusProjectResult> RunAsync(string name, int seed, TimeSpan timeout, Action<string>? log = null)
    {
        var decompileClock = Stopwatch.StartNew();
        var directory = CorpusDecompiler.Decompile(name, CancellationToken.None, log);
        decompileClock.Stop();

        var project = CorpusProject.Load(name, directory, seed);
        using var cancellation = new CancellationTokenSource(timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await AnalyzerHost.AnalyzeCompilationAsync(project.Compilation, project.Policy, cancellation.Token, includeCompilerDiagnostics: true).ConfigureAwait(false);
            clock.Stop();
            return new CorpusProjectResult
            {
                Name = name,
                Files = project.Compilation.SyntaxTrees.Count(),
                Lines = project.Lines,
                CompilerErrors = result.CompilerErrors,
                DiagnosticsById = new SortedDictionary<string, int>(result.CountById().ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal),
                Failures = result.Failures,
                DecompileTime = decompileClock.Elapsed,
                AnalysisTime = clock.Elapsed,
                Injected = project.Injected,
            };
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return new CorpusProjectResult
            {
                Name = name,
                Files = project.Compilation.SyntaxTrees.Count(),
                Lines = project.Lines,
                DecompileTime = decompileClock.Elapsed,
                AnalysisTime = clock.Elapsed,
                TimedOut = true,
                Injected = project.Injected,
            };
        }
    }
}
