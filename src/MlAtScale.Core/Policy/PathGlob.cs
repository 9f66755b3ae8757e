using System;
using System.Collections.Generic;

namespace MlAtScale.Core.Policy;

/// <summary>
/// A path pattern of a <c>path</c> policy line or a CODEOWNERS line, compiled once: segments separated by
/// '/', <c>*</c> (any characters of one name), <c>?</c> (one character of a name), <c>**</c> (any number
/// of folders, as a whole segment), a backslash escaping the next character. Matched against a path
/// relative to the pattern's base folder, with '/' separators, case-sensitively.
/// <list type="bullet">
/// <item>A pattern that matches a folder covers every file below it (<c>src/Serving</c>, <c>src/Serving/</c>);
/// a last segment of only <c>*</c> (<c>docs/*</c>) covers the files directly in the folder, not those in
/// its subfolders, as GitHub reads CODEOWNERS.</item>
/// <item>A trailing '/' matches folders only.</item>
/// <item>A floating pattern (a CODEOWNERS pattern with no '/' but a trailing one, e.g. <c>*.cs</c>) matches
/// at any depth; a pattern with a '/' (a leading one included) and every <c>path</c> line is anchored at the base folder.</item>
/// </list>
/// Matching costs the pattern's length times the path's length at most: no backtracking blow-up.
/// </summary>
internal sealed class PathGlob
{
    private const string AnyFolders = "**";

    private readonly string[] _segments;
    private readonly bool _directoryOnly;
    private readonly bool _lastIsStar;

    private PathGlob(string pattern, string[] segments, bool directoryOnly)
    {
        Pattern = pattern;
        _segments = segments;
        _directoryOnly = directoryOnly;
        _lastIsStar = segments[segments.Length - 1] == "*";
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>
    /// Compiles <paramref name="pattern"/>; null with what is wrong, how to fix it and the zero-based character
    /// at fault when it is not a pattern. <paramref name="anchored"/>: always relative to the base folder (a
    /// <c>path</c> line); else a pattern without an inner or leading '/' floats (a CODEOWNERS line).
    /// <paramref name="backslashEscapes"/>: '\' escapes the next character (CODEOWNERS); else it is an error,
    /// because a Windows user means a folder separator.
    /// </summary>
    public static PathGlob? Compile(string pattern, bool anchored, bool backslashEscapes, out string? error, out int errorAt)
    {
        error = null;
        errorAt = 0;
        if (pattern.Length == 0)
        {
            error = "the pattern is empty; write a path such as 'src/Serving/**'";
            return null;
        }

        if (pattern[0] == '!')
        {
            error = $"'{UserText.Quote(pattern)}' starts with '!', but a negated pattern is not supported; list the files you mean with a pattern of their own";
            return null;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (!backslashEscapes)
                {
                    errorAt = i;
                    error = $"'{UserText.Quote(pattern)}' contains '\\' at character {i + 1}; separate folders with '/', e.g. '{UserText.Quote(pattern.Replace('\\', '/'))}'";
                    return null;
                }

                i++;
                continue;
            }

            if (c is '[' or ']')
            {
                errorAt = i;
                error = $"'{UserText.Quote(pattern)}' contains '{c}' at character {i + 1}, but character ranges are not supported; use '?' for one character or '*' for several";
                return null;
            }
        }

        var body = pattern;
        var directoryOnly = false;
        if (body.Length > 1 && body[body.Length - 1] == '/' && !IsEscaped(body, body.Length - 1))
        {
            directoryOnly = true;
            body = body.Substring(0, body.Length - 1);
        }

        var floating = !anchored && body.IndexOf('/') < 0;
        if (body.Length > 0 && body[0] == '/')
        {
            body = body.Substring(1);
        }

        var raw = body.Split('/');
        var segments = new List<string>(raw.Length + 1);
        if (floating)
        {
            segments.Add(AnyFolders);
        }

        var column = pattern.Length - body.Length - (directoryOnly ? 1 : 0);
        foreach (var segment in raw)
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                errorAt = Math.Min(column, pattern.Length - 1);
                error = segment.Length == 0
                    ? $"'{UserText.Quote(pattern)}' has an empty folder name at character {column + 1}; write one '/' between folders"
                    : $"'{UserText.Quote(pattern)}' contains '{segment}', but a pattern names folders below its base folder; write the path without '{segment}'";
                return null;
            }

            var stars = segment.IndexOf(AnyFolders, StringComparison.Ordinal);
            if (stars >= 0 && segment != AnyFolders)
            {
                errorAt = column + stars;
                error = $"'{UserText.Quote(pattern)}' has '**' inside the name '{UserText.Quote(segment)}'; '**' stands for any folders and must be a whole segment ('a/**/b'), use '*' inside a name";
                return null;
            }

            // Consecutive '**' segments mean the same as one.
            if (!(segment == AnyFolders && segments.Count > 0 && segments[segments.Count - 1] == AnyFolders))
            {
                segments.Add(segment);
            }

            column += segment.Length + 1;
        }

        return new PathGlob(pattern, segments.ToArray(), directoryOnly);
    }

    /// <summary>Whether the file at <paramref name="relativePath"/> ('/'-separated, relative to the base folder) is covered.</summary>
    public bool Matches(string relativePath)
    {
        var path = relativePath.Split('/');
        var p = _segments.Length;
        var s = path.Length;

        // reach[j]: the pattern's segments so far match the path's first j segments.
        var reach = new bool[s + 1];
        var next = new bool[s + 1];
        reach[0] = true;
        for (var i = 0; i < p; i++)
        {
            var segment = _segments[i];
            Array.Clear(next, 0, next.Length);
            if (segment == AnyFolders)
            {
                var any = false;
                for (var j = 0; j <= s; j++)
                {
                    any |= reach[j];
                    next[j] = any;
                }
            }
            else
            {
                for (var j = 0; j < s; j++)
                {
                    if (reach[j] && MatchesName(segment, path[j]))
                    {
                        next[j + 1] = true;
                    }
                }
            }

            (reach, next) = (next, reach);
        }

        // The whole path (a file), or a folder above it (the file is inside what the pattern names).
        for (var k = 1; k <= s; k++)
        {
            if (reach[k] && (k == s ? !_directoryOnly : !_lastIsStar))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One name against one segment of the pattern: '*' any characters, '?' one, '\' escapes; linear with one backtrack point.</summary>
    private static bool MatchesName(string pattern, string name)
    {
        int p = 0, n = 0, starP = -1, starN = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starN = n;
                continue;
            }

            if (p < pattern.Length && pattern[p] != '*')
            {
                var escaped = pattern[p] == '\\' && p + 1 < pattern.Length;
                var expected = escaped ? pattern[p + 1] : pattern[p];
                if ((!escaped && expected == '?') || expected == name[n])
                {
                    p += escaped ? 2 : 1;
                    n++;
                    continue;
                }
            }

            if (starP < 0)
            {
                return false;
            }

            p = starP + 1;
            n = ++starN;
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool IsEscaped(string text, int index)
    {
        var backslashes = 0;
        for (var i = index - 1; i >= 0 && text[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    /// <summary>
    /// <paramref name="filePath"/> relative to <paramref name="folder"/> with '/' separators, or null when the
    /// file is not below the folder. Either separator is accepted in both; the folder prefix is compared
    /// without regard to case (Windows paths), the rest is left as it is.
    /// </summary>
    public static string? RelativePath(string folder, string filePath)
    {
        var root = folder.Replace('\\', '/').TrimEnd('/');
        var file = filePath.Replace('\\', '/');
        if (file.Length <= root.Length + 1 ||
            !file.StartsWith(root, StringComparison.OrdinalIgnoreCase) ||
            file[root.Length] != '/')
        {
            return null;
        }

        return file.Substring(root.Length + 1);
    }
}
