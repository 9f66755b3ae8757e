using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MlAtScale.Robustness.Analysis;
using Xunit;

namespace MlAtScale.Robustness.Tests;

/// <summary>
/// The bounded slice of the pathological shapes (docs/reliability.md, "Linear on every input"): each
/// shape at 1x, 2x and 4x a small size, analysed on a fresh compilation with our analyzers and with a
/// no-op analyzer that registers the same callbacks. Our analysis must find the one crossing at its
/// place and stay within twice the no-op analysis (plus a noise floor); a quadratic spot in our code
/// breaks the bound as the size doubles. `--shapes` in the harness runs the full sizes.
/// </summary>
public sealed class ShapeTests
{
    [Theory]
    [InlineData(ShapeKind.BinaryChain, 1_000)]
    [InlineData(ShapeKind.ElseIfChain, 250)]
    [InlineData(ShapeKind.NestedBlocks, 250)]
    [InlineData(ShapeKind.NestedLambdas, 50)]
    [InlineData(ShapeKind.NestedParentheses, 250)]
    [InlineData(ShapeKind.NestedGenerics, 125)]
    public async Task Our_analysis_of_a_long_or_deep_construct_stays_within_twice_a_no_op_analyzer(ShapeKind kind, int size)
    {
        foreach (var multiple in new[] { 1, 2, 4 })
        {
            var result = await Shapes.MeasureAsync(kind, size * multiple, repeats: 3, ReferencePool.ClosureOf(null, new[] { "MlAtScale.Attributes" }), AnalyzerHost.Analyzers, CancellationToken.None);

            Assert.Empty(result.Failures);
            var crossing = Assert.Single(result.Diagnostics, d => d.Id == "MLR0001");
            Assert.Equal(result.CrossingLine, crossing.Location.GetLineSpan().StartLinePosition.Line + 1);

            // The body shapes cross in method M's body (a use of the field Raw.V); the declaration shape in field G's type (the type Raw).
            var (user, used) = kind == ShapeKind.NestedGenerics ? ("Model.G", "Raw") : ("Model.M", "Raw.V");
            Assert.Equal(
                $"'{user}' (DataScience) uses '{used}' of DataEngineering via [DataEngineering]; mark it [RoleContract] or allow 'DataScience -> DataEngineering' in MlRoles.txt",
                crossing.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(
                Shapes.WithinBound(result),
                $"{kind} at N = {size * multiple}: ours {result.OursMs:F0} ms CPU, no-op {result.NoOpMs:F0} ms CPU (ratio {result.Ratio:F2}, bound {Shapes.MaxRatio} x + {Shapes.NoiseFloorMs} ms)");
        }
    }
}
