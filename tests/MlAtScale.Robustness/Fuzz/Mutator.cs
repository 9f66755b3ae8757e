using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MlAtScale.Robustness.Fuzz;

/// <summary>The edits a user makes half-way through typing, and the damage a bad merge leaves.</summary>
public enum MutationKind
{
    Truncate,
    DeleteToken,
    DeleteBrace,
    InsertBrace,
    DeleteSemicolon,
    SwapIdentifiers,
    InsertJunk,
    DuplicateLine,
    DeleteLine,
    TypeMemberAccess,
}

/// <summary>Deterministic (seeded) source mutations; the same seed and input give the same output.</summary>
public static class Mutator
{
    public static readonly MutationKind[] Kinds = (MutationKind[])Enum.GetValues(typeof(MutationKind));

    private static readonly string[] Junk =
    {
        "{", "}", "(", ")", "[", "]", ";", ",", ".", "=>", "?", "!", "<", ">", "\"", "'", "@\"", "$\"{", "\"\"\"", "/*", "//", "#if X", "#endregion",
        "new", "class", "partial", "record", "=", "await", "yield", "default", "where T :", "static", "override", "\\u", "0x", "1e", "global::",
        "[DataScience]", "[MlAtScale.Production]", "[AllowRoleCrossing(", "[assembly: MlAtScale.MlRole(\"", "[RoleContract] class Z {", "\u2028", "\0",
    };

    /// <summary>Applies one mutation of <paramref name="kind"/> to <paramref name="text"/>.</summary>
    public static string Apply(string text, MutationKind kind, Random random)
    {
        if (text.Length == 0)
        {
            return Junk[random.Next(Junk.Length)];
        }

        switch (kind)
        {
            case MutationKind.Truncate:
                return text.Substring(0, random.Next(text.Length));
            case MutationKind.InsertJunk:
            {
                var at = random.Next(text.Length + 1);
                return text.Insert(at, Junk[random.Next(Junk.Length)]);
            }

            case MutationKind.DuplicateLine:
            case MutationKind.DeleteLine:
            {
                var lines = text.Split('\n').ToList();
                var i = random.Next(lines.Count);
                if (kind == MutationKind.DuplicateLine)
                {
                    lines.Insert(i, lines[i]);
                }
                else
                {
                    lines.RemoveAt(i);
                }

                return string.Join("\n", lines);
            }
        }

        var tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens(descendIntoTrivia: false).Where(t => t.Span.Length > 0).ToList();
        List<SyntaxToken> Pick(Func<SyntaxToken, bool> predicate) => tokens.Where(predicate).ToList();
        switch (kind)
        {
            case MutationKind.DeleteToken:
                return Remove(text, tokens, random);
            case MutationKind.DeleteBrace:
                return Remove(text, Pick(t => t.IsKind(SyntaxKind.OpenBraceToken) || t.IsKind(SyntaxKind.CloseBraceToken) || t.IsKind(SyntaxKind.OpenParenToken) || t.IsKind(SyntaxKind.CloseParenToken)), random);
            case MutationKind.DeleteSemicolon:
                return Remove(text, Pick(t => t.IsKind(SyntaxKind.SemicolonToken)), random);
            case MutationKind.InsertBrace:
            {
                var at = tokens.Count == 0 ? 0 : tokens[random.Next(tokens.Count)].Span.End;
                return text.Insert(at, random.Next(2) == 0 ? "{" : "}");
            }

            case MutationKind.SwapIdentifiers:
            {
                var identifiers = Pick(t => t.IsKind(SyntaxKind.IdentifierToken));
                if (identifiers.Count < 2)
                {
                    return Remove(text, tokens, random);
                }

                var a = identifiers[random.Next(identifiers.Count)];
                var b = identifiers[random.Next(identifiers.Count)];
                if (a.SpanStart > b.SpanStart)
                {
                    (a, b) = (b, a);
                }

                if (a.Span.OverlapsWith(b.Span))
                {
                    return text;
                }

                return text.Substring(0, a.SpanStart) + b.Text + text.Substring(a.Span.End, b.SpanStart - a.Span.End) + a.Text + text.Substring(b.Span.End);
            }

            case MutationKind.TypeMemberAccess:
            {
                // A user half-way through `receiver.Member`: an identifier of the file followed by a dot, inside code.
                var identifiers = Pick(t => t.IsKind(SyntaxKind.IdentifierToken));
                var semicolons = Pick(t => t.IsKind(SyntaxKind.SemicolonToken) || t.IsKind(SyntaxKind.OpenBraceToken));
                if (identifiers.Count == 0 || semicolons.Count == 0)
                {
                    return text + ".";
                }

                var at = semicolons[random.Next(semicolons.Count)].Span.End;
                var typed = identifiers[random.Next(identifiers.Count)].Text + (random.Next(3) == 0 ? "." : "." + identifiers[random.Next(identifiers.Count)].Text.Substring(0, 1));
                return text.Insert(at, " " + typed);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static string Remove(string text, List<SyntaxToken> candidates, Random random)
    {
        if (candidates.Count == 0)
        {
            return text.Substring(0, random.Next(text.Length));
        }

        var token = candidates[random.Next(candidates.Count)];
        return text.Remove(token.SpanStart, token.Span.Length);
    }
}
