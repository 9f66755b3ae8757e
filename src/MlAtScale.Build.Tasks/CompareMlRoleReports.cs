using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlAtScale.Build.Tasks.Changes;
using MlAtScale.Build.Tasks.IO;

namespace MlAtScale.Build.Tasks;

/// <summary>
/// The pull-request view (<c>dotnet build -p:MlAtScaleCompareTo=&lt;base mlroles-report.json&gt;</c>): compares
/// the base report with this build's report of the same kind and writes <c>mlroles-changes.json</c> and
/// <c>mlroles-changes.md</c> beside it. A project base is compared with this project's report (other
/// projects of a solution build skip it); a repository base with the repository report, after this
/// project's merge, under the merge's lock, so the comparison that runs last sees every project.
/// </summary>
public sealed class CompareMlRoleReports : Task
{
    public const string JsonFileName = "mlroles-changes.json";
    public const string MarkdownFileName = "mlroles-changes.md";

    /// <summary>The base report (<c>$(MlAtScaleCompareTo)</c>), relative to the project folder or absolute.</summary>
    [Required]
    public string BaseReport { get; set; } = string.Empty;

    /// <summary>This project's <c>mlroles-report.json</c>.</summary>
    [Required]
    public string ProjectReport { get; set; } = string.Empty;

    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    /// <summary>Whether this build merges into the repository report (<c>$(MlAtScaleRepositoryReport)</c>).</summary>
    public bool RepositoryReport { get; set; }

    /// <summary>As for the report task: the repository report's folder, default <c>&lt;repository root&gt;/artifacts/mlroles</c>.</summary>
    public string? RepositoryReportDirectory { get; set; }

    public string? RepositoryRoot { get; set; }

    public string? SolutionDirectory { get; set; }

    /// <summary>The CI switch: the task's own warnings become errors.</summary>
    public bool TreatProblemsAsErrors { get; set; }

    public int RepositoryLockTimeoutSeconds { get; set; } = 120;

    /// <summary>The two files written beside the project report (for FileWrites); empty otherwise.</summary>
    [Output]
    public ITaskItem[] ChangesFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The console line, e.g. <c>MlAtScale: 1 new, 2 fixed violations vs base ...</c>.</summary>
    [Output]
    public string Summary { get; set; } = string.Empty;

    public override bool Execute()
    {
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectPath))!;
        string basePath;
        ReportSnapshot baseline;
        try
        {
            basePath = Path.GetFullPath(Path.Combine(projectDirectory, BaseReport.Trim()));
            baseline = ReportSnapshot.Read(File.ReadAllBytes(basePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Problem(null, $"the base report '{BaseReport}' cannot be read ({e.Message}); no changes report is written. Set MlAtScaleCompareTo to the mlroles-report.json of a build of the base branch.");
            return !Log.HasLoggedErrors;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            Problem(null, $"the base report '{BaseReport}' is not a role report: {e.Message}. No changes report is written. Set MlAtScaleCompareTo to the mlroles-report.json of a build of the base branch.");
            return !Log.HasLoggedErrors;
        }

        if (baseline.Kind == ReportSnapshot.ProjectKind)
        {
            CompareProject(projectDirectory, basePath, baseline);
        }
        else if (!RepositoryReport)
        {
            Problem(null, $"the base report '{BaseReport}' is a repository report, but this build writes none (MlAtScaleRepositoryReport=false). Pass a project's mlroles-report.json, or turn the repository report on.");
        }
        else
        {
            CompareRepository(projectDirectory, basePath, baseline);
        }

        return !Log.HasLoggedErrors;
    }

    private void CompareProject(string projectDirectory, string basePath, ReportSnapshot baseline)
    {
        var reportPath = Path.GetFullPath(Path.Combine(projectDirectory, ProjectReport));
        var current = ReadCurrent(reportPath);
        if (current is null)
        {
            return;
        }

        // A solution build passes one base to every project: only the project the base describes compares.
        if (!string.Equals(baseline.ProjectPath, current.ProjectPath, StringComparison.Ordinal) ||
            (baseline.TargetFramework.Length > 0 && current.TargetFramework.Length > 0 && baseline.TargetFramework != current.TargetFramework))
        {
            Log.LogMessage(MessageImportance.Normal, $"MlAtScale: the base report '{BaseReport}' describes '{baseline.ProjectPath}' ({baseline.TargetFramework}), not this build of '{current.ProjectPath}' ({current.TargetFramework}); not compared.");
            return;
        }

        var directory = Path.GetDirectoryName(reportPath)!;
        if (Write(directory, basePath, ReportChanges.Compare(baseline, current)))
        {
            // Beside the project report, in the intermediate folder: outputs of this build, kept by IncrementalClean.
            ChangesFiles = new ITaskItem[] { new TaskItem(Path.Combine(directory, JsonFileName)), new TaskItem(Path.Combine(directory, MarkdownFileName)) };
        }
    }

    private void CompareRepository(string projectDirectory, string basePath, ReportSnapshot baseline)
    {
        var root = string.IsNullOrEmpty(RepositoryRoot) ? RepoPaths.FindRoot(projectDirectory, SolutionDirectory) : Path.GetFullPath(RepositoryRoot);
        var directory = string.IsNullOrEmpty(RepositoryReportDirectory)
            ? Path.Combine(root, "artifacts", "mlroles")
            : Path.GetFullPath(Path.Combine(projectDirectory, RepositoryReportDirectory));

        // The merge of another project may be replacing the repository report right now: read it (and write the
        // changes) under the merge's own lock, so the last comparison of a parallel build sees the last merge.
        using var fileLock = FileLock.Acquire(Path.Combine(directory, ".mlroles.lock"), TimeSpan.FromSeconds(RepositoryLockTimeoutSeconds));
        if (fileLock is null)
        {
            Problem(null, $"the repository changes report in '{directory}' was not written: another build held the report's lock for {RepositoryLockTimeoutSeconds} s. The next build writes it.");
            return;
        }

        var current = ReadCurrent(Path.Combine(directory, GenerateMlRoleReport.JsonFileName));
        if (current is not null)
        {
            Write(directory, basePath, ReportChanges.Compare(baseline, current));
        }
    }

    private ReportSnapshot? ReadCurrent(string path)
    {
        if (!File.Exists(path))
        {
            Log.LogMessage(MessageImportance.Normal, $"MlAtScale: no role report at '{path}' to compare with the base (the report step did not write one); no changes report.");
            return null;
        }

        try
        {
            return ReportSnapshot.Read(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException)
        {
            Problem(path, $"this build's role report cannot be read for the comparison ({e.Message}); no changes report is written. Rebuild the project.");
            return null;
        }
    }

    private bool Write(string directory, string basePath, ReportChanges changes)
    {
        var jsonPath = Path.Combine(directory, JsonFileName);
        var markdownPath = Path.Combine(directory, MarkdownFileName);
        try
        {
            AtomicFile.WriteIfChanged(jsonPath, ChangesOutput.Json(changes));
            AtomicFile.WriteIfChanged(markdownPath, ChangesOutput.Markdown(changes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Problem(null, $"the changes report cannot be written to '{directory}': {e.Message}");
            return false;
        }

        Summary = $"MlAtScale: {changes.Headline} {basePath} ({changes.Kind} report); changes in {markdownPath}";
        Log.LogMessage(MessageImportance.High, Summary);
        return true;
    }

    private void Problem(string? file, string message) => Log.Problem(TreatProblemsAsErrors, BuildWarnings.ChangesReportProblem, file ?? ProjectPath, message);
}
