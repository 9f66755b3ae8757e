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
        var ordered = paths
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p.Count(c => c == '/' || c == '\\'))
            .ThenBy(p => p, StringComparer.Ordinal)
            .ToList();
        var raw = ordered.Select(p => (Path: p, Text: read(p))).ToList();
        var firstPass = raw.Select(r => PolicyParser.Parse(r.Path, r.Text)).ToList();
        var declared = firstPass.SelectMany(d => d.DeclaredRoles).ToList();
        var documents = new List<PolicyDocument>();
        for (var i = 0; i < raw.Count; i++)
        {
            var others = declared.Except(firstPass[i].DeclaredRoles).ToList();
            documents.Add(others.Count == 0 ? firstPass[i] : PolicyParser.Parse(raw[i].Path, raw[i].Text, others));
        }

        var known = new HashSet<string>(PolicyParser.BuiltInRoles.Concat(declared), StringComparer.Ordinal);
        var catalogOn = documents.SelectMany(d => d.Options).LastOrDefault(o => o.Key == "catalog").Value != "off";
        var catalog = catalogOn ? (IEnumerable<PolicyDocument>)RoleCatalog.Documents : Array.Empty<PolicyDocument>();
        return new ReportPolicy(
            ordered,
            known,
            declared.Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal).ToList(),
            new IdLayer(documents, OwnershipSource.PolicySymbol, OwnershipSource.PolicyNamespace),
            new IdLayer(catalog, OwnershipSource.CatalogSymbol, OwnershipSource.CatalogNamespace));
    }
}

/// <summary>One layer of mappings (policy or catalog), looked up by documentation-comment ID.</summary>
internal sealed class IdLayer
{
    private readonly Dictionary<string, PolicyMapping> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PolicyMapping> _roleNamespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PolicyMapping> _contractNamespaces = new(StringComparer.Ordinal);

    public IdLayer(IEnumerable<PolicyDocument> documents, OwnershipSource symbolSource, OwnershipSource namespaceSource)
    {
        SymbolSource = symbolSource;
        NamespaceSource = namespaceSource;
        var byId = new Dictionary<string, PolicyMapping>(StringComparer.Ordinal);
        foreach (var mapping in documents.SelectMany(d => d.Mappings))
        {
            byId[mapping.Id] = mapping;
        }

        foreach (var mapping in byId.Values)
        {
            if (mapping.Kind == 'N')
            {
                (mapping.IsContract ? _contractNamespaces : _roleNamespaces)[mapping.Name] = mapping;
            }
            else
            {
                _symbols[mapping.Id] = mapping;
                HasDerivedEntries |= mapping.IncludesDerived;
            }
        }

        IsEmpty = byId.Count == 0;
    }

    public OwnershipSource SymbolSource { get; }

    public OwnershipSource NamespaceSource { get; }

    public bool IsEmpty { get; }

    public bool HasDerivedEntries { get; }

    /// <summary>
    /// The mapping of a symbol. <paramref name="alternateId"/> is the same ID with the return type
    /// appended (<c>~T</c>), which some compiler versions write for every method.
    /// </summary>
    public PolicyMapping? FindSymbol(string id, string? alternateId = null)
    {
        if (_symbols.TryGetValue(id, out var mapping))
        {
            return mapping;
        }

        return alternateId != null && _symbols.TryGetValue(alternateId, out mapping) ? mapping : null;
    }

    /// <summary>The longest mapped namespace that is <paramref name="ns"/> or encloses it, and how many segments up it is.</summary>
    public bool FindNamespace(string ns, bool isContract, out PolicyMapping? mapping, out int distance)
    {
        var map = isContract ? _contractNamespaces : _roleNamespaces;
        mapping = null;
        distance = 0;
        var current = ns;
        while (map.Count > 0 && current.Length > 0)
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
