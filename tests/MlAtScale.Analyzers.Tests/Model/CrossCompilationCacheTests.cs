using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using MlAtScale.Analyzers.Model;
using MlAtScale.Analyzers.Tests.Verifiers;
using Xunit;

namespace MlAtScale.Analyzers.Tests.Model;

/// <summary>
/// The IDE creates a new compilation on every edit. What does not depend on the compilation is kept
/// across them: the parsed policy (by its text) and the ownership of metadata symbols (per symbol, for
/// that policy). Each test uses a policy text of its own, so that tests running at the same time do not
/// share cache entries.
/// </summary>
public sealed class CrossCompilationCacheTests
{
    private const string Code = "namespace App { [MlAtScale.DataScience] public class Model { public int Train() => 1; } }";

    [Fact]
    public async Task The_same_policy_text_in_a_new_compilation_is_not_parsed_again()
    {
        var policy = Policy("same-text", "DataScience -> DataEngineering");
        var first = await CompilationAsync(Code);
        var second = Edit(first, "namespace App { [MlAtScale.DataScience] public class Model { public int Train() => 2; } }");

        var before = RoleModel.Create(first, Options(policy), CancellationToken.None);
        var after = RoleModel.Create(second, Options(new MemoryText(policy.Path, policy.GetText()!.ToString())), CancellationToken.None);

        Assert.Same(before.Policy, after.Policy);
        Assert.Same(before.PolicyFiles.Single().Document, after.PolicyFiles.Single().Document);
        Assert.True(after.IsEdgeAllowed("DataScience", "DataEngineering"));
    }

    [Fact]
    public async Task A_changed_policy_text_is_parsed_again()
    {
        var compilation = await CompilationAsync(Code);
        var before = RoleModel.Create(compilation, Options(Policy("changed-text", "DataScience -> DataEngineering")), CancellationToken.None);
        var after = RoleModel.Create(Edit(compilation, Code + " "), Options(Policy("changed-text", "DataScience -> Production")), CancellationToken.None);

        Assert.NotSame(before.Policy, after.Policy);
        Assert.True(before.IsEdgeAllowed("DataScience", "DataEngineering"));
        Assert.False(after.IsEdgeAllowed("DataScience", "DataEngineering"));
        Assert.True(after.IsEdgeAllowed("DataScience", "Production"));
    }

    [Fact]
    public async Task The_ownership_of_a_metadata_symbol_is_resolved_once_for_compilations_that_share_the_reference()
    {
        var policy = Policy("metadata", "T:System.Data.Common.DbConnection = DataEngineering");
        var first = await CompilationAsync(Code);
        var second = Edit(first, Code + " // edited");
        var firstType = first.GetTypeByMetadataName("System.Data.Common.DbConnection")!;
        var secondType = second.GetTypeByMetadataName("System.Data.Common.DbConnection")!;
        Assert.Same(firstType, secondType); // Roslyn's own reuse of metadata symbols, which the cache relies on

        var before = RoleModel.Create(first, Options(policy), CancellationToken.None);
        var ownership = before.GetOwnership(firstType);
        var resolutions = before.Shared.MetadataResolutions;
        var after = RoleModel.Create(second, Options(policy), CancellationToken.None);

        Assert.Equal("DataEngineering", ownership.Role);
        Assert.Same(ownership, after.GetOwnership(secondType));
        Assert.Equal(resolutions, after.Shared.MetadataResolutions);
    }

    [Fact]
    public async Task Source_symbols_are_resolved_in_each_compilation()
    {
        var policy = Policy("source", "N:App = DataScience");
        var first = await CompilationAsync("namespace App { public class Model { } }");
        var second = Edit(first, "namespace App { [MlAtScale.Production] public class Model { } }");

        var before = RoleModel.Create(first, Options(policy), CancellationToken.None).GetOwnership(first.GetTypeByMetadataName("App.Model")!);
        var after = RoleModel.Create(second, Options(policy), CancellationToken.None).GetOwnership(second.GetTypeByMetadataName("App.Model")!);

        Assert.Equal("DataScience", before.Role);
        Assert.Equal("Production", after.Role);
    }

    private static MemoryText Policy(string test, string line) =>
        new("/repo/MlRoles.txt", $"# {nameof(CrossCompilationCacheTests)}: {test}\n{line}\n");

    private static AnalyzerOptions Options(params AdditionalText[] files) => new(ImmutableArray.Create(files));

    private static async Task<CSharpCompilation> CompilationAsync(string code)
    {
        var references = await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        return CSharpCompilation.Create("App", new[] { CSharpSyntaxTree.ParseText(code, path: "/repo/App.cs") }, references.Add(TestReferences.Attributes), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    }

    /// <summary>What the IDE does on an edit: the same compilation with one tree replaced.</summary>
    private static CSharpCompilation Edit(CSharpCompilation compilation, string code)
    {
        var tree = compilation.SyntaxTrees.Single();
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(code)));
    }

    private sealed class MemoryText : AdditionalText
    {
        private readonly SourceText _text;

        public MemoryText(string path, string text)
        {
            Path = path;
            _text = SourceText.From(text);
        }

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
