using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MlAtScale.Analyzers.Uses;

namespace MlAtScale.Analyzers.Model;

/// <summary>
/// Why an unowned type probably belongs to a role: how many distinct APIs of that role its own code uses
/// (through the catalog, the policy file and owned code) and how many types of that role use it.
/// </summary>
internal sealed class RoleEvidence
{
    public RoleEvidence(string role, int uses, int usedBy)
    {
        Role = role;
        Uses = uses;
        UsedBy = usedBy;
    }

    public string Role { get; }

    /// <summary>Distinct symbols of <see cref="Role"/> (not contracts) that the type's own code uses.</summary>
    public int Uses { get; }

    /// <summary>Distinct types of <see cref="Role"/> whose code uses the type or its members.</summary>
    public int UsedBy { get; }

    /// <summary>E.g. <c>uses 6 Data Science APIs, used by 2 Data Science types</c>.</summary>
    public string Reason
    {
        get
        {
            var name = DisplayName(Role);
            var parts = new List<string>();
            if (Uses > 0)
            {
                parts.Add($"uses {Uses} {name} API{(Uses == 1 ? string.Empty : "s")}");
            }

            if (UsedBy > 0)
            {
                parts.Add($"used by {UsedBy} {name} type{(UsedBy == 1 ? string.Empty : "s")}");
            }

            return string.Join(", ", parts);
        }
    }

    /// <summary>
    /// The evidence for each role that has any, strongest first (<see cref="Rank"/>), as the build computes it
    /// (<see cref="UnownedCallGraph.Evidence"/>): the same calls and uses, recorded from every member body and
    /// initializer of the compilation. Meant for one type at a time (a code fix), not for every type of a build.
    /// </summary>
    public static IReadOnlyList<RoleEvidence> For(INamedTypeSymbol type, Compilation compilation, RoleModel model, CancellationToken cancellationToken)
    {
        var graph = new UnownedCallGraph(model);
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var semanticModel = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                var declaration = node switch
                {
                    BaseMethodDeclarationSyntax or AccessorDeclarationSyntax => node,
                    ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax property } => property,
                    EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax or PropertyDeclarationSyntax } => node.Parent,
                    _ => null,
                };
                if (declaration is null ||
                    semanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not { } owner ||
                    semanticModel.GetOperation(node, cancellationToken) is not { } operation)
                {
                    continue;
                }

                graph.Record(owner, new[] { operation }, compilation, isGeneratedCode: false);
            }
        }

        return graph.Evidence().TryGetValue(type, out var evidence) ? evidence : Array.Empty<RoleEvidence>();
    }

    /// <summary>Most uses and users together first, then most users, then the role's name.</summary>
    public static IReadOnlyList<RoleEvidence> Rank(IEnumerable<RoleEvidence> evidence) =>
        evidence.OrderByDescending(e => e.Uses + e.UsedBy).ThenByDescending(e => e.UsedBy).ThenBy(e => e.Role, StringComparer.Ordinal).ToList();

    /// <summary><c>DataScience</c> → <c>Data Science</c>; a custom role keeps its name's words.</summary>
    public static string DisplayName(string role)
    {
        var text = new StringBuilder(role.Length + 4);
        for (var i = 0; i < role.Length; i++)
        {
            if (i > 0 && char.IsUpper(role[i]) && char.IsLower(role[i - 1]))
            {
                text.Append(' ');
            }

            text.Append(role[i]);
        }

        return text.ToString();
    }
}
