using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace MlAtScale.Integration.Tests;

/// <summary>The outcome of one `dotnet` command: its exit code and everything it printed.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output)
{
    /// <summary>Compiler and MSBuild diagnostics of the MlAtScale rules (MLR*/MLB*), de-duplicated.</summary>
    public IReadOnlyList<BuildDiagnostic> Diagnostics(string idPrefix = "ML") =>
        BuildDiagnostic.Parse(Output).Where(d => d.Id.StartsWith(idPrefix, StringComparison.Ordinal)).ToList();

    /// <summary>The output before MSBuild's closing summary, which repeats every warning and error.</summary>
    public string Log
    {
        get
        {
            var summary = Regex.Match(Output, @"^Build (succeeded|FAILED)\.", RegexOptions.Multiline);
            return summary.Success ? Output.Substring(0, summary.Index) : Output;
        }
    }

    public string Describe() => $"`{CommandLine}` exited with {ExitCode}:{Environment.NewLine}{Output}";
}

/// <summary>One `file(line,col): severity ID: message` line of build output.</summary>
public sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id, string Message)
{
    // MSBuild's canonical error format; the trailing " [project]" is MSBuild's, not the message's.
    private static readonly Regex Canonical = new(
        @"^\s*(?<file>.+?)\((?<line>\d+),(?<col>\d+)\): (?<sev>warning|error) (?<id>[A-Z]+\d+): (?<msg>.*?)(?: \[[^\]]+\])?$",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    // MSBuild warnings raised on the project itself carry no column: "file : warning ID: message".
    private static readonly Regex FileOnly = new(
        @"^\s*(?<file>.+?) : (?<sev>warning|error) (?<id>[A-Z]+\d+): (?<msg>.*?)(?: \[[^\]]+\])?$",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    public static IEnumerable<BuildDiagnostic> Parse(string output)
    {
        var canonical = Canonical.Matches(output).Select(m => new BuildDiagnostic(
            m.Groups["file"].Value, int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(m.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture),
            m.Groups["sev"].Value, m.Groups["id"].Value, m.Groups["msg"].Value.TrimEnd()));
        var fileOnly = FileOnly.Matches(output).Select(m => new BuildDiagnostic(
            m.Groups["file"].Value, 0, 0, m.Groups["sev"].Value, m.Groups["id"].Value, m.Groups["msg"].Value.TrimEnd()));
        return canonical.Concat(fileOnly).Distinct();
    }

    /// <summary>Location and ID only, for comparing sets of diagnostics exactly.</summary>
    public string Key => $"{File}({Line},{Column}): {Severity} {Id}";
}

/// <summary>Runs the `dotnet` that runs these tests, isolated from the developer's machine state.</summary>
public static class DotNet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static string Executable =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static CommandResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = StartInfo(workingDirectory, environment, arguments);

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"`dotnet {string.Join(' ', arguments)}` did not finish within {Timeout}:{Environment.NewLine}{output}");
        }

        // The parameterless overload also waits for the redirected streams to be drained.
        process.WaitForExit();
        lock (output)
        {
            return new CommandResult($"dotnet {string.Join(' ', arguments)}", process.ExitCode, output.ToString());
        }
    }

    /// <summary>A `dotnet` command with redirected output and the isolated environment every command here gets.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Variables the test host or an outer build may have set must not steer the inner builds.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["MSBUILDTERMINALLOGGER"] = "off";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
