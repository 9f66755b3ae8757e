using System.Linq;
using MlAtScale.Analyzers.Model;
using MlAtScale.Core.Catalog;
using MlAtScale.Core.Policy;
using Microsoft.CodeAnalysis;

namespace MlAtScale.Catalog.Tests;

/// <summary>Every catalog entry names a real symbol of the newest served packages (or of a documented stand-in).</summary>
public sealed class CatalogResolutionTests
{
    /// <summary>
    /// Entries for the older form of an API whose documentation ID changed: they name symbols of the oldest
    /// served versions only, and tests/MlAtScale.Catalog.OldestTests checks them there.
    /// </summary>
    private static readonly string[] OlderFormsOnly =
    {
        // Quartz 3.x: AddQuartz in ServiceCollectionExtensions (Quartz.Extensions.DependencyInjection); 4.0 merged it into QuartzServiceCollectionExtensions.
        "T:Quartz.ServiceCollectionExtensions",
    };

    [Fact]
    public void CatalogFileHasNoErrors() => Assert.Empty(RoleCatalog.Document.Errors.Select(e => $"{e.Span.Line + 1}:{e.Span.Column + 1} {e.Message}"));

    [Fact]
    public void EveryEntryResolvesToASymbol()
    {
        var compilation = RealPackages.Compile(RealPackages.StandIns);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(OlderFormsOnly, CatalogResolver.Unresolved(compilation));
        Assert.True(RoleCatalog.Document.Mappings.Count >= 120, $"catalog has {RoleCatalog.Document.Mappings.Count} entries");
    }

    [Fact]
    public void OnlyTheEntriesOfStandInFamiliesNeedTheStandIns()
    {
        var needStandIn = CatalogResolver.Unresolved(RealPackages.Compile());
        var standInFamilies = CatalogFamilies.All.Where(f => f.StandIn is not null).SelectMany(f => f.Entries).Select(e => CatalogResolver.Display(e.Mapping)).ToList();
        Assert.Equal(standInFamilies.Concat(OlderFormsOnly).OrderBy(id => id, System.StringComparer.Ordinal), needStandIn.OrderBy(id => id, System.StringComparer.Ordinal));
        Assert.Equal(
            new[] { "ML.NET time series", "ML.NET recommender", "ML.NET AutoML", "Microsoft.Extensions.ML" },
            CatalogFamilies.All.Where(f => f.StandIn is not null).Select(f => f.Name));
    }

    [Fact]
    public void EveryFamilySaysWhyAndWhichPackages()
    {
        Assert.Empty(CatalogFamilies.All.Where(f => f.Why.Length < 40 || f.Packages.Length == 0).Select(f => f.Name));
        Assert.Equal(CatalogFamilies.All.Sum(f => f.Entries.Count), RoleCatalog.Document.Mappings.Count);
        Assert.Equal(CatalogFamilies.All.Count, CatalogFamilies.All.Select(f => f.Name).Distinct().Count());
    }
}
