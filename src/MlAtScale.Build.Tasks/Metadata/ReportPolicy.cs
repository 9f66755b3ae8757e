using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MlAtScale.Core.Policy;
using MlAtScale.Core.Precedence;

namespace MlAtScale.Build.Tasks.Metadata;

/// <summary>
/// The project's policy files and the catalog, merged by the shared <see cref="PolicySet"/> exactly as
/// the analyzer merges them (outer files first, deeper files override entry by entry, roles declared in
/// any file are known in all).
/// </summary>
internal sealed class ReportPolicy
{
    private ReportPolicy(IReadOnlyList<string> files, HashSet<string> knownRoles, IReadOnlyList<string> declaredRoles, MappingLayer policy, MappingLayer catalog, PathOwnership paths)
    {
        Paths = paths;
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

    public MappingLayer Policy { get; }

    public MappingLayer Catalog { get; }

    /// <summary>The path lines and the CODEOWNERS file, as the analyzer reads them.</summary>
    public PathOwnership Paths { get; }

    /// <summary>Parses the given files; <paramref name="read"/> returns a file's text (it may throw <see cref="IOException"/>).</summary>
    /// <param name="codeOwners">The CODEOWNERS file the package passed to the compiler as well, or null.</param>
    public static ReportPolicy Load(IEnumerable<string> paths, Func<string, string> read, string? codeOwners = null)
    {
        // The same ordering, cross-file roles and catalog option as the analyzer: one shared PolicySet.
        var set = PolicySet.Parse(paths.Distinct(StringComparer.Ordinal).Select(p => (p, read(p))).ToList());
        var owners = codeOwners is null ? null : CodeOwnersFile.Parse(codeOwners, read(codeOwners));
        return new ReportPolicy(
            set.Documents.Select(d => d.Path).ToList(),
            set.KnownRoles,
            set.DeclaredRoles.OrderBy(r => r, StringComparer.Ordinal).ToList(),
            MappingLayer.ForPolicy(set),
            MappingLayer.ForCatalog(set.CatalogEnabled),
            new PathOwnership(set.Documents, owners));
    }
}
