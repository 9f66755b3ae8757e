using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using MlAtScale.Robustness.Analysis;

namespace MlAtScale.Benchmark;

/// <summary>The builds of the whole-build benchmark: the same corpus, built as a real project five ways.</summary>
public enum BuildMode
{
    /// <summary>No analyzers at all (the SDK's own analyzers are off in every mode).</summary>
    None,

    /// <summary>Microsoft.CodeAnalysis.BannedApiAnalyzers 5.6.0 with a BannedSymbols.txt equivalent to the policy.</summary>
    BannedApi,

    /// <summary>Our package, every role edge allowed (no violations), the role report on.</summary>
    OursReport,

    /// <summary>The same, with the report off (<c>-p:MlAtScaleReport=false</c>): the analysis alone.</summary>
    OursNoReport,

    /// <summary>Our package, the same ownership, no edge allowed: every crossing is an MLR0001 warning.</summary>
    OursViolations,
}

/// <summary>What the whole-build benchmark measures (<c>--builds</c>).</summary>
public sealed record BuildOptions(IReadOnlyList<int> Sizes, int Repeats, int DocumentRepeats, int ShapeDivisor, string WorkDirectory)
{
    /// <summary>Build against this package version, already in artifacts/feed (<c>--package-version</c>), instead of packing a fresh one.</summary>
    public string? PackageVersion { get; init; }
}

/// <summary>The medians of one mode at one size.</summary>
public sealed record BuildFigures(BuildMode Mode, int Files, double CpuSeconds, double CscSeconds, double WallSeconds, int Warnings, IReadOnlyList<double> CpuRuns);

/// <summary>
/// What users pay: the generated corpus written as a real project and built with <c>dotnet build</c> in
/// a fresh process per build (no compiler server, no MSBuild node reuse), with no analyzers, with
/// BannedApiAnalyzers and with our package restored from a freshly packed copy in a local folder feed.
/// CPU is user + system time of the build and every process it waited for (getrusage(RUSAGE_CHILDREN)
/// before and after); Csc is MSBuild's own time for the Csc task (<c>-clp:PerformanceSummary</c>). The
/// modes are interleaved and their order changes each repetition (<see cref="OrderIndex"/>), so that a burst
/// of load on the shared machine, or what one build leaves behind for the next, falls on every mode alike;
/// the table gives medians.
/// </summary>
public static class BuildBenchmark
{
    private static readonly string[] Roles = { "DataEngineering", "DataScience", "Production", "BusinessAnalysis", "Labeling" };

    /// <summary>
    /// The mode built <paramref name="step"/>-th in repetition <paramref name="repeat"/>: each repetition starts
    /// two modes further and steps through the modes with another stride (1, 2, 3, 4, ...; coprime with the
    /// five modes), so that no mode always follows the same one. A plain rotation kept the order, and the
    /// build after BannedApi's (the longest, with tens of thousands of warnings) was always the same mode.
    /// </summary>
    public static int OrderIndex(int repeat, int step, int count)
    {
        var stride = 1;
        for (var r = 0; r < repeat; r++)
        {
            do
            {
                stride = stride % (count - 1) + 1;
            }
            while (count > 2 && Gcd(stride, count) != 1);
        }

        return (2 * repeat + step * stride) % count;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    public static async Task<(string Table, SortedDictionary<string, double> Ratios)> RunAsync(BuildOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        var root = RepositoryRoot();
        var feed = Path.Combine(root, "artifacts", "feed");
        var version = options.PackageVersion ?? string.Create(CultureInfo.InvariantCulture, $"0.1.0-bench.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}");
        if (options.PackageVersion is null)
        {
            log.WriteLine($"builds: packing MlAtScale.Analyzers {version} into {feed}");
            var pack = Run(root, "dotnet", "pack", Path.Combine(root, "src", "MlAtScale.Analyzers.Package", "MlAtScale.Analyzers.Package.csproj"), "-c", "Release", "-o", feed, $"-p:MinVerVersionOverride={version}", "-p:UseSharedCompilation=false", "-nodeReuse:false", "-tl:off");
            if (pack.ExitCode != 0 || !File.Exists(Path.Combine(feed, $"MlAtScale.Analyzers.{version}.nupkg")))
            {
                throw new InvalidOperationException($"dotnet pack did not write MlAtScale.Analyzers.{version}.nupkg:\n" + Tail(pack.Output));
            }
        }

        var ratios = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var table = new StringBuilder();
        var loadBefore = LoadAverage();
        var documents = new Dictionary<int, (double Compiler, double Ours)>();
        foreach (var size in options.Sizes)
        {
            documents[size] = await OneDocumentAsync(size, options.DocumentRepeats, cancellationToken).ConfigureAwait(false);
            log.WriteLine(FormattableString.Invariant($"builds: N = {size}, one document: compiler {documents[size].Compiler:F1} ms, ours {documents[size].Ours:F1} ms"));
        }

        var shapes = new List<ShapeResult>();
        if (options.ShapeDivisor > 0)
        {
            var references = Bench.References;
            foreach (var kind in Shapes.Kinds.Where(k => k != ShapeKind.NestedGenerics))
            {
                foreach (var multiple in new[] { 2, 4 })
                {
                    var shape = await Shapes.MeasureAsync(kind, Math.Max(1, Shapes.FullSize(kind) / options.ShapeDivisor / 4 * multiple), 3, references, Bench.OurAnalyzers, cancellationToken).ConfigureAwait(false);
                    log.WriteLine(FormattableString.Invariant($"builds: shape {kind} N = {shape.Size}: ours {shape.OursMs:F0} ms, no-op {shape.NoOpMs:F0} ms"));
                    shapes.Add(shape);
                }
            }
        }

        // The builds last, the longest part: after each size the table so far goes to the log.
        var figures = new List<BuildFigures>();
        foreach (var size in options.Sizes)
        {
            figures.AddRange(MeasureSize(size, options, feed, version, log, cancellationToken));
            var partial = new StringBuilder();
            WriteTable(partial, figures, documents.Where(d => figures.Any(f => f.Files == d.Key)).ToDictionary(d => d.Key, d => d.Value), shapes, new SortedDictionary<string, double>(StringComparer.Ordinal), loadBefore, LoadAverage());
            log.WriteLine("builds: the table so far:");
            log.WriteLine(partial.ToString());
        }

        WriteTable(table, figures, documents, shapes, ratios, loadBefore, LoadAverage());
        return (table.ToString(), ratios);
    }

    private static List<BuildFigures> MeasureSize(int size, BuildOptions options, string feed, string version, TextWriter log, CancellationToken cancellationToken)
    {
        var corpus = CorpusGenerator.Generate(size);
        var modes = Enum.GetValues<BuildMode>();
        var projects = new Dictionary<BuildMode, string>();
        foreach (var mode in modes)
        {
            var directory = Path.Combine(options.WorkDirectory, "builds", size.ToString("D4", CultureInfo.InvariantCulture), mode.ToString());
            WriteProject(directory, corpus, mode, version, feed, options.WorkDirectory);
            var restore = Run(directory, "dotnet", "restore", "-nodeReuse:false", "-tl:off");
            if (restore.ExitCode != 0)
            {
                throw new InvalidOperationException($"restore of {mode} at N = {size} failed:\n" + Tail(restore.Output));
            }

            projects[mode] = directory;
        }

        var runs = modes.ToDictionary(m => m, _ => new List<(double Cpu, double Csc, double Wall, int Warnings)>());
        for (var repeat = 0; repeat < options.Repeats; repeat++)
        {
            for (var i = 0; i < modes.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var mode = modes[OrderIndex(repeat, i, modes.Length)];
                var arguments = new List<string> { "build", "-c", "Release", "--no-restore", "--no-incremental", "-p:UseSharedCompilation=false", "-nodeReuse:false", "-tl:off", "-clp:PerformanceSummary" };
                if (mode == BuildMode.OursNoReport)
                {
                    arguments.Add("-p:MlAtScaleReport=false");
                }

                var before = ChildrenCpuSeconds();
                var clock = Stopwatch.StartNew();
                var build = Run(projects[mode], "dotnet", arguments.ToArray());
                clock.Stop();
                var cpu = ChildrenCpuSeconds() - before;
                if (build.ExitCode != 0)
                {
                    throw new InvalidOperationException($"build of {mode} at N = {size} failed:\n" + Tail(build.Output));
                }

                var csc = TaskSeconds(build.Output, "Csc");
                var warnings = Warnings(build.Output);
                runs[mode].Add((cpu, csc, clock.Elapsed.TotalSeconds, warnings));
                log.WriteLine(FormattableString.Invariant($"builds: N = {size}, repetition {repeat + 1}, {mode}: CPU {cpu:F1} s, Csc {csc:F1} s, wall {clock.Elapsed.TotalSeconds:F1} s, {warnings} warnings"));
            }
        }

        return modes.Select(m => new BuildFigures(
            m,
            size,
            CompileBenchmark.Median(runs[m].Select(r => r.Cpu)),
            CompileBenchmark.Median(runs[m].Select(r => r.Csc)),
            CompileBenchmark.Median(runs[m].Select(r => r.Wall)),
            runs[m].Max(r => r.Warnings),
            runs[m].Select(r => r.Cpu).ToList())).ToList();
    }

    /// <summary>
    /// The ownership every mode of ours uses: each namespace of the corpus owned by one role, round-robin
    /// (so that most uses between files cross a role boundary), and either every edge between the roles
    /// allowed or none.
    /// </summary>
    internal static string OwnershipPolicy(Corpus corpus, bool allowEveryEdge)
    {
        var text = new StringBuilder();
        text.Append("# Generated by MlAtScale.Benchmark (--builds): every namespace owned by a role.\n");
        text.Append("role Labeling\n\n");
        var namespaces = corpus.Files.Select(f => f.Namespace).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
        for (var i = 0; i < namespaces.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"N:{namespaces[i]} = {Roles[i % Roles.Length]}\n");
        }

        if (allowEveryEdge)
        {
            text.Append('\n');
            foreach (var from in Roles)
            {
                foreach (var to in Roles.Where(r => r != from))
                {
                    text.Append(CultureInfo.InvariantCulture, $"{from} -> {to}\n");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>BannedSymbols.txt equivalent to <see cref="OwnershipPolicy"/>: every namespace the policy gives a role, and the catalog APIs the corpus uses.</summary>
    internal static string BannedSymbols(Corpus corpus)
    {
        var lines = corpus.Files.Select(f => f.Namespace).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => $"N:{n};owned by a role")
            .Concat(corpus.BannedSymbols.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("N:Synth.", StringComparison.Ordinal) && !l.StartsWith("T:Synth.", StringComparison.Ordinal)));
        return string.Join("\n", lines) + "\n";
    }

    private static void WriteProject(string directory, Corpus corpus, BuildMode mode, string version, string feed, string work)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        foreach (var file in corpus.Files)
        {
            var path = Path.Combine(directory, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
        }

        var references = new StringBuilder();
        references.AppendLine("    <PackageReference Include=\"Microsoft.ML\" Version=\"5.0.1\" />");
        references.AppendLine("    <PackageReference Include=\"Microsoft.Data.Sqlite\" Version=\"10.0.5\" />");
        switch (mode)
        {
            case BuildMode.BannedApi:
                references.AppendLine("    <PackageReference Include=\"Microsoft.CodeAnalysis.BannedApiAnalyzers\" Version=\"5.6.0\" PrivateAssets=\"all\" />");
                references.AppendLine(CultureInfo.InvariantCulture, $"    <PackageReference Include=\"MlAtScale.Attributes\" Version=\"{version}\" />");
                references.AppendLine("    <AdditionalFiles Include=\"BannedSymbols.txt\" />");
                File.WriteAllText(Path.Combine(directory, "BannedSymbols.txt"), BannedSymbols(corpus));
                break;
            case BuildMode.OursReport or BuildMode.OursNoReport or BuildMode.OursViolations:
                references.AppendLine(CultureInfo.InvariantCulture, $"    <PackageReference Include=\"MlAtScale.Analyzers\" Version=\"{version}\" />");
                File.WriteAllText(Path.Combine(directory, "MlRoles.txt"), OwnershipPolicy(corpus, allowEveryEdge: mode != BuildMode.OursViolations));
                break;
            case BuildMode.None:
                // The role attributes are still needed by the code (here and with BannedApi): their own package, no analyzer.
                references.AppendLine(CultureInfo.InvariantCulture, $"    <PackageReference Include=\"MlAtScale.Attributes\" Version=\"{version}\" />");
                break;
        }

        File.WriteAllText(Path.Combine(directory, "Synth.Monorepo.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>disable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <EnableNETAnalyzers>false</EnableNETAnalyzers>
                <GenerateDocumentationFile>false</GenerateDocumentationFile>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                <NoWarn>$(NoWarn);CS1998;CS0067;CS0169;CS0414;CS0649</NoWarn>
                <RestorePackagesPath>{Path.Combine(work, "packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local-feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);

        // Outside the repository: none of its build files apply; an empty Directory.Build.* stops the search.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");
    }

    /// <summary>
    /// The IDE's case, in-process: one Data Science document of a compilation in which that document was
    /// just edited (a new compilation, as after each keystroke). Our analyzers' semantic diagnostics of
    /// the document against the compiler's own semantic diagnostics of it, each on its own new
    /// compilation, medians of wall time (one thread).
    /// </summary>
    public static async Task<(double Compiler, double Ours)> OneDocumentAsync(int size, int repeats, CancellationToken cancellationToken)
    {
        var corpus = CorpusGenerator.Generate(size);
        var policy = ImmutableArray.Create<AdditionalText>(new MemoryAdditionalText("/synth/MlRoles.txt", OwnershipPolicy(corpus, allowEveryEdge: false)));
        var compilation = Bench.Create(Bench.Parse(corpus, cancellationToken));
        compilation.GetDiagnostics(cancellationToken);
        var file = corpus.Files.Where(f => f.Owner == FileOwner.DataScience).OrderBy(f => Math.Abs(f.Index - corpus.FileCount / 2)).First();
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == file.Path);
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(policy), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        var compilerTimes = new List<double>();
        var ourTimes = new List<double>();
        for (var r = -3; r < repeats; r++)
        {
            // An edit that changes nothing but still makes a new tree and a new compilation.
            var edited = tree.WithChangedText(tree.GetText(cancellationToken).Replace(0, 0, " "));
            var forCompiler = compilation.ReplaceSyntaxTree(tree, edited);
            var clock = Stopwatch.StartNew();
            forCompiler.GetSemanticModel(edited).GetDiagnostics(cancellationToken: cancellationToken);
            var compilerMs = clock.Elapsed.TotalMilliseconds;

            var forUs = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText(cancellationToken).Replace(0, 0, " ")));
            var ourTree = forUs.SyntaxTrees.Single(t => t.FilePath == file.Path);
            clock.Restart();
            await forUs.WithAnalyzers(Bench.OurAnalyzers, options).GetAnalyzerSemanticDiagnosticsAsync(forUs.GetSemanticModel(ourTree), null, cancellationToken).ConfigureAwait(false);
            var oursMs = clock.Elapsed.TotalMilliseconds;
            if (r >= 0)
            {
                compilerTimes.Add(compilerMs);
                ourTimes.Add(oursMs);
            }
        }

        return (CompileBenchmark.Median(compilerTimes), CompileBenchmark.Median(ourTimes));
    }

    private static void WriteTable(StringBuilder table, List<BuildFigures> figures, Dictionary<int, (double Compiler, double Ours)> documents, List<ShapeResult> shapes, SortedDictionary<string, double> ratios, string loadBefore, string loadAfter)
    {
        table.AppendLine("### Whole builds: what users pay");
        table.AppendLine();
        table.AppendLine(CultureInfo.InvariantCulture, $"Load average before: {loadBefore}; after: {loadAfter}.");
        table.AppendLine();
        table.AppendLine("| N files | build | CPU s (median) | Csc s (median) | wall s (median) | warnings | CPU s of each run |");
        table.AppendLine("|---:|---|---:|---:|---:|---:|---|");
        foreach (var f in figures)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {f.Files} | {Describe(f.Mode)} | {f.CpuSeconds:F1} | {f.CscSeconds:F1} | {f.WallSeconds:F1} | {f.Warnings} | {string.Join(", ", f.CpuRuns.Select(c => c.ToString("F1", CultureInfo.InvariantCulture)))} |");
        }

        table.AppendLine();
        table.AppendLine("| target | " + string.Join(" | ", documents.Keys.Select(n => $"N = {n}")) + " | bound |");
        table.AppendLine("|---|" + string.Concat(documents.Keys.Select(_ => "---:|")) + "---:|");
        void Row(string name, string key, Func<int, double> value, double bound)
        {
            var cells = new List<string>();
            foreach (var n in documents.Keys)
            {
                var v = value(n);
                ratios[FormattableString.Invariant($"{key}@{n:D4}")] = v;
                cells.Add(FormattableString.Invariant($"{v:F2}{(v <= bound ? string.Empty : " (missed)")}"));
            }

            table.AppendLine(FormattableString.Invariant($"| {name} | {string.Join(" | ", cells)} | ≤ {bound:F2} |"));
        }

        double Cpu(int n, BuildMode m) => figures.Single(f => f.Files == n && f.Mode == m).CpuSeconds;
        double Csc(int n, BuildMode m) => figures.Single(f => f.Files == n && f.Mode == m).CscSeconds;
        Row("whole-build CPU: ours (report on) / no analyzers", "oursReport/none", n => Cpu(n, BuildMode.OursReport) / Cpu(n, BuildMode.None), 1.10);
        Row("whole-build CPU: ours (report on) / BannedApi", "oursReport/bannedApi", n => Cpu(n, BuildMode.OursReport) / Cpu(n, BuildMode.BannedApi), 0.85);
        Row("Csc: ours (report off) / BannedApi", "cscOursNoReport/cscBannedApi", n => Csc(n, BuildMode.OursNoReport) / Csc(n, BuildMode.BannedApi), 0.90);
        Row("whole-build CPU: many violations / none", "violations/none", n => Cpu(n, BuildMode.OursViolations) / Cpu(n, BuildMode.OursReport), 1.25);
        Row("one document: ours / the compiler's semantic diagnostics", "document/compiler", n => documents[n].Ours / documents[n].Compiler, 1.50);
        table.AppendLine();
        table.AppendLine(string.Join("; ", documents.Select(d => FormattableString.Invariant($"one document at N = {d.Key}: compiler {d.Value.Compiler:F1} ms, ours {d.Value.Ours:F1} ms (medians)"))) + ".");
        table.AppendLine();
        if (shapes.Count > 0)
        {
            table.AppendLine("| pathological shape | N | ours: CPU ms | no-op: CPU ms | ours / no-op (≤ 2.00) |");
            table.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var s in shapes)
            {
                ratios[FormattableString.Invariant($"shape:{s.Kind}@{s.Size}")] = s.Ratio;
                table.AppendLine(FormattableString.Invariant($"| {s.Kind} | {s.Size} | {s.OursMs:F0} | {s.NoOpMs:F0} | {s.Ratio:F2}{(s.Ratio <= Shapes.MaxRatio ? string.Empty : " (missed)")} |"));
            }

            table.AppendLine();
        }
    }

    private static string Describe(BuildMode mode) => mode switch
    {
        BuildMode.None => "no analyzers",
        BuildMode.BannedApi => "BannedApiAnalyzers 5.6.0, equivalent list",
        BuildMode.OursReport => "ours, every edge allowed, report on",
        BuildMode.OursNoReport => "ours, every edge allowed, report off",
        _ => "ours, no edge allowed (violations)",
    };

    private static double TaskSeconds(string output, string task)
    {
        // Task Performance Summary:  "     12345 ms  Csc                                        1 calls"
        var match = Regex.Match(output, @"^\s*(\d+) ms\s+" + Regex.Escape(task) + @"\s+\d+ calls", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) / 1000 : double.NaN;
    }

    private static int Warnings(string output)
    {
        var match = Regex.Match(output, @"^\s*(\d+) Warning\(s\)", RegexOptions.Multiline);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Tail(string output) => output.Length <= 4000 ? output : output[^4000..];

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MlAtScale.Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (MlAtScale.Analyzers.sln) was not found above " + AppContext.BaseDirectory);
    }

    private static (int ExitCode, string Output) Run(string directory, string fileName, params string[] arguments) =>
        ReportBenchmark.RunProcess(fileName, directory, arguments);

    /// <summary>User + system CPU seconds of every terminated child this process has waited for (and their waited-for descendants).</summary>
    private static double ChildrenCpuSeconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the whole-build benchmark reads getrusage(RUSAGE_CHILDREN), which it implements for Linux");
        }

        if (getrusage(RusageChildren, out var usage) != 0)
        {
            throw new InvalidOperationException("getrusage failed: errno " + Marshal.GetLastPInvokeError());
        }

        return usage.UserSeconds + usage.UserMicroseconds / 1e6 + usage.SystemSeconds + usage.SystemMicroseconds / 1e6;
    }

    private const int RusageChildren = -1;

    [DllImport("libc", SetLastError = true)]
#pragma warning disable CA5392 // libc is the platform's C library, not a file next to the benchmark.
    private static extern int getrusage(int who, out Rusage usage);
#pragma warning restore CA5392

    /// <summary>struct rusage on 64-bit Linux: two timevals, then 14 longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long Ixrss;
        public long Idrss;
        public long Isrss;
        public long Minflt;
        public long Majflt;
        public long Nswap;
        public long Inblock;
        public long Oublock;
        public long Msgsnd;
        public long Msgrcv;
        public long Nsignals;
        public long Nvcsw;
        public long Nivcsw;
    }
}
