using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using MlAtScale.Analyzers.Model;
using MlAtScale.Core.Edges;
using MlAtScale.Core.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlAtScale.Analyzers.Rules;

/// <summary>
/// Checks the role attributes themselves: MLR0002 (one symbol, several roles, e.g. on disagreeing
/// partial declarations), MLR0004 ([AllowRoleCrossing] without justification or with an unknown
/// role) and MLR0005 (a role attribute naming an unknown role).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RoleDeclarationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ConflictingOwnership, Descriptors.InvalidAllowance, Descriptors.UnknownRole, Descriptors.ExpiredAllowance, Descriptors.UnownedType);

    /// <summary>Diagnostic property names read by the code fixes.</summary>
    public const string ReasonProperty = "reason";
    public const string SuggestionProperty = "suggestion";
    public const string KnownRolesProperty = "knownRoles";
    public const string MissingJustification = "missingJustification";
    public const string PlaceholderJustification = "placeholderJustification";
    public const string UnknownRoleReason = "unknownRole";
    public const string InvalidExpiry = "invalidExpiry";

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code is skipped here (IsGeneratedCode below), not by the driver: with
        // GeneratedCodeAnalysisFlags.None the driver checks every reported diagnostic against a per-tree
        // scan for [GeneratedCode] symbols, which the profile charged to this analyzer's first report in
        // each file. The outcome is the same: declarations in generated code are not checked.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(RoleModel.RoleAttributeMetadataName) is null)
            {
                return;
            }

            var model = RoleModelCache.Get(start.Compilation, start.Options, start.CancellationToken);
            start.RegisterSymbolAction(
                c =>
                {
                    if (!c.IsGeneratedCode)
                    {
                        AnalyzeSymbol(c.Symbol, model, c.ReportDiagnostic, c.CancellationToken);
                    }
                },
                SymbolKind.NamedType, SymbolKind.Method, SymbolKind.Property, SymbolKind.Field, SymbolKind.Event);
            start.RegisterSymbolAction(
                c =>
                {
                    if (!c.IsGeneratedCode)
                    {
                        AnalyzeCompleteness((INamedTypeSymbol)c.Symbol, model, c.ReportDiagnostic);
                    }
                },
                SymbolKind.NamedType);

            // Assembly attributes: analysed from each `[assembly: ...]` list, so they are checked live too.
            start.RegisterSyntaxNodeAction(
                c =>
                {
                    var list = (AttributeListSyntax)c.Node;
                    if (!c.IsGeneratedCode && list.Target?.Identifier.ValueText is "assembly" or "module")
                    {
                        AnalyzeSymbol(c.Compilation.Assembly, model, c.ReportDiagnostic, c.CancellationToken, list);
                    }
                },
                SyntaxKind.AttributeList);
        });
    }

    private static void AnalyzeSymbol(ISymbol symbol, RoleModel model, Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken, AttributeListSyntax? onlyIn = null)
    {
        if (symbol.IsImplicitlyDeclared)
        {
            return;
        }

        var attributes = symbol.GetAttributes();
        if (attributes.IsEmpty)
        {
            return;
        }

        var roles = new List<(string Role, AttributeData Attribute)>();
        foreach (var attribute in attributes)
        {
            var inScope = onlyIn is null || (attribute.ApplicationSyntaxReference is { } reference &&
                reference.SyntaxTree == onlyIn.SyntaxTree && onlyIn.Span.Contains(reference.Span));
            if (!inScope)
            {
                if (model.Classify(attribute, out var otherRole) == AttributeKind.Role && otherRole is not null && model.KnownRoles.Contains(otherRole))
                {
                    roles.Add((otherRole, attribute));
                }

                continue;
            }

            switch (model.Classify(attribute, out var role))
            {
                case AttributeKind.Role when role is not null:
                    if (model.KnownRoles.Contains(role))
                    {
                        roles.Add((role, attribute));
                    }
                    else
                    {
                        report(Diagnostic.Create(
                            Descriptors.UnknownRole,
                            ArgumentLocation(attribute, 0, cancellationToken),
                            UserText.Quote(role),
                            SymbolNames.Display(symbol),
                            HowToFixUnknownRole(role, model)));
                    }

                    break;
                case AttributeKind.Allow:
                    CheckAllowance(Allowance.From(attribute, symbol), model, report, cancellationToken);
                    break;
            }
        }

        var distinct = roles.Select(r => r.Role).Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal).ToList();
        if (distinct.Count > 1)
        {
            var locations = roles
                .Select(r => r.Attribute.ApplicationSyntaxReference)
                .Where(r => r is not null)
                .Select(r => r!.SyntaxTree.GetLocation(r.Span))
                .OrderBy(l => l.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(l => l.SourceSpan.Start)
                .ToList();
            // Reported once: at the first declaration (by file and position), the others as additional locations.
            if (locations.Count > 0 && (onlyIn is null || (locations[0].SourceTree == onlyIn.SyntaxTree && onlyIn.Span.Contains(locations[0].SourceSpan))))
            {
                report(Diagnostic.Create(
                    Descriptors.ConflictingOwnership,
                    locations[0],
                    locations.Skip(1),
                    SymbolNames.Display(symbol),
                    string.Join(", ", distinct)));
            }
        }
    }

    private static void CheckAllowance(Allowance allowance, RoleModel model, Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        var symbolName = SymbolNames.Display(allowance.Owner);
        var role = allowance.Role is null ? "null" : UserText.Quote(allowance.Role);
        if (allowance.Role is null || !model.KnownRoles.Contains(allowance.Role))
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(ReasonProperty, UnknownRoleReason);
            string? suggestion = null;
            if (allowance.Role is not null)
            {
                PolicyParser.SuggestionHint(allowance.Role, model.KnownRoles, out suggestion);
            }

            if (suggestion is not null && suggestion != allowance.Role)
            {
                properties = properties.Add(SuggestionProperty, suggestion);
            }

            report(Diagnostic.Create(
                Descriptors.InvalidAllowance,
                ArgumentLocation(allowance.Attribute, 0, cancellationToken),
                properties,
                role,
                symbolName,
                "names an unknown role; " + HowToFixUnknownRole(allowance.Role ?? "null", model)));
        }

        if (!allowance.HasJustification || allowance.IsPlaceholder)
        {
            report(Diagnostic.Create(
                Descriptors.InvalidAllowance,
                AttributeLocation(allowance.Attribute, cancellationToken),
                ImmutableDictionary<string, string?>.Empty.Add(ReasonProperty, allowance.HasJustification ? PlaceholderJustification : MissingJustification),
                role,
                symbolName,
                allowance.HasJustification
                    ? $"still has the placeholder justification '{UserText.Quote(allowance.Justification!)}'; write why this crossing is acceptable"
                    : "has no justification; add Justification = \"why this crossing is acceptable\" so that reviewers can audit it"));
        }

        if (allowance.Expires is null)
        {
            return;
        }

        if (!RoleModel.TryParseDate(allowance.Expires, out var expires))
        {
            report(Diagnostic.Create(
                Descriptors.InvalidAllowance,
                NamedArgumentLocation(allowance.Attribute, "Expires", cancellationToken),
                ImmutableDictionary<string, string?>.Empty.Add(ReasonProperty, InvalidExpiry),
                role,
                symbolName,
                $"has the expiry date '{UserText.Quote(allowance.Expires)}', which is not a date; write it as yyyy-MM-dd, e.g. Expires = \"2027-03-31\""));
        }
        else if (model.CurrentDate is { } today && today > expires)
        {
            // Machine-readable for the build report, which lists every allowance and marks the expired ones.
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(EdgeKinds.OwnerProperty, SymbolIds.GetDeclarationId(allowance.Owner) ?? symbolName)
                .Add(EdgeKinds.UsedRoleProperty, role)
                .Add(EdgeKinds.ExpiresProperty, allowance.Expires!.Trim());
            report(Diagnostic.Create(
                Descriptors.ExpiredAllowance,
                AttributeLocation(allowance.Attribute, cancellationToken),
                properties,
                role,
                symbolName,
                allowance.Expires!.Trim(),
                today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>MLR0009: a type nothing gives a role (reported once, at the outermost unowned type).</summary>
    private static void AnalyzeCompleteness(INamedTypeSymbol type, RoleModel model, Action<Diagnostic> report)
    {
        if (type.IsImplicitlyDeclared || !type.CanBeReferencedByName || type.Locations.Length == 0 || !type.Locations[0].IsInSource)
        {
            return;
        }

        var ownership = model.GetOwnership(type);
        if (ownership.Role is not null || ownership.IsContract || IsRoleInfrastructure(type))
        {
            return;
        }

        if (type.ContainingType is { } containing && model.GetOwnership(containing) is { Role: null, IsContract: false })
        {
            return;
        }

        var roles = model.KnownRolesList;
        foreach (var location in type.Locations.Where(l => l.IsInSource).OrderBy(l => l.SourceTree!.FilePath, StringComparer.Ordinal).ThenBy(l => l.SourceSpan.Start).Take(1))
        {
            report(Diagnostic.Create(
                Descriptors.UnownedType,
                location,
                ImmutableDictionary<string, string?>.Empty.Add(KnownRolesProperty, roles),
                SymbolNames.Display(type)));
        }
    }

    /// <summary>A team's own role attribute classes are tooling, not role code.</summary>
    private static bool IsRoleInfrastructure(INamedTypeSymbol type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.ToDisplayString() == RoleModel.RoleAttributeMetadataName)
            {
                return true;
            }
        }

        return false;
    }

    private static string HowToFixUnknownRole(string role, RoleModel model)
    {
        var hint = PolicyParser.SuggestionHint(role, model.KnownRoles, out _);
        var declare = PolicyParser.IsIdentifier(role) && Confusables.DescribeMixedScripts(role) is null ? $"declare it in {RoleModel.PolicyFileName} with 'role {UserText.Quote(role)}'" : "declare the role in " + RoleModel.PolicyFileName;
        return $"{hint}use one of {string.Join(", ", model.KnownRoles.OrderBy(r => r, StringComparer.Ordinal))} or {declare}";
    }

    private static Location AttributeLocation(AttributeData attribute, System.Threading.CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? Location.None;

    private static Location NamedArgumentLocation(AttributeData attribute, string name, System.Threading.CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)
        {
            var argument = syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
            return (argument as SyntaxNode ?? syntax).GetLocation();
        }

        return Location.None;
    }

    private static Location ArgumentLocation(AttributeData attribute, int index, System.Threading.CancellationToken cancellationToken)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)
        {
            var positional = syntax.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
            return positional is not null && positional.Count > index ? positional[index].GetLocation() : syntax.GetLocation();
        }

        return Location.None;
    }
}
