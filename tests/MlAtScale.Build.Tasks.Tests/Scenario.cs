using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>A throw-away repository folder with a project file, a compiled assembly and its SARIF log.</summary>
internal sealed class Scenario : IDisposable
{
    public Scenario()
    {
        Root = Path.Combine(Path.GetTempPath(), "mlroles-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, ".git"));
    }

    public string Root { get; }

    public string ProjectDirectory(string name) => Path.Combine(Root, "src", name);

    public string ProjectPath(string name) => Path.Combine(ProjectDirectory(name), name + ".csproj");

    public Compiled Compile(string name, IReadOnlyDictionary<string, string> sources, string? policy = null, IEnumerable<string>? references = null, IReadOnlyDictionary<string, string>? additionalFiles = null, string? globalConfig = null, IEnumerable<string>? options = null)
    {
        Directory.CreateDirectory(ProjectDirectory(name));
        File.WriteAllText(ProjectPath(name), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        var compiled = Compiler.Compile(ProjectDirectory(name), Path.Combine(ProjectDirectory(name), "obj"), name, sources, policy, references, additionalFiles, globalConfig, options);
        if (compiled.ExitCode != 0)
        {
            throw new InvalidOperationException("the test input does not compile:\n" + compiled.Output);
        }

        return compiled;
    }

    public GenerateMlRoleReport Task(string name, Compiled compiled, FakeBuildEngine engine, string? reportDirectory = null) => new()
    {
        BuildEngine = engine,
        AssemblyPath = compiled.AssemblyPath,
        SarifPath = compiled.SarifPath,
        PolicyFiles = File.Exists(Path.Combine(ProjectDirectory(name), "MlRoles.txt"))
            ? new ITaskItem[] { new TaskItem(Path.Combine(ProjectDirectory(name), "MlRoles.txt")), new TaskItem(compiled.AssemblyPath) }
            : Array.Empty<ITaskItem>(),
        References = new ITaskItem[] { new TaskItem(Compiler.AttributesPath) },
        ProjectPath = ProjectPath(name),
        ProjectName = name,
        TargetFramework = "net10.0",
        ReportDirectory = reportDirectory ?? Path.Combine(ProjectDirectory(name), "obj", "report"),
    };

    public static JsonElement Json(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.Clone();
    }

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
