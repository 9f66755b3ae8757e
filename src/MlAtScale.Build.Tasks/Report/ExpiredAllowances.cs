using System;
using System.Collections.Generic;
using System.Linq;
using MlAtScale.Core.Edges;

namespace MlAtScale.Build.Tasks.Report;

/// <summary>
/// Marks the exceptions whose allowance the analyzer reported as expired (MLR0007). The report never
/// reads the clock: an allowance is expired exactly when the build's own log says so. MLR0007 carries
/// the allowance's owner (documentation-comment ID of the member or type it is on), role and expiry.
/// </summary>
internal static class ExpiredAllowances
{
    public const string RuleId = "MLR0007";

    /// <summary>One MLR0007 of the log: the allowance's owner ID, role and expiry date.</summary>
    public readonly struct Expired : IEquatable<Expired>
    {
        public Expired(string owner, string role, string expires)
        {
            Owner = owner;
            Role = role;
            Expires = expires;
        }

        public string Owner { get; }

        public string Role { get; }

        public string Expires { get; }

        public bool Equals(Expired other) => Owner == other.Owner && Role == other.Role && Expires == other.Expires;

        public override bool Equals(object? obj) => obj is Expired other && Equals(other);

        public override int GetHashCode() => (Owner, Role, Expires).GetHashCode();
    }

    /// <summary>The expired allowances an MLR0007 result describes, or null when it lacks the properties.</summary>
    public static Expired? From(IReadOnlyDictionary<string, string> properties) =>
        properties.TryGetValue(EdgeKinds.OwnerProperty, out var owner) &&
        properties.TryGetValue(EdgeKinds.UsedRoleProperty, out var role) &&
        properties.TryGetValue(EdgeKinds.ExpiresProperty, out var expires)
            ? new Expired(owner, role, expires.Trim())
            : null;

    /// <summary>Sets <see cref="RoleUse.Expired"/> on every exception whose allowance one of <paramref name="expired"/> names.</summary>
    public static void Mark(IEnumerable<RoleUse> uses, IEnumerable<Expired> expired)
    {
        var list = expired.ToList();
        if (list.Count == 0)
        {
            return;
        }

        foreach (var use in uses.Where(u => u.Kind == EdgeKinds.Allowance && u.Expires != null))
        {
            use.Expired = list.Any(e => e.Role == use.To && e.Expires == use.Expires!.Trim() && Covers(e.Owner, use.User));
        }
    }

    /// <summary>
    /// Whether an allowance on <paramref name="owner"/> covers code in <paramref name="user"/>: the same
    /// symbol, or a type that contains it (<c>T:Ns.Outer</c> covers <c>M:Ns.Outer.Inner.Run(System.String)</c>).
    /// </summary>
    internal static bool Covers(string owner, string user)
    {
        if (string.Equals(owner, user, StringComparison.Ordinal))
        {
            return true;
        }

        if (!owner.StartsWith("T:", StringComparison.Ordinal) || user.Length < 3 || user[1] != ':')
        {
            return false;
        }

        var type = owner.Substring(2);
        var body = user.Substring(2);
        var paren = body.IndexOf('(');
        if (paren >= 0)
        {
            body = body.Substring(0, paren);
        }

        return body.Length > type.Length && body.StartsWith(type, StringComparison.Ordinal) && body[type.Length] == '.';
    }
}
