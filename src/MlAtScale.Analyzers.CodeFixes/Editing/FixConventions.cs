using MlAtScale.Analyzers.Rules;

namespace MlAtScale.Analyzers.CodeFixes.Editing;

/// <summary>The texts and names the fixes write, and the diagnostic properties they read.</summary>
internal static class FixConventions
{
    /// <summary>
    /// The justification a fix writes. It starts with "TODO" so that MLR0004 keeps reporting the
    /// allowance until a person replaces it: a one-click fix must never produce a silent exception.
    /// </summary>
    public const string JustificationPlaceholder = "TODO: explain why this crossing is acceptable";

    public const string AttributeNamespace = "MlAtScale";

    // MLR0004 and MLR0009 properties, as the analyzer reports them.
    public const string ReasonProperty = RoleDeclarationAnalyzer.ReasonProperty;
    public const string SuggestionProperty = RoleDeclarationAnalyzer.SuggestionProperty;
    public const string KnownRolesProperty = RoleDeclarationAnalyzer.KnownRolesProperty;
    public const string MissingJustification = RoleDeclarationAnalyzer.MissingJustification;
    public const string UnknownRole = RoleDeclarationAnalyzer.UnknownRoleReason;

    // The role baseline, as the analyzer reads it and the MlAtScaleUpdateBaseline build writes it
    // (the analyzer's own constants are internal; a test keeps these equal to them).
    public const string BaselineFileName = "MlRoles.baseline.txt";
    public const string PolicyFileName = "MlRoles.txt";

    public const string BaselineHeader =
        "# MlAtScale role baseline: existing role-boundary violations that are not reported as errors.\n" +
        "# One line per (user, used symbol): <user ID> -> <used ID> : <UserRole> -> <UsedRole>.\n" +
        "# Written by `dotnet build -p:MlAtScaleUpdateBaseline=true`; it should only ever shrink (see docs/baseline.md).\n";

    public static string BaselineKey(string user, string used, string userRole, string usedRole) =>
        user + " -> " + used + " : " + userRole + " -> " + usedRole;
}
