using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using MlAtScale.Analyzers.Model;

namespace MlAtScale.Build.Tasks.Report;

/// <summary>
/// Marks the exceptions whose allowance the analyzer reported as expired (MLR0007). The report never
/// reads the clock: an allowance is expired exactly when the build's own log says so.
/// </summary>
/// <remarks>
/// MLR0007 carries no properties; its message names the allowance's role, its owner (the member or
/// type the attribute is on, as the analyzer displays it: containing types, no namespace) and its
/// expiry date. An exception record matches when its used role and expiry are the same and its using
/// member, or one of that member's containing types, has that display name.
/// </remarks>
internal static class ExpiredAllowances
{
    public const string RuleId = "MLR0007";

    // Descriptors.ExpiredAllowance: [AllowRoleCrossing("{0}")] on '{1}' expired on {2} (build date {3}); ...
    private static readonly Regex Message = new(
        "^\\[AllowRoleCrossing\\(\"(?<role>[^\"]*)\"\\)\\] on '(?<owner>.*)' expired on (?<expires>\\S+) \\(build date ",
        RegexOptions.CultureInvariant);

    /// <summary>(role, owner display name, expiry) of an MLR0007 message, or null when the message has another shape.</summary>
    public static (string Role, string Owner, string Expires)? Parse(string message)
    {
        var match = Message.Match(message);
        return match.Success ? (match.Groups["role"].Value, Normalize(match.Groups["owner"].Value), match.Groups["expires"].Value) : null;
    }

    /// <summary>Sets <see cref="RoleUse.Expired"/> on every exception that an MLR0007 message of <paramref name="messages"/> names.</summary>
    /// <param name="typeNamespaces">Type IDs of the assembly and their namespaces, to tell containing types from namespaces.</param>
    public static void Mark(IEnumerable<RoleUse> uses, IEnumerable<string> messages, IReadOnlyDictionary<string, string> typeNamespaces)
    {
        var expired = messages.Select(Parse).Where(p => p != null).Select(p => p!.Value).ToList();
        if (expired.Count == 0)
        {
            return;
        }

        foreach (var use in uses.Where(u => u.Kind == EdgeKinds.Exception && u.Expires != null))
        {
            var names = OwnerNames(use.User, typeNamespaces);
            use.Expired = expired.Any(e => e.Role == use.To && e.Expires == use.Expires!.Trim() && names.Contains(e.Owner));
        }
    }

    /// <summary>Display names (normalized) of a member and of its containing types, as the analyzer shows them in messages.</summary>
    internal static HashSet<string> OwnerNames(string id, IReadOnlyDictionary<string, string> typeNamespaces)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (id.Length < 3 || id[1] != ':')
        {
            names.Add(Normalize(id));
            return names;
        }

        var kind = id[0];
        var body = id.Substring(2);
        var hasParameters = body.IndexOf('(') >= 0;
        body = Cut(Cut(body, '('), '~');
        string? type = body;
        string? member = null;
        if (kind != 'T')
        {
            var dot = body.LastIndexOf('.');
            type = dot > 0 ? body.Substring(0, dot) : null;
            member = dot > 0 ? body.Substring(dot + 1) : body;
        }

        var first = true;
        for (var t = type; t != null; t = Parent(t))
        {
            if (!typeNamespaces.TryGetValue("T:" + t, out var ns))
            {
                if (first && member is null)
                {
                    names.Add(Normalize(t.Substring(t.LastIndexOf('.') + 1)));
                }

                break;
            }

            var display = Normalize(ns.Length > 0 && t.StartsWith(ns + ".", StringComparison.Ordinal) ? t.Substring(ns.Length + 1) : t);
            if (first && member != null)
            {
                names.Add(display + "." + MemberName(kind, member, display, hasParameters));
            }

            names.Add(display);
            first = false;
        }

        return names;
    }

    private static string MemberName(char kind, string member, string typeDisplay, bool hasParameters)
    {
        if (member is "#ctor" or "#cctor")
        {
            return typeDisplay.Substring(typeDisplay.LastIndexOf('.') + 1);
        }

        return kind == 'P' && member == "Item" && hasParameters ? "this[]" : Normalize(member);
    }

    private static string? Parent(string type)
    {
        var dot = type.LastIndexOf('.');
        return dot > 0 ? type.Substring(0, dot) : null;
    }

    private static string Cut(string s, char c)
    {
        var i = s.IndexOf(c);
        return i >= 0 ? s.Substring(0, i) : s;
    }

    /// <summary>Drops what doc IDs and display names spell differently: generic arity (<c>`1</c>), type parameter lists (<c>&lt;T&gt;</c>) and keyword escapes (<c>@</c>).</summary>
    internal static string Normalize(string name)
    {
        var result = new StringBuilder(name.Length);
        var depth = 0;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '<')
            {
                depth++;
                continue;
            }

            if (c == '>' && depth > 0)
            {
                depth--;
                continue;
            }

            if (depth > 0 || c == '@')
            {
                continue;
            }

            if (c == '`')
            {
                while (i + 1 < name.Length && (name[i + 1] == '`' || char.IsDigit(name[i + 1])))
                {
                    i++;
                }

                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
