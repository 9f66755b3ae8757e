using System.Collections.Generic;
using System.Linq;
using MlAtScale.Analyzers.Model;
using MlAtScale.Core.Catalog;
using MlAtScale.Core.Policy;
using Microsoft.CodeAnalysis;

namespace MlAtScale.Catalog.Tests;

/// <summary>Resolves catalog entries against a compilation of real packages (shared by the newest and the oldest package sets).</summary>
internal static class CatalogResolver
{
    /// <summary>The IDs of the catalog's entries that name no symbol of the compilation.</summary>
    public static List<string> Unresolved(Compilation compilation) =>
        RoleCatalog.Document.Mappings.Where(m => !Resolves(m, compilation)).Select(Display).ToList();

    /// <summary>An entry as written in the catalog file, `+` included.</summary>
    public static string Display(PolicyMapping mapping) => mapping.Id + (mapping.IncludesDerived ? "+" : string.Empty);

    /// <summary>Resolves one entry the way users would expect: exact IDs exactly, overload groups by name, namespaces by existence.</summary>
    public static bool Resolves(PolicyMapping mapping, Compilation compilation)
    {
        if (mapping.Kind == 'N')
        {
            return FindNamespace(compilation.GlobalNamespace, mapping.Name.Split('.')) is { } ns && HasTypes(ns);
        }

        if (mapping.AllOverloads)
        {
            var group = mapping.Id.Substring(0, mapping.Id.Length - PolicyParser.AllOverloadsSuffix.Length);
            var lastDot = group.LastIndexOf('.');
            var type = DocumentationCommentId.GetFirstSymbolForDeclarationId("T:" + group.Substring(2, lastDot - 2), compilation) as INamedTypeSymbol;
            return type is not null && type.GetMembers(group.Substring(lastDot + 1)).OfType<IMethodSymbol>()
                .Any(m => MappingIndex.OverloadGroupId(SymbolIds.GetDeclarationId(m)!) == group);
        }

        return DocumentationCommentId.GetSymbolsForDeclarationId(mapping.Id, compilation)
            .Any(s => SymbolIds.GetDeclarationId(s) == mapping.Id);
    }

    private static INamespaceSymbol? FindNamespace(INamespaceSymbol root, IEnumerable<string> parts)
    {
        var current = root;
        foreach (var part in parts)
        {
            current = current.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    private static bool HasTypes(INamespaceSymbol ns) =>
        ns.GetTypeMembers().Any(t => t.DeclaredAccessibility == Accessibility.Public) || ns.GetNamespaceMembers().Any(HasTypes);
}
