using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace MlAtScale.Robustness.Analysis;

/// <summary>The outcome of analysing one compilation many times at once.</summary>
public sealed record ConcurrencyResult(int Runs, int DistinctOutcomes, int Diagnostics, int Failures, TimeSpan Elapsed, IReadOnlyList<string> FirstDifference);

/// <summary>
/// Analyses one compilation many times in parallel (each run with concurrent execution on) and
/// compares the sorted diagnostics (ID, location, message, properties) of every run with the first.
/// With <c>freshCompilations</c> each run gets its own copy of the compilation, so the per-compilation
/// role model is also built concurrently.
/// </summary>
public static class Concurrency
{
    public static async Task<ConcurrencyResult> RunAsync(Compilation compilation, ImmutableArray<AdditionalText> policy, int runs, int parallel, bool freshCompilations, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = new List<IReadOnlyList<string>>();
        var failures = 0;
        for (var start = 0; start < runs; start += parallel)
        {
            var batch = Enumerable.Range(start, Math.Min(parallel, runs - start))
                .Select(_ => Task.Run(() => AnalyzerHost.AnalyzeCompilationAsync(freshCompilations ? compilation.Clone() : compilation, policy, cancellationToken), cancellationToken));
            foreach (var result in await Task.WhenAll(batch).ConfigureAwait(false))
            {
                failures += result.Failures.Count;
                outcomes.Add(result.Canonical());
            }
        }

        var reference = outcomes[0];
        var distinct = outcomes.Select(o => string.Join("\n", o)).Distinct(StringComparer.Ordinal).Count();
        var difference = outcomes.Skip(1).Select(o => o.Except(reference).Concat(reference.Except(o)).Take(5).ToList()).FirstOrDefault(d => d.Count > 0) ?? new List<string>();
        return new ConcurrencyResult(runs, distinct, reference.Count, failures, clock.Elapsed, difference);
    }
}
