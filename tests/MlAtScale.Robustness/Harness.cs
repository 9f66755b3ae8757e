using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using MlAtScale.Robustness.Analysis;
using MlAtScale.Robustness.Corpus;

namespace MlAtScale.Robustness;

/// <summary>
/// The command-line harness. Usage (from the repository root):
/// <code>
///   dotnet run -c Release --project tests/MlAtScale.Robustness -- --full
///   dotnet run -c Release --project tests/MlAtScale.Robustness -- --corpus [Assembly ...]
///   dotnet run -c Release --project tests/MlAtScale.Robustness -- --ide 100000
///   dotnet run -c Release --project tests/MlAtScale.Robustness -- --policy
///   dotnet run -c Release --project tests/MlAtScale.Robustness -- --concurrency 16
/// </code>
/// Options: --seed N (default 20261122), --out FILE, --ide-filter TEXT (only corpus documents whose path contains TEXT), --ide-minutes M (time box for the IDE fuzz: documents not started by then are skipped and the report says how many were analysed). Writes artifacts/robustness/summary.md (or FILE) and exits 1 on any
/// analyzer exception, hang or failed check.
/// </summary>
public static class Harness
{
    public const int DefaultSeed = 20261122;

    public static async Task<int> RunAsync(string[] args)
    {
        var seed = IntOption(args, "--seed") ?? DefaultSeed;
        var full = args.Contains("--full");
        var report = new StringBuilder();
        var failed = false;
        var total = Stopwatch.StartNew();
        Header(report, seed);

        if (args.Contains("--decompile"))
        {
            // Fills the corpus cache only (artifacts/robustness/corpus).
            var names = Values(args, "--decompile");
            foreach (var name in names.Count > 0 ? names : CorpusDecompiler.FullCorpus.ToList())
            {
                var clock = Stopwatch.StartNew();
                var directory = CorpusDecompiler.Decompile(name, System.Threading.CancellationToken.None, Console.WriteLine);
                Console.WriteLine(FormattableString.Invariant($"  {name}: {CorpusDecompiler.SourceFiles(directory).Count} files in {clock.Elapsed.TotalSeconds:F0} s"));
            }

            return 0;
        }

        if (args.Contains("--ide-probe"))
        {
            // --ide-probe Assembly PathPart Round: one mutated document, compiler alone vs. with the analyzers.
            var values = Values(args, "--ide-probe");
            var project = CorpusProject.Load(values[0], CorpusDecompiler.Decompile(values[0], System.Threading.CancellationToken.None, Console.WriteLine), seed);
            var original = project.Compilation.SyntaxTrees.Single(t => t.FilePath.Contains(values[1], StringComparison.Ordinal));
            var (text, kinds, _) = Fuzz.IdeFuzz.Mutate(original.FilePath, original.GetText().ToString(), seed, int.Parse(values[2], CultureInfo.InvariantCulture));
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Microsoft.CodeAnalysis.Text.SourceText.From(text), Fuzz.FuzzSources.ParseOptions, original.FilePath);
                var compilation = project.Compilation.ReplaceSyntaxTree(original, tree);
                var clock = Stopwatch.StartNew();
                var compilerDiagnostics = compilation.GetSemanticModel(tree).GetDiagnostics();
                var compilerTime = clock.Elapsed.TotalMilliseconds;
                var fresh = project.Compilation.ReplaceSyntaxTree(original, tree);
                clock.Restart();
                var analysis = await AnalyzerHost.AnalyzeDocumentAsync(fresh, tree, project.Policy, null, System.Threading.CancellationToken.None, includeAdditionalFiles: false);
                Console.WriteLine(FormattableString.Invariant($"[{string.Join(",", kinds)}] compiler alone {compilerTime:F0} ms ({compilerDiagnostics.Length} diagnostics); with the analyzers (fresh compilation) {clock.Elapsed.TotalMilliseconds:F0} ms ({analysis.Diagnostics.Length} diagnostics, {analysis.Failures.Count} exceptions)"));
            }

            return 0;
        }

        if (args.Contains("--ide-baseline"))
        {
            // Each unmutated document of the named corpus projects analysed alone, as the IDE fuzz does: the cost of size alone.
            foreach (var name in Values(args, "--ide-baseline"))
            {
                var project = CorpusProject.Load(name, CorpusDecompiler.Decompile(name, System.Threading.CancellationToken.None, Console.WriteLine), seed);
                var times = new List<(double Ms, string Path, int Lines)>();
                foreach (var tree in project.Compilation.SyntaxTrees)
                {
                    var clock = Stopwatch.StartNew();
                    var result = await AnalyzerHost.AnalyzeDocumentAsync(project.Compilation.Clone(), tree, project.Policy, null, System.Threading.CancellationToken.None, includeAdditionalFiles: false);
                    times.Add((clock.Elapsed.TotalMilliseconds, tree.FilePath, tree.GetText().Lines.Count));
                }

                foreach (var (ms, file, lines) in times.OrderByDescending(t => t.Ms).Take(5))
                {
                    Console.WriteLine(FormattableString.Invariant($"{name}: {ms:F0} ms, {lines} lines, {file}"));
                }
            }

            return 0;
        }

        if (args.Contains("--shapes"))
        {
            // --shapes [divisor]: each pathological shape at 1x, 2x and 4x size (4x = the full size / divisor).
            var divisor = IntOption(args, "--shapes") ?? 1;
            var only = Values(args, "--shape").Select(Enum.Parse<Analysis.ShapeKind>).ToList();
            failed |= !await RunShapesAsync(divisor, IntOption(args, "--repeats") ?? 3, only.Count > 0 ? only : Shapes.Kinds, IntOption(args, "--shape-size"), report);
        }

        if (full || args.Contains("--corpus"))
        {
            var names = Values(args, "--corpus");
            failed |= !await RunCorpusAsync(names.Count > 0 ? names : CorpusDecompiler.FullCorpus, seed, report);
        }

        if (full || args.Contains("--ide"))
        {
            var count = IntOption(args, "--ide") ?? 100_000;
            if (IntOption(args, "--ide-minutes") is { } minutes)
            {
                Fuzz.IdeFuzz.Deadline = DateTime.UtcNow.AddMinutes(minutes);
            }

            var corpus = Values(args, "--ide-corpus");
            var filter = Values(args, "--ide-filter").FirstOrDefault();
            failed |= !await RunIdeFuzzAsync(count, corpus.Count == 0 ? IdeCorpus : corpus.Where(c => c != "none").ToList(), seed, report, includeTestSources: !args.Contains("--ide-no-tests"), filter);
        }

        if (full || args.Contains("--policy"))
        {
            failed |= !await RunPolicyFuzzAsync(IntOption(args, "--policy") ?? 200, seed, report);
        }

        if (full || args.Contains("--concurrency"))
        {
            failed |= !await RunConcurrencyAsync(IntOption(args, "--concurrency") ?? 32, seed, report);
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"Total wall time: {total.Elapsed.TotalSeconds:F0} s; result: {(failed ? "FAILED" : "passed")}");
        var outIndex = Array.IndexOf(args, "--out");
        var path = outIndex >= 0 && outIndex + 1 < args.Length
            ? Path.GetFullPath(args[outIndex + 1])
            : Path.Combine(Repository.Root, "artifacts", "robustness", "summary.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, report.ToString());
        Console.WriteLine();
        Console.WriteLine(report.ToString());
        Console.WriteLine("written to " + path);
        return failed ? 1 : 0;
    }

    private static void Header(StringBuilder report, int seed)
    {
        report.AppendLine("# Robustness run");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {RuntimeInformation.FrameworkDescription}");
        report.AppendLine(CultureInfo.InvariantCulture, $"Roslyn {typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version}; analyzers: {string.Join(", ", AnalyzerHost.Analyzers.Select(a => a.GetType().Name))}; seed {seed}");
        report.AppendLine();
    }

    private static async Task<bool> RunCorpusAsync(IReadOnlyList<string> names, int seed, StringBuilder report)
    {
        var results = new List<CorpusProjectResult>();
        foreach (var name in names)
        {
            Console.WriteLine($"corpus: {name}");
            var result = await CorpusRun.RunAsync(name, seed, TimeSpan.FromMinutes(30), Console.WriteLine);
            Console.WriteLine(FormattableString.Invariant($"  {result.Files} files, {result.Lines} lines, {result.CompilerErrors} compiler errors, {Format(result.DiagnosticsById)}, {result.Failures.Count} exceptions, decompile {result.DecompileTime.TotalSeconds:F1} s, analysis {result.AnalysisTime.TotalSeconds:F1} s{(result.TimedOut ? ", TIMED OUT" : string.Empty)}"));
            foreach (var failure in result.Failures.Take(20))
            {
                Console.WriteLine($"  EXCEPTION {failure.Analyzer}: {failure.ExceptionType}: {failure.Message} at {failure.Where}");
            }

            results.Add(result);
        }

        report.AppendLine("## Real-code corpus");
        report.AppendLine();
        report.AppendLine("| assembly | files | lines | compiler errors | diagnostics | injected attributes | exceptions | analysis s |");
        report.AppendLine("|---|---:|---:|---:|---|---|---:|---:|");
        foreach (var r in results)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"| {r.Name} | {r.Files} | {r.Lines} | {r.CompilerErrors} | {Format(r.DiagnosticsById)} | {Format(r.Injected)} | {r.Failures.Count}{(r.TimedOut ? " (timed out)" : string.Empty)} | {r.AnalysisTime.TotalSeconds:F1} |");
        }

        var byId = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in results.SelectMany(r => r.DiagnosticsById))
        {
            byId[pair.Key] = byId.TryGetValue(pair.Key, out var n) ? n + pair.Value : pair.Value;
        }

        var failures = results.Sum(r => r.Failures.Count);
        var timedOut = results.Count(r => r.TimedOut);
        report.AppendLine(CultureInfo.InvariantCulture, $"| **total** | **{results.Sum(r => r.Files)}** | **{results.Sum(r => r.Lines)}** | {results.Sum(r => r.CompilerErrors)} | {Format(byId)} | | **{failures}** | {results.Sum(r => r.AnalysisTime.TotalSeconds):F0} |");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Decompilation (cached after the first run): {results.Sum(r => r.DecompileTime.TotalSeconds):F0} s. Timed out: {timedOut}.");
        report.AppendLine();
        return failures == 0 && timedOut == 0;
    }

    private static async Task<bool> RunShapesAsync(int divisor, int repeats, IReadOnlyList<ShapeKind> kinds, int? largest, StringBuilder report)
    {
        report.AppendLine("## Pathological shapes");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Whole analysis of one file, CPU time, fastest of {repeats}, one thread: our analyzers against a no-op analyzer with the same callbacks (bound: ours <= {Shapes.MaxRatio:F1} x no-op + {Shapes.NoiseFloorMs:F0} ms).");
        report.AppendLine();
        report.AppendLine("| shape | N | ours: CPU ms | no-op: CPU ms | ours / no-op | ours: telemetry ms | MLR0001 | exceptions |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var references = ReferencePool.ClosureOf(null, new[] { "MlAtScale.Attributes" });
        await Shapes.MeasureAsync(ShapeKind.BinaryChain, 10, 1, references, AnalyzerHost.Analyzers, System.Threading.CancellationToken.None); // JIT
        var passed = true;
        foreach (var kind in kinds)
        {
            foreach (var multiple in new[] { 1, 2, 4 })
            {
                var size = Math.Max(1, (largest ?? Shapes.FullSize(kind) / divisor) / 4 * multiple);
                var result = await Shapes.MeasureAsync(kind, size, repeats, references, AnalyzerHost.Analyzers, System.Threading.CancellationToken.None);
                var crossings = result.Diagnostics.Count(d => d.Id == "MLR0001");
                var line = FormattableString.Invariant($"| {kind} | {size} | {result.OursMs:F0} | {result.NoOpMs:F0} | {result.Ratio:F2} | {result.OurTelemetryMs:F0} | {crossings} | {result.Failures.Count} |");
                Console.WriteLine(line);
                report.AppendLine(line);
                passed &= result.Failures.Count == 0 && crossings == 1 && Shapes.WithinBound(result);
            }
        }

        report.AppendLine();
        return passed;
    }

    /// <summary>The corpus projects whose documents the IDE fuzz mutates (besides the test sources).</summary>
    public static readonly string[] IdeCorpus = { "Dapper", "Npgsql", "Microsoft.ML.Data", "KubernetesClient" };

    private static async Task<bool> RunIdeFuzzAsync(int count, IReadOnlyList<string> corpusNames, int seed, StringBuilder report, bool includeTestSources = true, string? filter = null)
    {
        var clock = Stopwatch.StartNew();
        var timeout = TimeSpan.FromSeconds(60);
        var projects = new List<(string Name, Func<IReadOnlyList<Fuzz.FuzzProject>> Load)>();
        if (includeTestSources)
        {
            projects.Add(("test sources", Fuzz.FuzzSources.TestSources));
        }

        foreach (var name in corpusNames)
        {
            projects.Add((name, () =>
            {
                var loaded = CorpusProject.Load(name, CorpusDecompiler.Decompile(name, System.Threading.CancellationToken.None, Console.WriteLine), seed);
                return new[] { new Fuzz.FuzzProject(name, loaded.Compilation, loaded.Policy, filter) };
            }));
        }

        // Half of the documents come from the test sources and the sample, half from the corpus.
        var total = new Fuzz.IdeFuzzResult();
        var rows = new List<string>();
        for (var p = 0; p < projects.Count; p++)
        {
            // With the test sources: half of the documents come from them and the sample, half from the corpus.
            var corpusCount = includeTestSources ? count - count / 2 : count;
            var corpusProjects = projects.Count - (includeTestSources ? 1 : 0);
            var share = includeTestSources && p == 0
                ? (corpusProjects == 0 ? count : count / 2)
                : corpusCount / corpusProjects + (p == projects.Count - 1 ? corpusCount % corpusProjects : 0);

            var loaded = projects[p].Load();
            var documents = loaded.Sum(l => l.Documents.Count);
            var result = new Fuzz.IdeFuzzResult();
            for (var i = 0; i < loaded.Count; i++)
            {
                var per = share / loaded.Count + (i < share % loaded.Count ? 1 : 0);
                result.Add(await Fuzz.IdeFuzz.RunAsync(loaded[i], per, seed + i, timeout, progress: Console.WriteLine));
                if (loaded.Count > 1 && i % 25 == 0)
                {
                    Console.WriteLine(FormattableString.Invariant($"  {projects[p].Name}: {result.Documents}/{share} mutated documents, {result.Failures.Count} failures, {clock.Elapsed.TotalSeconds:F0} s"));
                }
            }

            Console.WriteLine(FormattableString.Invariant($"ide fuzz: {projects[p].Name}: {result.Documents} mutated documents from {documents}, {result.Failures.Count} failures, median {result.Median:F1} ms, max {result.Max:F0} ms"));
            foreach (var failure in result.Failures.Take(20))
            {
                Console.WriteLine("  " + failure);
            }

            rows.Add(FormattableString.Invariant($"| {projects[p].Name} | {documents} | {result.Documents} | {result.SpanFiltered} | {Format(new SortedDictionary<string, int>(result.ById))} | {result.Failures.Count - result.Hangs} | {result.Hangs} | {result.Median:F1} | {result.Percentile(0.99):F0} | {result.Max:F0} |"));
            total.Add(result);
        }

        report.AppendLine("## IDE-typing fuzz");
        report.AppendLine();
        report.AppendLine(FormattableString.Invariant($"Each mutated document is analysed alone (syntax and semantic diagnostics, a third of them for one member's span only; the policy file is fuzzed on its own below), timeout {timeout.TotalSeconds:F0} s per document, {Environment.ProcessorCount} in parallel."));
        report.AppendLine();
        report.AppendLine("| source | documents | mutated documents | span-filtered | diagnostics | exceptions | hangs | median ms | p99 ms | max ms |");
        report.AppendLine("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            report.AppendLine(row);
        }

        report.AppendLine(FormattableString.Invariant($"| **total** | | **{total.Documents}** | {total.SpanFiltered} | {Format(new SortedDictionary<string, int>(total.ById))} | **{total.Failures.Count - total.Hangs}** | **{total.Hangs}** | {total.Median:F1} | {total.Percentile(0.99):F0} | {total.Max:F0} |"));
        report.AppendLine();
        report.AppendLine(FormattableString.Invariant($"Mutations applied: {Format(new SortedDictionary<string, int>(total.ByKind))}. Wall time {clock.Elapsed.TotalSeconds:F0} s."));
        report.AppendLine(FormattableString.Invariant($"Slowest document: {total.Slowest.Milliseconds:F0} ms, {total.Slowest.What}."));
        report.AppendLine();
        return total.Failures.IsEmpty;
    }

    private static async Task<bool> RunPolicyFuzzAsync(int count, int seed, StringBuilder report)
    {
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var lines = 0L;
        var badLines = 0L;
        var errors = 0L;
        var maxSeconds = 0.0;
        var shapes = (Fuzz.PolicyFuzz.Shape[])Enum.GetValues(typeof(Fuzz.PolicyFuzz.Shape));
        for (var i = 0; i < count; i++)
        {
            var shape = shapes[i % shapes.Length];
            var size = shape switch { Fuzz.PolicyFuzz.Shape.Large => 500 + (i * 37 % 4000), Fuzz.PolicyFuzz.Shape.Huge => 200, _ => 50 + (i * 53 % 2000) };
            var policy = Fuzz.PolicyFuzz.Generate(seed + i, shape, size);
            var one = Stopwatch.StartNew();
            var outcome = await Fuzz.PolicyFuzz.CheckAsync(policy, System.Threading.CancellationToken.None);
            maxSeconds = Math.Max(maxSeconds, one.Elapsed.TotalSeconds);
            lines += policy.LineCount;
            badLines += policy.BadLines.Count;
            errors += outcome.Analysis.Diagnostics.Count(d => d.Id == "MLR0003");
            failures.AddRange(outcome.Problems.Select(p => policy.Name + ": " + p));
        }

        // Scaling: the same shapes at 1x and 4x.
        var scaling = new List<string>();
        foreach (var shape in shapes)
        {
            var baseSize = shape == Fuzz.PolicyFuzz.Shape.Huge ? 200 : 2000;
            var small = await BestOfAsync(Fuzz.PolicyFuzz.Generate(seed, shape, baseSize));
            var large = await BestOfAsync(Fuzz.PolicyFuzz.Generate(seed, shape, baseSize * 4));
            var ratio = large / Math.Max(small, 1e-3);
            scaling.Add(FormattableString.Invariant($"{shape}: {small:F3} s → {large:F3} s (x{ratio:F1})"));
            if (large > small * 6 + 0.05)
            {
                failures.Add(FormattableString.Invariant($"scaling {shape}: 4x input took x{ratio:F1}"));
            }
        }

        foreach (var failure in failures.Take(20))
        {
            Console.WriteLine("  POLICY " + failure);
        }

        report.AppendLine("## Policy-file fuzz");
        report.AppendLine();
        report.AppendLine(FormattableString.Invariant($"{count} generated files ({lines} lines, {badLines} bad lines, {errors} MLR0003), every bad line reported at its line, the known mapping applied in every file: {(failures.Count == 0 ? "yes" : "NO")}; analyzer exceptions and wrong outcomes: {failures.Count}; slowest file {maxSeconds:F2} s."));
        report.AppendLine();
        report.AppendLine("Scaling (best of 3, 4x the lines): " + string.Join("; ", scaling) + ".");
        report.AppendLine(FormattableString.Invariant($"Wall time {clock.Elapsed.TotalSeconds:F0} s."));
        report.AppendLine();
        return failures.Count == 0;
    }

    private static async Task<double> BestOfAsync(Fuzz.PolicyCase policy)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            await Fuzz.PolicyFuzz.CheckAsync(policy, System.Threading.CancellationToken.None);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return best;
    }

    private static async Task<bool> RunConcurrencyAsync(int runs, int seed, StringBuilder report)
    {
        report.AppendLine("## Concurrency");
        report.AppendLine();
        report.AppendLine("| compilation | runs | parallel | fresh copies | diagnostics per run | distinct outcomes | exceptions | time s |");
        report.AppendLine("|---|---:|---:|---|---:|---:|---:|---:|");
        var ok = true;
        var subjects = new List<(string Name, Microsoft.CodeAnalysis.Compilation Compilation, System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.AdditionalText> Policy, int Runs)>();
        var sample = Fuzz.FuzzSources.TestSources().Last();
        subjects.Add(("QuickStart sample", sample.Compilation, sample.Policy, runs));
        foreach (var (name, share) in new[] { ("Microsoft.ML.DataView", 1), ("Dapper", 2) })
        {
            var project = CorpusProject.Load(name, CorpusDecompiler.Decompile(name, System.Threading.CancellationToken.None, Console.WriteLine), seed);
            subjects.Add((name + " (decompiled, roles assigned)", project.Compilation, project.Policy, Math.Max(8, runs / share)));
        }

        foreach (var (name, compilation, policy, subjectRuns) in subjects)
        {
            foreach (var fresh in new[] { false, true })
            {
                var parallel = 8;
                var result = await Concurrency.RunAsync(compilation, policy, subjectRuns, parallel, fresh, System.Threading.CancellationToken.None);
                ok &= result.DistinctOutcomes == 1 && result.Failures == 0;
                report.AppendLine(FormattableString.Invariant($"| {name} | {result.Runs} | {parallel} | {(fresh ? "yes" : "no (one shared)")} | {result.Diagnostics} | {result.DistinctOutcomes} | {result.Failures} | {result.Elapsed.TotalSeconds:F0} |"));
                foreach (var difference in result.FirstDifference)
                {
                    Console.WriteLine("  CONCURRENCY difference: " + difference);
                }
            }
        }

        report.AppendLine();
        return ok;
    }

    public static string Format(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " " + p.Value.ToString(CultureInfo.InvariantCulture)));

    private static int? IntOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static List<string> Values(string[] args, string name)
    {
        var values = new List<string>();
        var index = Array.IndexOf(args, name);
        for (var i = index + 1; index >= 0 && i < args.Length && !args[i].StartsWith("--", StringComparison.Ordinal); i++)
        {
            values.Add(args[i]);
        }

        return values;
    }
}
