using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>The result of one run of the SDK's real C# compiler.</summary>
internal sealed record Compiled(string AssemblyPath, string SarifPath, int ExitCode, string Output);

/// <summary>
/// Runs the SDK's own csc with the real analyzer, the report's globalconfig and <c>/errorlog</c>, exactly
/// as a build does, so that the task is tested on real assemblies and real SARIF logs.
/// </summary>
internal static class Compiler
{
    public static string Metadata(string key) =>
        typeof(Compiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string AttributesPath => Path.GetFullPath(Metadata("AttributesPath"));

    /// <summary>Sources and the policy file go to <paramref name="sourceDirectory"/>, the assembly and the SARIF log to <paramref name="directory"/>.</summary>
    /// <param name="additionalFiles">More AdditionalFiles by file name (e.g. <c>MlRoles.baseline.txt</c>), written next to the sources.</param>
    /// <param name="globalConfig">The body of one more global analyzer config (e.g. <c>mlatscale.current_date = 2027-04-02</c>).</param>
    /// <param name="options">More compiler options (e.g. <c>/nowarn:MLR0001</c>, what MSBuild's NoWarn passes).</param>
    public static Compiled Compile(string sourceDirectory, string directory, string assemblyName, IReadOnlyDictionary<string, string> sources, string? policy = null, IEnumerable<string>? references = null, IReadOnlyDictionary<string, string>? additionalFiles = null, string? globalConfig = null, IEnumerable<string>? options = null)
    {
        Directory.CreateDirectory(directory);
        Directory.CreateDirectory(sourceDirectory);
        var args = new List<string>
        {
            Metadata("CscPath"), "/nologo", "/noconfig", "/nostdlib+", "/target:library", "/deterministic+", "/nullable:enable",
            "/out:" + Path.Combine(directory, assemblyName + ".dll"),
            "/errorlog:" + Path.Combine(directory, assemblyName + ".sarif") + ",version=2.1",
            "/analyzer:" + Path.GetFullPath(Metadata("AnalyzerPath")),
            "/analyzerconfig:" + Path.GetFullPath(Metadata("ReportGlobalConfig")),
            "/reference:" + AttributesPath,
        };

        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        foreach (var name in new[] { "System.Private.CoreLib.dll", "System.Runtime.dll", "netstandard.dll", "System.Collections.dll", "System.Linq.dll" })
        {
            args.Add("/reference:" + Path.Combine(runtime, name));
        }

        foreach (var reference in references ?? Array.Empty<string>())
        {
            args.Add("/reference:" + reference);
        }

        if (policy != null)
        {
            var policyPath = Path.Combine(sourceDirectory, "MlRoles.txt");
            File.WriteAllText(policyPath, policy);
            args.Add("/additionalfile:" + policyPath);
        }

        foreach (var file in additionalFiles ?? new Dictionary<string, string>())
        {
            var path = Path.Combine(sourceDirectory, file.Key);
            File.WriteAllText(path, file.Value);
            args.Add("/additionalfile:" + path);
        }

        if (globalConfig != null)
        {
            var path = Path.Combine(directory, assemblyName + ".test.globalconfig");
            File.WriteAllText(path, "is_global = true\n" + globalConfig);
            args.Add("/analyzerconfig:" + path);
        }

        args.AddRange(options ?? Array.Empty<string>());
        foreach (var source in sources)
        {
            var path = Path.Combine(sourceDirectory, source.Key);
            File.WriteAllText(path, source.Value);
            args.Add(path);
        }

        var host = Metadata("DotNetHost");
        var start = new ProcessStartInfo(string.IsNullOrEmpty(host) ? "dotnet" : host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new Compiled(Path.Combine(directory, assemblyName + ".dll"), Path.Combine(directory, assemblyName + ".sarif"), process.ExitCode, output);
    }

    /// <summary>1-based line and column of the first occurrence of <paramref name="marker"/> in <paramref name="source"/>.</summary>
    public static (int Line, int Column) Position(string source, string marker, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = source.IndexOf(marker, index + 1, StringComparison.Ordinal);
            if (index < 0)
            {
                throw new ArgumentException($"'{marker}' occurs fewer than {occurrence} times");
            }
        }

        var line = source.Take(index).Count(c => c == '\n') + 1;
        var lineStart = index == 0 ? -1 : source.LastIndexOf('\n', index - 1);
        return (line, index - lineStart);
    }
}
