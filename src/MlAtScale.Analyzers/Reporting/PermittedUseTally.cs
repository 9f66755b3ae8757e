using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using MlAtScale.Analyzers.Model;
using MlAtScale.Core.Edges;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlAtScale.Analyzers.Reporting;

/// <summary>
/// The report data of one compilation (MLR0006): permitted uses are counted per role edge, kind, used
/// assembly and, for allowances, per allowance; baselined violations are kept one per use (they are
/// violations, listed at their file and line). Everything is reported once, at the end of the
/// compilation, so what reaches the compiler's log grows with edges, allowances and violations, never
/// with the number of permitted uses.
/// </summary>
internal sealed class PermittedUseTally
{
    private readonly ConcurrentDictionary<Key, StrongBox> _counts = new();
    private readonly ConcurrentQueue<Diagnostic> _baselined = new();

    /// <summary>Counts one permitted use (kinds policy, contract or exception; the allowance's facts for exception only).</summary>
    public void Add(string kind, string userRole, string? usedRole, ISymbol used, ISymbol? allowanceUser, string? justification, string? expires)
    {
        var key = new Key(kind, userRole, usedRole, used.ContainingAssembly, allowanceUser, justification, expires);
        var box = _counts.TryGetValue(key, out var found) ? found : _counts.GetOrAdd(key, _ => new StrongBox());
        Interlocked.Increment(ref box.Value);
    }

    /// <summary>Keeps one baselined violation, reported with its location at the end of the compilation.</summary>
    public void AddBaselined(Location location, ISymbol user, string userRole, ISymbol used, string usedRole) =>
        AddViolation(EdgeKinds.Baseline, null, "a violation recorded in the role baseline", location, user, userRole, used, usedRole);

    /// <summary>Keeps one violation that an option suppressed where it occurs (<paramref name="suppressedBy"/>: editorconfig, globalconfig or nowarn).</summary>
    public void AddSuppressed(string suppressedBy, Location location, ISymbol user, string userRole, ISymbol used, string usedRole) =>
        AddViolation(EdgeKinds.Suppressed, suppressedBy, "a violation suppressed by " + suppressedBy, location, user, userRole, used, usedRole);

    private void AddViolation(string kind, string? suppressedBy, string why, Location location, ISymbol user, string userRole, ISymbol used, string usedRole)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties.Add(EdgeKinds.KindProperty, kind);
        properties.Add(EdgeKinds.UserRoleProperty, userRole);
        properties.Add(EdgeKinds.UsedRoleProperty, usedRole);
        properties.Add(EdgeKinds.UsedAssemblyProperty, used.ContainingAssembly?.Identity.Name ?? string.Empty);
        properties.Add(EdgeKinds.CountProperty, "1");
        properties.Add(EdgeKinds.UserProperty, SymbolIds.GetDeclarationId(user) ?? SymbolNames.Display(user));
        properties.Add(EdgeKinds.UsedProperty, SymbolIds.GetDeclarationId(used) ?? SymbolNames.Display(used));
        if (suppressedBy is not null)
        {
            properties.Add(EdgeKinds.SuppressedByProperty, suppressedBy);
        }

        _baselined.Enqueue(Diagnostic.Create(
            Descriptors.RoleEdgeRecorded,
            location,
            properties.ToImmutable(),
            $"{SymbolNames.Display(user)} ({userRole})",
            $"{SymbolNames.Display(used)} ({usedRole})",
            1,
            why));
    }

    /// <summary>Reports the counts (without location, in a fixed order) and the baselined violations.</summary>
    public void Report(CompilationAnalysisContext context)
    {
        var records = new List<(string Sort, Diagnostic Diagnostic)>(_counts.Count);
        foreach (var pair in _counts)
        {
            var record = Record(pair.Key, pair.Value.Value);
            records.Add((string.Join("\u0001", record.Properties.OrderBy(p => p.Key, System.StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)), record));
        }

        records.Sort((a, b) => string.CompareOrdinal(a.Sort, b.Sort));
        foreach (var (_, record) in records)
        {
            context.ReportDiagnostic(record);
        }

        foreach (var baselined in _baselined)
        {
            context.ReportDiagnostic(baselined);
        }
    }

    private static Diagnostic Record(Key key, int count)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties.Add(EdgeKinds.KindProperty, key.Kind);
        properties.Add(EdgeKinds.UserRoleProperty, key.UserRole);
        properties.Add(EdgeKinds.UsedRoleProperty, key.UsedRole ?? string.Empty);
        properties.Add(EdgeKinds.UsedAssemblyProperty, key.UsedAssembly?.Identity.Name ?? string.Empty);
        properties.Add(EdgeKinds.CountProperty, count.ToString(CultureInfo.InvariantCulture));
        string user = key.UserRole;
        string why;
        switch (key.Kind)
        {
            case EdgeKinds.Contract:
                why = "through contracts";
                break;
            case EdgeKinds.Policy:
                why = $"allowed by the policy edge '{key.UserRole} -> {key.UsedRole}'";
                break;
            default:
                properties.Add(EdgeKinds.UserProperty, SymbolIds.GetDeclarationId(key.AllowanceUser!) ?? SymbolNames.Display(key.AllowanceUser!));
                if (key.Justification is not null)
                {
                    properties.Add(EdgeKinds.JustificationProperty, key.Justification);
                }

                if (key.Expires is not null)
                {
                    properties.Add(EdgeKinds.ExpiresProperty, key.Expires);
                }

                user = $"{SymbolNames.Display(key.AllowanceUser!)} ({key.UserRole})";
                why = $"allowed by [AllowRoleCrossing(\"{key.UsedRole}\")]: {(string.IsNullOrWhiteSpace(key.Justification) ? "(no justification)" : key.Justification)}";
                break;
        }

        var used = (key.UsedRole ?? "contract") + (key.UsedAssembly is { } assembly ? " in " + assembly.Identity.Name : string.Empty);
        return Diagnostic.Create(Descriptors.RoleEdgeRecorded, Location.None, properties.ToImmutable(), user, used, count, why);
    }

    private sealed class StrongBox
    {
        public int Value;
    }

    /// <summary>What one count is for: symbols are compared as symbols, strings ordinally.</summary>
    private readonly struct Key : System.IEquatable<Key>
    {
        public Key(string kind, string userRole, string? usedRole, IAssemblySymbol? usedAssembly, ISymbol? allowanceUser, string? justification, string? expires)
        {
            Kind = kind;
            UserRole = userRole;
            UsedRole = usedRole;
            UsedAssembly = usedAssembly;
            AllowanceUser = allowanceUser;
            Justification = justification;
            Expires = expires;
        }

        public string Kind { get; }

        public string UserRole { get; }

        public string? UsedRole { get; }

        public IAssemblySymbol? UsedAssembly { get; }

        /// <summary>The using member of an allowance's uses (exceptions only; null for the other kinds).</summary>
        public ISymbol? AllowanceUser { get; }

        public string? Justification { get; }

        public string? Expires { get; }

        public bool Equals(Key other) =>
            string.Equals(Kind, other.Kind, System.StringComparison.Ordinal) &&
            string.Equals(UserRole, other.UserRole, System.StringComparison.Ordinal) &&
            string.Equals(UsedRole, other.UsedRole, System.StringComparison.Ordinal) &&
            SymbolEqualityComparer.Default.Equals(UsedAssembly, other.UsedAssembly) &&
            SymbolEqualityComparer.Default.Equals(AllowanceUser, other.AllowanceUser) &&
            string.Equals(Justification, other.Justification, System.StringComparison.Ordinal) &&
            string.Equals(Expires, other.Expires, System.StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = System.StringComparer.Ordinal.GetHashCode(Kind);
                hash = (hash * 31) + System.StringComparer.Ordinal.GetHashCode(UserRole);
                hash = (hash * 31) + (UsedRole is null ? 0 : System.StringComparer.Ordinal.GetHashCode(UsedRole));
                hash = (hash * 31) + SymbolEqualityComparer.Default.GetHashCode(UsedAssembly);
                return (hash * 31) + SymbolEqualityComparer.Default.GetHashCode(AllowanceUser);
            }
        }
    }
}
