using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MlAtScale.Analyzers.Uses;

/// <summary>
/// Where executable code starts in a declaration: bodies, expression bodies, field, property, enum-member
/// and parameter initializers, constructor initializers and top-level statements. The compiler binds
/// these as operation blocks; <see cref="RoleBoundaryAnalyzer"/> checks what is inside them from the
/// operation block and everything else from the syntax, so each node is checked exactly once.
/// </summary>
internal static class ExecutableCode
{
    /// <summary>The executable root that contains <paramref name="node"/>, or null for declaration syntax.</summary>
    public static SyntaxNode? RootOf(SyntaxNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (IsRoot(current))
            {
                return current;
            }

            if (current is MemberDeclarationSyntax or CompilationUnitSyntax)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The executable roots of an operation block: the root that contains its syntax, or the roots
    /// inside it (a constructor's block is the whole declaration: initializer and body), never
    /// descending into other members (top-level statements' block is the compilation unit).
    /// </summary>
    public static void CollectRoots(SyntaxNode blockSyntax, List<SyntaxNode> roots)
    {
        if (RootOf(blockSyntax) is { } enclosing)
        {
            roots.Add(enclosing);
            return;
        }

        var stack = new Stack<SyntaxNode>();
        stack.Push(blockSyntax);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (IsRoot(node))
            {
                roots.Add(node);
                continue;
            }

            if (node != blockSyntax && node is MemberDeclarationSyntax)
            {
                continue;
            }

            foreach (var child in node.ChildNodes())
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>Whether executable code starts at this node (a body, an initializer, a global statement).</summary>
    public static bool IsRoot(SyntaxNode node)
    {
        // The kind first: a type test per node of a declaration was a good part of walking it.
        switch (node.Kind())
        {
            case SyntaxKind.Block or SyntaxKind.ArrowExpressionClause or SyntaxKind.EqualsValueClause or
                 SyntaxKind.BaseConstructorInitializer or SyntaxKind.ThisConstructorInitializer or SyntaxKind.GlobalStatement:
                return IsRootOfItsKind(node);
            default:
                return false;
        }
    }

    private static bool IsRootOfItsKind(SyntaxNode node) => node switch
    {
        BlockSyntax or ArrowExpressionClauseSyntax => node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or BasePropertyDeclarationSyntax,
        EqualsValueClauseSyntax => node.Parent switch
        {
            VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax } => true,
            PropertyDeclarationSyntax or EnumMemberDeclarationSyntax => true,
            ParameterSyntax { Parent.Parent: BaseMethodDeclarationSyntax } => true,
            _ => false,
        },
        ConstructorInitializerSyntax => true,
        GlobalStatementSyntax => true,
        _ => false,
    };
}
