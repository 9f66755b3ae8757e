using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
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
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var analyzer = Path.Combine(AppContext.BaseDirectory, "MlAtScale.Analyzers.dll");
        var args = new List<string>
        {
            Repository.Metadata("CscPath"), "/nologo", "/noconfig", "/nostdlib+", "/target:library", "/deterministic+",
            "/out:" + AssemblyPath,
            "/errorlog:" + SarifPath + ",version=2.1",
            "/analyzer:" + analyzer,
            "/analyzerconfig:" + Path.Combine(Repository.Root, "src", "MlAtScale.Build.Tasks", "build", "MlAtScale.Analyzers.Report.globalconfig"),
            "/additionalfile:" + PolicyPath,
            "/reference:" + AttributesPath,
            "/reference:" + Path.Combine(runtime, "System.Private.CoreLib.dll"),
            "/reference:" + Path.Combine(runtime, "System.Runtime.dll"),
            "/reference:" + Path.Combine(runtime, "netstandard.dll"),
            Path.Combine(ProjectDirectory, "Code.cs"),
        };
        var host = Repository.Metadata("DotNetHost");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(host) ? "dotnet" : host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(AssemblyPath) || !File.Exists(SarifPath))
        {
            throw new InvalidOperationException("csc failed:\n" + output);
        }

        OriginalAssembly = File.ReadAllBytes(AssemblyPath);
        OriginalSarif = File.ReadAllBytes(SarifPath);
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
