using System;
using System.Collections.Generic;
using System.Text;

namespace MlAtScale.Core.Policy;

/// <summary>One recorded violation: keyed by symbols and roles, never by line numbers.</summary>
internal sealed class BaselineEntry
{
    public BaselineEntry(string user, string used, string userRole, string usedRole, PolicySpan span)
    {
        User = user;
        Used = used;
        UserRole = userRole;
        UsedRole = usedRole;
        Span = span;
    }

    /// <summary>Documentation-comment ID of the member (or type) whose code crosses.</summary>
    public string User { get; }

    /// <summary>Documentation-comment ID of the symbol it uses.</summary>
    public string Used { get; }

    public string UserRole { get; }

    public string UsedRole { get; }

    public PolicySpan Span { get; }

    public string Key => BaselineFile.Key(User, Used, UserRole, UsedRole);
}

/// <summary>
/// The role baseline (<c>MlRoles.baseline.txt</c>): existing violations that are not reported as
/// errors, one line each: <c>&lt;user ID&gt; -&gt; &lt;used ID&gt; : &lt;UserRole&gt; -&gt; &lt;UsedRole&gt;</c>.
/// Shared by the analyzer (reads it) and the build task (writes it), so the two agree on the format.
/// </summary>
internal static class BaselineFile
{
    public const string FileName = "MlRoles.baseline.txt";

    public const string Header =
        "# MlAtScale role baseline: existing role-boundary violations that are not reported as errors.\n" +
        "# One line per (user, used symbol): <user ID> -> <used ID> : <UserRole> -> <UsedRole>.\n" +
        "# Written by `dotnet build -p:MlAtScaleUpdateBaseline=true`; it should only ever shrink (see docs/baseline.md).\n";

    public static string Key(string user, string used, string userRole, string usedRole) =>
        user + " -> " + used + " : " + userRole + " -> " + usedRole;

    public static (IReadOnlyList<BaselineEntry> Entries, IReadOnlyList<PolicyError> Errors) Parse(string text)
    {
        var entries = new List<BaselineEntry>();
        var errors = new List<PolicyError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n' && text[i] != '\r')
            {
                continue;
            }

            var line = text.Substring(start, i - start);
            ParseLine(line, lineNumber, start, entries, errors, seen);
            if (i < text.Length && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            start = i + 1;
            lineNumber++;
        }

        return (entries, errors);
    }

    private static void ParseLine(string line, int lineNumber, int lineStart, List<BaselineEntry> entries, List<PolicyError> errors, Dictionary<string, int> seen)
    {
        var trimmed = line.Trim().TrimStart('\uFEFF');
        if (trimmed.Length == 0 || trimmed[0] == '#')
        {
            return;
        }

        var column = line.IndexOf(trimmed[0]);
        var span = new PolicySpan(lineNumber, column, lineStart + column, trimmed.Length);
        var colon = trimmed.LastIndexOf(" : ", StringComparison.Ordinal);
        var arrow = trimmed.IndexOf(" -> ", StringComparison.Ordinal);
        var roleArrow = colon < 0 ? -1 : trimmed.IndexOf(" -> ", colon, StringComparison.Ordinal);
        if (colon < 0 || arrow < 0 || arrow > colon || roleArrow < 0)
        {
            errors.Add(new PolicyError(span, "a baseline line reads '<user ID> -> <used ID> : <UserRole> -> <UsedRole>'; regenerate the file with -p:MlAtScaleUpdateBaseline=true"));
            return;
        }

        var user = trimmed.Substring(0, arrow).Trim();
        var used = trimmed.Substring(arrow + 4, colon - arrow - 4).Trim();
        var userRole = trimmed.Substring(colon + 3, roleArrow - colon - 3).Trim();
        var usedRole = trimmed.Substring(roleArrow + 4).Trim();
        var idError = PolicyParser.ValidateId(user, includesDerived: false) ?? PolicyParser.ValidateId(used, includesDerived: false);
        if (idError != null || user.IndexOf(' ') >= 0 || used.IndexOf(' ') >= 0)
        {
            errors.Add(new PolicyError(span, idError ?? "a baseline ID cannot contain spaces; regenerate the file with -p:MlAtScaleUpdateBaseline=true"));
            return;
        }

        if (!PolicyParser.IsIdentifier(userRole) || !PolicyParser.IsIdentifier(usedRole))
        {
            errors.Add(new PolicyError(span, $"'{UserText.Quote(userRole)} -> {UserText.Quote(usedRole)}' is not a role edge; regenerate the file with -p:MlAtScaleUpdateBaseline=true"));
            return;
        }

        var entry = new BaselineEntry(user, used, userRole, usedRole, span);
        if (seen.TryGetValue(entry.Key, out var first))
        {
            errors.Add(new PolicyError(span, $"this entry is already on line {first + 1}; remove this duplicate line"));
            return;
        }

        seen.Add(entry.Key, lineNumber);
        entries.Add(entry);
    }

    /// <summary>The file's content for a set of entries: header, then sorted, de-duplicated lines.</summary>
    public static string Format(IEnumerable<string> keys)
    {
        var sorted = new SortedSet<string>(keys, StringComparer.Ordinal);
        var builder = new StringBuilder(Header);
        foreach (var key in sorted)
        {
            builder.Append(key).Append('\n');
        }

        return builder.ToString();
    }
}
