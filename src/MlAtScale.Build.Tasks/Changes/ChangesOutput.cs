using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using MlAtScale.Build.Tasks.Report;

namespace MlAtScale.Build.Tasks.Changes;

/// <summary>
/// <c>mlroles-changes.json</c> and <c>mlroles-changes.md</c> (docs/pull-request-view.md): deterministic, sorted,
/// without the base file's path or a time, so the same two reports always give the same bytes.
/// </summary>
internal static class ChangesOutput
{
    public const int SchemaVersion = 1;

    /// <summary>The first line of the Markdown: a workflow finds its earlier comment by it and updates that one.</summary>
    public const string CommentMarker = "<!-- mlroles-changes -->";

    public static byte[] Json(ReportChanges changes) => JsonOutput.Write(
        new ChangesDto
        {
            SchemaVersion = SchemaVersion,
            Kind = "changes",
            Report = changes.Kind,
            Summary = new ChangesSummaryDto
            {
                NewViolations = changes.NewViolations.Count,
                FixedViolations = changes.FixedViolations.Count,
                ChangedEdges = changes.Edges.Count,
                NewAllowances = changes.NewAllowances.Count,
                RemovedAllowances = changes.RemovedAllowances.Count,
                OwnershipChanges = changes.Ownership.Count,
            },
            NewViolations = changes.NewViolations.Select(Use).ToList(),
            FixedViolations = changes.FixedViolations.Select(Use).ToList(),
            Edges = changes.Edges.Select(e => new ChangedEdgeDto { From = e.From, To = e.To, Before = Counts(e.Before), After = Counts(e.After) }).ToList(),
            NewAllowances = changes.NewAllowances.Select(Allowance).ToList(),
            RemovedAllowances = changes.RemovedAllowances.Select(Allowance).ToList(),
            Ownership = changes.Ownership.Select(o => changes.Kind == ReportSnapshot.ProjectKind
                ? new OwnershipChangeDto { Id = o.Key, Before = o.Before, After = o.After }
                : new OwnershipChangeDto { Namespace = o.Key, Before = o.Before, After = o.After }).ToList(),
        },
        ChangesJsonContext.Default.ChangesDto);

    public static byte[] Markdown(ReportChanges changes)
    {
        var md = new StringBuilder();
        md.Append(CommentMarker).Append('\n');
        md.Append("# Role boundary changes\n\n");
        md.Append("**").Append(changes.Headline).Append(".**");
        if (changes.Edges.Count + changes.NewAllowances.Count + changes.RemovedAllowances.Count + changes.Ownership.Count == 0)
        {
            md.Append(" No edge, allowance or owner changed.");
        }
        else
        {
            md.Append(' ').Append(MarkdownOutput.Plural(changes.Edges.Count, "edge")).Append(" changed, ")
              .Append(changes.NewAllowances.Count.ToString(CultureInfo.InvariantCulture)).Append(" new and ")
              .Append(changes.RemovedAllowances.Count.ToString(CultureInfo.InvariantCulture)).Append(" removed allowances, ")
              .Append(MarkdownOutput.Plural(changes.Ownership.Count, "ownership change")).Append('.');
        }

        md.Append("\n\n");
        var withProject = changes.Kind == ReportSnapshot.RepositoryKind;
        UseTable(md, "New violations", changes.NewViolations, withProject);
        UseTable(md, "Fixed violations", changes.FixedViolations, withProject);

        if (changes.Edges.Count > 0)
        {
            md.Append("## Edges whose counts changed\n\n");
            md.Append("| edge | uses | allowed | contract | exception | violations | baselined |\n|---|---|---|---|---|---|---|\n");
            foreach (var e in changes.Edges)
            {
                md.Append("| ").Append(MarkdownOutput.Cell(e.From)).Append(" → ").Append(MarkdownOutput.Cell(e.To ?? "(unowned contract)"))
                  .Append(" | ").Append(Delta(e.Before.Uses, e.After.Uses))
                  .Append(" | ").Append(Delta(e.Before.Allowed, e.After.Allowed))
                  .Append(" | ").Append(Delta(e.Before.Contract, e.After.Contract))
                  .Append(" | ").Append(Delta(e.Before.Exception, e.After.Exception))
                  .Append(" | ").Append(Delta(e.Before.Violations, e.After.Violations))
                  .Append(" | ").Append(Delta(e.Before.Baselined, e.After.Baselined)).Append(" |\n");
            }

            md.Append('\n');
        }

        AllowanceTable(md, "New allowances", changes.NewAllowances, withProject);
        AllowanceTable(md, "Removed allowances", changes.RemovedAllowances, withProject);

        if (changes.Ownership.Count > 0)
        {
            md.Append("## Ownership changes\n\n");
            md.Append(withProject ? "| project: namespace | roles before | roles now |\n" : "| type | owner before | owner now |\n");
            md.Append("|---|---|---|\n");
            foreach (var o in changes.Ownership)
            {
                md.Append("| ").Append(MarkdownOutput.Code(o.Key)).Append(" | ").Append(MarkdownOutput.Cell(o.Before ?? "(new)"))
                  .Append(" | ").Append(MarkdownOutput.Cell(o.After ?? "(removed)")).Append(" |\n");
            }

            md.Append('\n');
        }

        return MarkdownOutput.Encode(md);
    }

    private static void UseTable(StringBuilder md, string title, IReadOnlyList<ChangedUse> uses, bool withProject)
    {
        if (uses.Count == 0)
        {
            return;
        }

        md.Append("## ").Append(title).Append(" (").Append(uses.Count.ToString(CultureInfo.InvariantCulture)).Append(")\n\n");
        md.Append(withProject ? "| project | location | roles | user | used |\n|---|---|---|---|---|\n" : "| location | roles | user | used |\n|---|---|---|---|\n");
        foreach (var u in uses)
        {
            md.Append("| ");
            if (withProject)
            {
                md.Append(MarkdownOutput.Cell(u.Project)).Append(" | ");
            }

            md.Append('`').Append(MarkdownOutput.Cell(MarkdownOutput.Location(u.File, u.Line, u.Column))).Append("` | ")
              .Append(MarkdownOutput.Cell(u.From)).Append(" → ").Append(MarkdownOutput.Cell(u.To ?? "(none)"))
              .Append(" | ").Append(MarkdownOutput.Code(u.User)).Append(" | ").Append(MarkdownOutput.Code(u.Used)).Append(" |\n");
        }

        md.Append('\n');
    }

    private static void AllowanceTable(StringBuilder md, string title, IReadOnlyList<AllowanceKey> allowances, bool withProject)
    {
        if (allowances.Count == 0)
        {
            return;
        }

        md.Append("## ").Append(title).Append(" (").Append(allowances.Count.ToString(CultureInfo.InvariantCulture)).Append(")\n\n");
        md.Append(withProject ? "| project | user | roles | justification | expires |\n|---|---|---|---|---|\n" : "| user | roles | justification | expires |\n|---|---|---|---|\n");
        foreach (var a in allowances)
        {
            md.Append("| ");
            if (withProject)
            {
                md.Append(MarkdownOutput.Cell(a.Project)).Append(" | ");
            }

            md.Append(MarkdownOutput.Code(a.User)).Append(" | ").Append(MarkdownOutput.Cell(a.From)).Append(" → ").Append(MarkdownOutput.Cell(a.To ?? "(none)"))
              .Append(" | ").Append(MarkdownOutput.Cell(a.Justification ?? "(missing)")).Append(" | ").Append(MarkdownOutput.Cell(a.Expires ?? "never")).Append(" |\n");
        }

        md.Append('\n');
    }

    private static string Delta(int before, int after) =>
        before == after
            ? after.ToString(CultureInfo.InvariantCulture)
            : before.ToString(CultureInfo.InvariantCulture) + " → " + after.ToString(CultureInfo.InvariantCulture);

    private static ChangedUseDto Use(ChangedUse u) => new()
    {
        Project = u.Project,
        File = u.File,
        Line = u.Line,
        Column = u.Column,
        From = u.From,
        To = u.To,
        User = u.User,
        Used = u.Used,
        Message = u.Message,
    };

    private static ChangedAllowanceDto Allowance(AllowanceKey a) => new()
    {
        Project = a.Project,
        User = a.User,
        From = a.From,
        To = a.To,
        Justification = a.Justification,
        Expires = a.Expires,
    };

    private static EdgeCountsDto Counts(EdgeCounts c) => new()
    {
        Uses = c.Uses,
        Allowed = c.Allowed,
        Contract = c.Contract,
        Exception = c.Exception,
        Violations = c.Violations,
        Baselined = c.Baselined,
    };
}
