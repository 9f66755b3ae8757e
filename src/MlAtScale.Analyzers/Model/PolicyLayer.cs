using System;
using System.Collections.Generic;
using MlAtScale.Analyzers.Policy;
using Microsoft.CodeAnalysis;

namespace MlAtScale.Analyzers.Model;

/// <summary>
/// The merged mappings of one layer (the user's policy files, or the built-in catalog), indexed for a
/// cheap name-keyed lookup: a symbol's documentation-comment ID is only computed when its simple name
/// matches a mapping.
/// </summary>
internal sealed class PolicyLayer
{
    private readonly Dictionary<string, List<PolicyMapping>> _symbolsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PolicyMapping> _roleNamespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PolicyMapping> _contractNamespaces = new(StringComparer.Ordinal);

    public PolicyLayer(IEnumerable<PolicyDocument> documents, OwnershipSource symbolSource, OwnershipSource namespaceSource)
    {
        SymbolSource = symbolSource;
        NamespaceSource = namespaceSource;
        var byId = new Dictionary<string, PolicyMapping>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            foreach (var mapping in document.Mappings)
            {
                // A later document (a project's own policy file) overrides an earlier one entry by entry.
                byId[mapping.Id] = mapping;
            }
        }

        foreach (var mapping in byId.Values)
        {
            if (mapping.Kind == 'N')
            {
                (mapping.IsContract ? _contractNamespaces : _roleNamespaces)[mapping.Name] = mapping;
                continue;
            }

            if (!_symbolsByName.TryGetValue(mapping.Name, out var list))
            {
                _symbolsByName[mapping.Name] = list = new List<PolicyMapping>(1);
            }

            list.Add(mapping);
            HasDerivedEntries |= mapping.IncludesDerived;
        }

        IsEmpty = byId.Count == 0;
    }

    public OwnershipSource SymbolSource { get; }

    public OwnershipSource NamespaceSource { get; }

    public bool IsEmpty { get; }

    /// <summary>True when some entry also covers derived types, overrides or implementations (<c>...+</c>).</summary>
    public bool HasDerivedEntries { get; }

    /// <summary>Cheap pre-check: is there any entry for a symbol of this simple name?</summary>
    public bool HasName(string name) => _symbolsByName.ContainsKey(name);

    public PolicyMapping? FindSymbolMapping(ISymbol symbol)
    {
        if (!_symbolsByName.TryGetValue(symbol.Name, out var candidates))
        {
            return null;
        }

        var id = SymbolIds.GetDeclarationId(symbol);
        if (id is null)
        {
            return null;
        }

        PolicyMapping? group = null;
        string? groupId = null;
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate.Id, id, StringComparison.Ordinal))
            {
                // An exact signature is more specific than an overload group for the same name.
                return candidate;
            }

            if (candidate.AllOverloads && group is null)
            {
                groupId ??= SymbolIds.GetOverloadGroupId(id);
                if (candidate.Id.Length == groupId.Length + PolicyParser.AllOverloadsSuffix.Length &&
                    string.CompareOrdinal(candidate.Id, 0, groupId, 0, groupId.Length) == 0)
                {
                    group = candidate;
                }
            }
        }

        return group;
    }

    /// <summary>The longest mapped namespace that is <paramref name="ns"/> or encloses it.</summary>
    public bool FindNamespaceMapping(string ns, bool isContract, out PolicyMapping? mapping, out int distance)
    {
        var map = isContract ? _contractNamespaces : _roleNamespaces;
        mapping = null;
        distance = 0;
        if (map.Count == 0)
        {
            return false;
        }

        var current = ns;
        while (current.Length > 0)
        {
            if (map.TryGetValue(current, out mapping))
            {
                return true;
            }

            var dot = current.LastIndexOf('.');
            current = dot < 0 ? string.Empty : current.Substring(0, dot);
            distance++;
        }

        return false;
    }
}
