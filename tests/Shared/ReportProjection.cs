using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace MlAtScale.Tests.Shared;

/// <summary>
/// The content of role reports that must not change when only the report's data path changes: per
/// project the ownership counts, the edges with their counts per kind and justification, the allowances
/// with their uses, every violation and baselined violation at its file, line and column, and the summary
/// counts; and the repository's cross-project edges. It reads schema version 1 (per-use
/// <c>crossings[]</c>) and version 2 (counted <c>permitted[]</c>) alike, so that the projection of a report
/// written before the redesign (checked in) can be compared with one written after it.
/// </summary>
internal static class ReportProjection
{
    /// <summary>
    /// One sorted line per fact of the project reports (fragments) in <paramref name="fragments"/> and of the
    /// repository report <paramref name="repositoryReport"/>; repository-relative paths lose <paramref name="pathPrefix"/>
    /// (the projects' place differs between builds); only projects whose path starts with it are kept.
    /// </summary>
    public static List<string> Project(IEnumerable<string> fragments, string repositoryReport, string pathPrefix)
    {
        var lines = new List<string>();
        foreach (var fragment in fragments)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(fragment));
            var root = document.RootElement;
            var projectPath = root.GetProperty("project").GetProperty("path").GetString()!;
            if (!projectPath.StartsWith(pathPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var project = "project " + Strip(projectPath, pathPrefix) + " " + root.GetProperty("project").GetProperty("targetFramework").GetString();
            var summary = root.GetProperty("summary");
            lines.Add($"{project} types {Counts(summary.GetProperty("types"))} members {Counts(summary.GetProperty("members"))}");
            lines.Add($"{project} summary roles={Int(summary, "roles")} edges={Int(summary, "edges")} crossings={Int(summary, "crossings")} violations={Int(summary, "violations")} suppressedViolations={Int(summary, "suppressedViolations")} baselinedViolations={Int(summary, "baselinedViolations")} allowances={Int(summary, "allowances")} expiredAllowances={Int(summary, "expiredAllowances")} diagnostics={Int(summary, "diagnostics")}");
            foreach (var edge in root.GetProperty("edges").EnumerateArray())
            {
                var justifications = string.Join(",", edge.GetProperty("justifications").EnumerateArray().Select(j => j.GetProperty("text").GetString() + ":" + Int(j, "uses")));
                lines.Add($"{project} edge {Edge(edge)} justifications=[{justifications}]");
            }

            foreach (var allowance in root.GetProperty("allowances").EnumerateArray())
            {
                lines.Add($"{project} allowance {allowance.GetProperty("user").GetString()} {allowance.GetProperty("from").GetString()}->{Str(allowance, "to")} justification={Str(allowance, "justification")} expires={Str(allowance, "expires")} expired={allowance.GetProperty("expired").GetBoolean()} uses={Int(allowance, "uses")}");
            }

            foreach (var list in new[] { "violations", "baselined" })
            {
                foreach (var use in root.GetProperty(list).EnumerateArray())
                {
                    lines.Add($"{project} {list} {Strip(Str(use, "file"), pathPrefix)}({Int(use, "line")},{Int(use, "column")}) {use.GetProperty("ruleId").GetString()} {use.GetProperty("kind").GetString()} {use.GetProperty("from").GetString()}->{Str(use, "to")} {use.GetProperty("user").GetString()} uses {use.GetProperty("used").GetString()}");
                }
            }
        }

        using (var document = JsonDocument.Parse(File.ReadAllBytes(repositoryReport)))
        {
            foreach (var edge in document.RootElement.GetProperty("crossProjectEdges").EnumerateArray())
            {
                var from = edge.GetProperty("fromProject").GetString()!;
                var to = edge.GetProperty("toProject").GetString()!;
                if (from.StartsWith(pathPrefix, StringComparison.Ordinal) && to.StartsWith(pathPrefix, StringComparison.Ordinal))
                {
                    lines.Add($"cross {Strip(from, pathPrefix)} -> {Strip(to, pathPrefix)} {Edge(edge)}");
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Edge(JsonElement edge) =>
        $"{edge.GetProperty("from").GetString()}->{Str(edge, "to")} uses={Int(edge, "uses")} allowed={Int(edge, "allowed")} contract={Int(edge, "contract")} exception={Int(edge, "exception")} violations={Int(edge, "violations")} baselined={Int(edge, "baselined")}";

    private static string Counts(JsonElement counts) =>
        $"{Int(counts, "total")}/{Int(counts, "owned")}/{Int(counts, "contract")}/{Int(counts, "unowned")}";

    private static string Int(JsonElement element, string name) => element.GetProperty(name).GetInt32().ToString(CultureInfo.InvariantCulture);

    private static string Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "(none)";

    private static string Strip(string path, string prefix) => path.StartsWith(prefix, StringComparison.Ordinal) ? path.Substring(prefix.Length) : path;
}
