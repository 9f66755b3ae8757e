using System;
using System.Collections.Generic;
using System.Linq;

namespace MlAtScale.Core.Policy;

/// <summary>
/// The policy files of one project, parsed and ordered the one way both the analyzer and the report
/// task use: outer (repo-wide) files first, deeper (per-project) files after, so that they override
/// entry by entry; roles declared in any file are known in all of them. Roslyn-free.
/// </summary>
internal sealed class PolicySet
{
    private PolicySet(IReadOnlyList<PolicyDocument> documents, IReadOnlyList<string> declaredRoles)
    {
        Documents = documents;
        DeclaredRoles = declaredRoles;
        KnownRoles = new HashSet<string>(PolicyParser.BuiltInRoles.Concat(declaredRoles), StringComparer.Ordinal);
        CatalogEnabled = documents.SelectMany(d => d.Options).LastOrDefault(o => o.Key == "catalog").Value != "off";
        Edges = new HashSet<string>(documents.SelectMany(d => d.Edges).Select(e => EdgeKey(e.From, e.To)), StringComparer.Ordinal);
    }

    /// <summary>The parsed files in the order they apply.</summary>
    public IReadOnlyList<PolicyDocument> Documents { get; }

    /// <summary>Roles declared with <c>role X</c>, in file order, without duplicates.</summary>
    public IReadOnlyList<string> DeclaredRoles { get; }

    /// <summary>Built-in and declared roles.</summary>
    public HashSet<string> KnownRoles { get; }

    /// <summary>False when a file says <c>option catalog = off</c> (the last such option wins).</summary>
    public bool CatalogEnabled { get; }

    private HashSet<string> Edges { get; }

    public bool IsEdgeAllowed(string from, string to) => Edges.Contains(EdgeKey(from, to));

    public static PolicySet Parse(IEnumerable<(string Path, string Text)> files)
    {
        var ordered = files
            .GroupBy(f => f.Path, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(f => Depth(f.Path))
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        var firstPass = ordered.Select(f => PolicyParser.Parse(f.Path, f.Text)).ToList();
        var declared = firstPass.SelectMany(d => d.DeclaredRoles).Distinct(StringComparer.Ordinal).ToList();
        var documents = new List<PolicyDocument>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var others = declared.Except(firstPass[i].DeclaredRoles).ToList();
            documents.Add(others.Count == 0 ? firstPass[i] : PolicyParser.Parse(ordered[i].Path, ordered[i].Text, others));
        }

        return new PolicySet(documents, declared);
    }

    /// <summary>How deep a path is, with "." and ".." resolved lexically (no file system access).</summary>
    public static int Depth(string path)
    {
        var depth = 0;
        foreach (var segment in path.Split('/', '\\'))
        {
            if (segment == "..")
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (segment.Length > 0 && segment != ".")
            {
                depth++;
            }
        }

        return depth;
    }

    private static string EdgeKey(string from, string to) => from + "->" + to;
}
