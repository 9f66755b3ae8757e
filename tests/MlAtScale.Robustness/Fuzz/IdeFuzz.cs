using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using MlAtScale.Robustness.Analysis;

namespace MlAtScale.Robustness.Fuzz;

/// <summary>The figures of an IDE-typing fuzz run.</summary>
public sealed class IdeFuzzResult
{
    public int Documents;
    public int SpanFiltered;
    public int Hangs;
    public long Diagnostics;
    public readonly ConcurrentQueue<string> Failures = new();
    public readonly ConcurrentDictionary<string, int> ByKind = new(StringComparer.Ordinal);
    public readonly ConcurrentDictionary<string, int> ById = new(StringComparer.Ordinal);
    public readonly ConcurrentBag<double> Milliseconds = new();
    private readonly object _gate = new();

    /// <summary>The slowest document: its time and what it was (file, round, mutations).</summary>
    public (double Milliseconds, string What) Slowest { get; private set; }

    public void Record(double milliseconds, string what)
    {
        Milliseconds.Add(milliseconds);
        lock (_gate)
        {
            if (milliseconds > Slowest.Milliseconds)
            {
                Slowest = (milliseconds, what);
            }
        }
    }

    public double Median => Percentile(0.5);

    public double Max => Milliseconds.IsEmpty ? 0 : Milliseconds.Max();

    public double Percentile(double p)
    {
        var sorted = Milliseconds.OrderBy(m => m).ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
    }

    public void Add(IdeFuzzResult other)
    {
        Documents += other.Documents;
        SpanFiltered += other.SpanFiltered;
        Hangs += other.Hangs;
        Diagnostics += other.Diagnostics;
        foreach (var f in other.Failures)
        {
            Failures.Enqueue(f);
        }

        foreach (var pair in other.ByKind)
        {
            ByKind.AddOrUpdate(pair.Key, pair.Value, (_, n) => n + pair.Value);
        }

        foreach (var pair in other.ById)
        {
            ById.AddOrUpdate(pair.Key, pair.Value, (_, n) => n + pair.Value);
        }

        foreach (var m in other.Milliseconds)
        {
            Milliseconds.Add(m);
        }

        if (other.Slowest.Milliseconds > Slowest.Milliseconds)
        {
            Slowest = other.Slowest;
        }
    }
}

/// <summary>
/// Mutates documents the way typing does (1 to 3 seeded mutations each) and analyses each mutated
/// document alone, as the IDE does: the document replaced in its project's compilation, then syntax,
/// semantic (a third of the time for one member's span only) and policy-file diagnostics, under a
/// per-document timeout.
/// </summary>
public static class IdeFuzz
{
    /// <summary>When set, documents not started by then are skipped (a time-boxed run reports what it reached).</summary>
    public static DateTime? Deadline { get; set; }

    /// <summary>The mutated text of round <paramref name="round"/> of a document (what the fuzz analyses), and the generator positioned after it.</summary>
    public static (string Text, List<MutationKind> Kinds, Random Random) Mutate(string path, string original, int seed, int round)
    {
        var random = new Random(unchecked(seed * 31 + Corpus.RoleAssigner.StableHash(path) * 17 + round));
        var text = original;
        var kinds = new List<MutationKind>();
        for (var k = 1 + random.Next(3); k > 0; k--)
        {
            var kind = Mutator.Kinds[random.Next(Mutator.Kinds.Length)];
            kinds.Add(kind);
            text = Mutator.Apply(text, kind, random);
        }

        return (text, kinds, random);
    }

    public static async Task<IdeFuzzResult> RunAsync(FuzzProject project, int count, int seed, TimeSpan timeout, CancellationToken cancellationToken = default, Action<string>? progress = null)
    {
        var result = new IdeFuzzResult();
        var documents = project.Documents;
        if (documents.Count == 0 || count <= 0)
        {
            return result;
        }

        var originals = documents.Select(d => d.GetText().ToString()).ToList();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                if (Deadline is { } deadlineAt && DateTime.UtcNow > deadlineAt)
                {
                    return;
                }

                var index = i % documents.Count;
                var original = documents[index];
                var (text, kinds, random) = Mutate(original.FilePath, originals[index], seed, i / documents.Count);

                var tree = CSharpSyntaxTree.ParseText(SourceText.From(text), FuzzSources.ParseOptions, original.FilePath);
                var compilation = project.Compilation.ReplaceSyntaxTree(original, tree);
                TextSpan? span = null;
                if (random.Next(3) == 0)
                {
                    var members = tree.GetRoot().DescendantNodes().OfType<MemberDeclarationSyntax>().ToList();
                    if (members.Count > 0)
                    {
                        span = members[random.Next(members.Count)].FullSpan;
                        Interlocked.Increment(ref result.SpanFiltered);
                    }
                }

                var what = $"{original.FilePath} #{i / documents.Count} [{string.Join(",", kinds)}]";
                using var deadline = new CancellationTokenSource(timeout);
                var clock = Stopwatch.StartNew();
                try
                {
                    var analysis = await AnalyzerHost.AnalyzeDocumentAsync(compilation, tree, project.Policy, span, deadline.Token, includeAdditionalFiles: false).ConfigureAwait(false);
                    result.Record(clock.Elapsed.TotalMilliseconds, what + (span is null ? " (whole document)" : " (one member)"));
                    Interlocked.Add(ref result.Diagnostics, analysis.Diagnostics.Length);
                    foreach (var d in analysis.Diagnostics)
                    {
                        result.ById.AddOrUpdate(d.Id, 1, (_, n) => n + 1);
                    }

                    foreach (var failure in analysis.Failures)
                    {
                        result.Failures.Enqueue($"{what}: {failure.Analyzer}: {failure.ExceptionType}: {failure.Message} at {failure.Where}");
                    }
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                {
                    Interlocked.Increment(ref result.Hangs);
                    result.Failures.Enqueue($"{what}: no result within {timeout.TotalSeconds} s");
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // An exception that escaped the analyzer driver altogether.
                    result.Failures.Enqueue($"{what}: host exception {e.GetType().FullName}: {e.Message}");
                }

                foreach (var kind in kinds)
                {
                    result.ByKind.AddOrUpdate(kind.ToString(), 1, (_, n) => n + 1);
                }

                var done = Interlocked.Increment(ref result.Documents);
                if (progress is not null && done % 2000 == 0)
                {
                    progress(FormattableString.Invariant($"  {project.Name}: {done}/{count} mutated documents, {result.Failures.Count} failures"));
                }
            }).ConfigureAwait(false);
        return result;
    }
}
