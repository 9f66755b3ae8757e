using System;
using System.Collections.Immutable;
using MlAtScale.Core.Policy;
using MlAtScale.Core.Precedence;

namespace MlAtScale.Core.Edges;

/// <summary>What the rules make of one use of a symbol by code of a role.</summary>
internal enum EdgeVerdict
{
    /// <summary>Same role, or unowned code: not a role-to-role edge at all.</summary>
    NotAnEdge,

    /// <summary>The used code is a contract, usable by every role.</summary>
    Contract,

    /// <summary>The policy file allows this role-to-role edge.</summary>
    AllowedByPolicy,

    /// <summary>An <c>[AllowRoleCrossing]</c> on the user (or an enclosing type) names the used role.</summary>
    AllowedByAllowance,

    /// <summary>A violation the role baseline records as known.</summary>
    Baselined,

    /// <summary>A role boundary crossed without permission: MLR0001.</summary>
    Violation,
}

/// <summary>One <c>[AllowRoleCrossing]</c>: the role it lets its code use, why, and until when.</summary>
internal class CrossingAllowance
{
    /// <summary>The code fix's placeholder ("TODO: ...") must be replaced before an allowance counts as justified.</summary>
    public const string PlaceholderPrefix = "TODO";

    public CrossingAllowance(string? role, string? justification, string? expires)
    {
        Role = role;
        Justification = justification;
        Expires = expires;
    }

    public string? Role { get; }

    public string? Justification { get; }

    /// <summary>The optional expiry date as written (<c>Expires = "2027-03-31"</c>).</summary>
    public string? Expires { get; }

    public bool HasJustification => !string.IsNullOrWhiteSpace(Justification);

    public bool IsPlaceholder => HasJustification && Justification!.TrimStart().StartsWith(PlaceholderPrefix, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The boundary verdict, in the order the rules apply: not an edge (same role or unowned), a
/// contract, an edge the policy allows, an allowance on the user, a violation (baselined or not).
/// </summary>
internal static class EdgeJudge
{
    /// <param name="userRole">The role of the code that makes the use.</param>
    /// <param name="used">The ownership of the used symbol.</param>
    /// <param name="allowancesOf">The user's allowances (its own and its enclosing types'), asked for only when the policy does not decide.</param>
    /// <param name="state">What <paramref name="allowancesOf"/> needs (so that callers pass a static lambda).</param>
    /// <param name="allowance">For <see cref="EdgeVerdict.AllowedByAllowance"/>, the allowance that permits the use.</param>
    /// <returns>
    /// The verdict; a <see cref="EdgeVerdict.Violation"/> whose key (<see cref="BaselineFile.Key"/>) the
    /// baseline records is <see cref="EdgeVerdict.Baselined"/> instead, which the caller decides
    /// because the key needs the front end's symbol IDs.
    /// </returns>
    public static EdgeVerdict Judge<TAllowance, TState>(
        string userRole,
        Ownership used,
        PolicySet policy,
        Func<TState, ImmutableArray<TAllowance>> allowancesOf,
        TState state,
        out TAllowance? allowance)
        where TAllowance : CrossingAllowance
    {
        allowance = null;
        var usedRole = used.Role;
        if ((usedRole is null && !used.IsContract) || userRole == usedRole)
        {
            return EdgeVerdict.NotAnEdge;
        }

        if (used.IsContract)
        {
            return EdgeVerdict.Contract;
        }

        if (policy.IsEdgeAllowed(userRole, usedRole!))
        {
            return EdgeVerdict.AllowedByPolicy;
        }

        foreach (var candidate in allowancesOf(state))
        {
            if (candidate.Role == usedRole)
            {
                allowance = candidate;
                return EdgeVerdict.AllowedByAllowance;
            }
        }

        return EdgeVerdict.Violation;
    }

    /// <summary>The edge kind the report and the baseline know a verdict by; null for <see cref="EdgeVerdict.NotAnEdge"/>.</summary>
    public static string? KindOf(EdgeVerdict verdict) => verdict switch
    {
        EdgeVerdict.Contract => EdgeKinds.Contract,
        EdgeVerdict.AllowedByPolicy => EdgeKinds.Policy,
        EdgeVerdict.AllowedByAllowance => EdgeKinds.Allowance,
        EdgeVerdict.Baselined => EdgeKinds.Baseline,
        EdgeVerdict.Violation => EdgeKinds.Violation,
        _ => null,
    };
}
