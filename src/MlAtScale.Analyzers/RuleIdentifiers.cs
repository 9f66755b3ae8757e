namespace MlAtScale.Analyzers;

/// <summary>Every diagnostic ID the product reports. IDs are never reused; retired ones stay here as comments.</summary>
public static class RuleIdentifiers
{
    public const string Category = "MlRoles";

    public const string RoleBoundaryCrossed = "MLR0001";
    public const string ConflictingOwnership = "MLR0002";
    public const string InvalidPolicyFile = "MLR0003";
    public const string InvalidAllowance = "MLR0004";
    public const string UnknownRole = "MLR0005";
    public const string RoleEdgeRecorded = "MLR0006";
    public const string ExpiredAllowance = "MLR0007";
    public const string StaleBaselineEntry = "MLR0008";
    public const string UnownedType = "MLR0009";
    public const string HiddenCrossing = "MLR0010";

    // MLR0010 is the hidden-crossing rule.
    public const string UnmatchedMapping = "MLR0011";
    public const string UnusedAllowance = "MLR0012";

    /// <summary>The help page of a rule.</summary>
    public static string HelpLink(string id) => $"https://github.com/mlatscale/MlAtScale.Analyzers/blob/main/docs/rules/{id}.md";
}
