using System;
using System.Linq;
using System.Text.Json;

namespace MlAtScale.Build.Tasks.Report;

/// <summary>The repository report's JSON form (docs/report-schema.md, <c>"kind": "repository"</c>).</summary>
internal static class RepositoryReportJson
{
    public static byte[] Write(RepositoryReport report) => JsonOutput.Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", ProjectReportJson.SchemaVersion);
        w.WriteString("kind", "repository");
        w.WriteStartObject("summary");
        w.WriteNumber("projects", report.Projects.Select(p => p.ProjectPath).Distinct(StringComparer.Ordinal).Count());
        w.WriteNumber("projectBuilds", report.Projects.Count);
        w.WriteNumber("roles", report.Roles.Count);
        ProjectReportJson.WriteCounts(w, "types", report.Types);
        ProjectReportJson.WriteCounts(w, "members", report.Members);
        w.WriteNumber("edges", report.Edges.Count);
        w.WriteNumber("crossProjectEdges", report.CrossProjectEdges.Count);
        w.WriteNumber("crossings", report.Crossings.Count);
        w.WriteNumber("violations", report.Violations.Count);
        w.WriteNumber("baselinedViolations", report.Baselined.Count);
        var allowances = report.Allowances;
        w.WriteNumber("allowances", allowances.Count);
        w.WriteNumber("expiredAllowances", allowances.Count(a => a.Expired));
        w.WriteNumber("diagnostics", report.Diagnostics.Count);
        w.WriteEndObject();

        w.WriteStartArray("projects");
        foreach (var p in report.Projects)
        {
            w.WriteStartObject();
            w.WriteString("name", p.Name);
            w.WriteString("path", p.ProjectPath);
            w.WriteString("targetFramework", p.TargetFramework);
            w.WriteString("assemblyName", p.AssemblyName);
            w.WriteStartArray("roles");
            foreach (var role in p.Roles)
            {
                w.WriteStringValue(role);
            }

            w.WriteEndArray();
            ProjectReportJson.WriteCounts(w, "types", p.Types);
            ProjectReportJson.WriteCounts(w, "members", p.Members);
            w.WriteNumber("violations", p.Violations.Count());
            w.WriteNumber("baselinedViolations", p.Baselined.Count());
            w.WriteNumber("allowances", p.Allowances.Count);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("roles");
        foreach (var role in report.Roles)
        {
            w.WriteStartObject();
            w.WriteString("name", role);
            w.WriteStartArray("projects");
            foreach (var p in report.Projects.Select(p => p.ProjectPath).Distinct(StringComparer.Ordinal))
            {
                var types = report.Types.Where(t => t.Role == role && report.Projects.Any(x => x.ProjectPath == p && x.Types.Contains(t))).ToList();
                var members = report.Members.Count(m => m.Role == role && report.Projects.Any(x => x.ProjectPath == p && x.Members.Contains(m)));
                if (types.Count == 0 && members == 0)
                {
                    continue;
                }

                w.WriteStartObject();
                w.WriteString("path", p);
                w.WriteStartArray("namespaces");
                foreach (var ns in types.Select(t => t.Namespace).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal))
                {
                    w.WriteStringValue(ns);
                }

                w.WriteEndArray();
                w.WriteNumber("types", types.Count);
                w.WriteNumber("members", members);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();

        ProjectReportJson.WriteEdges(w, report.Edges);
        w.WriteStartArray("crossProjectEdges");
        foreach (var e in report.CrossProjectEdges)
        {
            w.WriteStartObject();
            w.WriteString("fromProject", e.FromProject);
            w.WriteString("toProject", e.ToProject);
            w.WriteString("from", e.Edge.From);
            w.StringOrNull("to", e.Edge.To);
            w.WriteNumber("uses", e.Edge.Uses);
            w.WriteNumber("allowed", e.Edge.Allowed);
            w.WriteNumber("contract", e.Edge.Contract);
            w.WriteNumber("exception", e.Edge.Exception);
            w.WriteNumber("violations", e.Edge.Violations);
            w.WriteNumber("baselined", e.Edge.Baselined);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("violations");
        foreach (var v in report.Violations)
        {
            ProjectReportJson.WriteUse(w, v);
        }

        w.WriteEndArray();
        w.WriteStartArray("baselined");
        foreach (var b in report.Baselined)
        {
            ProjectReportJson.WriteUse(w, b);
        }

        w.WriteEndArray();
        ProjectReportJson.WriteAllowances(w, allowances);
        ProjectReportJson.WriteDiagnostics(w, report.Diagnostics);
        w.WriteEndObject();
    });
}
