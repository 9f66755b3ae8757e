using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using MlAtScale.Robustness.Analysis;
using MlAtScale.Robustness.Corpus;

namespace MlAtScale.Robustness.Fuzz;

/// <summary>A compilation with a policy, and the documents of it that the fuzzer mutates.</summary>
public sealed class FuzzProject
{
    public FuzzProject(string name, CSharpCompilation compilation, ImmutableArray<AdditionalText> policy, string? onlyPathsContaining = null)
    {
        Name = name;
        Compilation = compilation;
        Policy = policy;
        Documents = compilation.SyntaxTrees
            .Where(t => onlyPathsContaining is null || t.FilePath.Contains(onlyPathsContaining, StringComparison.Ordinal))
            .OrderBy(t => t.FilePath, StringComparer.Ordinal)
            .ToList();
    }

    public string Name { get; }

    public CSharpCompilation Compilation { get; }

    public ImmutableArray<AdditionalText> Policy { get; }

    public IReadOnlyList<SyntaxTree> Documents { get; }
}

/// <summary>The code the IDE-typing fuzz starts from: the product's test sources and sample, and the decompiled corpus.</summary>
public static class FuzzSources
{
    /// <summary>A policy that gives the namespaces the analyzer tests use their usual roles.</summary>
    public const string TestPolicy = """
        role Labeling
        N:Churn.Ingestion = DataEngineering
        N:Churn.Modelling = DataScience
        N:Churn.Serving = Production
        N:Churn.Kpi = BusinessAnalysis
        N:Churn.Contracts = contract
        N:Contoso.Data = DataEngineering
        N:Contoso.Science = DataScience
        N:QuickStart.Reporting = BusinessAnalysis
        T:System.Data.Common.DbConnection+ = DataEngineering
        DataScience -> DataEngineering
        """;

    private static readonly Regex Markup = new(@"\{\|[A-Za-z0-9#]+:|\|\}|\[\||\|\]", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    public static readonly CSharpParseOptions ParseOptions = CorpusProject.ParseOptions;

    /// <summary>
    /// Every C# snippet in the analyzer test sources (raw string literals that parse as declarations,
    /// with the test markup removed), one project each, and the QuickStart sample as one project.
    /// </summary>
    public static List<FuzzProject> TestSources()
    {
        var references = ReferencePool.ClosureOf(null, new[] { "MlAtScale.Attributes" });
        var template = CSharpCompilation.Create("Snippet", Array.Empty<SyntaxTree>(), references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        var policy = ImmutableArray.Create<AdditionalText>(new TextFile("/fuzz/MlRoles.txt", TestPolicy));
        var projects = new List<FuzzProject>();
        var testRoot = Path.Combine(Repository.Root, "tests", "MlAtScale.Analyzers.Tests");
        var snippet = 0;
        foreach (var file in Directory.GetFiles(testRoot, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)).OrderBy(f => f, StringComparer.Ordinal))
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), ParseOptions, file);
            foreach (var token in tree.GetRoot().DescendantTokens())
            {
                if (!(token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) || token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken)))
                {
                    continue;
                }

                var code = Markup.Replace(token.ValueText, string.Empty);
                if (!(code.Contains("class ", StringComparison.Ordinal) || code.Contains("record ", StringComparison.Ordinal) || code.Contains("interface ", StringComparison.Ordinal)))
                {
                    continue;
                }

                var path = $"/fuzz/snippets/{Path.GetFileNameWithoutExtension(file)}.{snippet++:D4}.cs";
                projects.Add(new FuzzProject(path, template.AddSyntaxTrees(CSharpSyntaxTree.ParseText(SourceText.From(code), ParseOptions, path)), policy));
            }
        }

        var sample = Path.Combine(Repository.Root, "samples", "QuickStart");
        var sampleTrees = Directory.GetFiles(sample, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(f)), ParseOptions, f));
        var samplePolicy = Path.Combine(sample, "MlRoles.txt");
        projects.Add(new FuzzProject(
            "QuickStart",
            template.WithAssemblyName("QuickStart").AddSyntaxTrees(sampleTrees),
            ImmutableArray.Create<AdditionalText>(new TextFile(samplePolicy, File.ReadAllText(samplePolicy)))));
        return projects;
    }

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(segment => segment is "bin" or "obj");
}
