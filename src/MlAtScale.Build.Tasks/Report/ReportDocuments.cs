using System.Collections.Generic;
using System.Linq;
using MlAtScale.Core.Edges;

namespace MlAtScale.Build.Tasks.Report;

/// <summary>The parts the project report and the repository report share, as their JSON documents.</summary>
internal static class ReportDocuments
{
    public static CountsDto Counts(IReadOnlyCollection<OwnedEntry> entries) => new()
    {
        Total = entries.Count,
        Owned = entries.Count(e => e.Role != null),
        Contract = entries.Count(e => e.IsContract),
        Unowned = entries.Count(e => e.Role is null && !e.IsContract),
        OwnedShare = OwnedShare.Percent(entries),
    };

    public static EdgeDto Edge(EdgeSummary edge) => new()
    {
        From = edge.From,
        To = edge.To,
        Uses = edge.Uses,
        Allowed = edge.Allowed,
        Contract = edge.Contract,
        Exception = edge.Exception,
        Violations = edge.Violations,
        Baselined = edge.Baselined,
        Suppressed = edge.Suppressed == 0 ? null : edge.Suppressed,
        Justifications = edge.Justifications.Select(j => new JustificationDto { Text = j.Key, Uses = j.Value }).ToList(),
    };

    /// <summary>An edge between two projects (without justifications).</summary>
    public static EdgeDto Edge(CrossProjectEdge edge)
    {
        var document = Edge(edge.Edge);
        document.FromProject = edge.FromProject;
        document.ToProject = edge.ToProject;
        document.Justifications = null;
        return document;
    }

    public static UseDto Use(RoleUse use)
    {
        var allowance = use.Kind == EdgeKinds.Allowance;
        return new UseDto
        {
            Project = use.Project,
            RuleId = use.RuleId,
            Kind = use.Kind,
            Level = use.Level,
            File = use.File,
            Line = use.Line,
            Column = use.Column,
            From = use.From,
            To = use.To,
            User = use.User,
            Used = use.Used,
            Justification = use.Justification,
            Expires = allowance ? new TextOrNull(use.Expires) : null,
            Expired = allowance ? use.Expired : null,
            Message = use.Message,
            Settle = use.Settle,
        };
    }

    /// <summary>The violations grouped by cause, largest group first.</summary>
    public static List<ViolationGroupDto> Groups(IEnumerable<RoleUse> violations) =>
        ViolationGroup.Of(violations).Select(g => new ViolationGroupDto
        {
            From = g.From,
            To = g.To,
            Used = g.UsedType,
            Violations = g.Uses.Count,
            Settle = g.Settle,
            Locations = g.Uses.Select(u => new LocationDto { Project = u.Project, File = u.File, Line = u.Line, Column = u.Column }).ToList(),
        }).ToList();

    /// <summary>The permitted uses of one edge, kind, used assembly and allowance, with their count.</summary>
    public static PermittedDto Permitted(RoleUse use)
    {
        var allowance = use.Kind == EdgeKinds.Allowance;
        return new PermittedDto
        {
            Project = use.Project,
            Kind = use.Kind,
            From = use.From,
            To = use.To,
            UsedAssembly = use.UsedAssembly,
            User = allowance ? use.User : null,
            Justification = allowance ? new TextOrNull(use.Justification) : null,
            Expires = allowance ? new TextOrNull(use.Expires) : null,
            Expired = allowance ? use.Expired : null,
            Uses = use.Count,
        };
    }

    public static AllowanceDto Allowance(AllowanceSummary allowance) => new()
    {
        Project = allowance.Project,
        User = allowance.User,
        From = allowance.From,
        To = allowance.To,
        Justification = allowance.Justification,
        Expires = allowance.Expires,
        Expired = allowance.Expired,
        Uses = allowance.Uses,
    };

    public static DiagnosticDto Diagnostic(DiagnosticEntry diagnostic) => new()
    {
        Project = diagnostic.Project,
        RuleId = diagnostic.RuleId,
        Level = diagnostic.Level,
        File = diagnostic.File,
        Line = diagnostic.Line,
        Column = diagnostic.Column,
        Message = diagnostic.Message,
    };
}
