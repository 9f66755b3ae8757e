using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlAtScale.Build.Tasks;
using MlAtScale.Robustness.Analysis;

namespace MlAtScale.Robustness.Tests;

/// <summary>
/// A throw-away repository with one project compiled by the SDK's own csc, with the real analyzer,
/// the report's globalconfig and /errorlog: the real assembly and the real SARIF log the report task reads.
/// </summary>
internal sealed class RealBuild : IDisposable
{
    public const string Policy = "N:Shop.Data = DataEngineering\nN:Shop.Models = DataScience\nDataScience -> DataEngineering\n";

    public const string Source = """
        namespace Shop.Data
        {
            public class Orders { public static int Count() => 3; }
        }

        namespace Shop.Models
        {
            public class Trainer { public int Rows() => Shop.Data.Orders.Count(); }
        }

        namespace Shop.Serving
        {
            [MlAtScale.Production]
            public class Host { public int Go() => new Shop.Models.Trainer().Rows(); }
        }
        """;

    public RealBuild(string name = "Shop", string source = Source)
    {
        Root = Path.Combine(Path.GetTempPath(), "mlroles-robustness", Guid.NewGuid().ToString("N"));
        Name = name;
        Directory.CreateDirectory(Path.Combine(Root, ".git"));
        Directory.CreateDirectory(ObjDirectory);
        File.WriteAllText(ProjectPath, "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        File.WriteAllText(PolicyPath, Policy);
        File.WriteAllText(Path.Combine(ProjectDirectory, "Code.cs"), source);
        // csc runs once per distinct source in a test run; each build gets its own copy of the outputs.
        var compiled = Compiled.GetOrAdd(source, _ => new Lazy<(byte[] Assembly, byte[] Sarif)>(() => Compile(source))).Value;
        File.WriteAllBytes(AssemblyPath, compiled.Assembly);
        File.WriteAllText(SarifPath, Encoding.UTF8.GetString(compiled.Sarif).Replace(CompileDirectory(source), ProjectDirectory, StringComparison.Ordinal));
        OriginalAssembly = File.ReadAllBytes(AssemblyPath);
        OriginalSarif = File.ReadAllBytes(SarifPath);
    }

    private static readonly ConcurrentDictionary<string, Lazy<(byte[] Assembly, byte[] Sarif)>> Compiled = new(StringComparer.Ordinal);

    /// <summary>Where <paramref name="source"/> is compiled (once); the SARIF log's paths point into it and are rewritten for each copy.</summary>
    private static string CompileDirectory(string source) =>
        Path.Combine(Path.GetTempPath(), "mlroles-robustness", "csc-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Corpus.RoleAssigner.StableHash(source).ToString(System.Globalization.CultureInfo.InvariantCulture), "src", "Shop");

    private static (byte[] Assembly, byte[] Sarif) Compile(string source)
    {
        var directory = CompileDirectory(source);
        var obj = Path.Combine(directory, "obj");
        Directory.CreateDirectory(obj);
        var code = Path.Combine(directory, "Code.cs");
        var policy = Path.Combine(directory, "MlRoles.txt");
        var assembly = Path.Combine(obj, "Shop.dll");
        var sarif = Path.Combine(obj, "Shop.sarif");
        File.WriteAllText(code, source);
        File.WriteAllText(policy, Policy);
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var args = new List<string>
        {
            Repository.Metadata("CscPath"), "/nologo", "/noconfig", "/nostdlib+", "/target:library", "/deterministic+",
            "/out:" + assembly,
            "/errorlog:" + sarif + ",version=2.1",
            "/analyzer:" + Path.Combine(AppContext.BaseDirectory, "MlAtScale.Analyzers.dll"),
            "/analyzerconfig:" + Path.Combine(Repository.Root, "src", "MlAtScale.Build.Tasks", "build", "MlAtScale.Analyzers.Report.globalconfig"),
            "/additionalfile:" + policy,
            "/reference:" + AttributesPath,
            "/reference:" + Path.Combine(runtime, "System.Private.CoreLib.dll"),
            "/reference:" + Path.Combine(runtime, "System.Runtime.dll"),
            "/reference:" + Path.Combine(runtime, "netstandard.dll"),
            code,
        };
        var host = Repository.Metadata("DotNetHost");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(host) ? "dotnet" : host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + error.Result;
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(assembly) || !File.Exists(sarif))
        {
            throw new InvalidOperationException("csc failed:\n" + output);
        }

        return (File.ReadAllBytes(assembly), File.ReadAllBytes(sarif));
    }

    public static string AttributesPath => Path.Combine(AppContext.BaseDirectory, "MlAtScale.Attributes.dll");

    public string Root { get; }

    public string Name { get; }

    public string ProjectDirectory => Path.Combine(Root, "src", Name);

    public string ProjectPath => Path.Combine(ProjectDirectory, Name + ".csproj");

    public string PolicyPath => Path.Combine(ProjectDirectory, "MlRoles.txt");

    public string ObjDirectory => Path.Combine(ProjectDirectory, "obj");

    public string AssemblyPath => Path.Combine(ObjDirectory, Name + ".dll");

    public string SarifPath => Path.Combine(ObjDirectory, Name + ".sarif");

    public string ReportDirectory => Path.Combine(ObjDirectory, "report");

    public byte[] OriginalAssembly { get; }

    public byte[] OriginalSarif { get; }

    public GenerateMlRoleReport Task(RecordingEngine engine, string? reportDirectory = null, string? assemblyPath = null, string? sarifPath = null) => new()
    {
        BuildEngine = engine,
        AssemblyPath = assemblyPath ?? AssemblyPath,
        SarifPath = sarifPath ?? SarifPath,
        PolicyFiles = new ITaskItem[] { new TaskItem(PolicyPath) },
        References = new ITaskItem[] { new TaskItem(AttributesPath) },
        ProjectPath = ProjectPath,
        ProjectName = Name,
        TargetFramework = "net10.0",
        ReportDirectory = reportDirectory ?? ReportDirectory,
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A build engine that keeps what the task logs (MSBuild's own engine interface, no behaviour of its own).</summary>
internal sealed class RecordingEngine : IBuildEngine
{
    private readonly object _gate = new();

    public List<BuildWarningEventArgs> Warnings { get; } = new();

    public List<BuildErrorEventArgs> Errors { get; } = new();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => string.Empty;

    public bool BuildProjectFile(string projectFileName, string[] targetNames, System.Collections.IDictionary globalProperties, System.Collections.IDictionary targetOutputs) => false;

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public void LogErrorEvent(BuildErrorEventArgs e)
    {
        lock (_gate)
        {
            Errors.Add(e);
        }
    }

    public void LogMessageEvent(BuildMessageEventArgs e)
    {
    }

    public void LogWarningEvent(BuildWarningEventArgs e)
    {
        lock (_gate)
        {
            Warnings.Add(e);
        }
    }

    public IEnumerable<string> Codes => Warnings.Select(w => w.Code).Concat(Errors.Select(e => e.Code));
}
