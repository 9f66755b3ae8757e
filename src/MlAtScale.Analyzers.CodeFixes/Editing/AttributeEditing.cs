using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace MlAtScale.Analyzers.CodeFixes.Editing;

/// <summary>Adds MlAtScale attributes to declarations the way a person would type them.</summary>
internal static class AttributeEditing
{
    /// <summary>
    /// <c>[global::MlAtScale.Name(arguments)]</c>, marked so that <see cref="FinishAsync"/> imports
    /// <c>MlAtScale</c> where needed and reduces the name to <c>[Name(...)]</c>.
    /// </summary>
    public static AttributeListSyntax CreateList(string attributeName, params AttributeArgumentSyntax[] arguments)
    {
        var attribute = Attribute(ParseName("global::" + FixConventions.AttributeNamespace + "." + attributeName));
        if (arguments.Length > 0)
        {
            attribute = attribute.WithArgumentList(AttributeArgumentList(SeparatedList(arguments)));
        }

        var list = AttributeList(SingletonSeparatedList(attribute)).NormalizeWhitespace();
        var name = list.Attributes[0].Name;
        return list.ReplaceNode(name, name.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation));
    }

    public static AttributeArgumentSyntax StringArgument(string value, string? name = null)
    {
        var argument = AttributeArgument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(value)));
        return name is null ? argument : argument.WithNameEquals(NameEquals(IdentifierName(name)));
    }

    /// <summary>
    /// Adds <paramref name="lists"/> to a declaration, each on its own line with the declaration's
    /// indentation: after its attribute lists when they end a line, otherwise above everything, below
    /// the declaration's comments and documentation.
    /// </summary>
    public static MemberDeclarationSyntax AddAttributeLists(MemberDeclarationSyntax declaration, IReadOnlyList<AttributeListSyntax> lists, SyntaxTrivia endOfLine)
    {
        if (lists.Count == 0)
        {
            return declaration;
        }

        var existing = declaration.AttributeLists;
        if (existing.Count > 0 && existing.Last().GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia))
        {
            var indentation = Indentation(existing.Last().GetLastToken().GetNextToken());
            return declaration.WithAttributeLists(existing.AddRange(lists.Select(l => l.WithLeadingTrivia(indentation).WithTrailingTrivia(endOfLine))));
        }

        var first = declaration.GetFirstToken();
        var leading = first.LeadingTrivia;
        var firstIndentation = Indentation(first);
        var added = lists.Select((l, i) => l.WithLeadingTrivia(i == 0 ? leading : firstIndentation).WithTrailingTrivia(endOfLine)).ToList();
        declaration = declaration.ReplaceToken(first, first.WithLeadingTrivia(firstIndentation));
        return declaration.WithAttributeLists(List(added.Concat(declaration.AttributeLists)));
    }

    /// <summary>The declaration that carries attributes for a declaring node (a field's variable, say), or null when none can.</summary>
    public static MemberDeclarationSyntax? AttributeTarget(SyntaxNode? node) => node switch
    {
        VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax field } => field,
        BaseNamespaceDeclarationSyntax or GlobalStatementSyntax or IncompleteMemberSyntax => null,
        MemberDeclarationSyntax member => member,
        _ => null,
    };

    /// <summary>The innermost declaration around <paramref name="node"/> that can carry attributes (a member, else its type).</summary>
    public static MemberDeclarationSyntax? EnclosingAttributeTarget(SyntaxNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case GlobalStatementSyntax or BaseNamespaceDeclarationSyntax or CompilationUnitSyntax:
                    return null;
                case MemberDeclarationSyntax member:
                    return AttributeTarget(member);
            }
        }

        return null;
    }

    /// <summary>Whether one of the declaration's attributes is <c>MlAtScale.&lt;name&gt;</c>, however it is spelled.</summary>
    public static bool HasAttribute(MemberDeclarationSyntax declaration, string name, System.Func<AttributeSyntax, bool>? where = null) =>
        declaration.AttributeLists
            .Where(l => l.Target is null)
            .SelectMany(l => l.Attributes)
            .Any(a => IsNamed(a, name) && (where is null || where(a)));

    public static bool IsNamed(AttributeSyntax attribute, string name)
    {
        var simple = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax plain => plain.Identifier.ValueText,
            _ => string.Empty,
        };
        return simple == name || simple == name + "Attribute";
    }

    /// <summary>The value of a constant string argument, e.g. the role of <c>[AllowRoleCrossing("DataScience")]</c>.</summary>
    public static string? PositionalString(AttributeSyntax attribute, int index)
    {
        var positional = attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        return positional is not null && positional.Count > index && positional[index].Expression is LiteralExpressionSyntax literal &&
            literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal.Token.ValueText : null;
    }

    /// <summary>The line break the file already uses.</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode root)
    {
        var existing = root.DescendantTrivia(descendIntoTrivia: false).FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return existing.IsKind(SyntaxKind.EndOfLineTrivia) ? existing : LineFeed;
    }

    /// <summary>Imports <c>MlAtScale</c> where the added names need it, and reduces them to their short form.</summary>
    public static async Task<Document> FinishAsync(Document document, CancellationToken cancellationToken)
    {
        if (!await IsImportedAsync(document, cancellationToken).ConfigureAwait(false))
        {
            document = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether every added attribute already binds by its short name (a using in the file, a global
    /// using, an enclosing namespace); the import adder would otherwise still touch the file's top.
    /// </summary>
    private static async Task<bool> IsImportedAsync(Document document, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return false;
        }

        foreach (var name in root.GetAnnotatedNodes(Simplifier.AddImportsAnnotation).OfType<QualifiedNameSyntax>())
        {
            var simple = name.Right.Identifier.ValueText;
            var found = model.LookupNamespacesAndTypes(name.SpanStart, name: simple + "Attribute")
                .Any(s => s.ContainingNamespace?.ToDisplayString() == FixConventions.AttributeNamespace);
            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The white space that starts the token's line (its leading trivia after the last line break).</summary>
    private static SyntaxTriviaList Indentation(SyntaxToken token)
    {
        var trivia = token.LeadingTrivia;
        var start = trivia.Count;
        while (start > 0 && trivia[start - 1].IsKind(SyntaxKind.WhitespaceTrivia))
        {
            start--;
        }

        return TriviaList(trivia.Skip(start));
    }
}
