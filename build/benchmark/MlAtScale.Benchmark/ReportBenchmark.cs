using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlAtScale.Build.Tasks;

namespace MlAtScale.Benchmark;

/// <summary>What the report task costs.</summary>
internal sealed record ReportResult(
    int Types,
    double CscMs,
    double FirstRunMs,
    double UnchangedRunMs,
    bool UnchangedRunRewroteFiles,
    string Summary,
    double? MsBuildFirstMs,
    double? MsBuildNoChangeMs,
    bool? MsBuildNoChangeSkipped,
    bool? MsBuildNoChangeAfterIdenticalRebuildSkipped);

/// <summary>
/// The report task on a real assembly and a real SARIF log: the corpus is compiled by the SDK's csc
/// with the analyzer and <c>/errorlog</c>, as in a build. Then the task runs in-process (first run, and
/// a run on unchanged inputs), and, when asked, the task's MSBuild target runs twice in a real
/// <c>dotnet msbuild</c> to show that a no-change build skips it.
/// </summary>
internal static class ReportBenchmark
{
    public static ReportResult Run(Corpus corpus, string workDirectory, int repeats, bool msbuild, bool reuseBuild, TextWriter log)
    {
        var sources = Path.Combine(workDirectory, "src");
        var obj = Path.Combine(workDirectory, "obj");
        var policyPath = Path.Combine(workDirectory, "MlRoles.txt");
        var assemblyPath = Path.Combine(obj, "Synth.Monorepo.dll");
        var sarifPath = Path.Combine(obj, "Synth.Monorepo.mlroles.sarif");
        var stampPath = Path.Combine(workDirectory, "csc.stamp");
        var key = BuildKey(corpus);
        double cscMs;
        if (reuseBuild && File.Exists(assemblyPath) && File.Exists(sarifPath) && File.Exists(stampPath) &&
            File.ReadAllLines(stampPath) is [var stampedKey, var stampedMs] && stampedKey == key)
        {
            // Same corpus, same analyzer: keep the compiled assembly and SARIF log, drop every report output.
            cscMs = double.Parse(stampedMs, System.Globalization.CultureInfo.InvariantCulture);
            foreach (var output in new[] { Path.Combine(obj, "report"), Path.Combine(obj, "msbuild"), Path.Combine(workDirectory, "artifacts") })
            {
                if (Directory.Exists(output))
                {
                    Directory.Delete(output, recursive: true);
                }
            }

            log.WriteLine($"    report: reusing the compiled corpus of an earlier run (csc took {cscMs:F0} ms then)");
        }
        else
        {
            if (Directory.Exists(workDirectory))
            {
                Directory.Delete(workDirectory, recursive: true);
            }

            Directory.CreateDirectory(sources);
            Directory.CreateDirectory(obj);
            File.WriteAllText(Path.Combine(workDirectory, "Synth.Monorepo.csproj"), "<Project />\n");
            File.WriteAllText(policyPath, corpus.Policy);
            cscMs = Csc(corpus, workDirectory, sources, assemblyPath, sarifPath, policyPath);
            File.WriteAllLines(stampPath, new[] { key, cscMs.ToString("R", System.Globalization.CultureInfo.InvariantCulture) });
            log.WriteLine($"    report: csc compiled {corpus.TypeCount} types in {cscMs:F0} ms");
        }

        var reportDirectory = Path.Combine(obj, "report");
        var task = CreateTask(workDirectory, assemblyPath, sarifPath, policyPath, reportDirectory);
        var stopwatch = Stopwatch.StartNew();
        var ok = task.Execute();
        stopwatch.Stop();
        var firstMs = stopwatch.Elapsed.TotalMilliseconds;
        var engine = (QuietEngine)task.BuildEngine;
        if (!ok || engine.Problems.Count > 0)
        {
            throw new InvalidOperationException("the report task failed: " + string.Join("; ", engine.Problems));
        }

        log.WriteLine($"    report: first run {firstMs:F0} ms; {engine.Phases}");
        var outputs = Directory.GetFiles(reportDirectory).ToDictionary(p => p, File.GetLastWriteTimeUtc);
        var unchanged = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            CompileBenchmark.Quiesce();
            var again = CreateTask(workDirectory, assemblyPath, sarifPath, policyPath, reportDirectory);
            stopwatch.Restart();
            again.Execute();
            stopwatch.Stop();
            unchanged.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        var rewrote = outputs.Any(o => File.GetLastWriteTimeUtc(o.Key) != o.Value);
        log.WriteLine($"    report: first run {firstMs:F0} ms, unchanged inputs {CompileBenchmark.Median(unchanged):F0} ms (rewrote files: {rewrote}); {task.Summary}");

        double? msbuildFirst = null, msbuildNoChange = null;
        bool? skipped = null, skippedAfterRebuild = null;
        if (msbuild)
        {
            (msbuildFirst, msbuildNoChange, skipped, skippedAfterRebuild) = MsBuild(workDirectory, assemblyPath, sarifPath, log);
        }

        return new ReportResult(corpus.TypeCount, cscMs, firstMs, CompileBenchmark.Median(unchanged), rewrote, task.Summary, msbuildFirst, msbuildNoChange, skipped, skippedAfterRebuild);
    }

    /// <summary>What the compiled corpus depends on: the sources, the policy, the analyzer build and the references.</summary>
    private static string BuildKey(Corpus corpus)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        var text = new StringBuilder();
        text.Append(corpus.Policy).Append('\0');
        foreach (var file in corpus.Files)
        {
            text.Append(file.Path).Append('\0').Append(file.Text).Append('\0');
        }

        var analyzer = typeof(MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer).Assembly;
        text.Append(analyzer.ManifestModule.ModuleVersionId).Append('\0');
        text.Append(string.Join("|", Bench.ReferencePaths)).Append('\0');
        text.Append(File.ReadAllText(Path.GetFullPath(Bench.Metadata("ReportGlobalConfig"))));
        return Convert.ToHexString(sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static GenerateMlRoleReport CreateTask(string workDirectory, string assemblyPath, string sarifPath, string policyPath, string reportDirectory) => new()
    {
        BuildEngine = new QuietEngine(),
        AssemblyPath = assemblyPath,
        SarifPath = sarifPath,
        PolicyFiles = new ITaskItem[] { new TaskItem(policyPath) },
        References = Bench.ReferencePaths.Select(p => (ITaskItem)new TaskItem(p)).ToArray(),
        ProjectPath = Path.Combine(workDirectory, "Synth.Monorepo.csproj"),
        ProjectName = "Synth.Monorepo",
        TargetFramework = "net10.0",
        RepositoryRoot = workDirectory,
        ReportDirectory = reportDirectory,
        RepositoryReport = true,
        RepositoryReportDirectory = Path.Combine(workDirectory, "artifacts", "mlroles"),
    };

    /// <summary>The SDK's csc with our analyzer, the report's globalconfig and a SARIF 2.1 error log, from a response file.</summary>
    private static double Csc(Corpus corpus, string workDirectory, string sources, string assemblyPath, string sarifPath, string policyPath)
    {
        var rsp = new StringBuilder();
        foreach (var option in new[] { "/nologo", "/noconfig", "/nostdlib+", "/target:library", "/deterministic+", "/optimize+", "/nullable:disable", "/langversion:latest" })
        {
            rsp.AppendLine(option);
        }

        rsp.AppendLine(Quote("/out:" + assemblyPath));
        rsp.AppendLine(Quote("/errorlog:" + sarifPath + ",version=2.1"));
        rsp.AppendLine(Quote("/analyzer:" + typeof(MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer).Assembly.Location));
        rsp.AppendLine(Quote("/analyzerconfig:" + Path.GetFullPath(Bench.Metadata("ReportGlobalConfig"))));
        rsp.AppendLine(Quote("/additionalfile:" + policyPath));
        foreach (var reference in Bench.ReferencePaths)
        {
            rsp.AppendLine(Quote("/reference:" + reference));
        }

        foreach (var file in corpus.Files)
        {
            var path = Path.Combine(sources, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text);
            rsp.AppendLine(Quote(path));
        }

        var rspPath = Path.Combine(workDirectory, "csc.rsp");
        File.WriteAllText(rspPath, rsp.ToString());
        var stopwatch = Stopwatch.StartNew();
        var (exitCode, output) = RunProcess(DotNet(), workDirectory, Bench.Metadata("CscPath"), "@" + rspPath);
        stopwatch.Stop();
        if (exitCode != 0 || !File.Exists(sarifPath))
        {
            throw new InvalidOperationException($"csc failed ({exitCode}):\n{string.Join("\n", output.Split('\n').Where(l => l.Contains("error", StringComparison.Ordinal)).Take(10))}");
        }

        return stopwatch.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// A project that imports the report targets with CoreCompile stubbed out (the assembly and SARIF
    /// log exist already). Build 1 runs the task; build 2, with nothing changed, must skip its target.
    /// Then the assembly and the log are touched, as an identical recompile does; build 3 runs the task
    /// again, and build 4 must skip it.
    /// </summary>
    private static (double First, double NoChange, bool Skipped, bool SkippedAfterIdenticalRebuild) MsBuild(string workDirectory, string assemblyPath, string sarifPath, TextWriter log)
    {
        var tasksAssembly = typeof(GenerateMlRoleReport).Assembly.Location;
        var references = string.Join(Environment.NewLine, Bench.ReferencePaths.Select(p => $"    <ReferencePath Include=\"{p}\" />"));
        var project = Path.Combine(workDirectory, "Report.proj");
        File.WriteAllText(project, $"""
<Project>
  <PropertyGroup>
    <Language>C#</Language>
    <TargetName>Synth.Monorepo</TargetName>
    <TargetFramework>net10.0</TargetFramework>
    <IntermediateOutputPath>obj/msbuild/</IntermediateOutputPath>
    <ErrorLog>{sarifPath},version=2.1</ErrorLog>
    <MlAtScaleTasksAssembly>{tasksAssembly}</MlAtScaleTasksAssembly>
    <MlAtScaleRepositoryRoot>{workDirectory}</MlAtScaleRepositoryRoot>
    <MlAtScaleRepositoryReportDirectory>artifacts/mlroles-msbuild/</MlAtScaleRepositoryReportDirectory>
  </PropertyGroup>
  <ItemGroup>
    <IntermediateAssembly Include="{assemblyPath}" />
    <AdditionalFiles Include="MlRoles.txt" />
{references}
  </ItemGroup>
  <Import Project="{Path.GetFullPath(Bench.Metadata("ReportTargets"))}" />
  <Target Name="CoreCompile" />
  <Target Name="Build" DependsOnTargets="CoreCompile" />
</Project>
""");

        (double Ms, bool Ran) Build()
        {
            var stopwatch = Stopwatch.StartNew();
            var (exitCode, output) = RunProcess(DotNet(), workDirectory, "msbuild", project, "-t:Build", "-nologo", "-nodeReuse:false", "-v:n", "-p:UseSharedCompilation=false");
            stopwatch.Stop();
            if (exitCode != 0)
            {
                throw new InvalidOperationException("msbuild failed:\n" + output);
            }

            // Every build prints the summary line (a skipped report target prints the one on disk), so whether
            // the target ran is told by MSBuild's own "Skipping target" line.
            var summarized = output.Contains(" role report ", StringComparison.Ordinal) && output.Contains("MlAtScale: ", StringComparison.Ordinal);
            var skipped = output.Contains("Skipping target \"MlAtScaleRoleReport\"", StringComparison.Ordinal);
            if (!summarized)
            {
                throw new InvalidOperationException("the build printed no role report line:\n" + output);
            }

            return (stopwatch.Elapsed.TotalMilliseconds, !skipped);
        }

        var first = Build();
        var noChange = Build();
        var touched = DateTime.UtcNow.AddSeconds(1);
        File.SetLastWriteTimeUtc(assemblyPath, touched);
        File.SetLastWriteTimeUtc(sarifPath, touched);
        var afterRebuild = Build();
        var noChangeAfterRebuild = Build();
        log.WriteLine($"    report in msbuild: build 1 {first.Ms:F0} ms (task ran: {first.Ran}), no-change build {noChange.Ms:F0} ms (task ran: {noChange.Ran}); after an identical recompile: task ran {afterRebuild.Ran}, next no-change build ran it: {noChangeAfterRebuild.Ran}");
        return (first.Ms, noChange.Ms, !noChange.Ran, !noChangeAfterRebuild.Ran);
    }

    private static string DotNet()
    {
        var host = Bench.Metadata("DotNetHost");
        return string.IsNullOrEmpty(host) || !File.Exists(host) ? "dotnet" : host;
    }

    private static string Quote(string argument) => "\"" + argument + "\"";

    /// <summary>Runs a process to its end and returns its exit code and its output and error text.</summary>
    internal static (int ExitCode, string Output) RunProcess(string fileName, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A benchmark run inside `dotnet test` or with CI=true must not inherit MSBuild state or turn the corpus' warnings into errors.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    /// <summary>A build engine that keeps warnings and errors and drops messages.</summary>
    private sealed class QuietEngine : IBuildEngine
    {
        public List<string> Problems { get; } = new();

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "Synth.Monorepo.csproj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public void LogErrorEvent(BuildErrorEventArgs e) => Problems.Add("error " + e.Code + ": " + e.Message);

        /// <summary>The task's phase timings ("MlAtScale: role report phases (ms), ..."), logged at low importance.</summary>
        public string? Phases { get; private set; }

        public void LogMessageEvent(BuildMessageEventArgs e)
        {
            if (e.Message?.StartsWith("MlAtScale: role report phases", StringComparison.Ordinal) == true)
            {
                Phases = e.Message;
            }
        }

        public void LogWarningEvent(BuildWarningEventArgs e) => Problems.Add("warning " + e.Code + ": " + e.Message);
    }
}
