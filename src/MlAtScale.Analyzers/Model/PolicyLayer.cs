using MlAtScale.Analyzers.Policy;
using Microsoft.CodeAnalysis;

namespace MlAtScale.Analyzers.Model;

/// <summary>
/// One layer of mappings (the user's policy files, or the built-in catalog) looked up through Roslyn
/// symbols: a symbol's documentation-comment ID is only computed when its simple name matches an entry.
/// </summary>
internal sealed class PolicyLayer
{
    private readonly MappingIndex _index;

    public PolicyLayer(MappingIndex index, OwnershipSource symbolSource, OwnershipSource namespaceSource)
    {
        _index = index;
        SymbolSource = symbolSource;
        NamespaceSource = namespaceSource;
    }

    public OwnershipSource SymbolSource { get; }

    public OwnershipSource NamespaceSource { get; }

    public bool IsEmpty => _index.IsEmpty;

    /// <summary>True when some entry also covers derived types, overrides or implementations (<c>...+</c>).</summary>
    public bool HasDerivedEntries => _index.HasDerivedEntries;

    /// <summary>Cheap pre-check: is there any entry for a symbol of this simple name?</summary>
    public bool HasName(string name) => _index.HasName(name);

    public PolicyMapping? FindSymbolMapping(ISymbol symbol)
    {
        if (!_index.HasName(symbol.Name))
        {
            return null;
        }

        var id = SymbolIds.GetDeclarationId(symbol);
        return id is null ? null : _index.Find(id, symbol.Name);
    }

    /// <summary>The longest mapped namespace that is <paramref name="ns"/> or encloses it.</summary>
    public bool FindNamespaceMapping(string ns, bool isContract, out PolicyMapping? mapping, out int distance) =>
        _index.FindNamespace(ns, isContract, out mapping, out distance);
}
