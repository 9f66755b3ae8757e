namespace MlAtScale.Analyzers.Model;

/// <summary>
/// The kinds of role-to-role use, and the names of the diagnostic properties that carry a use's facts
/// into the compiler's SARIF log (read by the build report: one rule engine).
/// </summary>
public static class EdgeKinds
{
    public const string Violation = "violation";
    public const string Policy = "policy";
    public const string Contract = "contract";
    public const string Exception = "exception";
    public const string Baseline = "baseline";

    public const string UserProperty = "user";
    public const string UserRoleProperty = "userRole";
    public const string UsedProperty = "used";
    public const string UsedRoleProperty = "usedRole";
    public const string KindProperty = "kind";
    public const string JustificationProperty = "justification";
    public const string ExpiresProperty = "expires";

    /// <summary>MLR0006: the simple name of the assembly that declares the used code (the repository report's cross-project edges).</summary>
    public const string UsedAssemblyProperty = "usedAssembly";

    /// <summary>MLR0006: how many uses the record stands for (a decimal integer).</summary>
    public const string CountProperty = "count";

    /// <summary>MLR0007: the documentation-comment ID of the member or type that carries the expired allowance.</summary>
    public const string OwnerProperty = "owner";
}
