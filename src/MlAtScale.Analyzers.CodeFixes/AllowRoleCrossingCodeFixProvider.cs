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
using MlAtScale.Analyzers.CodeFixes.Editing;

namespace MlAtScale.Analyzers.CodeFixes;

/// <summary>
/// MLR0001: adds <c>[AllowRoleCrossing("&lt;UsedRole&gt;", Justification = "TODO: ...")]</c> to the
/// member (or type) whose code crosses. The placeholder keeps MLR0004 reporting the allowance until a
/// person writes the real justification. Fix All adds one attribute per member and role.
/// </summary>
/// <remarks>
/// `dotnet format analyzers` applies every fix of a diagnostic ID in turn, in the order the fix types
/// are defined; this one comes first, and the other MLR0001 fixes skip the documents it changed.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AllowRoleCrossingCodeFixProvider))]
[Shared]
public sealed class AllowRoleCrossingCodeFixProvider : CodeFixProvider
{
    internal const string EquivalenceKey = "MLR0001:AllowRoleCrossing";

    private static readonly FixAllProvider FixAll = new BatchFixAllProvider("Allow each crossing with a justification placeholder", FixAsync);

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.RoleBoundaryCrossed);

    public override FixAllProvider GetFixAllProvider() => FixAll;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Crossing.TryRead(diagnostic, out var crossing) && FindTarget(root, diagnostic) is { } target && !IsAllowed(target, crossing.UsedRole))
            {
                var solution = context.Document.Project.Solution;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Allow crossing to {crossing.UsedRole} with a justification",
                        ct => FixAsync(solution, ImmutableArray.Create(diagnostic), EquivalenceKey, ct),
                        EquivalenceKey),
                    diagnostic);
            }
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

            var roles = new Dictionary<MemberDeclarationSyntax, SortedSet<string>>();
            foreach (var diagnostic in byTree)
            {
                if (Crossing.TryRead(diagnostic, out var crossing) && FindTarget(root, diagnostic) is { } target && !IsAllowed(target, crossing.UsedRole))
                {
                    if (!roles.TryGetValue(target, out var set))
                    {
                        roles[target] = set = new SortedSet<string>(System.StringComparer.Ordinal);
                    }

                    set.Add(crossing.UsedRole);
                }
            }

            // An allowance on a type covers its members: a member needs none for a role its type gets here.
            foreach (var target in roles.Keys.ToList())
            {
                foreach (var type in target.Ancestors().OfType<MemberDeclarationSyntax>())
                {
                    if (roles.TryGetValue(type, out var typeRoles))
                    {
                        roles[target].ExceptWith(typeRoles);
                    }
                }

                if (roles[target].Count == 0)
                {
                    roles.Remove(target);
                }
            }

            if (roles.Count == 0)
            {
                continue;
            }

            var endOfLine = AttributeEditing.EndOfLine(root);
            var newRoot = root.ReplaceNodes(
                roles.Keys,
                (original, rewritten) => AttributeEditing.AddAttributeLists(rewritten, roles[original].Select(CreateAllowance).ToList(), endOfLine));
            document = await AttributeEditing.FinishAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
            solution = document.Project.Solution;
        }

        return solution;
    }

    private static AttributeListSyntax CreateAllowance(string role) =>
        AttributeEditing.CreateList(
            "AllowRoleCrossing",
            AttributeEditing.StringArgument(role),
            AttributeEditing.StringArgument(FixConventions.JustificationPlaceholder, "Justification"));

    /// <summary>The member whose code crosses, or its type for uses in a base list, attribute or primary constructor.</summary>
    private static MemberDeclarationSyntax? FindTarget(SyntaxNode root, Diagnostic diagnostic) =>
        AttributeEditing.EnclosingAttributeTarget(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true));

    private static bool IsAllowed(MemberDeclarationSyntax target, string role) =>
        AttributeEditing.HasAttribute(target, "AllowRoleCrossing", a => AttributeEditing.PositionalString(a, 0) == role);
}
