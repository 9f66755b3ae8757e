using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using MlAtScale.Analyzers.Model;
using MlAtScale.Core.Precedence;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlAtScale.Analyzers.Reporting;

/// <summary>
/// MLR0012: an [AllowRoleCrossing] that permitted no use in the compilation. Like MLR0008, only known
/// once every use has been judged, so it is reported at the end of the boundary rule's own pass. An
/// allowance on the used code (the callee) is the usual mistake: the violations of the role it names
/// against that code are remembered, so that the message can say where the allowance belongs.
/// </summary>
internal sealed class UnusedAllowances
{
    private readonly RoleModel _model;

    // Allowances declared in this compilation's source, by the place of their attribute.
    private readonly ConcurrentDictionary<Location, Allowance> _declared = new();

    // Allowances that permitted at least one use.
    private readonly ConcurrentDictionary<Location, bool> _used = new();

    // For each symbol (and the types that contain it) that a violation used: the using role and one user.
    private readonly ConcurrentDictionary<ISymbol, ConcurrentDictionary<string, string>> _violatedBy = new(SymbolEqualityComparer.Default);

    public UnusedAllowances(RoleModel model) => _model = model;

    /// <summary>Collects the allowances a type or member declares in source.</summary>
    public void CollectDeclared(SymbolAnalysisContext context)
    {
        foreach (var attribute in context.Symbol.GetAttributes())
        {
            if (_model.Classify(attribute, out _) == AttributeKind.Allow && Where(attribute) is { } location)
            {
                _declared.TryAdd(location, Allowance.From(attribute, context.Symbol));
            }
        }
    }

    public void MarkUsed(Allowance allowance)
    {
        if (Where(allowance.Attribute) is { } location)
        {
            _used.TryAdd(location, true);
        }
    }

    /// <summary>A violation: code of <paramref name="userRole"/> (<paramref name="user"/>) used <paramref name="used"/>.</summary>
    public void MarkViolation(ISymbol user, string userRole, ISymbol used)
    {
        for (var symbol = used; symbol is not null; symbol = symbol.ContainingType)
        {
            _violatedBy.GetOrAdd(symbol, _ => new ConcurrentDictionary<string, string>(System.StringComparer.Ordinal)).TryAdd(userRole, SymbolNames.Display(user));
        }
    }

    public void Report(CompilationAnalysisContext context)
    {
        foreach (var pair in _declared.OrderBy(p => p.Key.SourceTree?.FilePath, System.StringComparer.Ordinal).ThenBy(p => p.Key.SourceSpan.Start))
        {
            var allowance = pair.Value;
            // An allowance without a known role is MLR0004's to report; it can permit nothing anyway.
            if (_used.ContainsKey(pair.Key) || allowance.Role is null || !_model.KnownRoles.Contains(allowance.Role))
            {
                continue;
            }

            var hint = string.Empty;
            if (_violatedBy.TryGetValue(allowance.Owner, out var roles) && roles.TryGetValue(allowance.Role, out var caller))
            {
                hint = $"; it sits on the used code, but an allowance covers the code that makes the use: {allowance.Role} code such as '{caller}' uses '{SymbolNames.Display(allowance.Owner)}', so put the allowance there (or mark '{SymbolNames.Display(allowance.Owner)}' [RoleContract])";
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.UnusedAllowance,
                pair.Key,
                Core.Policy.UserText.Quote(allowance.Role),
                SymbolNames.Display(allowance.Owner),
                hint));
        }
    }

    private static Location? Where(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference is { } reference
            ? Location.Create(reference.SyntaxTree, reference.Span)
            : null;
}
