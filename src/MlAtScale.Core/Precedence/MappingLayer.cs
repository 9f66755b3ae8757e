using MlAtScale.Core.Catalog;
using MlAtScale.Core.Policy;

namespace MlAtScale.Core.Precedence;

/// <summary>
/// One layer of mappings, the user's policy files or the built-in catalog, with the ownership source
/// its symbol and namespace entries count as.
/// </summary>
internal sealed class MappingLayer
{
    private static readonly MappingIndex NoMappings = new(System.Array.Empty<PolicyDocument>());

    public MappingLayer(MappingIndex index, OwnershipSource symbolSource, OwnershipSource namespaceSource)
    {
        Index = index;
        SymbolSource = symbolSource;
        NamespaceSource = namespaceSource;
    }

    /// <summary>The policy files of a project, merged in the order they apply.</summary>
    public static MappingLayer ForPolicy(PolicySet set) =>
        new(new MappingIndex(set.Documents), OwnershipSource.PolicySymbol, OwnershipSource.PolicyNamespace);

    /// <summary>The built-in catalog, or an empty layer when the project turned it off.</summary>
    public static MappingLayer ForCatalog(bool enabled) => enabled ? CatalogOn : CatalogOff;

    private static MappingLayer CatalogOn => CatalogLayers.On;

    private static MappingLayer CatalogOff => CatalogLayers.Off;

    public MappingIndex Index { get; }

    public OwnershipSource SymbolSource { get; }

    public OwnershipSource NamespaceSource { get; }

    public bool IsEmpty => Index.IsEmpty;

    /// <summary>True when some entry also covers derived types, overrides or implementations (<c>...+</c>).</summary>
    public bool HasDerivedEntries => Index.HasDerivedEntries;

    /// <summary>Cheap pre-check: is there any entry for a symbol of this lookup name?</summary>
    public bool HasName(string name) => Index.HasName(name);

    /// <summary>The entry for a type or member: its ID, else the same ID with the return type appended (<c>~T</c>).</summary>
    public PolicyMapping? Find(string lookupName, string id, string? alternateId) =>
        Index.Find(id, lookupName) ?? (alternateId is null ? null : Index.Find(alternateId, PolicyParser.LookupName(alternateId)));

    /// <summary>The longest mapped namespace that is <paramref name="ns"/> or encloses it, and how many segments up it is.</summary>
    public bool FindNamespace(string ns, bool isContract, out PolicyMapping? mapping, out int distance) =>
        Index.FindNamespace(ns, isContract, out mapping, out distance);

    /// <summary>The catalog is the same for every project: indexed once per process, on first use.</summary>
    private static class CatalogLayers
    {
        public static readonly MappingLayer On = new(RoleCatalog.Index, OwnershipSource.CatalogSymbol, OwnershipSource.CatalogNamespace);

        public static readonly MappingLayer Off = new(NoMappings, OwnershipSource.CatalogSymbol, OwnershipSource.CatalogNamespace);
    }
}
