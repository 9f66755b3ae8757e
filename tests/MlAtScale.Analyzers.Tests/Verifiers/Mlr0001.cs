namespace MlAtScale.Analyzers.Tests;

/// <summary>The six arguments of an expected MLR0001 message, written out in each test (never computed by the code under test).</summary>
internal static class Mlr0001
{
    /// <summary>
    /// <paramref name="via"/> defaults to the used role's attribute (<c>[Production]</c>), <paramref name="fix"/> to the fix for the
    /// project's own code: "mark it [RoleContract] or allow 'A -> B' in MlRoles.txt".
    /// </summary>
    public static object[] Arguments(string user, string userRole, string used, string usedRole, string? via = null, string? fix = null) =>
        new object[] { user, userRole, used, usedRole, via ?? "[" + usedRole + "]", fix ?? $"mark it [RoleContract] or allow '{userRole} -> {usedRole}' in MlRoles.txt" };
}
