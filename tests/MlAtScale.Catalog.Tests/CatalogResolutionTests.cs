using System.Collections.Generic;
using System.Linq;
using MlAtScale.Analyzers.Model;
using MlAtScale.Core.Catalog;
using MlAtScale.Core.Policy;
using Microsoft.CodeAnalysis;

namespace MlAtScale.Catalog.Tests;

/// <summary>Every catalog entry names a real symbol of the real packages (or of a documented stand-in).</summary>
public sealed class CatalogResolutionTests
{
    [Fact]
    public void CatalogFileHasNoErrors() => Assert.Empty(RoleCatalog.Document.Errors.Select(e => $"{e.Span.Line + 1}:{e.Span.Column + 1} {e.Message}"));

    [Fact]
    public void EveryEntryResolvesToASymbol()
    {
        var compilation = RealPackages.Compile(RealPackages.StandIns);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var unresolved = RoleCatalog.Document.Mappings.Where(m => !Resolves(m, compilation)).Select(m => m.Id).ToList();
        Assert.Empty(unresolved);
        Assert.True(RoleCatalog.Document.Mappings.Count >= 45, $"catalog has {RoleCatalog.Document.Mappings.Count} entries");
    }

    [Fact]
    public void OnlyTheDocumentedStandInEntriesNeedTheStandIns()
    {
        var compilation = RealPackages.Compile();
        var needStandIn = RoleCatalog.Document.Mappings.Where(m => !Resolves(m, compilation)).Select(m => m.Id).ToList();
        Assert.Equal(
            new[]
            {
                "T:Microsoft.Extensions.ML.PredictionEnginePool`2",
                "T:Microsoft.Extensions.ML.PredictionEnginePoolBuilder`2",
                "M:Microsoft.Extensions.ML.ServiceCollectionExtensions.AddPredictionEnginePool(*)",
                "M:Microsoft.ML.OnnxExportExtensions.ConvertToOnnx(*)",
            },
            needStandIn);
    }

    /// <summary>Resolves one entry the way users would expect: exact IDs exactly, overload groups by name, namespaces by existence.</summary>
    internal static bool Resolves(PolicyMapping mapping, Compilation compilation)
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

    private static bool HasTypes(INamespaceSymbol ns) => ns.GetTypeMembers().Any(t => t.DeclaredAccessibility == Accessibility.Public);
}
