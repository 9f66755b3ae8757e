using System;
using System.Collections.Generic;
using System.Linq;

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
}

/// <summary>One use of another role's code at one location: a permitted crossing or a violation.</summary>
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

    /// <summary>violation, policy, contract or exception (EdgeKinds).</summary>
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

    public string Message { get; }

    /// <summary>The project that contains the use (repository report only).</summary>
    public string? Project { get; set; }

    public static int Compare(RoleUse a, RoleUse b)
    {
        var c = string.CompareOrdinal(a.Project, b.Project);
        if (c == 0) c = string.CompareOrdinal(a.File, b.File);
        if (c == 0) c = a.Line.CompareTo(b.Line);
        if (c == 0) c = a.Column.CompareTo(b.Column);
        if (c == 0) c = string.CompareOrdinal(a.RuleId, b.RuleId);
        if (c == 0) c = string.CompareOrdinal(a.Kind, b.Kind);
        if (c == 0) c = string.CompareOrdinal(a.User, b.User);
        if (c == 0) c = string.CompareOrdinal(a.Used, b.Used);
        if (c == 0) c = string.CompareOrdinal(a.Justification, b.Justification);
        if (c == 0) c = string.CompareOrdinal(a.Message, b.Message);
        return c;
    }

    /// <summary>Identity of a use across target frameworks of one project.</summary>
    public string Key => string.Join("\u0001", Project, RuleId, Kind, File, Line, Column, User, Used);
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
        if (c == 0) c = string.CompareOrdinal(a.File, b.File);
        if (c == 0) c = a.Line.CompareTo(b.Line);
        if (c == 0) c = a.Column.CompareTo(b.Column);
        if (c == 0) c = string.CompareOrdinal(a.RuleId, b.RuleId);
        if (c == 0) c = string.CompareOrdinal(a.Message, b.Message);
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

    public int Uses => Allowed + Contract + Exception + Violations;

    public SortedDictionary<string, int> Justifications { get; } = new(StringComparer.Ordinal);

    public void Add(RoleUse use)
    {
        switch (use.Kind)
        {
            case "policy":
                Allowed++;
                break;
            case "contract":
                Contract++;
                break;
            case "exception":
                Exception++;
                var text = use.Justification ?? string.Empty;
                Justifications[text] = Justifications.TryGetValue(text, out var n) ? n + 1 : 1;
                break;
            default:
                Violations++;
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

    /// <summary>Permitted crossings and violations (MLR0006 and MLR0001 results).</summary>
    public List<RoleUse> Uses { get; set; } = new();

    public List<DiagnosticEntry> Diagnostics { get; set; } = new();

    public int SuppressedViolations { get; set; }

    public IEnumerable<RoleUse> Violations => Uses.Where(u => u.Kind == "violation");

    public IEnumerable<RoleUse> Crossings => Uses.Where(u => u.Kind != "violation");

    /// <summary>Roles that own code, take part in an edge, or are declared in a policy file.</summary>
    public List<string> Roles =>
        Types.Select(t => t.Role)
            .Concat(Members.Select(m => m.Role))
            .Concat(Uses.Select(u => u.From))
            .Concat(Uses.Select(u => u.To))
            .Concat(DeclaredRoles)
            .Where(r => r != null)
            .Select(r => r!)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(r => r, StringComparer.Ordinal)
            .ToList();

    /// <summary>Sorts every list so that identical inputs always give identical output.</summary>
    public void Normalize()
    {
        PolicyFiles = PolicyFiles.Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        DeclaredRoles = DeclaredRoles.Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        Types = Types.OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        Members = Members.OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        Uses.Sort(RoleUse.Compare);
        Diagnostics.Sort(DiagnosticEntry.Compare);
    }
}
