using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
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

    /// <summary>
    /// The versions a family's `packages:` line names are the ones the two catalog test projects restore:
    /// after each package name, the parenthesis starts with "oldest and newest" (or the one version checked).
    /// </summary>
    [Fact]
    public void PackageVersionsInTheCatalogAreTheOnesTheTestsRestore()
    {
        var root = RepositoryRoot();
        var props = XDocument.Load(Path.Combine(root, "Directory.Packages.props")).Descendants("PackageVersion").ToList();
        string? Version(string name, string? set) =>
            props.LastOrDefault(p => (string?)p.Attribute(set is null ? "Include" : "Update") == name
                && (set is null || ((string?)p.Attribute("Condition") ?? string.Empty).Contains($"== '{set}'", StringComparison.Ordinal)))?.Attribute("Version")?.Value;
        string[] References(string project) => XDocument.Load(Path.Combine(root, "tests", project, project + ".csproj")).Descendants("PackageReference")
            .Select(r => (string)r.Attribute("Include")!).Where(n => !n.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && !n.StartsWith("xunit", StringComparison.Ordinal) && n != "Microsoft.NET.Test.Sdk").ToArray();
        var newest = References("MlAtScale.Catalog.Tests");
        var oldest = References("MlAtScale.Catalog.OldestTests");

        var checkedNames = 0;
        var wrong = new System.Collections.Generic.List<string>();
        foreach (var name in newest.Union(oldest))
        {
            var newVersion = newest.Contains(name) ? Version(name, "newest") ?? Version(name, null) : null;
            var oldVersion = oldest.Contains(name) ? Version(name, "oldest") ?? Version(name, null) : null;
            var expected = (oldVersion, newVersion) switch
            {
                ({ } o, { } n) when o != n => $"{o} and {n}",
                (_, { } n) => n,
                ({ } o, null) => o,
                _ => throw new InvalidOperationException(name),
            };
            foreach (var family in CatalogFamilies.All)
            {
                foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(family.Packages, $@"(?<![\w.]){System.Text.RegularExpressions.Regex.Escape(name)}(?![\w.])[^(]*\(([^)]*)\)"))
                {
                    checkedNames++;
                    if (!match.Groups[1].Value.StartsWith(expected, StringComparison.Ordinal))
                    {
                        wrong.Add($"{family.Name}: {name} ({match.Groups[1].Value}), restored: {expected}");
                    }
                }
            }
        }

        Assert.Empty(wrong);
        Assert.True(checkedNames >= 40, $"only {checkedNames} package versions found in the catalog");
    }

    /// <summary>Renders the page: a summary of every family, then one part per section with each family's reason and entries.</summary>
    internal static string Render()
    {
        var builder = new StringBuilder();
        builder.Append("""
            # The built-in catalog

            <!-- Generated from src/MlAtScale.Core/Catalog/MlRoles.catalog.txt by tests/MlAtScale.Catalog.Tests (CatalogDocumentTests). Do not edit by hand: run the tests with MLATSCALE_UPDATE_DOCS=1. -->

            The analyzer ships a catalog of well-known ML and data APIs, written in the policy file's own
            syntax (see [policy-file.md](policy-file.md)). It classifies only APIs that clearly belong to one
            role, so that code gets value before anything is annotated and ordinary ML code gets no noise:
            training is Data Science, serving and operations are Production, raw data sources are Data
            Engineering, and model artifacts and inference on a loaded or hosted model are contracts that
            every role may use. When a family is used by several roles alike, it is left out or made a
            contract, and the reason is given below. Everything not listed here stays unowned.

            - **Override** any entry in your `MlRoles.txt` by mapping the same ID (or, for a member of a
              listed type, the member's own ID) to another role or to `contract`: the policy file is a
              stronger source than the catalog.
            - **Switch it off** with `option catalog = off` in `MlRoles.txt`, or for one project with
              `<MlAtScaleCatalog>false</MlAtScaleCatalog>` (or `-p:MlAtScaleCatalog=false`).
            - A trailing `+` means derived types (a `SqliteConnection` is a `DbConnection`), overrides and
              interface implementations count too; `(*)` means every overload of a method.

            ## How the entries are checked

            - `tests/MlAtScale.Catalog.Tests` restores the newest served version of every family's packages
              and checks that each entry names a real symbol. Its tests compile realistic code of each family
              (training, ETL, serving, LLM applications, operations) and assert that ordinary code of a role
              gets no diagnostic and that the classic cross-role mistakes get exactly the expected MLR0001.
            - `tests/MlAtScale.Catalog.OldestTests` restores the oldest served version of each family that
              has more than one (the first version of each pair in the *packages* lines below) and checks the
              same entries against it; it also runs the ML.NET families' realistic code (the no-noise and
              mixed tests) on Microsoft.ML 5.0.1, Microsoft.ML.TorchSharp 0.23.1 and Microsoft.ML.Tokenizers
              2.0.1. The entries that name APIs newer than the oldest version are listed in
              that test with the version that introduced them; documentation IDs that changed between
              versions are listed in both forms.
            - Where the oldest served version is another library under the same name, or cannot be restored
              beside the rest, the oldest one that can is checked: OpenAI 2.1.0 (1.11.0 is an unrelated
              community client), Azure.AI.OpenAI 2.1.0 (1.0.0-beta.6 is the retired preview API),
              Microsoft.SemanticKernel.Core 1.80.1 (the 0.19 preview is a different API),
              Microsoft.Extensions.AI 10.5.0 (Semantic Kernel 1.80.1 needs it; 9.10.2 is older),
              Microsoft.ML.Tokenizers 2.0.1 (Microsoft.ML.TorchSharp 0.23.1 needs it), Quartz 3.20.0 with
              Quartz.Extensions.Hosting 3.14.0 (the oldest hosting package served needs Quartz 3.14 or later,
              and 3.20.0 is the next Quartz served), Grpc.AspNetCore.Server 2.42.0 (the oldest server package served).
            - Packages that are not served where this product is built (Microsoft.ML.TimeSeries,
              Microsoft.ML.Recommender, Microsoft.ML.AutoML, Microsoft.Extensions.ML) are checked against
              stand-ins that declare the listed types and members with the packages' names and parameter
              lists (marked *stand-in* below). A test fails if any other entry needs a stand-in.

            ## Known limits

            - A pipeline that chains a trivial estimator (say `ApplyOnnxModel`) with others is fitted through
              `EstimatorChain<T>.Fit`, which is training. Serving code that scores an ONNX model should fit
              `ApplyOnnxModel` on its own, load a saved ML.NET model, or allow the use with
              `[AllowRoleCrossing]`.
            - Object stores are Data Engineering's. Code of another role that downloads a model file from a
              blob container or a bucket belongs in a model-artifact store class marked `[RoleContract]`.
            - The catalog names third-party symbols by documentation ID. An API a package adds later is not
              covered until the catalog lists it; map it in your policy file meanwhile.

            ## Families

            | family | role | packages (oldest and newest version checked) |
            |---|---|---|

            """.Replace("\r\n", "\n"));

        var families = CatalogFamilies.All;
        foreach (var family in families)
        {
            builder.Append("| [").Append(family.Name).Append("](#").Append(Anchor(family.Name)).Append(") | ")
                .Append(family.Roles).Append(" | ").Append(family.Packages)
                .Append(family.StandIn is null ? string.Empty : " (*stand-in*)").Append(" |\n");
        }

        string? section = null;
        foreach (var family in families)
        {
            if (family.Section != section)
            {
                section = family.Section;
                builder.Append("\n## ").Append(section).Append('\n');
            }

            builder.Append("\n### ").Append(family.Name).Append("\n\n")
                .Append("**Role:** ").Append(family.Roles).Append(". **Packages:** ").Append(family.Packages).Append(".\n");
            if (family.StandIn is not null)
            {
                builder.Append("*Stand-in:* ").Append(family.StandIn).Append(" Its entries are checked against a stand-in.\n");
            }

            builder.Append('\n').Append(family.Why).Append('\n');
            if (family.Entries.Count == 0)
            {
                continue;
            }

            builder.Append("\n| ID | role | covers | what |\n|---|---|---|---|\n");
            foreach (var entry in family.Entries)
            {
                var mapping = entry.Mapping;
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
                builder.Append("| `` ").Append(mapping.Id).Append(mapping.IncludesDerived ? "+" : string.Empty).Append(" `` | ")
                    .Append(mapping.Target).Append(" | ").Append(covers).Append(" | ")
                    .Append(entry.Note ?? string.Empty).Append(family.StandIn is null ? string.Empty : " (*stand-in*)").Append(" |\n");
            }
        }

        return builder.ToString().Replace(" | (*stand-in*) |", " | *stand-in* |");
    }

    /// <summary>GitHub's heading anchor: lower case, spaces to dashes, punctuation other than dashes dropped.</summary>
    internal static string Anchor(string heading) =>
        new string(heading.ToLowerInvariant().Replace(' ', '-').Where(c => char.IsLetterOrDigit(c) || c is '-' or '_').ToArray());

    private static string RepositoryRoot() => MlAtScale.Analyzers.Tests.Verifiers.RepositoryRoot.Path;
}
