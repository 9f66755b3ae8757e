using System;
using Microsoft.CodeAnalysis;

namespace MlAtScale.Analyzers.Model;

/// <summary>Documentation-comment IDs as users write them in policy files (the BannedSymbols.txt convention).</summary>
internal static class SymbolIds
{
    /// <summary>
    /// The declaration ID of a type or member, or null for symbols that have none. Roslyn's
    /// <see cref="DocumentationCommentId.CreateDeclarationId"/> appends <c>~ReturnType</c> to every
    /// non-void method, but the compiler's documentation file (and so every user) writes it only for
    /// conversion operators; the suffix is dropped elsewhere. It also throws for symbols that have no
    /// ID (parameters, locals, assemblies), which must never surface as an analyzer crash.
    /// </summary>
    public static string? GetDeclarationId(ISymbol symbol) => GetDeclarationId(symbol, out _);

    /// <inheritdoc cref="GetDeclarationId(ISymbol)"/>
    /// <param name="alternateId">For a method other than a conversion operator, the ID with its <c>~ReturnType</c> (null when it has none).</param>
    public static string? GetDeclarationId(ISymbol symbol, out string? alternateId)
    {
        alternateId = null;
        if (symbol is not (INamespaceSymbol or INamedTypeSymbol or IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol))
        {
            return null;
        }

        string id;
        try
        {
            id = DocumentationCommentId.CreateDeclarationId(symbol);
        }
        catch (InvalidOperationException)
        {
            return null;
        }

        if (symbol is IMethodSymbol method && method.MethodKind != MethodKind.Conversion)
        {
            var close = id.LastIndexOf(')');
            var tilde = id.IndexOf('~', close < 0 ? 0 : close);
            if (tilde >= 0)
            {
                alternateId = id;
                id = id.Substring(0, tilde);
            }
        }

        return id;
    }
}
