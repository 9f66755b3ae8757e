namespace MlAtScale.Core.Edges;

/// <summary>
/// The contract between the analyzer and the report: the kinds of role-to-role use (as the report's
/// schema spells them), and the names of the diagnostic properties that carry a use's facts through the
/// compiler's SARIF log. The analyzer's Reporting folder is the only writer, the task's Sarif reader
/// the only reader; neither spells a name itself.
/// </summary>
internal static class EdgeKinds
{
    /// <summary>A role boundary crossed without permission (MLR0001).</summary>
    public const string Violation = "violation";

    /// <summary>A use the policy file's <c>A -> B</c> edge allows.</summary>
    public const string Policy = "policy";

    /// <summary>A use of a contract, which every role may use.</summary>
    public const string Contract = "contract";

    /// <summary>A use an <c>[AllowRoleCrossing]</c> allows; the report's schema calls it an exception.</summary>
    public const string Allowance = "exception";

    /// <summary>A violation the role baseline records as known.</summary>
    public const string Baseline = "baseline";

    /// <summary>
    /// A violation that an option turned off where it occurs (an .editorconfig or .globalconfig severity
    /// of none, NoWarn): the compiler drops the MLR0001, so an MLR0006 record keeps it for the report.
    /// </summary>
    public const string Suppressed = "suppressed";

    /// <summary>
    /// A mapping of a shared policy file (one outside the project's folder) that matches nothing in this
    /// project or its references: an MLR0006 record at the mapping's line, not a diagnostic of the project.
    /// The repository report reports MLR0011 when every project that uses the file recorded it.
    /// </summary>
    public const string UnmatchedSharedMapping = "unmatchedSharedMapping";

    /// <summary>MLR0006 of kind <see cref="UnmatchedSharedMapping"/>: the mapping as written (its ID, with '+' when it has one).</summary>
    public const string MappingProperty = "mapping";

    /// <summary>How a violation was suppressed: editorconfig, globalconfig, nowarn (MLR0006 records), pragma or suppressMessage (read from the compiler's log).</summary>
    public const string SuppressedByProperty = "suppressedBy";

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

    /// <summary>MLR0001: where the used code's role comes from, e.g. <c>MlRoles.txt:12</c> or <c>catalog entry 'N:Microsoft.ML'</c>.</summary>
    public const string OwnedViaProperty = "ownedVia";

    /// <summary>
    /// MLR0001: the one line or attribute that would settle the violation: for code from a referenced
    /// assembly the policy line <c>T:… = contract</c>; for the project's own code <c>[RoleContract]</c>.
    /// </summary>
    public const string SettleProperty = "settle";

    /// <summary>MLR0001: the policy edge line that would allow the use, <c>A -> B</c>.</summary>
    public const string EdgeLineProperty = "edgeLine";

    /// <summary>MLR0007: the documentation-comment ID of the member or type that carries the expired allowance.</summary>
    public const string OwnerProperty = "owner";

    /// <summary>MLR0008: the stale baseline entry's key, as the baseline file writes it.</summary>
    public const string BaselineKeyProperty = "baselineKey";
}
