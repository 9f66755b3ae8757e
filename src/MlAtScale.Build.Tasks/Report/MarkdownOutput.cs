using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MlAtScale.Build.Tasks.Report;

/// <summary>The Markdown report for people: a summary, a Mermaid graph that GitHub renders, and tables.</summary>
internal static class MarkdownOutput
{
    public static byte[] Project(ProjectReport report, string summaryLine)
    {
        report.Normalize();
        var md = new StringBuilder();
        var edges = EdgeSummary.Summarize(report.Uses);
        md.Append("# Role report: ").Append(Text(report.Name)).Append(" (").Append(Text(report.TargetFramework)).Append(")\n\n");
        md.Append(Text(summaryLine)).Append("\n\n");
        md.Append("Project `").Append(report.ProjectPath).Append("`, schema version ").Append(ProjectReportJson.SchemaVersion).Append(". Machine-readable: `mlroles-report.json`.\n\n");
        md.Append(report.PolicyFiles.Count == 0
            ? "Policy files: none (no `MlRoles.txt` was found for this project; the build says where it looked).\n\n"
            : "Policy files: " + string.Join(", ", report.PolicyFiles.Select(f => "`" + f + "`")) + ".\n\n");
        if (report.CompileFailed)
        {
            md.Append("**The compile failed.** This report shows the violations, edges and diagnostics of the compiler's log; the ownership of types and members is not listed, because the build produced no assembly.\n\n");
        }

        Graph(md, report.Roles, edges, RoleTypeCounts(report.Types));
        Ownership(md, report.Roles, report.Types, report.Members);
        Teams(md, report.Teams);
        Edges(md, edges);
        Violations(md, report.Violations.ToList(), withProject: false, report.SuppressedViolations, report.SuppressionCounts);
        Baselined(md, report.Baselined.ToList(), withProject: false);
        Allowances(md, report.Allowances, withProject: false);
        Diagnostics(md, report.Diagnostics, withProject: false);
        return Encode(md);
    }

    /// <summary>The per-team view: each CODEOWNERS owner mapped to a role, its files and types, and the violations on either side. Nothing when no team owns code.</summary>
    private static void Teams(StringBuilder md, IReadOnlyList<TeamSummary> teams)
    {
        if (teams.Count == 0)
        {
            return;
        }

        md.Append("## Teams (CODEOWNERS)\n\nCode owned through CODEOWNERS and an `@owner = Role` line of the policy file.\n\n");
        md.Append("| team | role | files | types | members | violations in its code | violations using its code |\n|---|---|---|---:|---:|---:|---:|\n");
        foreach (var team in teams)
        {
            md.Append("| `").Append(Cell(team.Team)).Append("` | ").Append(Cell(team.Role)).Append(" | ")
              .Append(team.Files.Count == 0 ? "-" : string.Join(", ", team.Files.Select(f => "`" + Cell(f) + "`"))).Append(" | ")
              .Append(team.Types).Append(" | ").Append(team.Members).Append(" | ")
              .Append(team.ViolationsAsUser).Append(" | ").Append(team.ViolationsAsUsed).Append(" |\n");
        }

        md.Append('\n');
    }

    public static byte[] Repository(RepositoryReport report, string summaryLine)
    {
        var md = new StringBuilder();
        md.Append("# Role report: repository\n\n");
        md.Append(Text(summaryLine)).Append("\n\n");
        md.Append("Merged from ").Append(report.Projects.Count).Append(" project report(s), schema version ").Append(ProjectReportJson.SchemaVersion).Append(". Machine-readable: `mlroles-report.json`.\n\n");
        Graph(md, report.Roles, report.Edges, RoleTypeCounts(report.Types));

        md.Append("## Projects\n\n| project | framework | roles | types (owned / contract / unowned) | owned share | edges | violations | baselined |\n|---|---|---|---|---:|---|---|---|\n");
        foreach (var p in report.Projects)
        {
            md.Append("| `").Append(Cell(p.ProjectPath)).Append("` | ").Append(Cell(p.TargetFramework)).Append(" | ")
              .Append(Cell(string.Join(", ", p.Roles))).Append(" | ")
              .Append(p.Types.Count).Append(" (").Append(ExclusiveCounts(p.Types)).Append(") | ")
              .Append(Percent(OwnedShare.Percent(p.Types))).Append(" | ")
              .Append(EdgeSummary.Summarize(p.Uses).Count).Append(" | ").Append(p.Violations.Count()).Append(" | ").Append(p.Baselined.Count()).Append(" |\n");
        }

        md.Append('\n');
        Ownership(md, report.Roles, report.Types, report.Members);
        Edges(md, report.Edges);

        md.Append("## Cross-project edges\n\n");
        if (report.CrossProjectEdges.Count == 0)
        {
            md.Append("No project uses another project's role-owned code or contracts.\n\n");
        }
        else
        {
            md.Append("| from project | role | to project | role | allowed | contract | exception | violations | baselined | suppressed |\n|---|---|---|---|---:|---:|---:|---:|---:|---:|\n");
            foreach (var e in report.CrossProjectEdges)
            {
                md.Append("| `").Append(Cell(e.FromProject)).Append("` | ").Append(Cell(e.Edge.From)).Append(" | `").Append(Cell(e.ToProject)).Append("` | ")
                  .Append(Cell(e.Edge.To ?? "(contract)")).Append(" | ").Append(e.Edge.Allowed).Append(" | ").Append(e.Edge.Contract).Append(" | ")
                  .Append(e.Edge.Exception).Append(" | ").Append(e.Edge.Violations).Append(" | ").Append(e.Edge.Baselined).Append(" | ").Append(e.Edge.Suppressed).Append(" |\n");
            }

            md.Append('\n');
        }

        Violations(md, report.Violations, withProject: true, report.Projects.Sum(p => p.SuppressedViolations), string.Empty);
        Baselined(md, report.Baselined, withProject: true);
        Allowances(md, report.Allowances, withProject: true);
        Diagnostics(md, report.Diagnostics, withProject: true);
        return Encode(md);
    }

    private static Dictionary<string, int> RoleTypeCounts(IEnumerable<OwnedEntry> types) =>
        types.Where(t => t.Role != null).GroupBy(t => t.Role!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static void Graph(StringBuilder md, IReadOnlyList<string> roles, IReadOnlyList<EdgeSummary> edges, Dictionary<string, int> typeCounts)
    {
        md.Append("## Roles and edges\n\n```mermaid\ngraph LR\n");
        foreach (var role in roles)
        {
            typeCounts.TryGetValue(role, out var n);
            md.Append("  ").Append(NodeId(role)).Append("[\"").Append(role).Append("<br/>").Append(Plural(n, "type")).Append("\"]\n");
        }

        if (edges.Any(e => e.To is null))
        {
            md.Append("  contracts([\"unowned contracts\"])\n");
        }

        var index = 0;
        var linksByKind = new[] { new List<int>(), new List<int>(), new List<int>(), new List<int>() };
        foreach (var edge in edges)
        {
            var parts = new List<string>();
            if (edge.Allowed > 0)
            {
                parts.Add(edge.Allowed + " allowed");
            }

            if (edge.Contract > 0)
            {
                parts.Add(edge.Contract + " via contract");
            }

            if (edge.Exception > 0)
            {
                parts.Add(edge.Exception + " by exception");
            }

            if (edge.Violations > 0)
            {
                parts.Add(Plural(edge.Violations, "violation"));
            }

            if (edge.Baselined > 0)
            {
                parts.Add(edge.Baselined + " baselined");
            }

            if (edge.Suppressed > 0)
            {
                parts.Add(edge.Suppressed + " suppressed");
            }

            // Thick: violations; dotted: only baselined or suppressed violations remain besides permitted uses.
            var hidden = edge.Baselined + edge.Suppressed > 0;
            var arrow = edge.Violations > 0 ? " ==>" : hidden ? " -.->" : " -->";
            md.Append("  ").Append(NodeId(edge.From)).Append(arrow).Append("|\"").Append(string.Join(", ", parts)).Append("\"| ")
              .Append(edge.To is null ? "contracts" : NodeId(edge.To)).Append('\n');
            // Each link is coloured by its worst kind: violations, baselined, by exception, permitted.
            var worst = edge.Violations > 0 ? 0 : hidden ? 1 : edge.Exception > 0 ? 2 : 3;
            linksByKind[worst].Add(index);
            index++;
        }

        for (var kind = 0; kind < LinkStyles.Length; kind++)
        {
            if (linksByKind[kind].Count > 0)
            {
                md.Append("  linkStyle ").Append(string.Join(",", linksByKind[kind].Select(i => i.ToString(CultureInfo.InvariantCulture)))).Append(' ').Append(LinkStyles[kind]).Append('\n');
            }
        }

        md.Append("```\n\n");
        if (edges.Count > 0)
        {
            md.Append("Edge colours: red, violations; amber, baselined or suppressed violations only; purple, allowed by exception; green, allowed by the policy or a contract.\n\n");
        }
    }

    private static readonly string[] LinkStyles =
    {
        "stroke:#d73a49,stroke-width:3px",
        "stroke:#bf8700,stroke-width:2px",
        "stroke:#8250df,stroke-width:2px",
        "stroke:#1a7f37,stroke-width:2px",
    };

    private static void Ownership(StringBuilder md, IReadOnlyList<string> roles, IReadOnlyList<OwnedEntry> types, IReadOnlyList<OwnedEntry> members)
    {
        md.Append("## Ownership\n\n| role | namespaces | types | members |\n|---|---|---:|---:|\n");
        foreach (var role in roles)
        {
            var roleTypes = types.Where(t => t.Role == role).ToList();
            var namespaces = roleTypes.Select(t => t.Namespace.Length == 0 ? "(global)" : t.Namespace).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal);
            md.Append("| ").Append(Cell(role)).Append(" | ").Append(Cell(string.Join(", ", namespaces))).Append(" | ")
              .Append(roleTypes.Count).Append(" | ").Append(members.Count(m => m.Role == role)).Append(" |\n");
        }

        var contractTypes = types.Count(t => t.IsContract);
        var contractMembers = members.Count(m => m.IsContract);
        md.Append("| *contracts* |  | ").Append(contractTypes).Append(" | ").Append(contractMembers).Append(" |\n");
        var unownedTypes = types.Count(t => t.Role is null && !t.IsContract);
        var unownedMembers = members.Count(m => m.Role is null && !m.IsContract);
        md.Append("| *unowned* |  | ").Append(unownedTypes).Append(" | ").Append(unownedMembers).Append(" |\n\n");
        var (owned, contract, unowned) = Exclusive(types);
        md.Append("Owned share: ").Append(Percent(OwnedShare.Percent(types))).Append(" of types have a role owner or are contracts (")
          .Append(owned).Append(" owned / ").Append(contract).Append(" contract / ").Append(unowned).Append(" unowned of ").Append(Plural(types.Count, "type")).Append(").\n\n");
        var ownedContracts = types.Count(t => t.Role != null && t.IsContract);
        if (ownedContracts > 0)
        {
            md.Append("The three counts are exclusive and add up: ").Append(ownedContracts == 1 ? "1 contract type is" : ownedContracts + " contract types are")
              .Append(" also owned by a role (listed in its role's row above too) and counted once, as a contract.\n\n");
        }
        md.Append("Unowned share: ").Append(Share(unownedTypes, types.Count)).Append(" of types, ").Append(Share(unownedMembers, members.Count)).Append(" of members.\n\n");
    }

    /// <summary>
    /// Owned (by a role, not a contract), contract (owned or not) and unowned: exclusive counts that add up to the
    /// number of entries. The JSON's <c>owned</c> also counts the contracts that a role owns.
    /// </summary>
    private static (int Owned, int Contract, int Unowned) Exclusive(IReadOnlyCollection<OwnedEntry> entries) =>
        (entries.Count(t => t.Role != null && !t.IsContract), entries.Count(t => t.IsContract), entries.Count(t => t.Role is null && !t.IsContract));

    /// <summary>"owned / contract / unowned", exclusive (see <see cref="Exclusive"/>).</summary>
    private static string ExclusiveCounts(IReadOnlyCollection<OwnedEntry> entries)
    {
        var (owned, contract, unowned) = Exclusive(entries);
        return owned + " / " + contract + " / " + unowned;
    }

    private static void Edges(StringBuilder md, IReadOnlyList<EdgeSummary> edges)
    {
        md.Append("## Edges\n\n");
        if (edges.Count == 0)
        {
            md.Append("No role uses another role's code.\n\n");
            return;
        }

        md.Append("| from | to | allowed | via contract | by exception | violations | baselined | suppressed |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var e in edges)
        {
            md.Append("| ").Append(Cell(e.From)).Append(" | ").Append(Cell(e.To ?? "(unowned contract)")).Append(" | ").Append(e.Allowed).Append(" | ")
              .Append(e.Contract).Append(" | ").Append(e.Exception).Append(" | ").Append(e.Violations).Append(" | ").Append(e.Baselined).Append(" | ").Append(e.Suppressed).Append(" |\n");
        }

        md.Append('\n');
    }

    private static void Violations(StringBuilder md, IReadOnlyList<RoleUse> violations, bool withProject, int suppressed, string suppressedBy)
    {
        md.Append("## Violations\n\n");
        if (violations.Count == 0)
        {
            md.Append("None.");
        }
        else
        {
            md.Append(withProject ? "| project | location | rule | from | to | user | used | what to do |\n|---|---|---|---|---|---|---|---|\n" : "| location | rule | from | to | user | used | what to do |\n|---|---|---|---|---|---|---|\n");
            foreach (var v in violations)
            {
                md.Append("| ");
                if (withProject)
                {
                    md.Append('`').Append(Cell(v.Project ?? string.Empty)).Append("` | ");
                }

                md.Append('`').Append(Cell(Location(v.File, v.Line, v.Column))).Append("` | ").Append(v.RuleId).Append(" (").Append(v.Level).Append(") | ")
                  .Append(Cell(v.From)).Append(" | ").Append(Cell(v.To ?? string.Empty)).Append(" | ").Append(Code(ShortName(v.User))).Append(" | ").Append(Code(ShortName(v.Used)))
                  .Append(" | ").Append(Code(v.Settle ?? v.From + " -> " + v.To)).Append(" |\n");
            }

            md.Append("\nFull documentation-comment IDs are in the JSON report.\n\n### Violations by cause\n\n| from | to | used type | violations | what settles them | first location |\n|---|---|---|---:|---|---|\n");
            foreach (var g in ViolationGroup.Of(violations))
            {
                var first = g.Uses[0];
                md.Append("| ").Append(Cell(g.From)).Append(" | ").Append(Cell(g.To ?? string.Empty)).Append(" | ").Append(Code(ShortName(g.UsedType))).Append(" | ")
                  .Append(g.Uses.Count).Append(" | ").Append(Code(g.Settle)).Append(" | `").Append(Cell(Location(first.File, first.Line, first.Column))).Append("` |\n");
            }
        }

        if (suppressed > 0)
        {
            md.Append(violations.Count == 0 ? " " : "\n").Append(Plural(suppressed, "violation")).Append(" suppressed")
              .Append(suppressedBy.Length == 0 ? string.Empty : " (" + suppressedBy + ")").Append(".\n");
        }

        md.Append(violations.Count == 0 && suppressed == 0 ? "\n\n" : "\n");
    }

    private static void Baselined(StringBuilder md, IReadOnlyList<RoleUse> baselined, bool withProject)
    {
        if (baselined.Count == 0)
        {
            return;
        }

        md.Append("## Baselined violations\n\n")
          .Append(Plural(baselined.Count, "baselined violation")).Append(baselined.Count == 1 ? " remains" : " remain")
          .Append(": recorded in the role baseline (`MlRoles.baseline.txt`), so not reported and not counted as violations. Fix them and delete their lines; the baseline only shrinks.\n\n");
        md.Append(withProject ? "| project | location | from | to | user | used |\n|---|---|---|---|---|---|\n" : "| location | from | to | user | used |\n|---|---|---|---|---|\n");
        foreach (var b in baselined)
        {
            md.Append("| ");
            if (withProject)
            {
                md.Append('`').Append(Cell(b.Project ?? string.Empty)).Append("` | ");
            }

            md.Append('`').Append(Cell(Location(b.File, b.Line, b.Column))).Append("` | ").Append(Cell(b.From)).Append(" | ").Append(Cell(b.To ?? string.Empty)).Append(" | ")
              .Append(Code(ShortName(b.User))).Append(" | ").Append(Code(ShortName(b.Used))).Append(" |\n");
        }

        md.Append('\n');
    }

    private static void Allowances(StringBuilder md, IReadOnlyList<AllowanceSummary> allowances, bool withProject)
    {
        if (allowances.Count == 0)
        {
            return;
        }

        var expired = allowances.Count(a => a.Expired);
        md.Append("## Allowances\n\n").Append("Every `[AllowRoleCrossing]` that permitted a use, per using member");
        md.Append(expired == 0 ? ".\n\n" : "; " + Plural(expired, "allowance") + (expired == 1 ? " has" : " have") + " expired (MLR0007).\n\n");
        md.Append(withProject ? "| project | user | from | to | justification | expires | uses |\n|---|---|---|---|---|---|---:|\n" : "| user | from | to | justification | expires | uses |\n|---|---|---|---|---|---:|\n");
        foreach (var a in allowances)
        {
            md.Append("| ");
            if (withProject)
            {
                md.Append('`').Append(Cell(a.Project ?? string.Empty)).Append("` | ");
            }

            md.Append(Code(ShortName(a.User))).Append(" | ").Append(Cell(a.From)).Append(" | ").Append(Cell(a.To ?? string.Empty)).Append(" | ")
              .Append(a.Justification is null ? "*(none)*" : Cell(a.Justification)).Append(" | ")
              .Append(a.Expires is null ? "never" : Cell(a.Expires)).Append(a.Expired ? " **(expired)**" : string.Empty).Append(" | ")
              .Append(a.Uses).Append(" |\n");
        }

        md.Append('\n');
    }

    private static void Diagnostics(StringBuilder md, IReadOnlyList<DiagnosticEntry> diagnostics, bool withProject)
    {
        if (diagnostics.Count == 0)
        {
            return;
        }

        md.Append("## Other role diagnostics\n\n| location | rule | message |\n|---|---|---|\n");
        foreach (var d in diagnostics)
        {
            var where = Location(d.File, d.Line, d.Column);
            if (withProject && d.Project != null && d.File is null)
            {
                where = d.Project;
            }

            md.Append("| `").Append(Cell(where)).Append("` | ").Append(d.RuleId).Append(" (").Append(d.Level).Append(") | ").Append(Cell(d.Message)).Append(" |\n");
        }

        md.Append('\n');
    }

    internal static string Location(string? file, int line, int column) =>
        file is null ? "(no location)" : file + "(" + line.ToString(CultureInfo.InvariantCulture) + "," + column.ToString(CultureInfo.InvariantCulture) + ")";

    private static string Share(int part, int total) =>
        total == 0 ? "0%" : (100.0 * part / total).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Percent(double? share) =>
        share is { } value ? value.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>A documentation-comment ID shortened for a table: its last two names, "(…)" for parameters (<c>M:A.B.C.Run(System.Int32)</c> → <c>C.Run(…)</c>).</summary>
    internal static string ShortName(string id)
    {
        var text = id.Length > 2 && id[1] == ':' ? id.Substring(2) : id;
        var paren = text.IndexOf('(');
        var name = paren < 0 ? text : text.Substring(0, paren);
        var parts = name.Split('.');
        var tail = parts.Length > 2 ? parts[parts.Length - 2] + "." + parts[parts.Length - 1] : name;
        return paren < 0 ? tail : tail + "(…)";
    }

    internal static string Plural(int n, string noun) => Report.Plural.Of(n, noun);

    private static string NodeId(string role)
    {
        var id = new StringBuilder("r_");
        foreach (var c in role)
        {
            id.Append(char.IsLetterOrDigit(c) && c < 128 ? c : '_');
        }

        return id.ToString();
    }

    private static string Text(string s) => s.Replace("\r", " ").Replace("\n", " ");

    internal static string Cell(string s) => Text(s).Replace("|", "\\|");

    /// <summary>A code span that survives IDs containing backticks (generic arity) and table pipes.</summary>
    internal static string Code(string s) => s.IndexOf('`') >= 0 ? "`` " + Cell(s) + " ``" : "`" + Cell(s) + "`";

    internal static byte[] Encode(StringBuilder md)
    {
        var text = md.ToString().TrimEnd('\n') + "\n";
        return new UTF8Encoding(false).GetBytes(text);
    }
}
