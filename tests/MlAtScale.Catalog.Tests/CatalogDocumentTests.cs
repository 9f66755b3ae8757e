using System;
using System.IO;
using System.Linq;
using System.Text;
using MlAtScale.Analyzers.Model;
using MlAtScale.Core.Catalog;

namespace MlAtScale.Catalog.Tests;

/// <summary>
/// docs/catalog.md is generated from the catalog file. This test fails when the page is stale; run it
/// with MLATSCALE_UPDATE_DOCS=1 to rewrite the page.
/// </summary>
public sealed class CatalogDocumentTests
{
    [Fact]
    public void CatalogPageIsUpToDate()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "catalog.md");
        var expected = Render();
        if (Environment.GetEnvironmentVariable("MLATSCALE_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with MLATSCALE_UPDATE_DOCS=1");
        Assert.Equal(expected, File.ReadAllText(path).Replace("\r\n", "\n"));
    }

    [Fact]
    public void RenderingListsEveryEntryOnce()
    {
        var page = Render();
        foreach (var mapping in RoleCatalog.Document.Mappings)
        {
            Assert.Single(page.Split('\n'), line => line.StartsWith($"| `` {mapping.Id}{(mapping.IncludesDerived ? "+" : string.Empty)} `` |", StringComparison.Ordinal));
        }
    }

    /// <summary>Renders the page: one table per section of the catalog file, with each entry's comment.</summary>
    internal static string Render()
    {
        var builder = new StringBuilder();
        builder.Append("""
            # The built-in catalog

            <!-- Generated from src/MlAtScale.Core/Catalog/MlRoles.catalog.txt by tests/MlAtScale.Catalog.Tests (CatalogDocumentTests). Do not edit by hand: run the tests with MLATSCALE_UPDATE_DOCS=1. -->

            The analyzer ships a catalog of well-known ML and data APIs, written in the policy file's own
            syntax (see [policy-file.md](policy-file.md)). It classifies only APIs that clearly belong to one
            role, so that code gets value before anything is annotated and ordinary ML code gets no noise.
            Everything not listed here stays unowned.

            - **Override** any entry in your `MlRoles.txt` by mapping the same ID (or, for a member of a
              listed type, the member's own ID) to another role or to `contract`: the policy file is a
              stronger source than the catalog.
            - **Switch it off** with `option catalog = off` in `MlRoles.txt`, or for one project with
              `<MlAtScaleCatalog>false</MlAtScaleCatalog>` (or `-p:MlAtScaleCatalog=false`).
            - A trailing `+` means derived types (a `SqliteConnection` is a `DbConnection`), overrides and
              interface implementations count too; `(*)` means every overload of a method.

            Every entry is verified by `tests/MlAtScale.Catalog.Tests` against the real packages: Microsoft.ML 5.0.1
            (with Microsoft.ML.FastTree and Microsoft.ML.LightGbm), TorchSharp 0.107.0, Microsoft.ML.OnnxRuntime.Managed
            1.31.1, Microsoft.Data.Sqlite, Microsoft.Data.SqlClient, Npgsql, EF Core, Dapper, MongoDB.Driver,
            KubernetesClient and the ASP.NET Core shared framework. Two packages are not available where this
            product is built, Microsoft.Extensions.ML and Microsoft.ML.OnnxConverter: their entries are verified
            against stand-ins with the packages' exact public signatures (marked *stand-in* below).

            """.Replace("\r\n", "\n"));

        var lines = RoleCatalog.Text.Replace("\r\n", "\n").Split('\n');
        var mappings = RoleCatalog.Document.Mappings.ToDictionary(m => m.Span.Line);
        string? note = null;
        var inSection = false;
        static bool IsRule(string text) => text.Trim().StartsWith("# ---", StringComparison.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (IsRule(line))
            {
                continue;
            }

            if (line.StartsWith("#", StringComparison.Ordinal))
            {
                var text = line.TrimStart('#').Trim();
                if (i > 0 && IsRule(lines[i - 1]) && i + 1 < lines.Length && IsRule(lines[i + 1]))
                {
                    builder.Append("\n## ").Append(text).Append("\n\n| ID | role | covers | what |\n|---|---|---|---|\n");
                    inSection = true;
                    note = null;
                }
                else if (inSection)
                {
                    // A comment starts a new note after entries; consecutive comment lines continue it.
                    note = note is null || !lines[i - 1].Trim().StartsWith("#", StringComparison.Ordinal) ? text : note + " " + text;
                }

                continue;
            }

            if (line.Length == 0)
            {
                note = null;
                continue;
            }

            if (mappings.TryGetValue(i, out var mapping))
            {
                var covers = (mapping.IncludesDerived, mapping.AllOverloads, mapping.Kind) switch
                {
                    (true, _, 'T') => "the type, its members, derived types and implementations",
                    (true, true, _) => "every overload, its overrides and implementations",
                    (true, false, _) => "the member, its overrides and implementations",
                    (false, true, _) => "every overload",
                    (false, false, 'N') => "the namespace and its children",
                    (false, false, 'T') => "the type and its members",
                    _ => "the member",
                };
                var standIn = mapping.Id.Contains("Microsoft.Extensions.ML", StringComparison.Ordinal) || mapping.Id.Contains("OnnxExportExtensions", StringComparison.Ordinal)
                    ? " (*stand-in*)"
                    : string.Empty;
                builder.Append("| `` ").Append(mapping.Id).Append(mapping.IncludesDerived ? "+" : string.Empty).Append(" `` | ")
                    .Append(mapping.Target).Append(" | ").Append(covers).Append(" | ")
                    .Append(note ?? string.Empty).Append(standIn).Append(" |\n");
            }
        }

        return builder.ToString();
    }

    private static string RepositoryRoot() => MlAtScale.Analyzers.Tests.Verifiers.RepositoryRoot.Path;
}
