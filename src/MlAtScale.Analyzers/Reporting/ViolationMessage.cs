using System;

namespace MlAtScale.Analyzers.Reporting;

/// <summary>
/// The arguments of MLR0001's one-line message (at most <see cref="MaxLength"/> characters): who uses what,
/// both roles, where the used code's role comes from, and the fix that fits the used code. The help page
/// carries the detail.
/// </summary>
internal static class ViolationMessage
{
    public const int MaxLength = 200;

    // The descriptor's format without its arguments: "'' () uses '' of  via ; ".
    private const int FixedLength = 24;

    /// <summary>
    /// The six message arguments. For the project's own code (<paramref name="inSource"/>) the fix is [RoleContract]
    /// or the edge; for code of a referenced assembly, which the user cannot edit, the policy line
    /// <paramref name="contractLine"/> (when the code has a type to name) or the edge.
    /// </summary>
    public static object[] Arguments(string user, string userRole, string used, string usedRole, string origin, string briefOrigin, bool inSource, string? contractLine)
    {
        var edge = $"'{userRole} -> {usedRole}'";
        string[] fixes = inSource
            ? new[] { $"mark it [RoleContract] or allow {edge} in MlRoles.txt", $"allow {edge} in MlRoles.txt" }
            : contractLine is null
                ? new[] { $"allow {edge} in MlRoles.txt" }
                : new[] { $"add '{contractLine}' or {edge} to MlRoles.txt", $"add '{contractLine}' to MlRoles.txt, or allow the edge", $"allow {edge} or make it a contract in MlRoles.txt", $"allow {edge} in MlRoles.txt" };
        // The fix matters most: the catalog entry's ID goes before the contract line does.
        foreach (var fix in fixes)
        {
            foreach (var o in new[] { origin, briefOrigin })
            {
                var rest = FixedLength + userRole.Length + usedRole.Length + o.Length + fix.Length;
                if (rest + user.Length + used.Length <= MaxLength)
                {
                    return new object[] { user, userRole, used, usedRole, o, fix };
                }
            }
        }

        // Long names: shorten them (the used name keeps its end, the member's own name).
        var last = fixes[fixes.Length - 1];
        var room = MaxLength - (FixedLength + userRole.Length + usedRole.Length + briefOrigin.Length + last.Length);
        var usedRoom = Math.Max(8, Math.Min(used.Length, room / 2));
        var userRoom = Math.Max(8, room - usedRoom);
        return new object[] { Shorten(user, userRoom), userRole, ShortenStart(used, usedRoom), usedRole, briefOrigin, last };
    }

    private static string Shorten(string text, int room) =>
        text.Length <= room ? text : text.Substring(0, room - 1) + "…";

    private static string ShortenStart(string text, int room) =>
        text.Length <= room ? text : "…" + text.Substring(text.Length - room + 1);
}
