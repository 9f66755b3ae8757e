using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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
    /// The evidence for each role that has any, strongest first: most uses and users together, then most users,
    /// then the role's name. Reads the type's own bodies and every syntax tree of the compilation once, so it is
    /// meant for one type at a time (a code fix), not for every type of a build.
    /// </summary>
    public static IReadOnlyList<RoleEvidence> For(INamedTypeSymbol type, Compilation compilation, RoleModel model, CancellationToken cancellationToken)
    {
        var uses = new Dictionary<string, HashSet<ISymbol>>(StringComparer.Ordinal);
        var usedBy = new Dictionary<string, HashSet<ISymbol>>(StringComparer.Ordinal);
        var names = new HashSet<string>(type.GetMembers().Select(m => m.Name).Append(type.Name), StringComparer.Ordinal);

        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var root = tree.GetRoot(cancellationToken);
            SemanticModel? semanticModel = null;

            // What the type's own declarations use.
            foreach (var reference in type.DeclaringSyntaxReferences.Where(r => r.SyntaxTree == tree))
            {
                semanticModel ??= compilation.GetSemanticModel(tree);
                foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
                {
                    if (semanticModel.GetOperation(node, cancellationToken) is not { } operation || MlAtScale.Analyzers.Uses.UnownedCallGraph.Target(operation) is not { } target)
                    {
                        continue;
                    }

                    var used = RoleModel.Normalize(target);
                    if (used is null || IsPartOf(used, type))
                    {
                        continue;
                    }

                    var ownership = model.GetOwnership(used);
                    if (ownership.Role is { } role && !ownership.IsContract)
                    {
                        Add(uses, role, used);
                    }
                }
            }

            // Who uses the type: names that could be it or one of its members, outside its own declarations.
            foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (!names.Contains(name.Identifier.ValueText) || type.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == tree && r.Span.Contains(name.Span)))
                {
                    continue;
                }

                semanticModel ??= compilation.GetSemanticModel(tree);
                var symbol = RoleModel.Normalize(semanticModel.GetSymbolInfo(name, cancellationToken).Symbol);
                if (symbol is null || !IsPartOf(symbol, type))
                {
                    continue;
                }

                if (semanticModel.GetEnclosingSymbol(name.SpanStart, cancellationToken) is { } enclosing &&
                    OuterType(enclosing) is { } userType &&
                    model.GetOwnership(RoleModel.Normalize(enclosing) ?? userType).Role is { } userRole)
                {
                    Add(usedBy, userRole, userType);
                }
            }
        }

        return uses.Keys.Union(usedBy.Keys)
            .Select(r => new RoleEvidence(r, uses.TryGetValue(r, out var u) ? u.Count : 0, usedBy.TryGetValue(r, out var b) ? b.Count : 0))
            .OrderByDescending(e => e.Uses + e.UsedBy)
            .ThenByDescending(e => e.UsedBy)
            .ThenBy(e => e.Role, StringComparer.Ordinal)
            .ToList();
    }

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

    private static void Add(Dictionary<string, HashSet<ISymbol>> map, string role, ISymbol symbol)
    {
        if (!map.TryGetValue(role, out var set))
        {
            map[role] = set = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        }

        set.Add(symbol);
    }

    private static bool IsPartOf(ISymbol symbol, INamedTypeSymbol type)
    {
        for (var s = symbol; s is not null; s = s.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(s, type))
            {
                return true;
            }
        }

        return false;
    }

    private static INamedTypeSymbol? OuterType(ISymbol symbol) => symbol as INamedTypeSymbol ?? symbol.ContainingType;
}
