using System;
using System.Collections.Generic;
using System.IO;
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
        foreach (var result in results)
        {
            var isViolation = result.RuleId == "MLR0001";
            var isBaselined = result.RuleId == "MLR0006" && Get(result, EdgeKinds.KindProperty) == EdgeKinds.Baseline;
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

        var content = BaselineFile.Format(keys);
        EntryCount = new HashSet<string>(keys, StringComparer.Ordinal).Count;
        try
        {
            var written = AtomicFile.WriteIfChanged(BaselinePath, new UTF8Encoding(false).GetBytes(content));
            Log.LogMessage(MessageImportance.High, "MlAtScale: role baseline {0} — {1} entries{2}", BaselinePath, EntryCount, written ? string.Empty : " (unchanged)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.LogWarning(null, BuildWarnings.ReportNotWritable, null, BaselinePath, 0, 0, 0, 0,
                "MlAtScale: the baseline '{0}' cannot be written ({1}).", BaselinePath, e.Message);
        }

        return !Log.HasLoggedErrors;
    }

    private static string? Get(SarifResult result, string key) =>
        result.Properties.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
