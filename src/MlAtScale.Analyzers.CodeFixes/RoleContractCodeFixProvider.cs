using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using MlAtScale.Analyzers.CodeFixes.Editing;

namespace MlAtScale.Analyzers.CodeFixes;

/// <summary>
/// MLR0001: marks the used type <c>[RoleContract]</c> when it is declared in source in this solution
/// (in any project), on its first partial declaration that has attributes (else its first). Fix All marks each used type once.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RoleContractCodeFixProvider))]
[Shared]
public sealed class RoleContractCodeFixProvider : CodeFixProvider
{
    internal const string EquivalenceKey = "MLR0001:RoleContract";

    private static readonly SymbolDisplayFormat TypeFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters);

    private static readonly FixAllProvider FixAll = new BatchFixAllProvider("Mark the used types [RoleContract]", FixAsync);

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.RoleBoundaryCrossed);

    public override FixAllProvider GetFixAllProvider() => FixAll;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var solution = context.Document.Project.Solution;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (await FindDeclarationAsync(solution, diagnostic, context.CancellationToken).ConfigureAwait(false) is { } found)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Mark '{found.Type.ToDisplayString(TypeFormat)}' [RoleContract]",
                        ct => FixAsync(solution, ImmutableArray.Create(diagnostic), EquivalenceKey, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
    {
        var declarations = new Dictionary<SyntaxTree, HashSet<MemberDeclarationSyntax>>();
        foreach (var diagnostic in diagnostics)
        {
            if (await FindDeclarationAsync(solution, diagnostic, cancellationToken).ConfigureAwait(false) is { } found)
            {
                if (!declarations.TryGetValue(found.Declaration.SyntaxTree, out var set))
                {
                    declarations[found.Declaration.SyntaxTree] = set = new HashSet<MemberDeclarationSyntax>();
                }

                set.Add(found.Declaration);
            }
        }

        foreach (var pair in declarations.OrderBy(p => p.Key.FilePath, StringComparer.Ordinal))
        {
            var document = solution.GetDocument(pair.Key);
            var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (document is null || root is null)
            {
                continue;
            }

            var endOfLine = AttributeEditing.EndOfLine(root);
            var newRoot = root.ReplaceNodes(
                pair.Value,
                (_, rewritten) => AttributeEditing.AddAttributeLists(rewritten, new[] { AttributeEditing.CreateList("RoleContract") }, endOfLine));
            document = await AttributeEditing.FinishAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
            solution = document.Project.Solution;
        }

        return solution;
    }

    /// <summary>The declaration of the used type to mark (files and positions in ordinal order), unless it is already a contract.</summary>
    private static async Task<(INamedTypeSymbol Type, MemberDeclarationSyntax Declaration)?> FindDeclarationAsync(Solution solution, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        // Diagnostics of an older version of the document (another fix changed it) are skipped.
        var document = solution.GetDocument(diagnostic.Location.SourceTree);
        if (document is null || !Crossing.TryRead(diagnostic, out var crossing) || crossing.UsedTypeId is not { } typeId)
        {
            return null;
        }

        var compilation = await document.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null || DocumentationCommentId.GetFirstSymbolForDeclarationId(typeId, compilation) is not INamedTypeSymbol type)
        {
            return null;
        }

        // A type of another project of the solution is a metadata symbol here; find its source.
        if (!type.Locations.Any(l => l.IsInSource))
        {
            type = await SymbolFinder.FindSourceDefinitionAsync(type, solution, cancellationToken).ConfigureAwait(false) as INamedTypeSymbol ?? type;
        }

        var declarations = new List<MemberDeclarationSyntax>();
        foreach (var reference in type.DeclaringSyntaxReferences.OrderBy(r => r.SyntaxTree.FilePath, StringComparer.Ordinal).ThenBy(r => r.Span.Start))
        {
            if (solution.GetDocument(reference.SyntaxTree) is not null &&
                AttributeEditing.AttributeTarget(await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false)) is { } declaration)
            {
                declarations.Add(declaration);
            }
        }

        if (declarations.Count == 0 || declarations.Any(d => AttributeEditing.HasAttribute(d, "RoleContract")))
        {
            return null;
        }

        // Beside the type's other attributes (its role, usually) when a declaration has any.
        return (type, declarations.FirstOrDefault(d => d.AttributeLists.Count > 0) ?? declarations[0]);
    }
}
