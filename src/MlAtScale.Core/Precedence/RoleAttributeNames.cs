using System;
using System.Collections.Generic;

namespace MlAtScale.Core.Precedence;

/// <summary>
/// How the MlAtScale attributes are recognised and what role each gives, shared by the analyzer
/// (Roslyn symbols) and the report task (metadata) so that the two read attributes the same way.
/// Roslyn-free.
/// </summary>
internal static class RoleAttributeNames
{
    public const string RoleAttribute = "MlAtScale.MlRoleAttribute";
    public const string ContractAttribute = "MlAtScale.RoleContractAttribute";
    public const string AllowAttribute = "MlAtScale.AllowRoleCrossingAttribute";

    /// <summary>The built-in role attributes by full name, and the role each gives.</summary>
    public static readonly IReadOnlyDictionary<string, string> BuiltIn = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MlAtScale.DataEngineeringAttribute"] = RoleNames.DataEngineering,
        ["MlAtScale.DataScienceAttribute"] = RoleNames.DataScience,
        ["MlAtScale.ProductionAttribute"] = RoleNames.Production,
        ["MlAtScale.BusinessAnalysisAttribute"] = RoleNames.BusinessAnalysis,
    };

    /// <summary>The namespace of the product's own public types.</summary>
    public const string ProductNamespace = "MlAtScale";

    /// <summary>
    /// The product's own public types (namespace <see cref="ProductNamespace"/>), by simple name. They mark
    /// ownership and belong to no role: no mapping, not even a broad '+' entry such as
    /// <c>T:System.Object+</c>, may give them one, or every role attribute would be a crossing.
    /// </summary>
    public static readonly ISet<string> ProductTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "MlRoleAttribute", "RoleContractAttribute", "AllowRoleCrossingAttribute", "DataEngineeringAttribute",
        "DataScienceAttribute", "ProductionAttribute", "BusinessAnalysisAttribute", "RoleNames",
    };

    /// <summary>
    /// The role of a role attribute: a built-in one's own role, else the first string constructor
    /// argument (<c>[MlRole("Labeling")]</c>, or a team's subclass passing it on), else the class name
    /// without "Attribute" (a team's parameterless <c>LabelingAttribute : MlRoleAttribute</c>).
    /// </summary>
    public static string RoleOf(string fullName, string simpleName, string? firstStringArgument)
    {
        if (BuiltIn.TryGetValue(fullName, out var builtIn))
        {
            return builtIn;
        }

        if (firstStringArgument is not null)
        {
            return firstStringArgument;
        }

        const string Suffix = "Attribute";
        return simpleName.EndsWith(Suffix, StringComparison.Ordinal) && simpleName.Length > Suffix.Length
            ? simpleName.Substring(0, simpleName.Length - Suffix.Length)
            : simpleName;
    }
}
