using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MlAtScale.Core.Edges;
using MlAtScale.Core.Policy;
using MlAtScale.Build.Tasks.IO;
using MlAtScale.Build.Tasks.Sarif;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MlAtScale.Build.Tasks;

/// <summary>
/// Writes (or refreshes) the role baseline from this build's SARIF log: every current violation,
/// whether reported (MLR0001) or already covered by the baseline (MLR0006 of kind "baseline").
/// Run by <c>dotnet build -p:MlAtScaleUpdateBaseline=true</c>. Entries that match nothing any more
/// drop out, so the file only shrinks unless new violations exist.
/// </summary>
public sealed class WriteMlRoleBaseline : Task
{
    /// <summary>The compiler's SARIF log of this build.</summary>
    [Required]
    public string SarifPath { get; set; } = string.Empty;

    /// <summary>The baseline file to write (<c>MlRoles.baseline.txt</c>).</summary>
    [Required]
    public string BaselinePath { get; set; } = string.Empty;

    /// <summary>The project folder (relative paths in the SARIF log are relative to it).</summary>
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>
    /// A file the build touched just before the compile it forced (<c>MlAtScaleUpdateBaseline=true</c>
    /// makes the compile run). A SARIF log older than it was not written by this build's compile, so a
    /// baseline from it would record another build's violations: an error, and nothing is written.
    /// </summary>
    public string? NotBefore { get; set; }

    /// <summary>How many entries the written baseline holds.</summary>
    [Output]
    public int EntryCount { get; set; }

    public override bool Execute()
    {
        if (string.IsNullOrEmpty(SarifPath) || !File.Exists(SarifPath))
        {
            Log.LogWarning(null, BuildWarnings.SarifMissing, null, BaselinePath, 0, 0, 0, 0,
                "MlAtScale: the baseline was not updated: the compiler's SARIF log '{0}' does not exist. Build with the report on (MlAtScaleReport is not false) and without MlAtScaleViolationsAsErrors.", SarifPath);
            return !Log.HasLoggedErrors;
        }

        if (!string.IsNullOrEmpty(NotBefore) && File.Exists(NotBefore) && File.GetLastWriteTimeUtc(SarifPath) < File.GetLastWriteTimeUtc(NotBefore))
        {
            Log.LogError(null, BuildWarnings.BaselineFromStaleLog, null, BaselinePath, 0, 0, 0, 0,
                "MlAtScale: the baseline was not updated: the compiler's SARIF log '{0}' is older than this build's inputs, so it does not show the current sources and options (the compile did not run). Build again with -p:MlAtScaleUpdateBaseline=true; if this repeats, make sure nothing else sets ErrorLog or skips CoreCompile.", SarifPath);
            return false;
        }

        List<SarifResult> results;
        try
        {
            results = SarifLog.Read(SarifPath, "MLR", ProjectDirectory);
        }
        catch (Exception e) when (e is MalformedSarifException or IOException or UnauthorizedAccessException)
        {
            Log.LogWarning(null, BuildWarnings.SarifMalformed, null, SarifPath, 0, 0, 0, 0,
                "MlAtScale: the baseline was not updated: the SARIF log cannot be read ({0}).", e.Message);
            return !Log.HasLoggedErrors;
        }

        var keys = new List<string>();
        var stale = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if (result.RuleId == "MLR0008" && Get(result, EdgeKinds.BaselineKeyProperty) is { } staleKey)
            {
                stale.Add(staleKey);
                continue;
            }

            var isViolation = result.RuleId == "MLR0001";
            // Violations suppressed by #pragma, [SuppressMessage] (MLR0001 results marked suppressed) or by an
            // option (MLR0006 records of kind suppressed) exist too, and are recorded like the others.
            var isBaselined = result.RuleId == "MLR0006" && Get(result, EdgeKinds.KindProperty) is EdgeKinds.Baseline or EdgeKinds.Suppressed;
            if (!isViolation && !isBaselined)
            {
                continue;
            }

            var user = Get(result, EdgeKinds.UserProperty);
            var used = Get(result, EdgeKinds.UsedProperty);
            var userRole = Get(result, EdgeKinds.UserRoleProperty);
            var usedRole = Get(result, EdgeKinds.UsedRoleProperty);
            if (user is null || used is null || userRole is null || usedRole is null)
            {
                continue;
            }

            keys.Add(BaselineFile.Key(user, used, userRole, usedRole));
        }

        // An existing entry leaves the file only when the analyzer confirmed in this log that no violation
        // matches it any more (MLR0008). One that the log neither shows as a violation nor as stale (the
        // rule was off, the code did not compile) is kept: the baseline never silently shrinks.
        var current = new HashSet<string>(keys, StringComparer.Ordinal);
        var existing = ReadExistingKeys();
        var kept = existing.Where(k => !current.Contains(k) && !stale.Contains(k)).ToList();
        current.UnionWith(kept);
        var added = current.Count(k => !existing.Contains(k));
        var removed = existing.Count(k => !current.Contains(k));
        var content = BaselineFile.Format(current);
        EntryCount = current.Count;
        try
        {
            var written = AtomicFile.WriteIfChanged(BaselinePath, new UTF8Encoding(false).GetBytes(content));
            Log.LogMessage(
                MessageImportance.High,
                "MlAtScale: role baseline {0} - {1} entries, {2} added, {3} removed{4}",
                BaselinePath,
                EntryCount,
                added,
                removed,
                written ? string.Empty : " (unchanged)");
            if (kept.Count > 0)
            {
                Log.LogWarning(null, BuildWarnings.BaselineFromStaleLog, null, BaselinePath, 0, 0, 0, 0,
                    "MlAtScale: {0} baseline entries were kept although this build shows neither their violation nor that they are stale (MLR0008), e.g. '{1}'. MLR0001 or MLR0008 may be turned off for that code; remove the entries by hand if their violations are fixed.",
                    kept.Count,
                    kept[0]);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.LogWarning(null, BuildWarnings.ReportNotWritable, null, BaselinePath, 0, 0, 0, 0,
                "MlAtScale: the baseline '{0}' cannot be written ({1}).", BaselinePath, e.Message);
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>The keys of the baseline file as it is now (none if it does not exist or cannot be read).</summary>
    private HashSet<string> ReadExistingKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(BaselinePath))
            {
                foreach (var entry in BaselineFile.Parse(File.ReadAllText(BaselinePath)).Entries)
                {
                    keys.Add(entry.Key);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: it is rewritten from this build's violations, and the write reports a problem if any.
        }

        return keys;
    }

    private static string? Get(SarifResult result, string key) =>
        result.Properties.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
