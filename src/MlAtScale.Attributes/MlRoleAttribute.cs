using System;

namespace MlAtScale;

/// <summary>
/// Marks the role that owns an assembly, a type or a member. Every role attribute derives from this
/// class; use <see cref="MlRoleAttribute(string)"/> directly for a team-defined role that is declared
/// in the policy file (<c>role Labeling</c>).
/// </summary>
/// <remarks>
/// Deliberately not <c>[Conditional]</c>: the attribute must survive into metadata so that other
/// projects and the build report see the ownership.
/// </remarks>
[AttributeUsage(Targets, AllowMultiple = false, Inherited = false)]
public class MlRoleAttribute : Attribute
{
    internal const AttributeTargets Targets =
        AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Struct |
        AttributeTargets.Interface | AttributeTargets.Enum | AttributeTargets.Delegate |
        AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property |
        AttributeTargets.Field | AttributeTargets.Event;

    /// <summary>Creates an ownership marker for the role named <paramref name="role"/>.</summary>
    /// <param name="role">The role name: a built-in role or one declared in the policy file.</param>
    public MlRoleAttribute(string role) => Role = role;

    /// <summary>The name of the role that owns the marked code.</summary>
    public string Role { get; }
}

/// <summary>Owned by Data Engineering: ETL, cleaning, enrichment, publishing clean data sets.</summary>
[AttributeUsage(MlRoleAttribute.Targets, AllowMultiple = false, Inherited = false)]
public sealed class DataEngineeringAttribute : MlRoleAttribute
{
    /// <summary>Marks the code as owned by Data Engineering.</summary>
    public DataEngineeringAttribute() : base(RoleNames.DataEngineering) { }
}

/// <summary>Owned by Data Science: features on clean data, training, evaluation, experiments.</summary>
[AttributeUsage(MlRoleAttribute.Targets, AllowMultiple = false, Inherited = false)]
public sealed class DataScienceAttribute : MlRoleAttribute
{
    /// <summary>Marks the code as owned by Data Science.</summary>
    public DataScienceAttribute() : base(RoleNames.DataScience) { }
}

/// <summary>Owned by Production: serving, deployment and roll-out, monitoring, CI/CD hooks.</summary>
[AttributeUsage(MlRoleAttribute.Targets, AllowMultiple = false, Inherited = false)]
public sealed class ProductionAttribute : MlRoleAttribute
{
    /// <summary>Marks the code as owned by Production.</summary>
    public ProductionAttribute() : base(RoleNames.Production) { }
}

/// <summary>Owned by Business Analysis: KPIs, value and deliverable reporting, business rules.</summary>
[AttributeUsage(MlRoleAttribute.Targets, AllowMultiple = false, Inherited = false)]
public sealed class BusinessAnalysisAttribute : MlRoleAttribute
{
    /// <summary>Marks the code as owned by Business Analysis.</summary>
    public BusinessAnalysisAttribute() : base(RoleNames.BusinessAnalysis) { }
}
