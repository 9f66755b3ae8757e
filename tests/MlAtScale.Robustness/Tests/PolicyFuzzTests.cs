using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using MlAtScale.Robustness.Analysis;
using MlAtScale.Robustness.Fuzz;
using Xunit;

namespace MlAtScale.Robustness.Tests;

/// <summary>The bounded slice of the policy-file fuzz (the full run uses more seeds and sizes).</summary>
public sealed class PolicyFuzzTests
{
    [Theory]
    [InlineData(PolicyFuzz.Shape.Mixed, 1, 300)]
    [InlineData(PolicyFuzz.Shape.Mixed, 2, 300)]
    [InlineData(PolicyFuzz.Shape.Mixed, 3, 1000)]
    [InlineData(PolicyFuzz.Shape.Large, 4, 1500)]
    [InlineData(PolicyFuzz.Shape.Huge, 5, 300)]
    public async Task Every_bad_line_gets_MLR0003_at_its_line_and_the_good_lines_still_apply(PolicyFuzz.Shape shape, int seed, int size)
    {
        var policy = PolicyFuzz.Generate(seed, shape, size);

        var outcome = await PolicyFuzz.CheckAsync(policy, CancellationToken.None);

        Assert.Empty(outcome.Problems);
        Assert.NotEmpty(policy.BadLines);
        Assert.True(outcome.Analysis.Diagnostics.Count(d => d.Id is "MLR0003" or "MLR0005") >= policy.BadLines.Count);
    }

    [Fact]
    public void The_generator_is_deterministic()
    {
        var a = PolicyFuzz.Generate(7, PolicyFuzz.Shape.Mixed, 200);
        var b = PolicyFuzz.Generate(7, PolicyFuzz.Shape.Mixed, 200);
        var c = PolicyFuzz.Generate(8, PolicyFuzz.Shape.Mixed, 200);

        Assert.Equal(a.Text.ToString(), b.Text.ToString());
        Assert.Equal(a.BadLines.OrderBy(l => l), b.BadLines.OrderBy(l => l));
        Assert.NotEqual(a.Text.ToString(), c.Text.ToString());
    }

    [Fact]
    public async Task Random_bytes_after_a_valid_line_give_located_MLR0003_and_the_valid_line_applies()
    {
        var random = new Random(11);
        for (var i = 0; i < 5; i++)
        {
            var garbage = new byte[20000];
            random.NextBytes(garbage);
            var bytes = System.Text.Encoding.UTF8.GetBytes("T:Fuzz.Target = Production\n").Concat(garbage).ToArray();
            using var stream = new MemoryStream(bytes);
            var text = SourceText.From(stream, encoding: null, throwIfBinaryDetected: false);

            var analysis = await AnalyzerHost.AnalyzeCompilationAsync(
                PolicyFuzzCompilation(),
                ImmutableArray.Create<AdditionalText>(new TextFile(PolicyFuzz.PolicyPath, text)),
                CancellationToken.None);

            Assert.Empty(analysis.Failures);
            var crossing = Assert.Single(analysis.Diagnostics, d => d.Id == "MLR0001");
            Assert.Contains("Production", crossing.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var errors = analysis.Diagnostics.Where(d => d.Id is "MLR0003" or "MLR0005").ToList();
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.True(e.Location.GetLineSpan().StartLinePosition.Line is > 0 and var line && line < text.Lines.Count));
        }
    }

    [Fact]
    public async Task Four_times_the_input_takes_at_most_about_six_times_as_long()
    {
        // Thousands of declared roles and as many typos of them: the pattern that made the
        // did-you-mean suggestions quadratic.
        var small = PolicyFuzz.Generate(21, PolicyFuzz.Shape.Large, 1000);
        var large = PolicyFuzz.Generate(21, PolicyFuzz.Shape.Large, 4000);
        await PolicyFuzz.CheckAsync(small, CancellationToken.None);

        var smallTime = await BestOfAsync(small);
        var largeTime = await BestOfAsync(large);

        // A quarter of a second of slack absorbs scheduling noise on a shared machine; the quadratic
        // version took 15 times as long (0.5 s to 7.9 s) and fails this by far.
        Assert.True(largeTime <= smallTime * 6 + 0.25, $"{small.LineCount} lines: {smallTime:F3} s; {large.LineCount} lines: {largeTime:F3} s");
    }

    private static async Task<double> BestOfAsync(PolicyCase policy)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            var outcome = await PolicyFuzz.CheckAsync(policy, CancellationToken.None);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
            Assert.Empty(outcome.Problems);
        }

        return best;
    }

    private static Compilation PolicyFuzzCompilation() => PolicyFuzz.CompilationForTests;
}
