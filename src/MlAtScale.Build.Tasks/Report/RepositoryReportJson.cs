using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace MlAtScale.Build.Tasks.Report;

/// <summary>The repository report's JSON form (docs/report-schema.md, <c>"kind": "repository"</c>).</summary>
internal static class RepositoryReportJson
{
    private sealed class RoleInProject
    {
        public SortedSet<string> Namespaces { get; } = new(StringComparer.Ordinal);

        public int Types { get; set; }

        public int Members { get; set; }
    }

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
        w.WriteNumber("crossings", report.Permitted.Sum(u => u.Count));
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

        // Per role and project: the namespaces of its types and the counts (one pass over the entries).
        var byRoleAndProject = new Dictionary<string, RoleInProject>(StringComparer.Ordinal);
        RoleInProject At(string role, string project)
        {
            var key = role + "\u0001" + project;
            if (!byRoleAndProject.TryGetValue(key, out var entry))
            {
                byRoleAndProject.Add(key, entry = new RoleInProject());
            }

            return entry;
        }

        for (var i = 0; i < report.Types.Count; i++)
        {
            if (report.Types[i].Role is { } role)
            {
                var entry = At(role, report.TypeProjects[i]);
                entry.Types++;
                entry.Namespaces.Add(report.Types[i].Namespace);
            }
        }

        for (var i = 0; i < report.Members.Count; i++)
        {
            if (report.Members[i].Role is { } role)
            {
                At(role, report.MemberProjects[i]).Members++;
            }
        }

        var projectPaths = report.Projects.Select(p => p.ProjectPath).Distinct(StringComparer.Ordinal).ToList();
        w.WriteStartArray("roles");
        foreach (var role in report.Roles)
        {
            w.WriteStartObject();
            w.WriteString("name", role);
            w.WriteStartArray("projects");
            foreach (var p in projectPaths)
            {
                if (!byRoleAndProject.TryGetValue(role + "\u0001" + p, out var entry) || (entry.Types == 0 && entry.Members == 0))
                {
                    continue;
                }

                w.WriteStartObject();
                w.WriteString("path", p);
                w.WriteStartArray("namespaces");
                foreach (var ns in entry.Namespaces)
                {
                    w.WriteStringValue(ns);
                }

                w.WriteEndArray();
                w.WriteNumber("types", entry.Types);
                w.WriteNumber("members", entry.Members);
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
        ProjectReportJson.WritePermitted(w, report.Permitted);
        ProjectReportJson.WriteAllowances(w, allowances);
        ProjectReportJson.WriteDiagnostics(w, report.Diagnostics);
        w.WriteEndObject();
    });
}
