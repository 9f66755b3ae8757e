using System;
using System.Collections.Generic;
using System.Linq;
using MlAtScale.Core.Edges;
using MlAtScale.Core.Policy;

namespace MlAtScale.Build.Tasks.Report;

/// <summary>The ownership of one type or member as it appears in the report.</summary>
internal sealed class OwnedEntry
{
    public OwnedEntry(string id, string ns, string? role, string? roleSource, bool isContract, string? contractSource)
    {
        Id = id;
        Namespace = ns;
        Role = role;
        RoleSource = roleSource;
        IsContract = isContract;
        ContractSource = contractSource;
    }

    public string Id { get; }

    public string Namespace { get; }

    public string? Role { get; }

    /// <summary>Where the role comes from: attribute, policySymbol, policyNamespace, assemblyAttribute, catalogSymbol, catalogNamespace.</summary>
    public string? RoleSource { get; }

    public bool IsContract { get; }

    public string? ContractSource { get; }

    /// <summary>The CODEOWNERS owner whose files give the role (source codeOwners); null otherwise.</summary>
    public string? Team { get; set; }

    /// <summary>A type owned by its source file: the repository-relative file; null otherwise.</summary>
    public string? File { get; set; }
}

/// <summary>One CODEOWNERS owner mapped to a role: what it owns in the project and the violations on either side.</summary>
internal sealed class TeamSummary
{
    public TeamSummary(string team, string role)
    {
        Team = team;
        Role = role;
    }

    public string Team { get; }

    public string Role { get; }

    public List<string> Files { get; } = new();

    public int Types { get; set; }

    public int Members { get; set; }

    /// <summary>Violations in code the team owns (its code uses another role's).</summary>
    public int ViolationsAsUser { get; set; }

    /// <summary>Violations of other code that uses the team's code.</summary>
    public int ViolationsAsUsed { get; set; }

    /// <summary>The teams of a project, by name: from the owned entries, with the violations of each side counted.</summary>
    public static List<TeamSummary> Summarize(IReadOnlyList<OwnedEntry> types, IReadOnlyList<OwnedEntry> members, IEnumerable<RoleUse> violations)
    {
        var teams = new SortedDictionary<string, TeamSummary>(StringComparer.OrdinalIgnoreCase);
        var teamOf = new Dictionary<string, TeamSummary>(StringComparer.Ordinal);
        // Each team's files once: a set beside the list (a team owns thousands of files in a large project).
        var filesSeen = new HashSet<(TeamSummary, string)>();
        foreach (var entry in types.Concat(members))
        {
            if (entry.Team is null || entry.Role is null)
            {
                continue;
            }

            if (!teams.TryGetValue(entry.Team, out var team))
            {
                teams.Add(entry.Team, team = new TeamSummary(entry.Team, entry.Role));
            }

            teamOf[entry.Id] = team;
            if (entry.Id.StartsWith("T:", StringComparison.Ordinal))
            {
                team.Types++;
                if (entry.File is { } file && filesSeen.Add((team, file)))
                {
                    team.Files.Add(file);
                }
            }
            else
            {
                team.Members++;
            }
        }

        foreach (var violation in violations)
        {
            if (Find(teamOf, violation.User) is { } user)
            {
                user.ViolationsAsUser++;
            }

            if (Find(teamOf, violation.Used) is { } used)
            {
                used.ViolationsAsUsed++;
            }
        }

        foreach (var team in teams.Values)
        {
            team.Files.Sort(StringComparer.Ordinal);
        }

        return teams.Values.ToList();
    }

    /// <summary>The team of a member or type ID; a member the walk did not list (an accessor's property, say) counts for its type.</summary>
    private static TeamSummary? Find(Dictionary<string, TeamSummary> teamOf, string id)
    {
        if (teamOf.TryGetValue(id, out var team))
        {
            return team;
        }

        if (id.Length < 3 || id[1] != ':' || id[0] == 'T')
        {
            return null;
        }

        var body = PolicyParser.WithoutSignature(id.Substring(2));
        var dot = body.LastIndexOf('.');
        return dot > 0 && teamOf.TryGetValue("T:" + body.Substring(0, dot), out team) ? team : null;
    }
}

/// <summary>
/// Uses of another role's code: a violation or a baselined violation at one location (one use), or the
/// permitted uses of one role edge, kind, used assembly and allowance, counted (<see cref="Count"/>) and
/// without a location.
/// </summary>
internal sealed class RoleUse
{
    public RoleUse(string kind, string ruleId, string level, string from, string? to, string user, string used, string? file, int line, int column, string? justification, string message)
    {
        Kind = kind;
        RuleId = ruleId;
        Level = level;
        From = from;
        To = to;
        User = user;
        Used = used;
        File = file;
        Line = line;
        Column = column;
        Justification = justification;
        Message = message;
    }

    /// <summary>violation, policy, contract, exception or baseline (EdgeKinds).</summary>
    public string Kind { get; }

    public string RuleId { get; }

    public string Level { get; }

    public string From { get; }

    /// <summary>The used code's role; null for a contract no role owns.</summary>
    public string? To { get; }

    public string User { get; }

    public string Used { get; }

    /// <summary>Repository-relative path with '/' separators.</summary>
    public string? File { get; }

    public int Line { get; }

    public int Column { get; }

    public string? Justification { get; }

    /// <summary>The allowance's expiry date as written (<c>Expires = "yyyy-MM-dd"</c>); exceptions only.</summary>
    public string? Expires { get; set; }

    /// <summary>Whether the SARIF log has an MLR0007 (expired allowance) for the allowance that permits this exception.</summary>
    public bool Expired { get; set; }

    public string Message { get; }

    /// <summary>The project that contains the use (repository report only).</summary>
    public string? Project { get; set; }

    /// <summary>How many uses this stands for: 1 for a violation or a baselined violation, the analyzer's count for permitted uses.</summary>
    public int Count { get; set; } = 1;

    /// <summary>The simple name of the assembly that declares the used code, when the analyzer gave it (permitted and baselined uses).</summary>
    public string? UsedAssembly { get; set; }

    /// <summary>A violation: the one policy line or attribute that would settle it (<c>T:… = contract</c> or <c>[RoleContract]</c>), from MLR0001; null when the log has none.</summary>
    public string? Settle { get; set; }

    /// <summary>A suppressed violation (kind suppressed): how it was suppressed (pragma, suppressMessage, editorconfig, globalconfig, nowarn, source).</summary>
    public string? SuppressedBy { get; set; }

    /// <summary>Permitted uses (kinds policy, contract, exception): counted per edge and allowance, not listed per location.</summary>
    public bool IsPermitted => Kind is EdgeKinds.Policy or EdgeKinds.Contract or EdgeKinds.Allowance;

    public static int Compare(RoleUse a, RoleUse b)
    {
        var c = string.CompareOrdinal(a.Project, b.Project);
        c = c != 0 ? c : string.CompareOrdinal(a.File, b.File);
        c = c != 0 ? c : a.Line.CompareTo(b.Line);
        c = c != 0 ? c : a.Column.CompareTo(b.Column);
        c = c != 0 ? c : string.CompareOrdinal(a.RuleId, b.RuleId);
        c = c != 0 ? c : string.CompareOrdinal(a.Kind, b.Kind);
        c = c != 0 ? c : string.CompareOrdinal(a.User, b.User);
        c = c != 0 ? c : string.CompareOrdinal(a.Used, b.Used);
        c = c != 0 ? c : string.CompareOrdinal(a.Justification, b.Justification);
        c = c != 0 ? c : string.CompareOrdinal(a.Expires, b.Expires);
        c = c != 0 ? c : string.CompareOrdinal(a.From, b.From);
        c = c != 0 ? c : string.CompareOrdinal(a.To, b.To);
        c = c != 0 ? c : string.CompareOrdinal(a.UsedAssembly, b.UsedAssembly);
        c = c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
        return c;
    }

    /// <summary>A copy of this use, attributed to <paramref name="project"/>.</summary>
    public RoleUse WithProject(string? project) =>
        new(Kind, RuleId, Level, From, To, User, Used, File, Line, Column, Justification, Message) { Expires = Expires, Expired = Expired, Project = project, Count = Count, UsedAssembly = UsedAssembly, SuppressedBy = SuppressedBy, Settle = Settle };

    /// <summary>The kinds the report understands: MLR0001 violations and the MLR0006 kinds of <see cref="EdgeKinds"/>.</summary>
    public static bool IsKnownKind(string? kind) =>
        kind is EdgeKinds.Violation or EdgeKinds.Policy or EdgeKinds.Contract or EdgeKinds.Allowance or EdgeKinds.Baseline;

    /// <summary>Identity of a use across target frameworks of one project.</summary>
    public string Key => string.Join("\u0001", Project, RuleId, Kind, File, Line, Column, User, Used, From, To, UsedAssembly, Justification, Expires);

    /// <summary>
    /// A violation the analyzer found but that was suppressed: by an option where it occurs (editorconfig,
    /// globalconfig, nowarn: an MLR0006 record) or in source (pragma, suppressMessage: the compiler's log).
    /// It stays a use of its edge (counted as suppressed there) and is listed with how it was suppressed.
    /// </summary>
    public static RoleUse Suppressed(string suppressedBy, string from, string? to, string user, string used, string? file, int line, int column) =>
        new(EdgeKinds.Suppressed, "MLR0001", "none", from, to, user, used, file, line, column, null, string.Empty) { SuppressedBy = suppressedBy };
}

/// <summary>A mapping of a shared policy file (outside the project's folder) that one project build does not match.</summary>
internal sealed class SharedMapping
{
    public SharedMapping(string file, int line, int column, string mapping)
    {
        File = file;
        Line = line;
        Column = column;
        Mapping = mapping;
    }

    /// <summary>The policy file, repository-relative.</summary>
    public string File { get; }

    public int Line { get; }

    public int Column { get; }

    public string Mapping { get; }

    public string Key => string.Join("\u0001", File, Line, Column, Mapping);

    public static int Compare(SharedMapping a, SharedMapping b)
    {
        var c = string.CompareOrdinal(a.File, b.File);
        c = c != 0 ? c : a.Line.CompareTo(b.Line);
        c = c != 0 ? c : a.Column.CompareTo(b.Column);
        return c != 0 ? c : string.CompareOrdinal(a.Mapping, b.Mapping);
    }
}

/// <summary>Another MlAtScale diagnostic (MLR0002-MLR0005 and later IDs) from the SARIF log.</summary>
internal sealed class DiagnosticEntry
{
    public DiagnosticEntry(string ruleId, string level, string? file, int line, int column, string message)
    {
        RuleId = ruleId;
        Level = level;
        File = file;
        Line = line;
        Column = column;
        Message = message;
    }

    public string RuleId { get; }

    public string Level { get; }

    public string? File { get; }

    public int Line { get; }

    public int Column { get; }

    public string Message { get; }

    public string? Project { get; set; }

    public static int Compare(DiagnosticEntry a, DiagnosticEntry b)
    {
        var c = string.CompareOrdinal(a.Project, b.Project);
        c = c != 0 ? c : string.CompareOrdinal(a.File, b.File);
        c = c != 0 ? c : a.Line.CompareTo(b.Line);
        c = c != 0 ? c : a.Column.CompareTo(b.Column);
        c = c != 0 ? c : string.CompareOrdinal(a.RuleId, b.RuleId);
        c = c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
        return c;
    }

    public string Key => string.Join("\u0001", Project, RuleId, File, Line, Column, Message);
}

/// <summary>All uses from one role to another (or to unowned contracts), split by kind.</summary>
internal sealed class EdgeSummary
{
    public EdgeSummary(string from, string? to)
    {
        From = from;
        To = to;
    }

    public string From { get; }

    public string? To { get; }

    public int Allowed { get; set; }

    public int Contract { get; set; }

    public int Exception { get; set; }

    public int Violations { get; set; }

    /// <summary>Violations covered by the role baseline (MLR0006 with kind <c>baseline</c>): not reported, not counted as violations.</summary>
    public int Baselined { get; set; }

    /// <summary>Violations suppressed by an option, a #pragma or [SuppressMessage]: not reported, not counted as violations, but still uses of the edge.</summary>
    public int Suppressed { get; set; }

    /// <summary>Every use on this edge: allowed + contract + exception + violations + baselined + suppressed.</summary>
    public int Uses => Allowed + Contract + Exception + Violations + Baselined + Suppressed;

    public SortedDictionary<string, int> Justifications { get; } = new(StringComparer.Ordinal);

    public void Add(RoleUse use)
    {
        // The task admits only these kinds (RoleUse.IsKnownKind); anything else is not counted at all,
        // never as a violation.
        switch (use.Kind)
        {
            case EdgeKinds.Policy:
                Allowed += use.Count;
                break;
            case EdgeKinds.Contract:
                Contract += use.Count;
                break;
            case EdgeKinds.Allowance:
                Exception += use.Count;
                var text = use.Justification ?? string.Empty;
                Justifications[text] = (Justifications.TryGetValue(text, out var n) ? n : 0) + use.Count;
                break;
            case EdgeKinds.Violation:
                Violations += use.Count;
                break;
            case EdgeKinds.Baseline:
                Baselined += use.Count;
                break;
            case EdgeKinds.Suppressed:
                Suppressed += use.Count;
                break;
        }
    }

    /// <summary>Edges in a stable order: by source role, then target role (unowned contracts last).</summary>
    public static List<EdgeSummary> Summarize(IEnumerable<RoleUse> uses)
    {
        var edges = new Dictionary<string, EdgeSummary>(StringComparer.Ordinal);
        foreach (var use in uses)
        {
            var key = use.From + "\u0001" + (use.To ?? "\u0002");
            if (!edges.TryGetValue(key, out var edge))
            {
                edges.Add(key, edge = new EdgeSummary(use.From, use.To));
            }

            edge.Add(use);
        }

        return edges.Values
            .OrderBy(e => e.From, StringComparer.Ordinal)
            .ThenBy(e => e.To is null ? 1 : 0)
            .ThenBy(e => e.To, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>
/// One [AllowRoleCrossing] as the report sees it: the uses it permitted in one using member (with the
/// same justification and expiry), from the MLR0006 <c>exception</c> records of the log.
/// </summary>
internal sealed class AllowanceSummary
{
    public AllowanceSummary(string? project, string user, string from, string? to, string? justification, string? expires)
    {
        Project = project;
        User = user;
        From = from;
        To = to;
        Justification = justification;
        Expires = expires;
    }

    /// <summary>The project (repository report only).</summary>
    public string? Project { get; }

    /// <summary>Documentation-comment ID of the using member.</summary>
    public string User { get; }

    public string From { get; }

    public string? To { get; }

    public string? Justification { get; }

    /// <summary>The expiry date as written, or null.</summary>
    public string? Expires { get; }

    /// <summary>The log has an MLR0007 for this allowance (the build's date is past <see cref="Expires"/>).</summary>
    public bool Expired { get; private set; }

    public int Uses { get; private set; }

    /// <summary>Allowances sorted by project, user, target role, justification and expiry.</summary>
    public static List<AllowanceSummary> Summarize(IEnumerable<RoleUse> uses)
    {
        var allowances = new Dictionary<string, AllowanceSummary>(StringComparer.Ordinal);
        foreach (var use in uses.Where(u => u.Kind == EdgeKinds.Allowance))
        {
            var key = string.Join("\u0001", use.Project, use.User, use.From, use.To, use.Justification ?? "\u0002", use.Expires ?? "\u0002");
            if (!allowances.TryGetValue(key, out var allowance))
            {
                allowances.Add(key, allowance = new AllowanceSummary(use.Project, use.User, use.From, use.To, use.Justification, use.Expires));
            }

            allowance.Uses += use.Count;
            allowance.Expired |= use.Expired;
        }

        return allowances.Values
            .OrderBy(a => a.Project, StringComparer.Ordinal)
            .ThenBy(a => a.User, StringComparer.Ordinal)
            .ThenBy(a => a.From, StringComparer.Ordinal)
            .ThenBy(a => a.To, StringComparer.Ordinal)
            .ThenBy(a => a.Justification, StringComparer.Ordinal)
            .ThenBy(a => a.Expires, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>How much of a project's code has an owner.</summary>
internal static class OwnedShare
{
    /// <summary>
    /// The percentage (one decimal) of <paramref name="entries"/> that a role owns or that are contracts,
    /// i.e. 100 minus the unowned share: what MLR0009 asks to be complete. Null when there are none.
    /// </summary>
    public static double? Percent(IReadOnlyCollection<OwnedEntry> entries)
    {
        if (entries.Count == 0)
        {
            return null;
        }

        var owned = entries.Count(e => e.Role != null || e.IsContract);
        return Math.Round(100.0 * owned / entries.Count, 1, MidpointRounding.AwayFromZero);
    }
}

/// <summary>The role report of one project (one target framework): the fragment the repository report is merged from.</summary>
internal sealed class ProjectReport
{
    public string Name { get; set; } = string.Empty;

    /// <summary>Repository-relative project file path.</summary>
    public string ProjectPath { get; set; } = string.Empty;

    public string TargetFramework { get; set; } = string.Empty;

    public string AssemblyName { get; set; } = string.Empty;

    public string AssemblyPath { get; set; } = string.Empty;

    public string SarifPath { get; set; } = string.Empty;

    public List<string> PolicyFiles { get; set; } = new();

    /// <summary>Roles declared in the policy files (listed even when they own nothing yet).</summary>
    public List<string> DeclaredRoles { get; set; } = new();

    public List<OwnedEntry> Types { get; set; } = new();

    public List<OwnedEntry> Members { get; set; } = new();

    /// <summary>Permitted uses (counted per edge and allowance), violations and baselined violations (MLR0006 and MLR0001 results).</summary>
    public List<RoleUse> Uses { get; set; } = new();

    public List<DiagnosticEntry> Diagnostics { get; set; } = new();

    /// <summary>Mappings of shared policy files that this build matches nothing with (the repository report decides on them).</summary>
    public List<SharedMapping> UnmatchedShared { get; set; } = new();

    /// <summary>The suppressed violations (uses of kind suppressed) and how each was suppressed.</summary>
    public IEnumerable<RoleUse> Suppressions => Uses.Where(u => u.Kind == EdgeKinds.Suppressed);

    public int SuppressedViolations => Suppressions.Count();

    /// <summary>"editorconfig 1, pragma 2": how many violations each way of suppressing hid, by name; empty when none.</summary>
    public string SuppressionCounts =>
        string.Join(", ", Suppressions.GroupBy(s => s.SuppressedBy ?? string.Empty, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + " " + g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>
    /// The compile failed (e.g. with MlAtScaleViolationsAsErrors=true): the report holds what the
    /// compiler's log shows (violations, edges, diagnostics), but no ownership of types and members,
    /// because no assembly of this build exists to read it from.
    /// </summary>
    public bool CompileFailed { get; set; }

    /// <summary>The CODEOWNERS owners mapped to roles that own code of this project (the per-team view).</summary>
    public List<TeamSummary> Teams => TeamSummary.Summarize(Types, Members, Violations);

    /// <summary>Unsuppressed MLR0001 results.</summary>
    public IEnumerable<RoleUse> Violations => Uses.Where(u => u.Kind == EdgeKinds.Violation);

    /// <summary>Permitted uses: MLR0006 records with kind policy, contract or exception, each with its count.</summary>
    public IEnumerable<RoleUse> Permitted => Uses.Where(u => u.IsPermitted);

    /// <summary>How many permitted uses the records count.</summary>
    public int CrossingCount => Permitted.Sum(u => u.Count);

    /// <summary>Violations covered by the role baseline (MLR0006 with kind baseline).</summary>
    public IEnumerable<RoleUse> Baselined => Uses.Where(u => u.Kind == EdgeKinds.Baseline);

    /// <summary>Every [AllowRoleCrossing] that permitted a use, per using member.</summary>
    public List<AllowanceSummary> Allowances => AllowanceSummary.Summarize(Uses);

    /// <summary>Roles that own code, take part in an edge, or are declared in a policy file.</summary>
    public List<string> Roles
    {
        get
        {
            var roles = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in Types)
            {
                if (t.Role != null)
                {
                    roles.Add(t.Role);
                }
            }

            foreach (var m in Members)
            {
                if (m.Role != null)
                {
                    roles.Add(m.Role);
                }
            }

            foreach (var u in Uses)
            {
                roles.Add(u.From);
                if (u.To != null)
                {
                    roles.Add(u.To);
                }
            }

            roles.UnionWith(DeclaredRoles);
            var list = roles.ToList();
            list.Sort(StringComparer.Ordinal);
            return list;
        }
    }

    /// <summary>
    /// Sorts every list so that identical inputs always give identical output. A list that is already in
    /// order is left as it is (so normalizing twice costs one linear check and never reorders equal items).
    /// </summary>
    public void Normalize()
    {
        if (!IsStrictlyOrdered(PolicyFiles))
        {
            PolicyFiles = PolicyFiles.Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        }

        if (!IsStrictlyOrdered(DeclaredRoles))
        {
            DeclaredRoles = DeclaredRoles.Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        }

        if (!IsOrdered(Types, (a, b) => string.CompareOrdinal(a.Id, b.Id)))
        {
            Types = SortById(Types);
        }

        if (!IsOrdered(Members, (a, b) => string.CompareOrdinal(a.Id, b.Id)))
        {
            Members = SortById(Members);
        }

        if (!IsOrdered(Uses, RoleUse.Compare))
        {
            Uses.Sort(RoleUse.Compare);
        }

        if (!IsOrdered(Diagnostics, DiagnosticEntry.Compare))
        {
            Diagnostics.Sort(DiagnosticEntry.Compare);
        }

        if (!IsOrdered(UnmatchedShared, SharedMapping.Compare))
        {
            UnmatchedShared.Sort(SharedMapping.Compare);
        }
    }

    /// <summary>
    /// The entries in the order of a stable sort by ID. Lists that are a few ordered runs one after the
    /// other (a fragment's view: one run per role, then the contracts and the unowned entries) are merged
    /// run by run, stably; other lists are sorted by an array sort of the IDs (several times cheaper than
    /// a LINQ OrderBy on tens of thousands of members), which gives the same order whenever the IDs are
    /// distinct; when two entries share an ID, the stable sort runs instead, so that they keep their order.
    /// </summary>
    internal static List<OwnedEntry> SortById(List<OwnedEntry> entries)
    {
        var bounds = new List<int> { 0 };
        for (var i = 1; i < entries.Count && bounds.Count <= MaxMergedRuns; i++)
        {
            if (string.CompareOrdinal(entries[i - 1].Id, entries[i].Id) > 0)
            {
                bounds.Add(i);
            }
        }

        if (bounds.Count <= MaxMergedRuns)
        {
            bounds.Add(entries.Count);
            return MergeRuns(entries.ToArray(), bounds);
        }

        var ids = new string[entries.Count];
        var sorted = entries.ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            ids[i] = sorted[i].Id;
        }

        Array.Sort(ids, sorted, StringComparer.Ordinal);
        for (var i = 1; i < ids.Length; i++)
        {
            if (string.Equals(ids[i - 1], ids[i], StringComparison.Ordinal))
            {
                return entries.OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
            }
        }

        return new List<OwnedEntry>(sorted);
    }

    /// <summary>How many ordered runs <see cref="SortById"/> merges rather than sorts.</summary>
    private const int MaxMergedRuns = 64;

    /// <summary>Merges neighbouring runs (<paramref name="bounds"/>: their starts, then the end) pairwise until one is left; equal IDs keep their order.</summary>
    private static List<OwnedEntry> MergeRuns(OwnedEntry[] items, List<int> bounds)
    {
        var buffer = new OwnedEntry[items.Length];
        while (bounds.Count > 2)
        {
            var merged = new List<int>();
            var r = 0;
            for (; r + 2 < bounds.Count; r += 2)
            {
                merged.Add(bounds[r]);
                int left = bounds[r], middle = bounds[r + 1], end = bounds[r + 2], right = middle, to = bounds[r];
                while (left < middle && right < end)
                {
                    buffer[to++] = string.CompareOrdinal(items[left].Id, items[right].Id) <= 0 ? items[left++] : items[right++];
                }

                Array.Copy(items, left, buffer, to, middle - left);
                Array.Copy(items, right, buffer, to + (middle - left), end - right);
            }

            if (r + 1 < bounds.Count)
            {
                // An odd run out: copied as it is, merged in the next round.
                merged.Add(bounds[r]);
                Array.Copy(items, bounds[r], buffer, bounds[r], bounds[r + 1] - bounds[r]);
            }

            merged.Add(bounds[bounds.Count - 1]);
            (items, buffer) = (buffer, items);
            bounds = merged;
        }

        return new List<OwnedEntry>(items);
    }

    private static bool IsStrictlyOrdered(List<string> list)
    {
        for (var i = 1; i < list.Count; i++)
        {
            if (string.CompareOrdinal(list[i - 1], list[i]) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsOrdered<T>(List<T> list, Comparison<T> compare)
    {
        for (var i = 1; i < list.Count; i++)
        {
            if (compare(list[i - 1], list[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }
}
