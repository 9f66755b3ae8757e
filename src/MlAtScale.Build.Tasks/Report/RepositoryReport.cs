using System;
using System.Collections.Generic;
using System.Linq;
using MlAtScale.Analyzers.Model;

namespace MlAtScale.Build.Tasks.Report;

/// <summary>Uses from one project into role-owned code or contracts of another project.</summary>
internal sealed class CrossProjectEdge
{
    public CrossProjectEdge(string fromProject, string toProject, EdgeSummary edge)
    {
        FromProject = fromProject;
        ToProject = toProject;
        Edge = edge;
    }

    public string FromProject { get; }

    public string ToProject { get; }

    public EdgeSummary Edge { get; }
}

/// <summary>
/// The repository-wide view merged from every project report (one per project and target framework).
/// A use seen by several target frameworks of one project counts once.
/// </summary>
internal sealed class RepositoryReport
{
    private RepositoryReport()
    {
    }

    public List<ProjectReport> Projects { get; private set; } = new();

    public List<string> Roles { get; private set; } = new();

    /// <summary>Distinct types over all projects (one entry per project and ID).</summary>
    public List<OwnedEntry> Types { get; private set; } = new();

    public List<OwnedEntry> Members { get; private set; } = new();

    public List<RoleUse> Uses { get; private set; } = new();

    public List<RoleUse> Violations => Uses.Where(u => u.Kind == EdgeKinds.Violation).ToList();

    public List<RoleUse> Crossings => Uses.Where(u => u.Kind is EdgeKinds.Policy or EdgeKinds.Contract or EdgeKinds.Exception).ToList();

    public List<RoleUse> Baselined => Uses.Where(u => u.Kind == EdgeKinds.Baseline).ToList();

    /// <summary>Allowances per project and using member (a use seen by several target frameworks counts once).</summary>
    public List<AllowanceSummary> Allowances => AllowanceSummary.Summarize(Uses);

    public List<EdgeSummary> Edges { get; private set; } = new();

    public List<CrossProjectEdge> CrossProjectEdges { get; private set; } = new();

    public List<DiagnosticEntry> Diagnostics { get; private set; } = new();

    public static RepositoryReport Merge(IEnumerable<ProjectReport> fragments)
    {
        var projects = fragments
            .OrderBy(p => p.ProjectPath, StringComparer.Ordinal)
            .ThenBy(p => p.TargetFramework, StringComparer.Ordinal)
            .ToList();
        var report = new RepositoryReport { Projects = projects };

        var types = new SortedDictionary<string, OwnedEntry>(StringComparer.Ordinal);
        var members = new SortedDictionary<string, OwnedEntry>(StringComparer.Ordinal);
        var declaredIn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in projects)
        {
            foreach (var t in p.Types)
            {
                types[p.ProjectPath + "\u0001" + t.Id] = t;
                if (!declaredIn.ContainsKey(t.Id))
                {
                    declaredIn.Add(t.Id, p.ProjectPath);
                }
            }

            foreach (var m in p.Members)
            {
                members[p.ProjectPath + "\u0001" + m.Id] = m;
                if (!declaredIn.ContainsKey(m.Id))
                {
                    declaredIn.Add(m.Id, p.ProjectPath);
                }
            }
        }

        report.Types = types.Values.ToList();
        report.Members = members.Values.ToList();

        var uses = new Dictionary<string, RoleUse>(StringComparer.Ordinal);
        var diagnostics = new Dictionary<string, DiagnosticEntry>(StringComparer.Ordinal);
        foreach (var p in projects)
        {
            foreach (var u in p.Uses)
            {
                var copy = u.WithProject(p.ProjectPath);
                if (!uses.TryGetValue(copy.Key, out var seen))
                {
                    uses.Add(copy.Key, copy);
                }
                else
                {
                    // Expired for one target framework's build means expired.
                    seen.Expired |= copy.Expired;
                }
            }

            foreach (var d in p.Diagnostics)
            {
                var copy = new DiagnosticEntry(d.RuleId, d.Level, d.File, d.Line, d.Column, d.Message) { Project = p.ProjectPath };
                if (!diagnostics.ContainsKey(copy.Key))
                {
                    diagnostics.Add(copy.Key, copy);
                }
            }
        }

        report.Uses = uses.Values.ToList();
        report.Uses.Sort(RoleUse.Compare);
        report.Diagnostics = diagnostics.Values.ToList();
        report.Diagnostics.Sort(DiagnosticEntry.Compare);
        report.Edges = EdgeSummary.Summarize(report.Uses);
        report.Roles = projects.SelectMany(p => p.Roles).Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal).ToList();

        var cross = new SortedDictionary<string, (string From, string To, List<RoleUse> Uses)>(StringComparer.Ordinal);
        foreach (var use in report.Uses)
        {
            var target = DeclaringProject(use.Used, declaredIn);
            if (target is null || target == use.Project)
            {
                continue;
            }

            var key = use.Project + "\u0001" + target;
            if (!cross.TryGetValue(key, out var entry))
            {
                cross.Add(key, entry = (use.Project!, target, new List<RoleUse>()));
            }

            entry.Uses.Add(use);
        }

        report.CrossProjectEdges = cross.Values
            .SelectMany(c => EdgeSummary.Summarize(c.Uses).Select(e => new CrossProjectEdge(c.From, c.To, e)))
            .ToList();
        return report;
    }

    /// <summary>The project that declares a used symbol: by its own ID, else by its containing type's ID.</summary>
    private static string? DeclaringProject(string used, Dictionary<string, string> declaredIn)
    {
        if (declaredIn.TryGetValue(used, out var project))
        {
            return project;
        }

        if (used.Length < 3 || used[1] != ':')
        {
            return null;
        }

        // Some compilers append the return type to every method ID ("~T"); try without it.
        var body = used.Substring(2);
        var tilde = body.IndexOf('~');
        if (tilde >= 0 && declaredIn.TryGetValue(used.Substring(0, 2) + body.Substring(0, tilde), out project))
        {
            return project;
        }

        var paren = body.IndexOf('(');
        var name = paren >= 0 ? body.Substring(0, paren) : tilde >= 0 ? body.Substring(0, tilde) : body;
        var dot = name.LastIndexOf('.');
        return dot > 0 && declaredIn.TryGetValue("T:" + name.Substring(0, dot), out project) ? project : null;
    }
}
