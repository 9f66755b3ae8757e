using System;
using System.Collections.Generic;
using System.Linq;
using MlAtScale.Core.Edges;

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
/// A mapping of a shared policy file that no project build using the file matches: the repository
/// report's MLR0011 (a project's own policy file gets MLR0011 from the analyzer instead).
/// </summary>
internal sealed class UnmatchedSharedMapping
{
    public const string RuleId = "MLR0011";

    public UnmatchedSharedMapping(SharedMapping mapping, IReadOnlyList<string> projects)
    {
        Mapping = mapping;
        Projects = projects;
    }

    public SharedMapping Mapping { get; }

    /// <summary>The projects that use the file (repository-relative paths, sorted).</summary>
    public IReadOnlyList<string> Projects { get; }

    public string Message =>
        $"The mapping '{MlAtScale.Core.Policy.UserText.Quote(Mapping.Mapping)}' of this shared policy file matches nothing in " +
        (Projects.Count == 1 ? "the 1 project that uses it" : $"any of the {Projects.Count} projects that use it") +
        $" ({string.Join(", ", Projects)}) or their references; correct it, or remove the line";

    /// <summary>
    /// The mappings that every project build listing the file recorded as unmatched. A build that matches a
    /// mapping records nothing for it, so one such build anywhere keeps the mapping from being reported.
    /// </summary>
    public static List<UnmatchedSharedMapping> Of(IReadOnlyList<ProjectReport> builds)
    {
        var users = new Dictionary<string, List<ProjectReport>>(StringComparer.Ordinal);
        foreach (var build in builds)
        {
            foreach (var file in build.PolicyFiles)
            {
                if (!users.TryGetValue(file, out var list))
                {
                    users.Add(file, list = new List<ProjectReport>());
                }

                list.Add(build);
            }
        }

        var recorded = new Dictionary<string, (SharedMapping Mapping, int Builds)>(StringComparer.Ordinal);
        foreach (var build in builds)
        {
            foreach (var mapping in build.UnmatchedShared.GroupBy(m => m.Key, StringComparer.Ordinal).Select(g => g.First()))
            {
                recorded[mapping.Key] = (mapping, recorded.TryGetValue(mapping.Key, out var seen) ? seen.Builds + 1 : 1);
            }
        }

        return recorded.Values
            .Where(r => users.TryGetValue(r.Mapping.File, out var list) && r.Builds >= list.Count)
            .Select(r => new UnmatchedSharedMapping(r.Mapping, users[r.Mapping.File].Select(b => b.ProjectPath).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList()))
            .OrderBy(u => u.Mapping, Comparer<SharedMapping>.Create(SharedMapping.Compare))
            .ToList();
    }
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

    /// <summary>The project path of each entry of <see cref="Types"/> (same index).</summary>
    public List<string> TypeProjects { get; private set; } = new();

    /// <summary>The project path of each entry of <see cref="Members"/> (same index).</summary>
    public List<string> MemberProjects { get; private set; } = new();

    public List<RoleUse> Uses { get; private set; } = new();

    public List<RoleUse> Violations => Uses.Where(u => u.Kind == EdgeKinds.Violation).ToList();

    /// <summary>Permitted uses, counted per project, edge, kind, used assembly and allowance.</summary>
    public List<RoleUse> Permitted => Uses.Where(u => u.IsPermitted).ToList();

    public List<RoleUse> Baselined => Uses.Where(u => u.Kind == EdgeKinds.Baseline).ToList();

    /// <summary>Allowances per project and using member (a use seen by several target frameworks counts once).</summary>
    public List<AllowanceSummary> Allowances => AllowanceSummary.Summarize(Uses);

    public List<EdgeSummary> Edges { get; private set; } = new();

    public List<CrossProjectEdge> CrossProjectEdges { get; private set; } = new();

    public List<DiagnosticEntry> Diagnostics { get; private set; } = new();

    /// <summary>Mappings of shared policy files that no project using the file matches (also in <see cref="Diagnostics"/> as MLR0011).</summary>
    public List<UnmatchedSharedMapping> UnmatchedShared { get; private set; } = new();

    public static RepositoryReport Merge(IEnumerable<ProjectReport> fragments)
    {
        var projects = fragments
            .OrderBy(p => p.ProjectPath, StringComparer.Ordinal)
            .ThenBy(p => p.TargetFramework, StringComparer.Ordinal)
            .ToList();
        var report = new RepositoryReport { Projects = projects };

        // Which project declares each symbol only matters with two projects or more: with one, every use
        // is inside it and there is no cross-project edge. Skipping the index saves hashing every ID.
        var severalProjects = projects.Count > 1 && projects.Exists(p => !string.Equals(p.ProjectPath, projects[0].ProjectPath, StringComparison.Ordinal));
        var declaredIn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in severalProjects ? projects : new List<ProjectReport>())
        {
            foreach (var t in p.Types)
            {
                if (!declaredIn.ContainsKey(t.Id))
                {
                    declaredIn.Add(t.Id, p.ProjectPath);
                }
            }

            foreach (var m in p.Members)
            {
                if (!declaredIn.ContainsKey(m.Id))
                {
                    declaredIn.Add(m.Id, p.ProjectPath);
                }
            }
        }

        // One entry per project and ID (the last target framework's wins), by project, then ID.
        var groups = projects.GroupBy(p => p.ProjectPath, StringComparer.Ordinal).ToList();
        foreach (var group in groups)
        {
            foreach (var t in Distinct(group.Select(p => p.Types)))
            {
                report.Types.Add(t);
                report.TypeProjects.Add(group.Key);
            }

            foreach (var m in Distinct(group.Select(p => p.Members)))
            {
                report.Members.Add(m);
                report.MemberProjects.Add(group.Key);
            }
        }

        var uses = new Dictionary<UseKey, RoleUse>();
        var diagnostics = new HashSet<DiagnosticKey>();
        foreach (var p in projects)
        {
            foreach (var u in p.Uses)
            {
                var key = new UseKey(p.ProjectPath, u);
                if (!uses.TryGetValue(key, out var seen))
                {
                    uses.Add(key, u.WithProject(p.ProjectPath));
                }
                else
                {
                    // Expired for one target framework's build means expired; counts of one edge and allowance
                    // from several target frameworks are the same code seen again: the largest count stands.
                    seen.Expired |= u.Expired;
                    seen.Count = Math.Max(seen.Count, u.Count);
                }
            }

            foreach (var d in p.Diagnostics)
            {
                if (diagnostics.Add(new DiagnosticKey(p.ProjectPath, d)))
                {
                    report.Diagnostics.Add(new DiagnosticEntry(d.RuleId, d.Level, d.File, d.Line, d.Column, d.Message) { Project = p.ProjectPath });
                }
            }
        }

        report.Uses = uses.Values.ToList();
        report.Uses.Sort(RoleUse.Compare);
        report.UnmatchedShared = UnmatchedSharedMapping.Of(projects);
        foreach (var unmatched in report.UnmatchedShared)
        {
            report.Diagnostics.Add(new DiagnosticEntry(UnmatchedSharedMapping.RuleId, "warning", unmatched.Mapping.File, unmatched.Mapping.Line, unmatched.Mapping.Column, unmatched.Message));
        }

        report.Diagnostics.Sort(DiagnosticEntry.Compare);
        report.Edges = EdgeSummary.Summarize(report.Uses);
        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in projects)
        {
            roles.UnionWith(p.Roles);
        }

        report.Roles = roles.OrderBy(r => r, StringComparer.Ordinal).ToList();

        // The project of a used assembly: permitted uses name the assembly, violations the used symbol.
        var assemblies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in severalProjects ? projects : new List<ProjectReport>())
        {
            if (!assemblies.ContainsKey(p.AssemblyName))
            {
                assemblies.Add(p.AssemblyName, p.ProjectPath);
            }
        }

        var cross = new SortedDictionary<string, (string From, string To, List<RoleUse> Uses)>(StringComparer.Ordinal);
        foreach (var use in severalProjects ? report.Uses : new List<RoleUse>())
        {
            var target = use.UsedAssembly is { } assembly
                ? (assemblies.TryGetValue(assembly, out var declaring) ? declaring : null)
                : DeclaringProject(use.Used, declaredIn);
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

    /// <summary>
    /// The entries of one project's builds (one list per target framework, in order), one per ID with the
    /// last build's entry winning, sorted by ID. One build with sorted, distinct IDs (what a fragment holds)
    /// is returned as it is.
    /// </summary>
    private static List<OwnedEntry> Distinct(IEnumerable<List<OwnedEntry>> builds)
    {
        var lists = builds.ToList();
        if (lists.Count == 1 && IsStrictlyOrdered(lists[0]))
        {
            return lists[0];
        }

        var byId = new Dictionary<string, OwnedEntry>(StringComparer.Ordinal);
        foreach (var list in lists)
        {
            foreach (var entry in list)
            {
                byId[entry.Id] = entry;
            }
        }

        var result = byId.Values.ToList();
        result.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return result;
    }

    private static bool IsStrictlyOrdered(List<OwnedEntry> entries)
    {
        for (var i = 1; i < entries.Count; i++)
        {
            if (string.CompareOrdinal(entries[i - 1].Id, entries[i].Id) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>String equality as in the joined keys: null and empty are the same.</summary>
    private static bool Same(string? a, string? b) => string.Equals(a ?? string.Empty, b ?? string.Empty, StringComparison.Ordinal);

    /// <summary>Identity of a use across target frameworks of one project (as <see cref="RoleUse.Key"/>, without building a string).</summary>
    private readonly struct UseKey : IEquatable<UseKey>
    {
        private readonly string _project;
        private readonly RoleUse _use;

        public UseKey(string project, RoleUse use)
        {
            _project = project;
            _use = use;
        }

        public bool Equals(UseKey other) =>
            _project == other._project &&
            Same(_use.RuleId, other._use.RuleId) &&
            Same(_use.Kind, other._use.Kind) &&
            Same(_use.File, other._use.File) &&
            _use.Line == other._use.Line &&
            _use.Column == other._use.Column &&
            Same(_use.User, other._use.User) &&
            Same(_use.Used, other._use.Used) &&
            Same(_use.From, other._use.From) &&
            Same(_use.To, other._use.To) &&
            Same(_use.UsedAssembly, other._use.UsedAssembly) &&
            Same(_use.Justification, other._use.Justification) &&
            Same(_use.Expires, other._use.Expires);

        public override bool Equals(object? obj) => obj is UseKey other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = StringComparer.Ordinal.GetHashCode(_project);
                hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(_use.User ?? string.Empty);
                hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(_use.Used ?? string.Empty);
                hash = (hash * 31) + _use.Line;
                return (hash * 31) + _use.Column;
            }
        }
    }

    /// <summary>Identity of a diagnostic across target frameworks of one project (as <see cref="DiagnosticEntry.Key"/>).</summary>
    private readonly struct DiagnosticKey : IEquatable<DiagnosticKey>
    {
        private readonly string _project;
        private readonly DiagnosticEntry _entry;

        public DiagnosticKey(string project, DiagnosticEntry entry)
        {
            _project = project;
            _entry = entry;
        }

        public bool Equals(DiagnosticKey other) =>
            _project == other._project &&
            Same(_entry.RuleId, other._entry.RuleId) &&
            Same(_entry.File, other._entry.File) &&
            _entry.Line == other._entry.Line &&
            _entry.Column == other._entry.Column &&
            Same(_entry.Message, other._entry.Message);

        public override bool Equals(object? obj) => obj is DiagnosticKey other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = StringComparer.Ordinal.GetHashCode(_project);
                hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(_entry.Message ?? string.Empty);
                hash = (hash * 31) + _entry.Line;
                return (hash * 31) + _entry.Column;
            }
        }
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
