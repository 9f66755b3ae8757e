using System;
using System.Collections.Generic;

namespace MlAtScale.Core.Policy;

/// <summary>
/// The merged mappings of one layer (the policy files, or the catalog), indexed by documentation-comment
/// ID, by simple name (a cheap pre-check before any ID is computed) and by namespace. Shared by the
/// analyzer (through Roslyn symbols) and the report task (through metadata), so that both resolve an
/// ID the same way. Roslyn-free.
/// </summary>
internal sealed class MappingIndex
{
    private readonly Dictionary<string, List<PolicyMapping>> _symbolsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PolicyMapping> _roleNamespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PolicyMapping> _contractNamespaces = new(StringComparer.Ordinal);

    public MappingIndex(IEnumerable<PolicyDocument> documents)
    {
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

    public bool IsEmpty { get; }

    /// <summary>True when some entry also covers derived types, overrides or implementations (<c>...+</c>).</summary>
    public bool HasDerivedEntries { get; }

    /// <summary>Cheap pre-check: is there any entry for a symbol of this simple name (as Roslyn spells it)?</summary>
    public bool HasName(string name) => _symbolsByName.ContainsKey(name);

    /// <summary>
    /// The entry for a type or member ID: the exact ID, else an overload group (<c>M:T.Method(*)</c>)
    /// of the same method. <paramref name="name"/> is the symbol's simple name; null derives it from the ID.
    /// </summary>
    public PolicyMapping? Find(string id, string? name = null)
    {
        if (!_symbolsByName.TryGetValue(name ?? PolicyParser.LookupName(id), out var candidates))
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
                groupId ??= OverloadGroupId(id);
                if (candidate.Id.Length == groupId.Length + PolicyParser.AllOverloadsSuffix.Length &&
                    string.CompareOrdinal(candidate.Id, 0, groupId, 0, groupId.Length) == 0)
                {
                    group = candidate;
                }
            }
        }

        return group;
    }

    /// <summary>The longest mapped namespace that is <paramref name="ns"/> or encloses it, and how many segments up it is.</summary>
    public bool FindNamespace(string ns, bool isContract, out PolicyMapping? mapping, out int distance)
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

    /// <summary><c>M:Ns.Type.Method``1(System.Int32)</c> → <c>M:Ns.Type.Method</c>: the key of an overload group (<c>(*)</c>).</summary>
    public static string OverloadGroupId(string id)
    {
        var end = id.Length;
        var paren = id.IndexOf('(');
        if (paren >= 0)
        {
            end = paren;
        }

        var tilde = id.IndexOf('~');
        if (tilde >= 0 && tilde < end)
        {
            end = tilde;
        }

        var arity = end > 0 ? id.LastIndexOf("``", end - 1, StringComparison.Ordinal) : -1;
        var lastDot = end > 0 ? id.LastIndexOf('.', end - 1) : -1;
        if (arity > lastDot)
        {
            end = arity;
        }

        return id.Substring(0, end);
    }
}
