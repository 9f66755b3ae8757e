using System;
using System.Collections.Generic;
using System.Linq;
using MlAtScale.Core.Edges;

namespace MlAtScale.Build.Tasks.Report;

/// <summary>
/// The violations of one cause: one role using one type (or its members) of another role. One policy line or
/// attribute settles them all: the used type's contract line, <c>[RoleContract]</c> on it, or the edge.
/// </summary>
internal sealed class ViolationGroup
{
    private ViolationGroup(string from, string? to, string usedType, List<RoleUse> uses)
    {
        From = from;
        To = to;
        UsedType = usedType;
        Uses = uses;
    }

    public string From { get; }

    public string? To { get; }

    /// <summary>The documentation-comment ID of the used type (a member's declaring type).</summary>
    public string UsedType { get; }

    public List<RoleUse> Uses { get; }

    /// <summary>What settles the group: the analyzer's line for it (contract line or [RoleContract]), else the edge.</summary>
    public string Settle => Uses.Select(u => u.Settle).FirstOrDefault(s => !string.IsNullOrEmpty(s)) ?? From + " -> " + To;

    /// <summary>The groups of <paramref name="violations"/>, largest first, then by roles and type.</summary>
    public static List<ViolationGroup> Of(IEnumerable<RoleUse> violations) =>
        violations
            .GroupBy(v => (v.From, v.To, Type: DocumentationIds.TypeOf(v.Used) ?? v.Used))
            .Select(g => new ViolationGroup(g.Key.From, g.Key.To, g.Key.Type, g.ToList()))
            .OrderByDescending(g => g.Uses.Count)
            .ThenBy(g => g.From, StringComparer.Ordinal)
            .ThenBy(g => g.To, StringComparer.Ordinal)
            .ThenBy(g => g.UsedType, StringComparer.Ordinal)
            .ToList();
}
