using System.Collections.Immutable;
using MlAtScale.Core.Policy;

namespace MlAtScale.Core.Precedence;

/// <summary>
/// Where an ownership claim comes from, strongest first: the symbol's own or an enclosing attribute,
/// the policy file's symbol entry, the type's source file (a path line, else CODEOWNERS), the policy
/// file's longest namespace, the assembly attribute, the built-in catalog.
/// </summary>
internal enum OwnershipSource
{
    Attribute = 1,
    PolicySymbol = 2,

    /// <summary>A <c>path &lt;glob&gt; = ...</c> line of the policy file that matches the type's source file.</summary>
    PolicyPath = 3,

    /// <summary>The CODEOWNERS line that gives the type's source file to an owner mapped with <c>@owner = Role</c>.</summary>
    CodeOwners = 4,
    PolicyNamespace = 5,
    AssemblyAttribute = 6,
    CatalogSymbol = 7,
    CatalogNamespace = 8,
    None = 100,
}

/// <summary>
/// One claim on a symbol: a role (or the contract marker) from one source, at a distance from the
/// symbol (0 = on the symbol itself, 1 = on its enclosing type, ...). Claims compare by source first,
/// then by distance: the nearest claim of the strongest source wins.
/// </summary>
internal readonly struct Claim
{
    public static readonly Claim None = new(null, OwnershipSource.None, int.MaxValue);

    public Claim(string? value, OwnershipSource source, int distance, PolicyMapping? entry = null)
    {
        Value = value;
        Source = source;
        Distance = distance;
        Entry = entry;
    }

    public string? Value { get; }

    public OwnershipSource Source { get; }

    public int Distance { get; }

    /// <summary>The policy or catalog entry that makes the claim (null for an attribute's claim).</summary>
    public PolicyMapping? Entry { get; }

    public bool IsNone => Value is null;

    /// <summary>A claim made on a type or member (not on a namespace or an assembly).</summary>
    public bool IsSymbolLevel => Source is OwnershipSource.Attribute or OwnershipSource.PolicySymbol or OwnershipSource.CatalogSymbol;

    /// <summary>This claim as seen from one level further in (a member of the claimed type, a type of the claimed namespace): one step more distant.</summary>
    public Claim Inherited() => IsNone ? this : new Claim(Value, Source, Distance + 1, Entry);

    /// <summary>True when this claim beats <paramref name="other"/>.</summary>
    public bool IsStrongerThan(Claim other) =>
        Source < other.Source || (Source == other.Source && Distance < other.Distance);

    public static Claim Strongest(Claim a, Claim b) => b.IsStrongerThan(a) ? b : a;
}

/// <summary>The resolved ownership of one symbol.</summary>
internal sealed class Ownership
{
    public static readonly Ownership Unowned = new(Claim.None, Claim.None, ImmutableArray<string>.Empty);

    public Ownership(Claim role, Claim contract, ImmutableArray<string> conflictingRoles)
    {
        RoleClaim = role;
        ContractClaim = contract;
        ConflictingRoles = conflictingRoles;
    }

    public Claim RoleClaim { get; }

    public Claim ContractClaim { get; }

    /// <summary>The owning role, or null when the symbol is unowned.</summary>
    public string? Role => RoleClaim.Value;

    /// <summary>
    /// A contract is usable by every role, whoever owns it. The one way to take a contract back is a
    /// role given to the symbol (or a nearer enclosing type) by a stronger source than the contract's:
    /// a policy entry for a member of a type the catalog calls a contract, or a role attribute on a
    /// symbol the policy maps to <c>contract</c>. Namespace- and assembly-wide contracts always hold.
    /// </summary>
    public bool IsContract =>
        !ContractClaim.IsNone &&
        !(RoleClaim.IsSymbolLevel && ContractClaim.IsSymbolLevel &&
          RoleClaim.Distance <= ContractClaim.Distance && RoleClaim.Source < ContractClaim.Source);

    /// <summary>Different roles given by role attributes on this very symbol (MLR0002).</summary>
    public ImmutableArray<string> ConflictingRoles { get; }
}
