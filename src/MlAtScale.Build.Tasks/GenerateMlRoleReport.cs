using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using MlAtScale.Core.Edges;
using MlAtScale.Core.Policy;
using MlAtScale.Core.Precedence;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MlAtScale.Build.Tasks.IO;
using MlAtScale.Build.Tasks.Metadata;
using MlAtScale.Build.Tasks.Report;
using MlAtScale.Build.Tasks.Sarif;

namespace MlAtScale.Build.Tasks;

/// <summary>
/// Writes the role-ownership report of one project build: ownership from the built assembly's metadata,
/// edges and violations from the compiler's SARIF log (one rule engine), as JSON and Markdown, and
/// merges it into the repository report.
/// </summary>
public sealed class GenerateMlRoleReport : Task
{
    public const string JsonFileName = "mlroles-report.json";
    public const string MarkdownFileName = "mlroles-report.md";
    public const string HtmlFileName = "mlroles-report.html";
    public const string PolicyFileName = "MlRoles.txt";
    private const string RulePrefix = "MLR";
    private const string EdgeRuleId = "MLR0006";
    private const string ViolationRuleId = "MLR0001";

    /// <summary>The assembly this build produced (<c>@(IntermediateAssembly)</c>).</summary>
    [Required]
    public string AssemblyPath { get; set; } = string.Empty;

    /// <summary>The compiler's SARIF log of this build (the path part of <c>$(ErrorLog)</c>).</summary>
    public string? SarifPath { get; set; }

    /// <summary>The project's AdditionalFiles; those named MlRoles.txt are the policy files.</summary>
    public ITaskItem[] PolicyFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The CODEOWNERS file the compiler got as an additional file (the package finds it like GitHub), if any.</summary>
    public string? CodeOwnersFile { get; set; }

    /// <summary>The compile's <c>PathMap</c>, to read the PDB's source paths back as files on disk.</summary>
    public string? PathMap { get; set; }

    /// <summary>Reference paths, to follow base types of attributes and mapped types into other assemblies.</summary>
    public ITaskItem[] References { get; set; } = Array.Empty<ITaskItem>();

    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    public string? ProjectName { get; set; }

    public string? TargetFramework { get; set; }

    /// <summary>Paths in the report are relative to this folder; default: the folder holding the nearest .git, else <see cref="SolutionDirectory"/>, else the project folder.</summary>
    public string? RepositoryRoot { get; set; }

    public string? SolutionDirectory { get; set; }

    /// <summary>Where mlroles-report.json and mlroles-report.md of this project go.</summary>
    [Required]
    public string ReportDirectory { get; set; } = string.Empty;

    /// <summary>Whether to merge this build into the repository report.</summary>
    public bool RepositoryReport { get; set; }

    /// <summary>The repository report's folder (fragments under <c>projects/</c>); default: <c>&lt;repository root&gt;/artifacts/mlroles</c>.</summary>
    public string? RepositoryReportDirectory { get; set; }

    /// <summary>The CI switch: the task's own warnings become errors.</summary>
    public bool TreatProblemsAsErrors { get; set; }

    /// <summary>
    /// The compile of this build failed (the targets run the task from the build's error path then). The
    /// report is written from the compiler's log alone: the assembly, if any, is from an earlier build.
    /// </summary>
    public bool CompileFailed { get; set; }

    /// <summary>
    /// With <see cref="CompileFailed"/>: a file touched when this build reached the compile. A SARIF log
    /// older than it is an earlier build's, and no report is written from it (the old report is removed).
    /// </summary>
    public string? NotBefore { get; set; }

    /// <summary>Whether the task logs <see cref="Summary"/> itself (the package's targets print it, also for up-to-date builds).</summary>
    public bool LogSummary { get; set; } = true;

    /// <summary>How long to wait for another build that is merging the repository report.</summary>
    public int RepositoryLockTimeoutSeconds { get; set; } = 120;

    /// <summary>The two report files of this project (for FileWrites).</summary>
    [Output]
    public ITaskItem[] ReportFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The one-line summary that the task also logs.</summary>
    [Output]
    public string Summary { get; set; } = string.Empty;

    /// <summary>Phase timings of this run (logged at low importance).</summary>
    private readonly PhaseTimes _phases = new();

    public override bool Execute()
    {
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectPath))!;
        var root = string.IsNullOrEmpty(RepositoryRoot) ? RepoPaths.FindRoot(projectDirectory, SolutionDirectory) : Path.GetFullPath(RepositoryRoot);
        var reportDirectory = Path.GetFullPath(Path.Combine(projectDirectory, ReportDirectory));
        var jsonPath = Path.Combine(reportDirectory, JsonFileName);
        var markdownPath = Path.Combine(reportDirectory, MarkdownFileName);
        var htmlPath = Path.Combine(reportDirectory, HtmlFileName);

        var report = Build(projectDirectory, root);
        if (report is null)
        {
            // No stale report may survive bad input: it would describe another build.
            AtomicFile.TryDelete(jsonPath);
            AtomicFile.TryDelete(markdownPath);
            AtomicFile.TryDelete(htmlPath);
            return !Log.HasLoggedErrors;
        }

        var relativeMarkdown = DisplayPath(projectDirectory, markdownPath);
        var edges = EdgeSummary.Summarize(report.Uses);
        Summary = string.Format(
            CultureInfo.InvariantCulture,
            "MlAtScale: {0} role report {1} - {2}, {3}, {4}, {5}",
            string.IsNullOrEmpty(ProjectName) ? Path.GetFileNameWithoutExtension(ProjectPath) : ProjectName,
            relativeMarkdown,
            Plural.Of(report.Roles.Count, "role"),
            Plural.Of(report.Types.Count(t => t.Role != null), "owned type"),
            Plural.Of(edges.Count, "edge"),
            ViolationsInGroups(report.Violations.ToList()));
        var baselined = report.Baselined.Count();
        if (baselined > 0)
        {
            Summary += string.Format(CultureInfo.InvariantCulture, ", {0} baselined", baselined);
        }

        if (report.SuppressedViolations > 0)
        {
            Summary += string.Format(CultureInfo.InvariantCulture, ", {0} suppressed", report.SuppressedViolations);
        }

        if (report.CompileFailed)
        {
            Summary += " (the compile failed: violations and edges only, no ownership)";
        }

        // The report is complete and normalized: from here on it is only read, so the JSON and the Markdown
        // are built side by side. The repository merge sees this build's fragment as the reader of fragments
        // would, built from the JSON document itself (not from its bytes) while the document is written.
        var summary = Summary;
        var markdownTask = InBackground("markdown", () => MarkdownOutput.Project(report, summary));
        var document = ProjectReportJson.Document(report);
        var fragmentTask = RepositoryReport ? InBackground("fragment view", () => ProjectReportJson.FromDocument(document)) : null;
        var json = ProjectReportJson.Serialize(document);
        _phases.Mark("json");
        var markdown = markdownTask.GetAwaiter().GetResult();
        _phases.Mark("wait for markdown");

        WarnIfAnotherProjectsReport(jsonPath, report.ProjectPath);
        try
        {
            // JSON first: a reader that finds the Markdown can rely on the JSON being current.
            AtomicFile.WriteIfChanged(jsonPath, json);
            AtomicFile.WriteIfChanged(markdownPath, markdown);
            AtomicFile.WriteIfChanged(htmlPath, HtmlOutput.Page("Role report: " + report.Name, json, RepoPaths.UrlToRoot(reportDirectory, root)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Problem(BuildWarnings.ReportNotWritable, null, $"the role report cannot be written to '{reportDirectory}': {e.Message} Set MlAtScaleReportDirectory to a writable folder, or MlAtScaleReport=false to turn the report off.");
            Observe(fragmentTask);
            return !Log.HasLoggedErrors;
        }

        _phases.Mark("write");
        ReportFiles = new ITaskItem[] { new TaskItem(jsonPath), new TaskItem(markdownPath), new TaskItem(htmlPath) };
        if (LogSummary)
        {
            Log.LogMessage(MessageImportance.High, Summary);
        }

        if (fragmentTask is not null)
        {
            var directory = string.IsNullOrEmpty(RepositoryReportDirectory)
                ? Path.Combine(root, "artifacts", "mlroles")
                : Path.GetFullPath(Path.Combine(projectDirectory, RepositoryReportDirectory));
            UpdateRepositoryReport(directory, root, json, report, fragmentTask);
        }

        Log.LogMessage(MessageImportance.Low, "MlAtScale: role report phases (ms), " + _phases);
        return !Log.HasLoggedErrors;
    }

    /// <summary>Runs <paramref name="work"/> on the thread pool and records how long it took there.</summary>
    private System.Threading.Tasks.Task<T> InBackground<T>(string phase, Func<T> work) =>
        System.Threading.Tasks.Task.Run(() =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = work();
            _phases.Add(phase + " (parallel)", clock.Elapsed.TotalMilliseconds);
            return result;
        });

    /// <summary>Waits for a background result that is no longer needed, so that its failure is not left unobserved.</summary>
    private static void Observe(System.Threading.Tasks.Task? task)
    {
        try
        {
            task?.Wait();
        }
        catch (AggregateException)
        {
            // Not needed any more: the task reports the problem that made it stop.
        }
    }

    /// <summary>
    /// Two projects (or two builds of different projects) configured with one report folder replace each
    /// other's report: each write is atomic, so no file is ever torn, but one project's report is lost.
    /// </summary>
    private void WarnIfAnotherProjectsReport(string jsonPath, string projectPath)
    {
        string? previous;
        try
        {
            // Only the project's path is needed: read the head of the file, not the whole report.
            previous = File.Exists(jsonPath) ? ProjectReportJson.ReadProjectPath(jsonPath) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        if (!string.IsNullOrEmpty(previous) && !string.Equals(previous, projectPath, StringComparison.Ordinal))
        {
            Problem(BuildWarnings.ReportFolderShared, jsonPath, $"the report folder already holds the role report of '{previous}', which this build of '{projectPath}' replaces. Give each project its own MlAtScaleReportDirectory (the default, $(IntermediateOutputPath), is per project).");
        }
    }

    private ProjectReport? Build(string projectDirectory, string root)
    {
        // The SARIF log does not depend on the policy or the assembly: read it on another core meanwhile.
        // Its problems are reported below, in the same order as without the head start.
        var sarifPath = string.IsNullOrEmpty(SarifPath) ? null : Path.GetFullPath(Path.Combine(projectDirectory, SarifPath));
        if (CompileFailed && !IsThisBuildsLog(projectDirectory, sarifPath))
        {
            Log.LogMessage(MessageImportance.High, "MlAtScale: no role report: the build failed before the compiler wrote its log, so there is nothing current to report (the previous report was removed).");
            return null;
        }
        var sarifTask = sarifPath is not null && File.Exists(sarifPath)
            ? InBackground("sarif", () => SarifLog.Read(sarifPath, RulePrefix, projectDirectory))
            : null;
        var policyPaths = PolicyFiles
            .Select(i => i.GetMetadata("FullPath"))
            .Where(p => !string.IsNullOrEmpty(p) && string.Equals(Path.GetFileName(p), PolicyFileName, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var policy = ReportPolicy.Load(policyPaths, path =>
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Problem(BuildWarnings.PolicyUnreadable, path, $"the policy file cannot be read ({e.Message}); the role report ignores it.");
                return string.Empty;
            }
        }, PickCodeOwners(projectDirectory));

        _phases.Mark("policy");
        var assemblyPath = Path.GetFullPath(Path.Combine(projectDirectory, AssemblyPath));
        // After a failed compile, whatever assembly exists is an earlier build's: it is not read.
        if (!CompileFailed && !File.Exists(assemblyPath))
        {
            Problem(BuildWarnings.AssemblyMissing, null, $"no role report: the built assembly '{assemblyPath}' does not exist. Run the report after the compiler (target MlAtScaleRoleReport runs after CoreCompile).");
            Observe(sarifTask);
            return null;
        }

        AssemblyOwnership ownership;
        try
        {
            ownership = CompileFailed
                ? new AssemblyOwnership(Path.GetFileNameWithoutExtension(assemblyPath), Array.Empty<SymbolOwnership>(), Array.Empty<SymbolOwnership>())
                : AssemblyOwnership.Read(assemblyPath, policy, References.Select(r => r.GetMetadata("FullPath")).Where(p => !string.IsNullOrEmpty(p)), PathMap);
        }
        catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException)
        {
            Problem(BuildWarnings.AssemblyUnreadable, assemblyPath, $"no role report: '{assemblyPath}' is not a readable .NET assembly ({e.Message}). Rebuild the project.");
            Observe(sarifTask);
            return null;
        }

        _phases.Mark("metadata");
        if (sarifPath is null)
        {
            Problem(BuildWarnings.SarifMissing, null, "no role report: the compiler's SARIF log is not configured; set ErrorLog (e.g. 'obj/roles.sarif,version=2.1') or leave it empty so that the package sets it.");
            return null;
        }

        if (sarifTask is null)
        {
            Problem(BuildWarnings.SarifMissing, null, $"no role report: the compiler's SARIF log '{sarifPath}' does not exist. The compiler writes it when ErrorLog is set and the compile runs; rebuild the project.");
            return null;
        }

        List<SarifResult> results;
        try
        {
            results = sarifTask.GetAwaiter().GetResult();
        }
        catch (MalformedSarifException e)
        {
            Problem(BuildWarnings.SarifMalformed, sarifPath, $"no role report: the SARIF log is malformed: {e.Message}. Rebuild the project to let the compiler rewrite it.");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Problem(BuildWarnings.SarifMalformed, sarifPath, $"no role report: the SARIF log cannot be read ({e.Message}).");
            return null;
        }

        _phases.Mark("wait for sarif");
        var report = new ProjectReport
        {
            Name = string.IsNullOrEmpty(ProjectName) ? Path.GetFileNameWithoutExtension(ProjectPath) : ProjectName!,
            ProjectPath = RepoPaths.Relative(root, ProjectPath),
            TargetFramework = TargetFramework ?? string.Empty,
            AssemblyName = ownership.AssemblyName,
            AssemblyPath = RepoPaths.Relative(root, assemblyPath),
            SarifPath = RepoPaths.Relative(root, sarifPath),
            PolicyFiles = policy.Files.Select(f => RepoPaths.Relative(root, f)).ToList(),
            DeclaredRoles = policy.DeclaredRoles.ToList(),
            Types = ownership.Types.Select(t => ToEntry(t, root)).ToList(),
            Members = ownership.Members.Select(m => ToEntry(m, root)).ToList(),
            CompileFailed = CompileFailed,
        };

        var relativePaths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            string? file = null;
            if (result.File is not null && !relativePaths.TryGetValue(result.File, out file))
            {
                file = RepoPaths.Relative(root, result.File);
                relativePaths.Add(result.File, file);
            }

            var kind = result.Properties.TryGetValue(EdgeKinds.KindProperty, out var k) ? k : null;
            if (result.RuleId == EdgeRuleId && kind == EdgeKinds.Suppressed && result.Properties.ContainsKey(EdgeKinds.UserRoleProperty))
            {
                // A violation an option (editorconfig, globalconfig, NoWarn) turned off where it occurs.
                report.Uses.Add(Suppressed(result, result.Properties.TryGetValue(EdgeKinds.SuppressedByProperty, out var how) ? how : "option", file));
                continue;
            }

            if (result.RuleId == EdgeRuleId && kind == EdgeKinds.UnmatchedSharedMapping && file is not null && result.Properties.TryGetValue(EdgeKinds.MappingProperty, out var mapping))
            {
                // Not this project's problem: the repository report decides over every project that uses the file.
                report.UnmatchedShared.Add(new SharedMapping(file, result.Line, result.Column, mapping));
                continue;
            }

            // An MLR0006 kind this report does not know (from a newer analyzer), or a record whose count is
            // not a positive number, is listed as a diagnostic: never counted, and never as a violation.
            var count = 1;
            var isEdge = (result.RuleId == ViolationRuleId ? kind != null : result.RuleId == EdgeRuleId && kind != EdgeKinds.Violation && RoleUse.IsKnownKind(kind) && TryCount(result.Properties, out count)) &&
                         result.Properties.ContainsKey(EdgeKinds.UserRoleProperty);
            if (!isEdge)
            {
                report.Diagnostics.Add(new DiagnosticEntry(result.RuleId, result.Level, file, result.Line, result.Column, result.Message));
                continue;
            }

            if (result.IsSuppressed)
            {
                if (result.RuleId == ViolationRuleId)
                {
                    report.Uses.Add(Suppressed(result, result.SuppressedBy ?? SarifResult.SuppressedInSource, file));
                }

                continue;
            }

            result.Properties.TryGetValue(EdgeKinds.UsedRoleProperty, out var usedRole);
            result.Properties.TryGetValue(EdgeKinds.JustificationProperty, out var justification);
            result.Properties.TryGetValue(EdgeKinds.ExpiresProperty, out var expires);
            result.Properties.TryGetValue(EdgeKinds.UsedAssemblyProperty, out var usedAssembly);
            var permitted = result.RuleId == EdgeRuleId && kind != EdgeKinds.Baseline;
            report.Uses.Add(new RoleUse(
                result.RuleId == ViolationRuleId ? EdgeKinds.Violation : kind!,
                result.RuleId,
                result.Level,
                result.Properties[EdgeKinds.UserRoleProperty],
                string.IsNullOrEmpty(usedRole) ? null : usedRole,
                result.Properties.TryGetValue(EdgeKinds.UserProperty, out var user) ? user : string.Empty,
                // Permitted uses are counted per edge and allowance: the used symbol and the place are not kept.
                !permitted && result.Properties.TryGetValue(EdgeKinds.UsedProperty, out var used) ? used : string.Empty,
                permitted ? null : file,
                permitted ? 0 : result.Line,
                permitted ? 0 : result.Column,
                justification,
                permitted ? string.Empty : result.Message)
            {
                Expires = kind == EdgeKinds.Allowance ? expires : null,
                Count = count,
                Settle = result.RuleId == ViolationRuleId && result.Properties.TryGetValue(EdgeKinds.SettleProperty, out var settle) ? settle : null,
                UsedAssembly = string.IsNullOrEmpty(usedAssembly) ? null : usedAssembly,
            });
        }

        // Expired allowances: exactly those the analyzer reported (against the build's date) in this log.
        ExpiredAllowances.Mark(
            report.Uses,
            results.Where(r => r.RuleId == ExpiredAllowances.RuleId).Select(r => ExpiredAllowances.From(r.Properties)).OfType<ExpiredAllowances.Expired>());
        report.Normalize();
        _phases.Mark("report");
        return report;
    }

    private static RoleUse Suppressed(SarifResult result, string how, string? file)
    {
        string? Get(string key) => result.Properties.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;
        return RoleUse.Suppressed(how, Get(EdgeKinds.UserRoleProperty) ?? string.Empty, Get(EdgeKinds.UsedRoleProperty), Get(EdgeKinds.UserProperty) ?? string.Empty, Get(EdgeKinds.UsedProperty) ?? string.Empty, file, result.Line, result.Column);
    }

    private bool IsThisBuildsLog(string projectDirectory, string? sarifPath)
    {
        if (sarifPath is null || !File.Exists(sarifPath) || string.IsNullOrEmpty(NotBefore))
        {
            return false;
        }

        var start = Path.GetFullPath(Path.Combine(projectDirectory, NotBefore));
        return File.Exists(start) && File.GetLastWriteTimeUtc(sarifPath) >= File.GetLastWriteTimeUtc(start);
    }

    /// <summary>The number of uses an MLR0006 record stands for: its <c>count</c> property (a positive number), or 1 without one.</summary>
    private static bool TryCount(IReadOnlyDictionary<string, string> properties, out int count)
    {
        if (!properties.TryGetValue(EdgeKinds.CountProperty, out var text))
        {
            count = 1;
            return true;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count) && count > 0;
    }

    private static OwnedEntry ToEntry(SymbolOwnership s, string root) =>
        new(s.Id, s.Namespace, s.Role, s.Role is null ? null : SourceName(s.RoleSource), s.IsContract, s.IsContract ? SourceName(s.ContractSource) : null)
        {
            Team = s.Team,
            File = s.File is null ? null : RepoPaths.Relative(root, s.File),
        };

    /// <summary>The CODEOWNERS file the analyzer reads among those passed (the exact name, GitHub's order), or null.</summary>
    private string? PickCodeOwners(string projectDirectory) =>
        string.IsNullOrEmpty(CodeOwnersFile)
            ? null
            : PathOwnership.PickCodeOwners(CodeOwnersFile!.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(p => Path.GetFullPath(Path.Combine(projectDirectory, p.Trim())))
                .Where(File.Exists));

    private static string SourceName(OwnershipSource source) => source switch
    {
        OwnershipSource.Attribute => "attribute",
        OwnershipSource.PolicySymbol => "policySymbol",
        OwnershipSource.PolicyPath => "policyPath",
        OwnershipSource.CodeOwners => "codeOwners",
        OwnershipSource.PolicyNamespace => "policyNamespace",
        OwnershipSource.AssemblyAttribute => "assemblyAttribute",
        OwnershipSource.CatalogSymbol => "catalogSymbol",
        OwnershipSource.CatalogNamespace => "catalogNamespace",
        _ => "none",
    };

    /// <summary>
    /// Writes this build's fragment, then, under a lock file, merges every fragment into the repository
    /// report. Each merge reads all fragments written before it took the lock, so the last merge of a
    /// parallel build always includes every project.
    /// </summary>
    private void UpdateRepositoryReport(string directory, string root, byte[] fragment, ProjectReport report, System.Threading.Tasks.Task<ProjectReport> ownFragment)
    {
        var fragments = Path.Combine(directory, "projects");
        var fragmentPath = Path.Combine(fragments, FragmentName(report));
        try
        {
            AtomicFile.WriteIfChanged(fragmentPath, fragment);
            using var fileLock = FileLock.Acquire(Path.Combine(directory, ".mlroles.lock"), TimeSpan.FromSeconds(RepositoryLockTimeoutSeconds));
            if (fileLock is null)
            {
                Problem(BuildWarnings.RepositoryReportProblem, null, $"the repository role report in '{directory}' was not updated: another build held its lock for {RepositoryLockTimeoutSeconds} s. The next build updates it.");
                Observe(ownFragment);
                return;
            }

            _phases.Mark("fragment and lock");
            var reports = new List<ProjectReport>();
            foreach (var path in Directory.GetFiles(fragments, "*.json").OrderBy(p => p, StringComparer.Ordinal))
            {
                ProjectReport fragmentReport;
                try
                {
                    // This build's own fragment holds what was just written: its view comes from the same document.
                    fragmentReport = string.Equals(path, fragmentPath, StringComparison.Ordinal)
                        ? ownFragment.GetAwaiter().GetResult()
                        : ProjectReportJson.Read(File.ReadAllBytes(path));
                }
                catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or IOException)
                {
                    Problem(BuildWarnings.RepositoryReportProblem, path, $"the repository role report skips this project report: it is not a readable project report of version {ProjectReportJson.OldestReadableVersion} to {ProjectReportJson.SchemaVersion} ({e.Message}). Delete it; the project's next build writes it again.");
                    continue;
                }

                // A fragment of a project that no longer exists is stale.
                if (File.Exists(Path.Combine(root, fragmentReport.ProjectPath)))
                {
                    reports.Add(fragmentReport);
                }
            }

            _phases.Mark("read fragments");
            var merged = Report.RepositoryReport.Merge(reports);
            _phases.Mark("merge");
            var summary = string.Format(
                CultureInfo.InvariantCulture,
                "MlAtScale: repository role report - {0}, {1}, {2}, {3} ({4} cross-project), {5}",
                Plural.Of(merged.Projects.Select(p => p.ProjectPath).Distinct(StringComparer.Ordinal).Count(), "project"),
                Plural.Of(merged.Roles.Count, "role"),
                Plural.Of(merged.Types.Count(t => t.Role != null), "owned type"),
                Plural.Of(merged.Edges.Count, "edge"),
                merged.CrossProjectEdges.Count,
                ViolationsInGroups(merged.Violations));
            if (merged.Baselined.Count > 0)
            {
                summary += string.Format(CultureInfo.InvariantCulture, ", {0} baselined", merged.Baselined.Count);
            }

            // Said in the repository's line, not as a warning of this project: a project that finishes before
            // the others that use the file cannot know whether one of them matches the mapping.
            if (merged.UnmatchedShared.Count > 0)
            {
                summary += ", " + Plural.Of(merged.UnmatchedShared.Count, "shared policy mapping") + " that no project built so far matches (MLR0011)";
            }

            var repositoryMarkdown = InBackground("repository markdown", () => MarkdownOutput.Repository(merged, summary));
            var repositoryJson = RepositoryReportJson.Write(merged);
            _phases.Mark("repository json");
            var repositoryMarkdownBytes = repositoryMarkdown.GetAwaiter().GetResult();
            AtomicFile.WriteIfChanged(Path.Combine(directory, JsonFileName), repositoryJson);
            AtomicFile.WriteIfChanged(Path.Combine(directory, MarkdownFileName), repositoryMarkdownBytes);
            AtomicFile.WriteIfChanged(Path.Combine(directory, HtmlFileName), HtmlOutput.Page("Repository role report", repositoryJson, RepoPaths.UrlToRoot(directory, root)));
            _phases.Mark("repository write");
            // Announced like the project report: where the repository-wide view is.
            Log.LogMessage(MessageImportance.High, summary + " in " + Path.Combine(directory, MarkdownFileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Problem(BuildWarnings.RepositoryReportProblem, null, $"the repository role report in '{directory}' cannot be updated: {e.Message} Set MlAtScaleRepositoryReportDirectory to a writable folder, or MlAtScaleRepositoryReport=false to turn it off.");
            Observe(ownFragment);
        }
    }

    /// <summary>Stable per project and target framework, independent of where the repository is cloned.</summary>
    internal static string FragmentName(ProjectReport report)
    {
        uint hash = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(report.ProjectPath))
        {
            hash = unchecked((hash ^ b) * 16777619);
        }

        var safe = new StringBuilder();
        foreach (var c in report.Name + "." + report.TargetFramework)
        {
            safe.Append(char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return safe + "." + hash.ToString("x8", CultureInfo.InvariantCulture) + ".json";
    }

    private static string DisplayPath(string projectDirectory, string path)
    {
        var relative = RepoPaths.Relative(projectDirectory, path);
        return Path.IsPathRooted(relative) ? path : relative;
    }

    private void Problem(string code, string? file, string message) => Log.Problem(TreatProblemsAsErrors, code, file ?? ProjectPath, message);

    /// <summary>"3 violations in 2 groups" (groups by cause: from role, to role, used type); "0 violations".</summary>
    private static string ViolationsInGroups(List<RoleUse> violations) =>
        violations.Count == 0 ? Plural.Of(0, "violation") : Plural.Of(violations.Count, "violation") + " in " + Plural.Of(ViolationGroup.Of(violations).Count, "group");
}
