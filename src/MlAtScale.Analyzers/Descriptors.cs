using Microsoft.CodeAnalysis;

namespace MlAtScale.Analyzers;

internal static class Descriptors
{
    // {0} user symbol, {1} user role, {2} used symbol, {3} used role, {4} where the used role comes from, {5} the fix that fits
    // the used symbol (ViolationMessage keeps the whole line within 200 characters).
    public static readonly DiagnosticDescriptor RoleBoundaryCrossed = Create(
        RuleIdentifiers.RoleBoundaryCrossed,
        "Role boundary crossed",
        "'{0}' ({1}) uses '{2}' of {3} via {4}; {5}",
        "Code of one role uses code owned by another role, and neither the policy file, a contract nor a justified allowance permits it.");

    // {0} symbol, {1} the roles it is given.
    public static readonly DiagnosticDescriptor ConflictingOwnership = Create(
        RuleIdentifiers.ConflictingOwnership,
        "Conflicting role ownership",
        "'{0}' is given more than one role ({1}); keep one role attribute on all its declarations",
        "One symbol carries role attributes for different roles, for example on two partial declarations. Its ownership falls back to the next source (enclosing type, policy file, assembly) until the conflict is resolved.");

    // {0} what is wrong and how to fix it.
    public static readonly DiagnosticDescriptor InvalidPolicyFile = Create(
        RuleIdentifiers.InvalidPolicyFile,
        "Invalid policy file",
        "{0}",
        "A line of the role policy file is malformed. The line is ignored; the rest of the file still applies.");

    // {0} role argument, {1} symbol, {2} what is wrong and how to fix it.
    public static readonly DiagnosticDescriptor InvalidAllowance = Create(
        RuleIdentifiers.InvalidAllowance,
        "Invalid role-crossing allowance",
        "[AllowRoleCrossing(\"{0}\")] on '{1}' {2}",
        "An [AllowRoleCrossing] needs a real justification and a known role. An allowance without a justification still applies, but is reported until one is written.");

    // {0} role, {1} symbol, {2} how to fix.
    public static readonly DiagnosticDescriptor UnknownRole = Create(
        RuleIdentifiers.UnknownRole,
        "Unknown role",
        "Role '{0}' on '{1}' is not a known role; {2}",
        "A role attribute names a role that is neither built in nor declared in the policy file. The attribute is ignored until the role is declared.");

    // {0} the using role (or member and role), {1} the used role or "contract" (and assembly), {2} how many uses, {3} why they are allowed.
    // Reported at the end of the compilation: one record per role edge, kind, used assembly and allowance
    // (with its count), and one per baselined violation (with its location).
    public static readonly DiagnosticDescriptor RoleEdgeRecorded = new(
        RuleIdentifiers.RoleEdgeRecorded,
        "Permitted role crossings (report data)",
        "{0} uses {1}: {2} use(s), {3}",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Hidden,
        isEnabledByDefault: true,
        "Counts the permitted uses of another role's code (through the policy, a contract or a justified allowance) per role edge and allowance, and lists the violations that the role baseline covers, for the role-ownership report. Hidden in the IDE; the build raises it to a message so that it reaches the compiler's SARIF log.",
        RuleIdentifiers.HelpLink(RuleIdentifiers.RoleEdgeRecorded),
        WellKnownDiagnosticTags.CompilationEnd);

    // {0} role, {1} symbol, {2} expiry date, {3} the build's date.
    public static readonly DiagnosticDescriptor ExpiredAllowance = Create(
        RuleIdentifiers.ExpiredAllowance,
        "Expired role-crossing allowance",
        "[AllowRoleCrossing(\"{0}\")] on '{1}' expired on {2} (build date {3}); remove the crossing, or renew the allowance with a new justification and date",
        "An [AllowRoleCrossing] with an Expires date that has passed. The date of the build comes from MSBuild (MlAtScaleCurrentDate), never from the analyzer's clock, so the analyzer's output depends only on its inputs.");

    // {0} the entry, {1} how to fix.
    public static readonly DiagnosticDescriptor StaleBaselineEntry = new(
        RuleIdentifiers.StaleBaselineEntry,
        "Stale baseline entry",
        "Baseline entry '{0}' no longer matches any violation; {1}",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "A line of the role baseline matches no current violation: the crossing was fixed, or the code moved to another member. The baseline only shrinks: remove the line, or refresh the file with -p:MlAtScaleUpdateBaseline=true.",
        RuleIdentifiers.HelpLink(RuleIdentifiers.StaleBaselineEntry),
        WellKnownDiagnosticTags.CompilationEnd);

    // {0} type.
    public static readonly DiagnosticDescriptor UnownedType = new(
        RuleIdentifiers.UnownedType,
        "Type has no role owner",
        "'{0}' has no role owner; mark it with a role attribute, map its namespace in the policy file, or mark it [RoleContract]",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Hidden,
        isEnabledByDefault: true,
        "A type that no attribute, policy entry, assembly attribute or catalog entry gives a role. Hidden by default (a lightbulb to add a role); a warning in projects that set MlAtScaleRequireOwnership=true.",
        RuleIdentifiers.HelpLink(RuleIdentifiers.UnownedType));

    // {0} the mapping as written (quoted), {1} why it matches nothing.
    public static readonly DiagnosticDescriptor UnmatchedMapping = Create(
        RuleIdentifiers.UnmatchedMapping,
        "Policy mapping matches nothing",
        "The mapping '{0}' matches nothing: {1}; correct it, or remove the line",
        "A mapping of the project's policy file names a namespace, type or member that exists neither in the project nor in its references, so it gives no code a role. Usually a typo, or code that was renamed or removed.");

    // {0} role, {1} symbol, {2} hint (empty, or where the allowance belongs).
    public static readonly DiagnosticDescriptor UnusedAllowance = new(
        RuleIdentifiers.UnusedAllowance,
        "Role-crossing allowance permits no use",
        "[AllowRoleCrossing(\"{0}\")] on '{1}' permits no use: no code it covers uses {0} code without other permission{2}",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "An [AllowRoleCrossing] covers the code of the symbol that carries it (and its members). When none of that code uses the named role's code, or the policy or a contract already permits every such use, the allowance permits nothing: remove it. The most common cause is an allowance on the used code (the callee) instead of on the code that uses it.",
        RuleIdentifiers.HelpLink(RuleIdentifiers.UnusedAllowance),
        WellKnownDiagnosticTags.CompilationEnd);

    // {0} caller, {1} caller role, {2} used symbol, {3} used role, {4} the chain, {5} the first unowned member,
    // {6} the CODEOWNERS team that owns the used code, in parentheses after a space, or empty.
    public static readonly DiagnosticDescriptor HiddenCrossing = new(
        RuleIdentifiers.HiddenCrossing,
        "Role boundary crossed behind unowned code",
        "'{0}' ({1}) reaches '{2}', which is owned by {3}{6}, through unowned code: {4}; give '{5}' a role or mark it [RoleContract], allow '{1} -> {3}' in the policy file, or add [AllowRoleCrossing(\"{3}\", Justification = \"...\")] to '{0}'",
        RuleIdentifiers.Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "Owned code calls unowned code of the same project which, directly or through further unowned code, uses code of a role that the caller's role may not use. The crossing is reported at the call into the unowned code, with the chain that leads to the other role's code. It is known only once the whole project is analysed: in the IDE it appears with full-solution analysis, and in every build.",
        RuleIdentifiers.HelpLink(RuleIdentifiers.HiddenCrossing),
        WellKnownDiagnosticTags.CompilationEnd);

    private static DiagnosticDescriptor Create(string id, string title, string message, string description) =>
        new(id, title, message, RuleIdentifiers.Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description, RuleIdentifiers.HelpLink(id));
}
