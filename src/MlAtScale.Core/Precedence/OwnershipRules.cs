using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using MlAtScale.Core.Policy;

namespace MlAtScale.Core.Precedence;

/// <summary>
/// The ownership precedence, written once for every front end: the nearest of the symbol's own role
/// attribute, its enclosing types', the policy file's symbol mapping (or a <c>+</c> entry of a base), the
/// type's source file (a <c>path</c> line, else CODEOWNERS), the longest mapped namespace, the assembly
/// attribute and the built-in catalog. A front end (Roslyn
/// symbols in the analyzer, System.Reflection.Metadata in the report task) derives from this class and
/// answers the few questions below about its symbols; it never decides precedence itself.
/// </summary>
/// <typeparam name="TSymbol">A type or member of the front end.</typeparam>
/// <typeparam name="TAssembly">An assembly of the front end.</typeparam>
/// <remarks>Thread-safe when the front end's answers are: the analyzer resolves from many threads.</remarks>
internal abstract class OwnershipRules<TSymbol, TAssembly>
    where TSymbol : notnull
    where TAssembly : class
{
    // Written once per symbol, read for every use. Many lock stripes and a large starting capacity keep
    // concurrent first lookups from waiting on each other or on a resize.
    private const int CacheConcurrency = 32;

    private readonly MappingLayer[] _layers;
    private readonly ConcurrentDictionary<TSymbol, Ownership> _symbols;
    private readonly ConcurrentDictionary<NamespaceKey, Ownership> _namespaces;
    private readonly ConcurrentDictionary<TAssembly, Ownership> _assemblies;

    protected OwnershipRules(MappingLayer policy, MappingLayer catalog, ISet<string> knownRoles, IEqualityComparer<TSymbol> symbolComparer, IEqualityComparer<TAssembly> assemblyComparer, PathOwnership? paths = null)
    {
        Policy = policy;
        Paths = paths ?? PathOwnership.None;
        Catalog = catalog;
        KnownRoles = knownRoles;
        _layers = new[] { policy, catalog };
        _symbols = new(CacheConcurrency, 4096, symbolComparer);
        _namespaces = new(CacheConcurrency, 256, new NamespaceKeyComparer(assemblyComparer));
        _assemblies = new(CacheConcurrency, 16, assemblyComparer);
    }

    public MappingLayer Policy { get; }

    public MappingLayer Catalog { get; }

    /// <summary>The path lines and CODEOWNERS: claims by a type's source file.</summary>
    public PathOwnership Paths { get; }

    /// <summary>Built-in roles and the roles the policy files declare.</summary>
    public ISet<string> KnownRoles { get; }

    /// <summary>False when members are asked for once each, so that only types (asked for by their members) are remembered.</summary>
    protected virtual bool MemoizesMembers => true;

    /// <summary>The ownership of a type or member. Memoised.</summary>
    public Ownership GetOwnership(TSymbol symbol)
    {
        if (!MemoizesMembers && !IsType(symbol))
        {
            return Resolve(symbol);
        }

        if (_symbols.TryGetValue(symbol, out var cached))
        {
            return cached;
        }

        var result = ResolveUnseen(symbol);
        return _symbols.GetOrAdd(symbol, result);
    }

    /// <summary>
    /// Resolves a symbol this instance has not memoised yet. A front end may take the result from a
    /// cache shared across instances (the analyzer shares metadata symbols across compilations).
    /// </summary>
    protected virtual Ownership ResolveUnseen(TSymbol symbol) => Resolve(symbol);

    /// <summary>The ownership of code directly in a namespace of an assembly (null: no assembly). Memoised.</summary>
    public Ownership GetNamespaceOwnership(TAssembly? assembly, string ns)
    {
        var key = new NamespaceKey(assembly, ns);
        if (_namespaces.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var role = Claim.None;
        var contract = Claim.None;
        foreach (var layer in _layers)
        {
            if (layer.FindNamespace(ns, isContract: false, out var mapping, out var distance))
            {
                role = Claim.Strongest(role, new Claim(mapping!.Target, layer.NamespaceSource, distance, mapping));
            }

            if (layer.FindNamespace(ns, isContract: true, out mapping, out distance))
            {
                contract = Claim.Strongest(contract, new Claim(mapping!.Target, layer.NamespaceSource, distance, mapping));
            }
        }

        var claims = assembly is null ? Ownership.Unowned : GetAssemblyOwnership(assembly);
        return _namespaces.GetOrAdd(key, new Ownership(Claim.Strongest(role, claims.RoleClaim), Claim.Strongest(contract, claims.ContractClaim), ImmutableArray<string>.Empty));
    }

    /// <summary>What the assembly-level attributes give; <see cref="Ownership.ConflictingRoles"/> when they disagree (MLR0002). Memoised.</summary>
    public Ownership GetAssemblyOwnership(TAssembly assembly)
    {
        if (_assemblies.TryGetValue(assembly, out var cached))
        {
            return cached;
        }

        var found = new RoleAttributes(AcceptsUndeclaredRoles(assembly) ? null : KnownRoles);
        ReadRoleAttributes(assembly, found);
        var role = found.Roles.Count == 1 ? new Claim(found.Roles[0], OwnershipSource.AssemblyAttribute, 0) : Claim.None;
        var contract = found.Contract ? new Claim(PolicyParser.ContractTarget, OwnershipSource.AssemblyAttribute, 0) : Claim.None;
        return _assemblies.GetOrAdd(assembly, new Ownership(role, contract, found.Conflicts()));
    }

    /// <summary>Resolves a symbol by the precedence rules, without looking at this instance's memo.</summary>
    protected Ownership Resolve(TSymbol symbol)
    {
        if (IsProductType(symbol))
        {
            return Ownership.Unowned;
        }

        var parent = TryGetContainingType(symbol, out var containingType)
            ? GetOwnership(containingType)
            : GetNamespaceOwnership(GetAssembly(symbol), GetNamespace(symbol));

        var role = parent.RoleClaim.Inherited();
        var contract = parent.ContractClaim.Inherited();

        var found = new RoleAttributes(AcceptsUndeclaredRoles(symbol) ? null : KnownRoles);
        ReadRoleAttributes(symbol, found);
        if (found.Contract)
        {
            contract = Claim.Strongest(contract, new Claim(PolicyParser.ContractTarget, OwnershipSource.Attribute, 0));
        }

        if (found.Roles.Count == 1)
        {
            role = Claim.Strongest(role, new Claim(found.Roles[0], OwnershipSource.Attribute, 0));
        }

        if (!Paths.IsEmpty && IsType(symbol) && GetSourcePath(symbol) is { } path)
        {
            var byPath = Paths.Find(path);
            role = Claim.Strongest(role, byPath.Role);
            contract = Claim.Strongest(contract, byPath.Contract);
        }

        foreach (var layer in _layers)
        {
            ApplyLayer(layer, symbol, ref role, ref contract);
        }

        return new Ownership(role, contract, found.Conflicts());
    }

    /// <summary>A product type (<see cref="RoleAttributeNames.ProductTypes"/>) or a member or nested type of one.</summary>
    private bool IsProductType(TSymbol symbol)
    {
        var top = symbol;
        while (TryGetContainingType(top, out var containing))
        {
            top = containing;
        }

        return IsType(top) &&
               GetLookupName(top) is { } name &&
               RoleAttributeNames.ProductTypes.Contains(name) &&
               GetNamespace(top) == RoleAttributeNames.ProductNamespace;
    }

    private void ApplyLayer(MappingLayer layer, TSymbol symbol, ref Claim role, ref Claim contract)
    {
        if (layer.IsEmpty)
        {
            return;
        }

        if (FindMapping(layer, symbol) is { } exact)
        {
            TakeIfStronger(exact, layer.SymbolSource, 0, ref role, ref contract);
        }

        if (!layer.HasDerivedEntries)
        {
            return;
        }

        // A '+' entry of a base type, an implemented interface, an overridden or implemented member
        // counts one step out: the nearest such entry wins, base types before interfaces.
        if (IsType(symbol))
        {
            if (FindDerivedMapping(layer, GetBaseTypes(symbol)) is { } fromBase)
            {
                TakeIfStronger(fromBase, layer.SymbolSource, 1, ref role, ref contract);
            }

            if (FindDerivedMapping(layer, GetAllInterfaces(symbol)) is { } fromInterface)
            {
                TakeIfStronger(fromInterface, layer.SymbolSource, 1, ref role, ref contract);
            }

            return;
        }

        if (FindDerivedMapping(layer, GetOverriddenAndImplemented(symbol, layer)) is { } fromMember)
        {
            TakeIfStronger(fromMember, layer.SymbolSource, 1, ref role, ref contract);
        }
    }

    private PolicyMapping? FindDerivedMapping(MappingLayer layer, IEnumerable<TSymbol> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (FindMapping(layer, candidate) is { IncludesDerived: true } derived)
            {
                return derived;
            }
        }

        return null;
    }

    /// <summary>The layer's entry for a symbol; its IDs are only computed when its lookup name is mapped at all.</summary>
    private PolicyMapping? FindMapping(MappingLayer layer, TSymbol symbol)
    {
        var name = GetLookupName(symbol);
        if (name is null || !layer.HasName(name))
        {
            return null;
        }

        var id = GetDeclarationId(symbol, out var alternateId);
        return id is null ? null : layer.Find(name, id, alternateId);
    }

    /// <summary>A mapping's claim competes with the claims so far: a role with the role claim, <c>contract</c> with the contract claim.</summary>
    private static void TakeIfStronger(PolicyMapping mapping, OwnershipSource source, int distance, ref Claim role, ref Claim contract)
    {
        var claim = new Claim(mapping.Target, source, distance, mapping);
        if (mapping.IsContract)
        {
            contract = Claim.Strongest(contract, claim);
        }
        else
        {
            role = Claim.Strongest(role, claim);
        }
    }

    /// <summary>
    /// The source file that declares a type of the project, for path lines and CODEOWNERS: of several partial
    /// declarations, the first in ordinal path order. Null for a type compiled elsewhere, or when unknown.
    /// </summary>
    protected abstract string? GetSourcePath(TSymbol type);

    /// <summary>The type that declares a member or a nested type; false for a top-level type.</summary>
    protected abstract bool TryGetContainingType(TSymbol symbol, out TSymbol containingType);

    /// <summary>The assembly of a top-level type (null when it has none).</summary>
    protected abstract TAssembly? GetAssembly(TSymbol topLevelType);

    /// <summary>The full name of a top-level type's namespace ("" for the global namespace).</summary>
    protected abstract string GetNamespace(TSymbol topLevelType);

    protected abstract bool IsType(TSymbol symbol);

    /// <summary>The key policy entries of the symbol are indexed by (<see cref="PolicyParser.LookupName"/> of its ID), or null when it has no ID.</summary>
    protected abstract string? GetLookupName(TSymbol symbol);

    /// <summary>
    /// The documentation-comment ID as users write it (a method's return type only for conversion
    /// operators), and for other methods the same ID with <c>~ReturnType</c> appended, which some tools write.
    /// </summary>
    protected abstract string? GetDeclarationId(TSymbol symbol, out string? alternateId);

    /// <summary>Adds the role attributes and the contract attribute the symbol itself carries.</summary>
    protected abstract void ReadRoleAttributes(TSymbol symbol, RoleAttributes found);

    /// <summary>Adds the role and contract attributes of an assembly.</summary>
    protected abstract void ReadRoleAttributes(TAssembly assembly, RoleAttributes found);

    /// <summary>
    /// True for code compiled elsewhere: its roles come from its own project's policy, so a role this
    /// project does not declare still counts. In this project an undeclared role is MLR0004's business.
    /// </summary>
    protected abstract bool AcceptsUndeclaredRoles(TSymbol symbol);

    /// <inheritdoc cref="AcceptsUndeclaredRoles(TSymbol)"/>
    protected abstract bool AcceptsUndeclaredRoles(TAssembly assembly);

    /// <summary>The base types of a type, nearest first (generic ones as their definitions).</summary>
    protected abstract IEnumerable<TSymbol> GetBaseTypes(TSymbol type);

    /// <summary>Every interface a type implements, directly or through its bases and other interfaces.</summary>
    protected abstract IEnumerable<TSymbol> GetAllInterfaces(TSymbol type);

    /// <summary>
    /// The members a method, property or event overrides (nearest first) or implements. Only asked when
    /// <paramref name="layer"/> has <c>+</c> entries; may answer nothing when the layer maps none of their names.
    /// </summary>
    protected abstract IEnumerable<TSymbol> GetOverriddenAndImplemented(TSymbol member, MappingLayer layer);

    private readonly struct NamespaceKey
    {
        public NamespaceKey(TAssembly? assembly, string name)
        {
            Assembly = assembly;
            Name = name;
        }

        public TAssembly? Assembly { get; }

        public string Name { get; }
    }

    private sealed class NamespaceKeyComparer : IEqualityComparer<NamespaceKey>
    {
        private readonly IEqualityComparer<TAssembly> _assemblies;

        public NamespaceKeyComparer(IEqualityComparer<TAssembly> assemblies) => _assemblies = assemblies;

        public bool Equals(NamespaceKey x, NamespaceKey y) =>
            string.Equals(x.Name, y.Name, StringComparison.Ordinal) &&
            (x.Assembly is null ? y.Assembly is null : y.Assembly is not null && _assemblies.Equals(x.Assembly, y.Assembly));

        public int GetHashCode(NamespaceKey key) =>
            (StringComparer.Ordinal.GetHashCode(key.Name) * 397) ^ (key.Assembly is null ? 0 : _assemblies.GetHashCode(key.Assembly));
    }
}

/// <summary>The role attributes and the contract attribute found on one symbol or assembly.</summary>
internal sealed class RoleAttributes
{
    private readonly ISet<string>? _acceptedRoles;
    private readonly List<string> _roles = new(1);

    /// <param name="acceptedRoles">The roles that count; null: every role.</param>
    public RoleAttributes(ISet<string>? acceptedRoles) => _acceptedRoles = acceptedRoles;

    /// <summary>The distinct roles given, in the order found.</summary>
    public IReadOnlyList<string> Roles => _roles;

    public bool Contract { get; private set; }

    public void AddRole(string? role)
    {
        if (role is not null && (_acceptedRoles is null || _acceptedRoles.Contains(role)) && !_roles.Contains(role))
        {
            _roles.Add(role);
        }
    }

    public void AddContract() => Contract = true;

    /// <summary>The roles sorted by name when there is more than one (no role claim then: MLR0002), else empty.</summary>
    public ImmutableArray<string> Conflicts()
    {
        if (_roles.Count < 2)
        {
            return ImmutableArray<string>.Empty;
        }

        var sorted = _roles.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return ImmutableArray.Create(sorted);
    }
}
