using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlAtScale.Analyzers.Rules;
using MlAtScale.Analyzers.Uses;
using MlAtScale.Analyzers.Tests.Verifiers;
using Xunit;

namespace MlAtScale.Analyzers.Tests.Rules;

/// <summary>
/// The rule reads the types named in signatures from the declared symbols instead of binding each
/// name again. Checked against the semantic model on every kind of signature slot: each name either
/// gets exactly the symbol the model gives, or nothing (and then the rule asks the model).
/// </summary>
public sealed class DeclaredTypesTests
{
    private const string Source = """
        using System.Collections.Generic;
        using Alias = N.Foo;
        namespace N
        {
            public class Foo { }
            public class Bar<T> { }
            public struct S { }
            public delegate Foo D(Bar<Foo> x);
            public class C<T> : Bar<Foo> where T : System.IComparable<Foo>
            {
                public Foo F1, F2;
                public Bar<Foo[]>? P { get; set; }
                public (Foo A, S B) M(Bar<Foo> x, ref Foo y, S? z, List<Bar<Foo>> w, T t, Alias a) => default;
                public Foo this[Bar<Foo> i] => null!;
                public event System.Action<Foo>? E;
                public static Foo operator +(C<T> a, Foo b) => b;
                public static implicit operator Foo(C<T> c) => null!;
                public void G<U>() where U : Bar<S> { }
            }
        }
        """;

    [Fact]
    public async Task SignatureTypesMatchTheSemanticModel()
    {
        var references = await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var tree = CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create("Signatures", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var model = compilation.GetSemanticModel(tree);

        var found = new List<string>();
        var memos = new Dictionary<ISymbol, Dictionary<SyntaxNode, ITypeSymbol?>>(SymbolEqualityComparer.Default);
        foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
        {
            var member = name.Ancestors().Select(a => a switch
            {
                BaseFieldDeclarationSyntax field => model.GetDeclaredSymbol(field.Declaration.Variables[0]),
                MemberDeclarationSyntax declaration and not BaseNamespaceDeclarationSyntax => model.GetDeclaredSymbol(declaration),
                _ => null,
            }).FirstOrDefault(s => s is not null);
            if (member is null || ExecutableCode.RootOf(name) is not null)
            {
                continue;
            }

            var declared = DeclaredTypes.Find(name, member);

            // The memo of generic names (filled outermost first, as the walk does) gives the same answer.
            if (!memos.TryGetValue(member, out var memo))
            {
                memos.Add(member, memo = new Dictionary<SyntaxNode, ITypeSymbol?>());
            }

            var memoized = DeclaredTypes.Find(name, member, memo);
            Assert.True(SymbolEqualityComparer.Default.Equals(declared, memoized), $"{name} in {member}: without the memo {declared}, with it {memoized}");
            if (declared is null)
            {
                continue;
            }

            var bound = model.GetSymbolInfo(name).Symbol;
            Assert.True(SymbolEqualityComparer.Default.Equals(declared, bound), $"{name} in {member}: declared {declared}, bound {bound}");
            found.Add($"{member.Name}:{name}");
        }

        // Every type name in a parameter, return, property, indexer, event, field or operator slot, a
        // base list or a constraint is read from the declaration; the alias and the qualifier `System` are not.
        Assert.Equal(
            new[]
            {
                "D:Foo", "D:Bar<Foo>", "D:Foo",
                "C:Bar<Foo>", "C:Foo", "C:IComparable<Foo>", "C:Foo",
                "F1:Foo",
                "P:Bar<Foo[]>", "P:Foo",
                "M:Foo", "M:S", "M:Bar<Foo>", "M:Foo", "M:Foo", "M:S", "M:List<Bar<Foo>>", "M:Bar<Foo>", "M:Foo", "M:T",
                "this[]:Foo", "this[]:Bar<Foo>", "this[]:Foo",
                "E:Action<Foo>", "E:Foo",
                "op_Addition:Foo", "op_Addition:C<T>", "op_Addition:T", "op_Addition:Foo",
                "op_Implicit:Foo", "op_Implicit:C<T>", "op_Implicit:T",
                "G:Bar<S>", "G:S",
            },
            found);
    }

    private const string AttributeSource = """
        namespace N
        {
            public class BaseTagAttribute : System.Attribute { public int Inherited { get; set; } }
            public sealed class TagAttribute : BaseTagAttribute
            {
                public TagAttribute() { }
                public TagAttribute(int n) { }
                public int Level { get; set; }
                public int Field;
            }

            [Tag]
            public class C<[Tag(1)] T>
            {
                [Tag(Level = 2)]
                [return: Tag(Inherited = 3)]
                public int M([Tag(Field = 4)] int x) => x;

                [N.Tag] public int P { get; set; }
                [TagAttribute] public int F;
            }
        }
        """;

    [Fact]
    public async Task AttributeNamesMatchTheSemanticModel()
    {
        var references = await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var tree = CSharpSyntaxTree.ParseText(AttributeSource);
        var compilation = CSharpCompilation.Create("Attributes", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var model = compilation.GetSemanticModel(tree);

        var found = new List<string>();
        foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
        {
            var member = name.Ancestors().Select(a => a switch
            {
                BaseFieldDeclarationSyntax field => model.GetDeclaredSymbol(field.Declaration.Variables[0]),
                MemberDeclarationSyntax declaration and not BaseNamespaceDeclarationSyntax => model.GetDeclaredSymbol(declaration),
                _ => null,
            }).FirstOrDefault(s => s is not null);
            if (DeclaredTypes.FindInAttribute(name, member) is not { } declared)
            {
                continue;
            }

            var bound = model.GetSymbolInfo(name).Symbol;
            Assert.True(SymbolEqualityComparer.Default.Equals(declared, bound), $"{name} on {member}: declared {declared}, bound {bound}");
            found.Add($"{member!.Name}:{name}");
        }

        // Attribute names on the type, a type parameter, the method, its return value and parameter,
        // a property and a field, and the names of named arguments (own, inherited and field).
        Assert.Equal(
            new[]
            {
                "C:Tag", "C:Tag", "M:Tag", "M:Level", "M:Tag", "M:Inherited", "M:Tag", "M:Field", "P:Tag", "F:TagAttribute",
            },
            found);
    }

    private const string BodySource = """
        using System.Collections.Generic;
        using Alias = N.Foo;
        namespace N
        {
            public class Foo { }
            public class Bar<T> { }
            public struct S { }
            public class C
            {
                public object M(object o, Dictionary<string, Foo> map)
                {
                    Foo a = new Foo();
                    Bar<Foo[]>? b = null;
                    var c = (Foo)o;
                    var t = typeof(Bar<S>);
                    var d = default(S);
                    var isFoo = o is Foo;
                    if (o is Bar<Foo> bar) { }
                    var e = o switch { S => 1, _ => 2 };
                    var arr = new Foo[2];
                    map.TryGetValue("k", out Foo? found);
                    foreach (Foo item in new List<Foo>()) { }
                    Alias alias = a;
                    return (a, b, c, t, d, isFoo, e, arr, found, alias);
                }
            }
        }
        """;

    /// <summary>
    /// In bodies, types named by local declarations, casts, typeof, default, is, patterns, array
    /// creations, out declarations and foreach variables are read from the operation tree
    /// (<see cref="BoundSymbols.SlotTypeOf"/>); each must be exactly what the semantic model says.
    /// </summary>
    [Fact]
    public async Task BodyTypesFromOperationsMatchTheSemanticModel()
    {
        var references = await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var tree = CSharpSyntaxTree.ParseText(BodySource, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create("Bodies", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var model = compilation.GetSemanticModel(tree);
        var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
        var body = model.GetOperation(method.Body!)!;
        var bound = BoundSymbols.Create(System.Collections.Immutable.ImmutableArray.Create(body), model.GetDeclaredSymbol(method)!, "DataScience");

        var found = new List<string>();
        try
        {
            foreach (var name in method.Body!.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (DeclaredTypes.Find(name, bound.SlotTypeOf) is not { } fromOperations)
                {
                    continue;
                }

                var fromModel = model.GetSymbolInfo(name).Symbol;
                Assert.True(SymbolEqualityComparer.Default.Equals(fromOperations, fromModel), $"{name}: operations {fromOperations}, model {fromModel}");
                found.Add(name.ToString());
            }
        }
        finally
        {
            bound.Free();
        }

        // Every slot kind once; `new Foo()`, `new List<Foo>()` (creations) and the alias are not slots.
        Assert.Equal(
            new[]
            {
                "Foo", "Bar<Foo[]>", "Foo", "Foo", "Bar<S>", "S", "S", "Foo", "Bar<Foo>", "Foo", "S", "Foo", "Foo", "Foo",
            },
            found);
    }
}
