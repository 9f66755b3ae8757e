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
using MlAtScale.Analyzers.CodeFixes.Editing;
using MlAtScale.Analyzers.Model;

namespace MlAtScale.Analyzers.CodeFixes;

/// <summary>
/// MLR0009: gives an unowned type a role, one action per known role: <c>[DataScience]</c> for a
/// built-in role, <c>[MlRole("Labeling")]</c> for a role declared in the policy file. The roles that the
/// type's code and its users point to come first, most likely first, with the reason in the title
/// (<c>Mark 'Scorer' [DataScience] — uses 6 Data Science APIs, used by 2 Data Science types</c>). Fix All
/// gives every unowned type in scope the chosen role.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRoleAttributeCodeFixProvider))]
[Shared]
public sealed class AddRoleAttributeCodeFixProvider : CodeFixProvider
{
    internal const string EquivalenceKeyPrefix = "MLR0009:";

    private static readonly string[] BuiltInRoles = { RoleNames.DataEngineering, RoleNames.DataScience, RoleNames.Production, RoleNames.BusinessAnalysis };

    private static readonly FixAllProvider FixAll = new BatchFixAllProvider("Give the unowned types a role", FixAsync);

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.UnownedType);

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
            if (FindType(root, diagnostic) is not { } type)
            {
                continue;
            }

            // The roles the type's code and its users point to come first, each with its reason; then the others.
            var evidence = await EvidenceAsync(context.Document, type, context.CancellationToken).ConfigureAwait(false);
            var known = KnownRoles(diagnostic).ToList();
            var reasons = evidence.Where(e => known.Contains(e.Role, StringComparer.Ordinal)).ToDictionary(e => e.Role, e => e.Reason, StringComparer.Ordinal);
            foreach (var role in evidence.Select(e => e.Role).Where(reasons.ContainsKey).Concat(known.Where(r => !reasons.ContainsKey(r))))
            {
                var key = EquivalenceKeyPrefix + role;
                var title = $"Mark '{Name(type)}' [{AttributeText(role)}]";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        reasons.TryGetValue(role, out var reason) ? title + " \u2014 " + reason : title,
                        ct => FixAsync(solution, ImmutableArray.Create(diagnostic), key, ct),
                        key),
                    diagnostic);
            }
        }
    }

    /// <summary>The evidence for the type's role (<see cref="RoleEvidence"/>), from the document's compilation.</summary>
    private static async Task<IReadOnlyList<RoleEvidence>> EvidenceAsync(Document document, MemberDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (semanticModel?.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
        {
            return Array.Empty<RoleEvidence>();
        }

        var model = RoleModelCache.Get(semanticModel.Compilation, document.Project.AnalyzerOptions, cancellationToken);
        return RoleEvidence.For(type, semanticModel.Compilation, model, cancellationToken);
    }

    private static async Task<Solution> FixAsync(Solution solution, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
    {
        if (equivalenceKey is null || !equivalenceKey.StartsWith(EquivalenceKeyPrefix, StringComparison.Ordinal))
        {
            return solution;
        }

        var role = equivalenceKey.Substring(EquivalenceKeyPrefix.Length);
        foreach (var byTree in diagnostics.Where(d => d.Location.SourceTree is not null).GroupBy(d => d.Location.SourceTree!))
        {
            // Diagnostics of an older version of the document (another fix changed it) are skipped.
            var document = solution.GetDocument(byTree.Key);
            var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (document is null || root is null)
            {
                continue;
            }

            var types = new HashSet<MemberDeclarationSyntax>(byTree
                .Where(d => KnownRoles(d).Contains(role, StringComparer.Ordinal))
                .Select(d => FindType(root, d))
                .Where(t => t is not null)!);

            // A type nested in one that gets the role here has it already.
            types.RemoveWhere(t => t.Ancestors().Any(a => a is MemberDeclarationSyntax m && types.Contains(m)));
            if (types.Count == 0)
            {
                continue;
            }

            var endOfLine = AttributeEditing.EndOfLine(root);
            var newRoot = root.ReplaceNodes(types, (_, rewritten) => AttributeEditing.AddAttributeLists(rewritten, new[] { CreateRoleAttribute(role) }, endOfLine));
            document = await AttributeEditing.FinishAsync(document.WithSyntaxRoot(newRoot), cancellationToken).ConfigureAwait(false);
            solution = document.Project.Solution;
        }

        return solution;
    }

    /// <summary>The roles to offer, built-in first, as the analyzer lists them; the built-in roles if it lists none.</summary>
    private static IEnumerable<string> KnownRoles(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(FixConventions.KnownRolesProperty, out var roles) && !string.IsNullOrWhiteSpace(roles)
            ? roles!.Split(',').Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal)
            : BuiltInRoles;

    private static bool IsBuiltIn(string role) => Array.IndexOf(BuiltInRoles, role) >= 0;

    private static string AttributeText(string role) => IsBuiltIn(role) ? role : $"MlRole(\"{role}\")";

    private static AttributeListSyntax CreateRoleAttribute(string role) =>
        IsBuiltIn(role) ? AttributeEditing.CreateList(role) : AttributeEditing.CreateList("MlRole", AttributeEditing.StringArgument(role));

    /// <summary>The type declaration whose name the diagnostic is on.</summary>
    private static MemberDeclarationSyntax? FindType(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
            .AncestorsAndSelf()
            .FirstOrDefault(n => n is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax) as MemberDeclarationSyntax;

    private static string Name(MemberDeclarationSyntax type) =>
        string.Join(".", type.AncestorsAndSelf().Reverse().Select(n => n switch
        {
            BaseTypeDeclarationSyntax t => t.Identifier.ValueText,
            DelegateDeclarationSyntax d => d.Identifier.ValueText,
            _ => null,
        }).Where(n => n is not null));
}
