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

    // The role baseline and policy file exactly as the analyzer reads them and the MlAtScaleUpdateBaseline build writes them.
    public const string BaselineFileName = MlAtScale.Core.Policy.BaselineFile.FileName;
    public const string PolicyFileName = Model.RoleModel.PolicyFileName;
    public const string BaselineHeader = MlAtScale.Core.Policy.BaselineFile.Header;

    public static string BaselineKey(string user, string used, string userRole, string usedRole) =>
        MlAtScale.Core.Policy.BaselineFile.Key(user, used, userRole, usedRole);
}
