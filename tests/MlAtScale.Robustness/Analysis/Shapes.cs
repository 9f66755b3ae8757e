using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// Also compiled into the benchmark (build/benchmark), which prints the shapes' ratios in its table.
namespace MlAtScale.Robustness.Analysis;

/// <summary>Inputs whose cost grows with one dimension: length or depth of a single construct.</summary>
public enum ShapeKind
{
    /// <summary><c>a + F + a + F + ...</c>: one left-deep binary expression of N terms.</summary>
    BinaryChain,

    /// <summary><c>if (x == 0) ... else if (x == 1) ... </c>: N branches, each nested in the previous one's else.</summary>
    ElseIfChain,

    /// <summary><c>{ { { ... } } }</c>: N nested blocks.</summary>
    NestedBlocks,

    /// <summary><c>System.Action a0 = () => { System.Action a1 = () => { ... }; };</c>: N nested lambdas.</summary>
    NestedLambdas,

    /// <summary><c>(F + (F + (F + ...)))</c>: N nested parentheses (a right-deep expression).</summary>
    NestedParentheses,

    /// <summary><c>List&lt;List&lt;...&gt;&gt;</c> as a field type: N nested generic arguments in a declaration.</summary>
    NestedGenerics,
}

/// <summary>
/// Pathological shapes (docs/reliability.md, "Linear on every input"): one Data Science method whose
/// body (or one field's type) is a single construct of size N, with exactly one crossing into Data
/// Engineering at its innermost or last point, so the whole construct has to be walked to find it.
/// Each shape is analysed with our analyzers and with a no-op analyzer that registers the same kinds
/// of callbacks and reports the same one diagnostic; both pay the same driver and binding cost, so their ratio is what our code adds,
/// and a quadratic spot in our code makes it grow with N.
/// </summary>
public static class Shapes
{
    /// <summary>The sizes the issue measured: the bounded slice runs them divided by a factor.</summary>
    public static int FullSize(ShapeKind kind) => kind switch
    {
        ShapeKind.BinaryChain => 20_000,
        ShapeKind.ElseIfChain => 10_000,
        ShapeKind.NestedBlocks => 2_000,
        ShapeKind.NestedLambdas => 1_000,
        ShapeKind.NestedParentheses => 2_000,
        ShapeKind.NestedGenerics => 500,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The bound: our whole analysis at most this many times the no-op analyzer's on the same input.</summary>
    public const double MaxRatio = 2.0;

    /// <summary>
    /// CPU time below which a difference is timer and scheduler noise on a shared machine: the bound is
    /// ours &lt;= MaxRatio x no-op + NoiseFloorMs (at the full sizes the no-op analysis takes seconds).
    /// </summary>
    public const double NoiseFloorMs = 60;

    /// <summary>Whether a result is within the bound.</summary>
    public static bool WithinBound(ShapeResult result) => result.OursMs <= MaxRatio * result.NoOpMs + NoiseFloorMs;

    public static readonly ImmutableArray<ShapeKind> Kinds = Enum.GetValues<ShapeKind>().ToImmutableArray();

    /// <summary>The generated file: the crossing is on the line that contains <see cref="CrossingMarker"/>.</summary>
    public const string CrossingMarker = "/*crossing*/";

    public static string Generate(ShapeKind kind, int size)
    {
        var code = new StringBuilder();
        code.AppendLine("using System.Collections.Generic;");
        code.AppendLine("namespace Shapes;");
        code.AppendLine("[MlAtScale.DataEngineering] public class Raw { public static int V; }");
        code.AppendLine("[MlAtScale.DataScience] public class Model");
        code.AppendLine("{");
        code.AppendLine("    private int F;");
        switch (kind)
        {
            case ShapeKind.BinaryChain:
                code.AppendLine("    public int M(int a)");
                code.AppendLine("    {");
                code.Append("        return a");
                for (var i = 1; i < size; i++)
                {
                    code.Append(i % 2 == 0 ? " + a" : " + F");
                    if (i % 20 == 0)
                    {
                        code.AppendLine();
                        code.Append("           ");
                    }
                }

                code.AppendLine();
                code.AppendLine("           + " + CrossingMarker + "Raw.V;");
                code.AppendLine("    }");
                break;
            case ShapeKind.ElseIfChain:
                code.AppendLine("    public int M(int x)");
                code.AppendLine("    {");
                code.AppendLine("        int r = 0;");
                for (var i = 0; i < size; i++)
                {
                    code.AppendLine(CultureInfo.InvariantCulture, $"        {(i == 0 ? string.Empty : "else ")}if (x == {i}) r = F + {i};");
                }

                code.AppendLine("        else r = " + CrossingMarker + "Raw.V;");
                code.AppendLine("        return r;");
                code.AppendLine("    }");
                break;
            case ShapeKind.NestedBlocks:
                code.AppendLine("    public void M(int x)");
                code.AppendLine("    {");
                for (var i = 0; i < size; i++)
                {
                    code.AppendLine("        { x += F;");
                }

                code.AppendLine("        x = " + CrossingMarker + "Raw.V;");
                code.AppendLine(string.Concat(Enumerable.Repeat("}", size)));
                code.AppendLine("    }");
                break;
            case ShapeKind.NestedLambdas:
                code.AppendLine("    public void M(int x)");
                code.AppendLine("    {");
                for (var i = 0; i < size; i++)
                {
                    code.AppendLine(CultureInfo.InvariantCulture, $"        System.Action a{i} = () => {{ x += F;");
                }

                code.AppendLine("        x = " + CrossingMarker + "Raw.V;");
                code.AppendLine(string.Concat(Enumerable.Repeat("}; ", size)));
                code.AppendLine("    }");
                break;
            case ShapeKind.NestedParentheses:
                code.AppendLine("    public int M(int a)");
                code.AppendLine("    {");
                code.Append("        return ");
                for (var i = 0; i < size; i++)
                {
                    code.Append(i % 2 == 0 ? "(F + " : "(a + ");
                    if (i % 20 == 19)
                    {
                        code.AppendLine();
                        code.Append("           ");
                    }
                }

                code.AppendLine();
                code.Append("           " + CrossingMarker + "Raw.V");
                code.AppendLine(new string(')', size) + ";");
                code.AppendLine("    }");
                break;
            case ShapeKind.NestedGenerics:
                code.Append("    public ");
                code.Append(string.Concat(Enumerable.Repeat("List<", size)));
                code.Append(CrossingMarker + "Raw");
                code.AppendLine(new string('>', size) + "? G;");
                break;
        }

        code.AppendLine("}");
        return code.ToString();
    }

    /// <summary>The 1-based line of the crossing in <see cref="Generate"/>'s output.</summary>
    public static int CrossingLine(string code)
    {
        var index = code.IndexOf(CrossingMarker, StringComparison.Ordinal);
        return code.Take(index).Count(c => c == '\n') + 1;
    }

    public static CSharpCompilation Compile(string code, IEnumerable<MetadataReference> references)
    {
        var tree = CSharpSyntaxTree.ParseText(Microsoft.CodeAnalysis.Text.SourceText.From(code), new CSharpParseOptions(LanguageVersion.Latest), "/shapes/Model.cs");
        return CSharpCompilation.Create(
            "Shapes",
            new[] { tree },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false));
    }

    /// <summary>
    /// Analyses one shape at one size <paramref name="repeats"/> times with ours and with the no-op
    /// analyzer, alternately, each time on a fresh compilation (nothing bound in advance), one thread.
    /// Times are the process's CPU time (less disturbed than wall time when other processes share the
    /// cores), the fastest of the repetitions; our telemetry is the time inside our callbacks.
    /// </summary>
    /// <param name="references">The framework and the MlAtScale attributes.</param>
    /// <param name="ours">Our analyzers, as the caller loaded them.</param>
    public static async Task<ShapeResult> MeasureAsync(ShapeKind kind, int size, int repeats, IEnumerable<MetadataReference> references, ImmutableArray<DiagnosticAnalyzer> ours, CancellationToken cancellationToken)
    {
        var code = Generate(kind, size);
        var template = Compile(code, references);
        var oursMs = double.MaxValue;
        var noOp = double.MaxValue;
        var telemetry = double.MaxValue;
        ImmutableArray<Diagnostic> diagnostics = default;
        var failures = new List<string>();
        for (var i = 0; i < repeats; i++)
        {
            var noOpRun = await RunAsync(template.Clone(), ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpAnalyzer()), cancellationToken).ConfigureAwait(false);
            noOp = Math.Min(noOp, noOpRun.CpuMs);
            var ourRun = await RunAsync(template.Clone(), ours, cancellationToken).ConfigureAwait(false);
            oursMs = Math.Min(oursMs, ourRun.CpuMs);
            telemetry = Math.Min(telemetry, ourRun.TelemetryMs);
            diagnostics = ourRun.Diagnostics;
            failures.AddRange(ourRun.Failures);
        }

        return new ShapeResult(kind, size, CrossingLine(code), oursMs, noOp, telemetry, diagnostics, failures);
    }

    private static async Task<(double CpuMs, double TelemetryMs, ImmutableArray<Diagnostic> Diagnostics, List<string> Failures)> RunAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) =>
            {
                lock (failures)
                {
                    failures.Add($"{analyzer.GetType().Name}: {exception.GetType().FullName}: {exception.Message}");
                }
            },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        process.Refresh();
        var cpu = (process.TotalProcessorTime - before).TotalMilliseconds;
        var telemetry = 0.0;
        foreach (var analyzer in analyzers)
        {
            telemetry += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken).ConfigureAwait(false)).ExecutionTime.TotalMilliseconds;
        }

        return (cpu, telemetry, diagnostics, failures);
    }

    /// <summary>
    /// Registers the callbacks our rules register (symbols, declarations and attribute lists, operation
    /// blocks, conversions and patterns, additional files) and does nothing in them: what the driver and
    /// the binding cost for any analyzer with those callbacks. It reports one warning at the crossing, as
    /// ours does, found by its marker in the text: the driver's check of a diagnostic for suppressions
    /// binds the code around it again (inside 1,000 nested lambdas that costs as much as the first
    /// binding), a cost of reporting anything there, not of our analysis.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class NoOpAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Marker = new("NOOP001", "crossing marker", "crossing marker", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Marker);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                start.RegisterSymbolAction(_ => { }, SymbolKind.NamedType, SymbolKind.Method, SymbolKind.Property, SymbolKind.Field, SymbolKind.Event);
                start.RegisterSyntaxNodeAction(
                    _ => { },
                    SyntaxKind.ClassDeclaration, SyntaxKind.StructDeclaration, SyntaxKind.InterfaceDeclaration, SyntaxKind.RecordDeclaration,
                    SyntaxKind.FieldDeclaration, SyntaxKind.MethodDeclaration, SyntaxKind.PropertyDeclaration, SyntaxKind.CompilationUnit, SyntaxKind.AttributeList);
                start.RegisterOperationBlockAction(_ => { });
                start.RegisterOperationAction(_ => { }, OperationKind.Conversion, OperationKind.RecursivePattern);
                start.RegisterAdditionalFileAction(_ => { });
                start.RegisterSyntaxTreeAction(tree =>
                {
                    var text = tree.Tree.GetText(tree.CancellationToken).ToString();
                    var at = text.IndexOf(CrossingMarker, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        tree.ReportDiagnostic(Diagnostic.Create(Marker, Location.Create(tree.Tree, new Microsoft.CodeAnalysis.Text.TextSpan(at + CrossingMarker.Length, 3))));
                    }
                });
            });
        }
    }
}

/// <summary>One shape at one size: our analysis time and the no-op analyzer's, and what ours reported.</summary>
public sealed record ShapeResult(ShapeKind Kind, int Size, int CrossingLine, double OursMs, double NoOpMs, double OurTelemetryMs, ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<string> Failures)
{
    public double Ratio => OursMs / Math.Max(NoOpMs, 0.001);
}
