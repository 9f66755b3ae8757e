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
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlAtScale.Analyzers.CodeFixes.Editing;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace MlAtScale.Analyzers.CodeFixes;

/// <summary>
/// MLR0004: adds the missing <c>Justification = "TODO: ..."</c> placeholder (still reported until a
/// person replaces it), or changes an unknown role to the known role the analyzer suggests.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InvalidAllowanceCodeFixProvider))]
[Shared]
public sealed class InvalidAllowanceCodeFixProvider : CodeFixProvider
{
    internal const string JustificationKey = "MLR0004:Justification";
    internal const string ChangeRoleKey = "MLR0004:ChangeRole";

    private static readonly FixAllProvider FixAll = new BatchFixAllProvider("Fix the allowances", FixAsync);

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.InvalidAllowance);

    public override FixAllProvider GetFixAllProvider() => FixAll;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        var solution = context.Document.Project.Solution;
        foreach (var diagnostic in context.Diagnostics)
        {
            var key = KeyFor(diagnostic);
            if (key is null || Edit(root, diagnostic, key) is null)
            {
                continue;
            }

            var title = key == JustificationKey
                ? "Add a justification placeholder"
                : $"Change role to '{diagnostic.Properties[FixConventions.SuggestionProperty]}'";
            context.RegisterCodeFix(CodeAction.Create(title, ct => FixAsync(solution, ImmutableArray.Create(diagnostic), key, ct), key), diagnostic);
        }
    }

    private static async Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
    {
        foreach (var byTree in diagnostics.Where(d => d.Location.SourceTree is not null).GroupBy(d => d.Location.SourceTree!))
        {
            // Diagnostics of an older version of the document (another fix changed it) are skipped.
            var document = solution.GetDocument(byTree.Key);
            var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (document is null || root is null)
            {
                continue;
            }

            var edits = new Dictionary<SyntaxNode, SyntaxNode>();
            foreach (var diagnostic in byTree.Where(d => KeyFor(d) == equivalenceKey))
            {
                if (Edit(root, diagnostic, equivalenceKey!) is { } edit && !edits.ContainsKey(edit.Old))
                {
                    edits.Add(edit.Old, edit.New);
                }
            }

            if (edits.Count > 0)
            {
                document = document.WithSyntaxRoot(root.ReplaceNodes(edits.Keys, (original, _) => edits[original]));
                solution = document.Project.Solution;
            }
        }

        return solution;
    }

    private static string? KeyFor(Diagnostic diagnostic)
    {
        diagnostic.Properties.TryGetValue(FixConventions.ReasonProperty, out var reason);
        return reason switch
        {
            FixConventions.MissingJustification => JustificationKey,
            FixConventions.UnknownRole when diagnostic.Properties.TryGetValue(FixConventions.SuggestionProperty, out var suggestion) && !string.IsNullOrEmpty(suggestion) => ChangeRoleKey,
            _ => null,
        };
    }

    private static (SyntaxNode Old, SyntaxNode New)? Edit(SyntaxNode root, Diagnostic diagnostic, string key)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (key == ChangeRoleKey)
        {
            var argument = node.AncestorsAndSelf().OfType<AttributeArgumentSyntax>().FirstOrDefault();
            var suggestion = diagnostic.Properties[FixConventions.SuggestionProperty]!;
            return argument is null
                ? null
                : (argument.Expression, LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(suggestion)).WithTriviaFrom(argument.Expression));
        }

        var attribute = node.AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();
        if (attribute?.ArgumentList is not { } arguments)
        {
            return null;
        }

        var placeholder = LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(FixConventions.JustificationPlaceholder));
        var existing = arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Justification");
        if (existing is not null)
        {
            // `Justification = ""` (or white space, or null) counts as missing: replace the value only.
            return (existing.Expression, placeholder.WithTriviaFrom(existing.Expression));
        }

        var justification = AttributeEditing.StringArgument(FixConventions.JustificationPlaceholder, "Justification").NormalizeWhitespace();
        var separators = arguments.Arguments.GetSeparators().ToList();
        separators.Add(Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space));
        var newArguments = SeparatedList(arguments.Arguments.Add(justification), separators);
        return (arguments, arguments.WithArguments(newArguments));
    }
}
