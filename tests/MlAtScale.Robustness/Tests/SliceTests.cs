using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MlAtScale.Robustness.Analysis;
using MlAtScale.Robustness.Corpus;
using MlAtScale.Robustness.Fuzz;
using Xunit;

namespace MlAtScale.Robustness.Tests;

/// <summary>
/// The bounded slice of the robustness harness that runs with every `dotnet test` (docs/reliability.md):
/// the same code paths as the full run, at small sizes. Any analyzer exception or hang fails it.
/// </summary>
public sealed class SliceTests
{
    /// <summary>Small enough to decompile in seconds on a shared 2-core machine.</summary>
    public const string SliceAssembly = "Microsoft.ML.DataView";

    [Fact]
    public async Task Decompiled_ML_NET_code_with_generated_roles_is_analysed_without_any_exception()
    {
        var result = await CorpusRun.RunAsync(SliceAssembly, Harness.DefaultSeed, TimeSpan.FromMinutes(5));

        Assert.False(result.TimedOut);
        Assert.Empty(result.Failures);
        Assert.Equal(CorpusDecompiler.SourceFiles(Path.Combine(CorpusDecompiler.CorpusRoot, SliceAssembly)).Count, result.Files - (RoleAssigner.StableHash(SliceAssembly) % 2 == 0 ? 1 : 0));
        Assert.True(result.Files >= 20, $"{result.Files} files");
        Assert.Equal(0, result.CompilerErrors);
        Assert.True(result.DiagnosticsById.GetValueOrDefault("MLR0001") > 0, Harness.Format(result.DiagnosticsById));
        Assert.True(result.Injected.Values.Sum() > 0);
    }

    [Fact]
    public async Task Mutated_test_sources_and_corpus_documents_are_analysed_without_exceptions_or_hangs()
    {
        var total = new IdeFuzzResult();
        var testSources = FuzzSources.TestSources();
        Assert.True(testSources.Count > 20, $"{testSources.Count} snippet projects");
        for (var i = 0; i < testSources.Count; i++)
        {
            total.Add(await IdeFuzz.RunAsync(testSources[i], i == testSources.Count - 1 ? 40 : 3, Harness.DefaultSeed + i, TimeSpan.FromSeconds(60)));
        }

        var corpus = CorpusProject.Load(SliceAssembly, CorpusDecompiler.Decompile(SliceAssembly, CancellationToken.None), Harness.DefaultSeed);
        total.Add(await IdeFuzz.RunAsync(new FuzzProject(SliceAssembly, corpus.Compilation, corpus.Policy), 60, Harness.DefaultSeed, TimeSpan.FromSeconds(60)));

        Assert.Empty(total.Failures);
        Assert.Equal(0, total.Hangs);
        Assert.Equal((testSources.Count - 1) * 3 + 40 + 60, total.Documents);
        Assert.Equal(total.Documents, total.Milliseconds.Count);
        Assert.True(total.ById.ContainsKey("MLR0001"), string.Join(", ", total.ById.Keys));
        Assert.Equal(Mutator.Kinds.Length, total.ByKind.Count);
    }

    [Fact]
    public void Mutations_are_deterministic_for_a_seed()
    {
        const string Code = "namespace A { [MlAtScale.DataScience] public class B { public int C(int d) { return d + 1; } } }";
        foreach (var kind in Mutator.Kinds)
        {
            var first = Mutator.Apply(Code, kind, new Random(42));
            var second = Mutator.Apply(Code, kind, new Random(42));
            Assert.Equal(first, second);
        }

        Assert.Contains(Mutator.Kinds, kind => Mutator.Apply(Code, kind, new Random(42)) != Code);
        Assert.Equal(Code.Substring(0, new Random(7).Next(Code.Length)), Mutator.Apply(Code, MutationKind.Truncate, new Random(7)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task One_compilation_analysed_in_parallel_gives_identical_diagnostics_every_time(bool freshCompilations)
    {
        var sample = FuzzSources.TestSources().Single(p => p.Name == "QuickStart");

        var result = await Concurrency.RunAsync(sample.Compilation, sample.Policy, runs: 16, parallel: 8, freshCompilations, CancellationToken.None);

        Assert.Equal(16, result.Runs);
        Assert.Equal(0, result.Failures);
        Assert.Equal(1, result.DistinctOutcomes);
        Assert.Empty(result.FirstDifference);
        Assert.True(result.Diagnostics > 0);
    }
}
