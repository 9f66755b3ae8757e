using System;

namespace MlAtScale;

/// <summary>
/// Allows the marked type or member to use code owned by <see cref="Role"/>. A
/// <see cref="Justification"/> is required: an allowance without one is reported (MLR0004).
/// </summary>
[AttributeUsage(
    AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface | AttributeTargets.Enum |
    AttributeTargets.Delegate | AttributeTargets.Method | AttributeTargets.Constructor |
    AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Event,
    AllowMultiple = true, Inherited = false)]
public sealed class AllowRoleCrossingAttribute : Attribute
{
    /// <summary>Allows the marked code to use code owned by <paramref name="role"/>.</summary>
    /// <param name="role">The role whose code may be used.</param>
    public AllowRoleCrossingAttribute(string role) => Role = role;

    /// <summary>The role whose code the marked type or member may use.</summary>
    public string Role { get; }

    /// <summary>Why this crossing is acceptable. Required; a placeholder starting with "TODO" is reported until replaced.</summary>
    public string? Justification { get; set; }

    /// <summary>
    /// Optional expiry date of the allowance, as <c>yyyy-MM-dd</c>. After it, builds report the
    /// allowance as expired (MLR0007) so that temporary exceptions are revisited.
    /// </summary>
    public string? Expires { get; set; }
}
