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

    public static byte[] Write(RepositoryReport report)
    {
        var allowances = report.Allowances;
        var permitted = report.Permitted;
        var document = new RepositoryReportDto
        {
            SchemaVersion = ProjectReportJson.SchemaVersion,
            Kind = "repository",
            Summary = new RepositorySummaryDto
            {
                Projects = report.Projects.Select(p => p.ProjectPath).Distinct(StringComparer.Ordinal).Count(),
                ProjectBuilds = report.Projects.Count,
                Roles = report.Roles.Count,
                Types = ReportDocuments.Counts(report.Types),
                Members = ReportDocuments.Counts(report.Members),
                Edges = report.Edges.Count,
                CrossProjectEdges = report.CrossProjectEdges.Count,
                Crossings = permitted.Sum(u => u.Count),
                Violations = report.Violations.Count,
                BaselinedViolations = report.Baselined.Count,
                Allowances = allowances.Count,
                ExpiredAllowances = allowances.Count(a => a.Expired),
                Diagnostics = report.Diagnostics.Count,
            },
            Projects = report.Projects.Select(p => new RepositoryProjectDto
            {
                Name = p.Name,
                Path = p.ProjectPath,
                TargetFramework = p.TargetFramework,
                AssemblyName = p.AssemblyName,
                Roles = p.Roles,
                Types = ReportDocuments.Counts(p.Types),
                Members = ReportDocuments.Counts(p.Members),
                Violations = p.Violations.Count(),
                BaselinedViolations = p.Baselined.Count(),
                Allowances = p.Allowances.Count,
            }).ToList(),
            Roles = Roles(report),
            Edges = report.Edges.Select(ReportDocuments.Edge).ToList(),
            CrossProjectEdges = report.CrossProjectEdges.Select(ReportDocuments.Edge).ToList(),
            Violations = report.Violations.Select(ReportDocuments.Use).ToList(),
            Groups = ReportDocuments.Groups(report.Violations),
            Baselined = report.Baselined.Select(ReportDocuments.Use).ToList(),
            Permitted = permitted.Select(ReportDocuments.Permitted).ToList(),
            Allowances = allowances.Select(ReportDocuments.Allowance).ToList(),
            Diagnostics = report.Diagnostics.Select(ReportDocuments.Diagnostic).ToList(),
        };
        return JsonOutput.Write(document, ReportJsonContext.Default.RepositoryReportDto);
    }

    /// <summary>Per role, the projects where it owns code: the namespaces of its types and the counts (one pass over the entries).</summary>
    private static List<RepositoryRoleDto> Roles(RepositoryReport report)
    {
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
        return report.Roles.Select(role => new RepositoryRoleDto
        {
            Name = role,
            Projects = projectPaths
                .Select(p => (Path: p, Found: byRoleAndProject.TryGetValue(role + "\u0001" + p, out var entry) ? entry : null))
                .Where(p => p.Found is { } entry && (entry.Types != 0 || entry.Members != 0))
                .Select(p => new RoleInProjectDto { Path = p.Path, Namespaces = p.Found!.Namespaces.ToList(), Types = p.Found.Types, Members = p.Found.Members })
                .ToList(),
        }).ToList();
    }
}
