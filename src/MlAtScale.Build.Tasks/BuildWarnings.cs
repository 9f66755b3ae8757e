using Microsoft.Build.Utilities;

namespace MlAtScale.Build.Tasks;

/// <summary>
/// The codes of the report task's own warnings (docs/report-schema.md, "Warnings"). They are errors
/// only when the CI switch (<c>MlAtScaleViolationsAsErrors</c>) is on. IDs are never reused.
/// </summary>
internal static class BuildWarnings
{
    /// <summary>The built assembly does not exist.</summary>
    public const string AssemblyMissing = "MLRB001";

    /// <summary>The built assembly is not a readable .NET assembly.</summary>
    public const string AssemblyUnreadable = "MLRB002";

    /// <summary>The compiler's SARIF log is not configured or does not exist.</summary>
    public const string SarifMissing = "MLRB003";

    /// <summary>The SARIF log is not valid JSON or not a SARIF 2.1.0 / 1.0.0 log.</summary>
    public const string SarifMalformed = "MLRB004";

    /// <summary>The report folder (or a report file) cannot be written.</summary>
    public const string ReportNotWritable = "MLRB005";

    /// <summary>The repository report could not be updated (lock timeout, unwritable folder, unreadable fragment).</summary>
    public const string RepositoryReportProblem = "MLRB006";

    /// <summary>A policy file could not be read; the report uses the others.</summary>
    public const string PolicyUnreadable = "MLRB007";

    /// <summary>Another project's report is in this project's report folder: the two overwrite each other.</summary>
    public const string ReportFolderShared = "MLRB008";

    /// <summary>The baseline would be written from a SARIF log older than this build's inputs (the compile did not run).</summary>
    public const string BaselineFromStaleLog = "MLRB011";

    /// <summary>The pull-request view cannot compare: the base report (MlAtScaleCompareTo) is missing or not a role report, or the changes cannot be written.</summary>
    public const string ChangesReportProblem = "MLRB009";

    /// <summary>Logs a task warning with its code at the file (the project when null), or an error under the CI switch.</summary>
    public static void Problem(this TaskLoggingHelper log, bool asError, string code, string? file, string message)
    {
        if (asError)
        {
            log.LogError(null, code, null, file, 0, 0, 0, 0, message);
        }
        else
        {
            log.LogWarning(null, code, null, file, 0, 0, 0, 0, message);
        }
    }
}
