using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MlAtScale.Build.Tasks;

/// <summary>
/// MLR0013: the build found no policy file. Says once which folders were searched and how the file must
/// be named, and names the likely mistake when there is one: a file whose name differs only in case
/// (the search is case-sensitive where the file system is), or an <c>MlRoles.txt</c> in a subfolder of
/// the project, which the upward search never sees. A likely mistake is a warning; no file at all is a
/// message, because a project may use attributes only.
/// </summary>
public sealed class ReportMissingPolicy : Task
{
    public const string Code = "MLR0013";
    private const string PolicyFileName = "MlRoles.txt";
    private const int SubfolderDepth = 3;
    private static readonly string[] SkippedFolders = { "bin", "obj", "node_modules", "packages", "artifacts" };

    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>The likely mistakes found (for tests and for other targets).</summary>
    [Output]
    public ITaskItem[] Candidates { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var project = Path.GetFullPath(ProjectDirectory);
        var searched = new List<string>();
        var candidates = new List<(string Path, string Why)>();
        for (var folder = new DirectoryInfo(project); folder is not null; folder = folder.Parent)
        {
            searched.Add(folder.FullName);
            foreach (var file in Files(folder.FullName))
            {
                var name = Path.GetFileName(file);
                if (!string.Equals(name, PolicyFileName, StringComparison.Ordinal) && string.Equals(name, PolicyFileName, StringComparison.OrdinalIgnoreCase))
                {
                    candidates.Add((file, $"named '{name}': rename it to '{PolicyFileName}' (the name is case-sensitive here)"));
                }
            }
        }

        foreach (var file in Below(project, 1))
        {
            candidates.Add((file, $"in a subfolder of the project, which the search (the project folder and the folders above it) does not look into: move it to '{project}', or set MlAtScalePolicyFile={RelativePath(project, file)}"));
        }

        Candidates = candidates.Select(c => (ITaskItem)new TaskItem(c.Path)).ToArray();
        var where = searched.Count == 1
            ? $"'{searched[0]}'"
            : $"'{searched[0]}' and the {searched.Count - 1} folders above it (up to '{searched[searched.Count - 1]}')";
        var text = $"no role policy file was found for this project: searched {where} for a file named exactly '{PolicyFileName}'.";
        if (candidates.Count > 0)
        {
            var mistakes = string.Join("; ", candidates.Take(3).Select(c => $"'{c.Path}' is {c.Why}"));
            Log.LogWarning(null, Code, null, ProjectPath, 0, 0, 0, 0, $"{text} Likely mistake: {mistakes}. Until then, roles come only from attributes and the built-in catalog.");
        }
        else
        {
            Log.LogMessage(null, Code, null, ProjectPath, 0, 0, 0, 0, MessageImportance.High, $"MlAtScale {Code}: {text} Roles come only from attributes and the built-in catalog. Add '{PolicyFileName}' next to the project or above it, set MlAtScalePolicyFile, or set MlAtScaleDiscoverPolicyFiles=false to search for none.");
        }

        return true;
    }

    private static IEnumerable<string> Files(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder, "*.txt").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return Array.Empty<string>();
        }
    }

    /// <summary>Policy files (any case) in subfolders of <paramref name="folder"/>, a few levels deep, build output and hidden folders skipped.</summary>
    private static IEnumerable<string> Below(string folder, int depth)
    {
        if (depth > SubfolderDepth)
        {
            yield break;
        }

        string[] subfolders;
        try
        {
            subfolders = Directory.GetDirectories(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            yield break;
        }

        foreach (var sub in subfolders.OrderBy(f => f, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(sub);
            if (name.StartsWith(".", StringComparison.Ordinal) || SkippedFolders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var file in Files(sub).Where(f => string.Equals(Path.GetFileName(f), PolicyFileName, StringComparison.OrdinalIgnoreCase)))
            {
                yield return file;
            }

            foreach (var file in Below(sub, depth + 1))
            {
                yield return file;
            }
        }
    }

    private static string RelativePath(string from, string to) =>
        to.StartsWith(from + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? to.Substring(from.Length + 1) : to;
}
