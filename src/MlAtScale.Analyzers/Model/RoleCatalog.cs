using System.Collections.Immutable;
using MlAtScale.Analyzers.Policy;

namespace MlAtScale.Analyzers.Model;

/// <summary>The built-in catalog of well-known ML and data APIs, in the policy file's own syntax.</summary>
internal static class RoleCatalog
{
    public static ImmutableArray<PolicyDocument> Documents { get; } = ImmutableArray<PolicyDocument>.Empty;
}
