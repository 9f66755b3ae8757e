using System;
using System.Collections.Generic;

namespace MlAtScale.Core.Policy;

/// <summary>One rule of a CODEOWNERS file: a pattern and its owners (none: the files are unowned).</summary>
internal sealed class CodeOwnersRule
{
    public CodeOwnersRule(PathGlob glob, IReadOnlyList<string> owners, PolicySpan span)
    {
        Glob = glob;
        Owners = owners;
        Span = span;
    }

    public PathGlob Glob { get; }

    /// <summary>The owners as written: <c>@user</c>, <c>@org/team</c> or an e-mail address.</summary>
    public IReadOnlyList<string> Owners { get; }

    /// <summary>The whole rule (pattern to last owner).</summary>
    public PolicySpan Span { get; }
}

/// <summary>
/// A parsed CODEOWNERS file, read the way GitHub reads it: one pattern and its owners per line, '#' starts a
/// comment at the start of a token (<c>\#</c> is a literal '#'), '\' escapes the next character of a
/// pattern, and the last line whose pattern matches a file decides its owners. Patterns are relative to
/// the repository root: the file's folder, or the folder above it when the file is in <c>.github/</c> or
/// <c>docs/</c>. A malformed line (a token that is not an owner, an unsupported pattern) is an error at its
/// column and is skipped, as GitHub skips it. Roslyn-free; no file access.
/// </summary>
internal sealed class CodeOwnersFile
{
    /// <summary>The file's name; GitHub reads it in <c>.github/</c>, the repository root or <c>docs/</c>, in that order.</summary>
    public const string FileName = "CODEOWNERS";

    private CodeOwnersFile(string path, string root, IReadOnlyList<CodeOwnersRule> rules, IReadOnlyList<PolicyError> errors)
    {
        Path = path;
        Root = root;
        Rules = rules;
        Errors = errors;
    }

    public string Path { get; }

    /// <summary>The folder the patterns are relative to.</summary>
    public string Root { get; }

    public IReadOnlyList<CodeOwnersRule> Rules { get; }

    public IReadOnlyList<PolicyError> Errors { get; }

    /// <summary>Whether a path names a CODEOWNERS file (the exact name: GitHub does not read 'codeowners').</summary>
    public static bool IsCodeOwnersPath(string path) =>
        string.Equals(System.IO.Path.GetFileName(path), FileName, StringComparison.Ordinal);

    /// <summary>The repository root a CODEOWNERS file at <paramref name="path"/> describes.</summary>
    public static string RootOf(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(path) ?? string.Empty;
        var name = System.IO.Path.GetFileName(folder);
        return name is ".github" or "docs" ? System.IO.Path.GetDirectoryName(folder) ?? folder : folder;
    }

    public static CodeOwnersFile Parse(string path, string text)
    {
        var rules = new List<CodeOwnersRule>();
        var errors = new List<PolicyError>();
        foreach (var line in PolicyParser.SplitLines(text))
        {
            var tokens = Tokenize(line.Text);
            if (tokens.Count == 0)
            {
                continue;
            }

            var pattern = tokens[0];
            var glob = PathGlob.Compile(pattern.Text, anchored: false, backslashEscapes: true, out var error, out var at);
            if (glob is null)
            {
                errors.Add(Error(line, pattern.Column + at, 1, error + "; GitHub skips this line"));
                continue;
            }

            var owners = new List<string>(tokens.Count - 1);
            var bad = false;
            for (var i = 1; i < tokens.Count && !bad; i++)
            {
                var owner = tokens[i];
                if (!IsOwner(owner.Text))
                {
                    errors.Add(Error(line, owner.Column, owner.Text.Length, $"'{UserText.Quote(owner.Text)}' is not an owner; write @user, @org/team or an e-mail address after the pattern '{UserText.Quote(pattern.Text)}' (GitHub skips this line)"));
                    bad = true;
                }

                owners.Add(owner.Text);
            }

            if (!bad)
            {
                var last = tokens[tokens.Count - 1];
                rules.Add(new CodeOwnersRule(glob, owners, new PolicySpan(line.Number, pattern.Column, line.Start + pattern.Column, last.Column + last.Text.Length - pattern.Column)));
            }
        }

        return new CodeOwnersFile(path, RootOf(path), rules, errors);
    }

    /// <summary>The last rule whose pattern covers the file, or null (no rule: no owner).</summary>
    public CodeOwnersRule? RuleFor(string filePath)
    {
        if (PathGlob.RelativePath(Root, filePath) is not { } relative)
        {
            return null;
        }

        for (var i = Rules.Count - 1; i >= 0; i--)
        {
            if (Rules[i].Glob.Matches(relative))
            {
                return Rules[i];
            }
        }

        return null;
    }

    /// <summary>
    /// <c>@user</c> (letters, digits, '-'), <c>@org/team</c> (the team's slug may also hold '_' and '.'), or an
    /// e-mail address (<c>name@host.domain</c>).
    /// </summary>
    public static bool IsOwner(string text)
    {
        if (text.Length > 1 && text[0] == '@')
        {
            var slash = text.IndexOf('/');
            if (slash < 0)
            {
                return IsSlug(text, 1, text.Length, allowTeamCharacters: false);
            }

            return IsSlug(text, 1, slash, allowTeamCharacters: false) && IsSlug(text, slash + 1, text.Length, allowTeamCharacters: true);
        }

        var at = text.IndexOf('@');
        var dot = text.LastIndexOf('.');
        return at > 0 && at == text.LastIndexOf('@') && dot > at + 1 && dot < text.Length - 1 &&
               text.IndexOf('/') < 0 && text.IndexOf('#') < 0;
    }

    private static bool IsSlug(string text, int start, int end, bool allowTeamCharacters)
    {
        if (end <= start)
        {
            return false;
        }

        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (!(c < 128 && char.IsLetterOrDigit(c)) && c != '-' && !(allowTeamCharacters && c is '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static PolicyError Error(PolicyParser.Line line, int column, int length, string message) =>
        new(new PolicySpan(line.Number, column, line.Start + column, Math.Max(1, length)), message);

    /// <summary>White-space separated tokens up to a comment ('#' at the start of a token); '\' keeps the next character in the token.</summary>
    private static List<PolicyParser.Token> Tokenize(string text)
    {
        var tokens = new List<PolicyParser.Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            if (text[i] == '#')
            {
                break;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i += text[i] == '\\' && i + 1 < text.Length ? 2 : 1;
            }

            tokens.Add(new PolicyParser.Token(start, text.Substring(start, i - start)));
        }

        return tokens;
    }
}
