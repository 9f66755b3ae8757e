using System;
using System.Collections.Generic;
using System.Linq;

namespace MlAtScale.Build.Tasks.Changes;

/// <summary>
/// What changed between a base report and the current one: the pull-request view. Violations are matched by
/// who uses what across which edge (not by line, so an edit above a violation does not make it new); among
/// violations of one identity, those at the same place pair first, the rest in source order.
/// </summary>
internal sealed class ReportChanges
{
    public string Kind { get; private set; } = ReportSnapshot.ProjectKind;

    public List<ChangedUse> NewViolations { get; } = new();

    public List<ChangedUse> FixedViolations { get; } = new();

    public List<EdgeChange> Edges { get; } = new();

    public List<AllowanceKey> NewAllowances { get; } = new();

    public List<AllowanceKey> RemovedAllowances { get; } = new();

    public List<OwnershipChange> Ownership { get; } = new();

    public static ReportChanges Compare(ReportSnapshot before, ReportSnapshot after)
    {
        var changes = new ReportChanges { Kind = after.Kind };
        var baseByIdentity = before.Violations.ToLookup(v => v.Identity);
        var currentByIdentity = after.Violations.ToLookup(v => v.Identity);
        foreach (var identity in baseByIdentity.Select(g => g.Key).Union(currentByIdentity.Select(g => g.Key)))
        {
            var fixedOnes = baseByIdentity[identity].OrderBy(Place).ToList();
            var newOnes = new List<ChangedUse>();
            foreach (var current in currentByIdentity[identity].OrderBy(Place))
            {
                var samePlace = fixedOnes.FindIndex(b => b.File == current.File && b.Line == current.Line && b.Column == current.Column);
                if (samePlace >= 0)
                {
                    fixedOnes.RemoveAt(samePlace);
                }
                else
                {
                    newOnes.Add(current);
                }
            }

            // What is left on both sides moved: pair them in source order.
            var moved = Math.Min(fixedOnes.Count, newOnes.Count);
            changes.NewViolations.AddRange(newOnes.Skip(moved));
            changes.FixedViolations.AddRange(fixedOnes.Skip(moved));
        }

        changes.NewViolations.Sort(ByPlace);
        changes.FixedViolations.Sort(ByPlace);

        foreach (var key in before.Edges.Keys.Union(after.Edges.Keys).OrderBy(k => k.From, StringComparer.Ordinal).ThenBy(k => k.To is null).ThenBy(k => k.To, StringComparer.Ordinal))
        {
            before.Edges.TryGetValue(key, out var was);
            after.Edges.TryGetValue(key, out var now);
            if (!was.Equals(now))
            {
                changes.Edges.Add(new EdgeChange(key.From, key.To, was, now));
            }
        }

        var baseAllowances = new HashSet<AllowanceKey>(before.Allowances);
        var currentAllowances = new HashSet<AllowanceKey>(after.Allowances);
        changes.NewAllowances.AddRange(after.Allowances.Where(a => !baseAllowances.Contains(a)).Distinct().OrderBy(Describe, StringComparer.Ordinal));
        changes.RemovedAllowances.AddRange(before.Allowances.Where(a => !currentAllowances.Contains(a)).Distinct().OrderBy(Describe, StringComparer.Ordinal));

        foreach (var key in before.Ownership.Keys.Union(after.Ownership.Keys).OrderBy(k => k, StringComparer.Ordinal))
        {
            var was = before.Ownership.TryGetValue(key, out var w) ? w : null;
            var now = after.Ownership.TryGetValue(key, out var n) ? n : null;
            if (!string.Equals(was, now, StringComparison.Ordinal))
            {
                changes.Ownership.Add(new OwnershipChange(key, was, now));
            }
        }

        return changes;
    }

    /// <summary>The one console line, e.g. <c>2 new, 1 fixed violations vs base</c>.</summary>
    public string Headline => $"{NewViolations.Count} new, {FixedViolations.Count} fixed violations vs base";

    private static (string, string, int, int) Place(ChangedUse u) => (u.Project, u.File ?? string.Empty, u.Line, u.Column);

    private static int ByPlace(ChangedUse a, ChangedUse b)
    {
        var byProject = string.CompareOrdinal(a.Project, b.Project);
        if (byProject != 0)
        {
            return byProject;
        }

        var byFile = string.CompareOrdinal(a.File ?? string.Empty, b.File ?? string.Empty);
        if (byFile != 0)
        {
            return byFile;
        }

        var byLine = a.Line.CompareTo(b.Line);
        if (byLine != 0)
        {
            return byLine;
        }

        var byColumn = a.Column.CompareTo(b.Column);
        return byColumn != 0 ? byColumn : string.CompareOrdinal(a.Used, b.Used);
    }

    private static string Describe(AllowanceKey a) => string.Join("\u0001", a.Project, a.User, a.From, a.To ?? string.Empty, a.Justification ?? string.Empty, a.Expires ?? string.Empty);
}

/// <summary>A role edge whose counts differ (an edge that is new or gone has all-zero counts on one side).</summary>
internal sealed class EdgeChange
{
    public EdgeChange(string from, string? to, EdgeCounts before, EdgeCounts after)
    {
        From = from;
        To = to;
        Before = before;
        After = after;
    }

    public string From { get; }

    public string? To { get; }

    public EdgeCounts Before { get; }

    public EdgeCounts After { get; }
}

/// <summary>An owner that changed: <see cref="Before"/> is null for code that is new, <see cref="After"/> for code that is gone.</summary>
internal sealed class OwnershipChange
{
    public OwnershipChange(string key, string? before, string? after)
    {
        Key = key;
        Before = before;
        After = after;
    }

    public string Key { get; }

    public string? Before { get; }

    public string? After { get; }
}
