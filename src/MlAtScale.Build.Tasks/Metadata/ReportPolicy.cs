using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MlAtScale.Analyzers.Model;
using MlAtScale.Analyzers.Policy;

namespace MlAtScale.Build.Tasks.Metadata;

/// <summary>
/// The project's policy files and the catalog, merged exactly as the analyzer's RoleModel merges them
/// (outer files first, deeper files override entry by entry, roles declared in any file are known in
/// all), but indexed by documentation-comment ID instead of Roslyn symbols.
/// </summary>
internal sealed class ReportPolicy
{
    private ReportPolicy(IReadOnlyList<string> files, HashSet<string> knownRoles, IReadOnlyList<string> declaredRoles, IdLayer policy, IdLayer catalog)
    {
        Files = files;
        KnownRoles = knownRoles;
        DeclaredRoles = declaredRoles;
        Policy = policy;
        Catalog = catalog;
    }

    /// <summary>The policy file paths in the order they apply.</summary>
    public IReadOnlyList<string> Files { get; }

    public HashSet<string> KnownRoles { get; }

    /// <summary>Roles declared with <c>role X</c> in the policy files.</summary>
    public IReadOnlyList<string> DeclaredRoles { get; }

    public IdLayer Policy { get; }

    public IdLayer Catalog { get; }

    /// <summary>Parses the given files; <paramref name="read"/> returns a file's text (it may throw <see cref="IOException"/>).</summary>
    public static ReportPolicy Load(IEnumerable<string> paths, Func<string, string> read)
    {
        // The same ordering, cross-file roles and catalog option as the analyzer: one shared PolicySet.
        var set = PolicySet.Parse(paths.Distinct(StringComparer.Ordinal).Select(p => (p, read(p))).ToList());
        var catalog = set.CatalogEnabled ? RoleCatalog.Index : new MappingIndex(Array.Empty<PolicyDocument>());
        return new ReportPolicy(
            set.Documents.Select(d => d.Path).ToList(),
            set.KnownRoles,
            set.DeclaredRoles.OrderBy(r => r, StringComparer.Ordinal).ToList(),
            new IdLayer(new MappingIndex(set.Documents), OwnershipSource.PolicySymbol, OwnershipSource.PolicyNamespace),
            new IdLayer(catalog, OwnershipSource.CatalogSymbol, OwnershipSource.CatalogNamespace));
    }
}

/// <summary>One layer of mappings (policy or catalog), looked up by documentation-comment ID.</summary>
internal sealed class IdLayer
{
    private readonly MappingIndex _index;

    public IdLayer(MappingIndex index, OwnershipSource symbolSource, OwnershipSource namespaceSource)
    {
        _index = index;
        SymbolSource = symbolSource;
        NamespaceSource = namespaceSource;
    }

    public OwnershipSource SymbolSource { get; }

    public OwnershipSource NamespaceSource { get; }

    public bool IsEmpty => _index.IsEmpty;

    public bool HasDerivedEntries => _index.HasDerivedEntries;

    /// <summary>
    /// The mapping of a symbol (exact ID or overload group). <paramref name="alternateId"/> is the same
    /// ID with the return type appended (<c>~T</c>), which some compiler versions write for every method.
    /// </summary>
    public PolicyMapping? FindSymbol(string id, string? alternateId = null) =>
        _index.Find(id) ?? (alternateId != null ? _index.Find(alternateId) : null);

    /// <summary>
    /// <see cref="FindSymbol(string, string?)"/> with the lookup names (<see cref="PolicyParser.LookupName"/>)
    /// computed once by the caller for both layers: no mapping has that name for almost every member.
    /// </summary>
    public PolicyMapping? FindSymbol(string id, string name, string? alternateId, string? alternateName)
    {
        if (_index.HasName(name) && _index.Find(id, name) is { } exact)
        {
            return exact;
        }

        return alternateId != null && _index.HasName(alternateName!) ? _index.Find(alternateId, alternateName) : null;
    }

    /// <summary>Whether any mapping of this layer has the lookup name <paramref name="name"/> (<see cref="PolicyParser.LookupName"/>).</summary>
    public bool HasName(string name) => _index.HasName(name);

    /// <summary>The mapping of <paramref name="id"/>, whose lookup name is <paramref name="name"/>.</summary>
    public PolicyMapping? Find(string id, string name) => _index.Find(id, name);

    /// <summary>The longest mapped namespace that is <paramref name="ns"/> or encloses it, and how many segments up it is.</summary>
    public bool FindNamespace(string ns, bool isContract, out PolicyMapping? mapping, out int distance) =>
        _index.FindNamespace(ns, isContract, out mapping, out distance);
}
