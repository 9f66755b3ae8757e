namespace MlAtScale.Core.Precedence;

/// <summary>Where a symbol's role comes from, in the words of a message: the attribute, the policy line, the assembly attribute or the catalog entry.</summary>
internal static class OwnershipOrigin
{
    /// <summary>
    /// e.g. <c>[DataEngineering]</c> (on the symbol or a type that encloses it), <c>MlRoles.txt:12</c>, <c>CODEOWNERS:3 (@contoso/ml-platform)</c>, <c>an assembly attribute</c>,
    /// <c>catalog entry 'T:Microsoft.EntityFrameworkCore.DbContext+'</c>; <paramref name="brief"/> leaves out the catalog entry's ID and the CODEOWNERS team.
    /// </summary>
    public static string Describe(Claim claim, bool brief = false)
    {
        switch (claim.Source)
        {
            case OwnershipSource.Attribute:
                return claim.Value is MlAtScale.RoleNames.DataEngineering or MlAtScale.RoleNames.DataScience or MlAtScale.RoleNames.Production or MlAtScale.RoleNames.BusinessAnalysis
                    ? "[" + claim.Value + "]"
                    : "[MlRole(\"" + claim.Value + "\")]";
            case OwnershipSource.CodeOwners:
                // The CODEOWNERS line and the team it names: 'CODEOWNERS:3 (@contoso/ml-platform)'.
                return claim.Entry is { } owned
                    ? System.IO.Path.GetFileName(owned.Path) + ":" + (owned.Span.Line + 1) + (brief ? string.Empty : " (" + owned.Id + ")")
                    : "CODEOWNERS";
            case OwnershipSource.PolicySymbol:
            case OwnershipSource.PolicyPath:
            case OwnershipSource.PolicyNamespace:
                return claim.Entry is { } entry ? System.IO.Path.GetFileName(entry.Path) + ":" + (entry.Span.Line + 1) : "the policy file";
            case OwnershipSource.AssemblyAttribute:
                return "an assembly attribute";
            case OwnershipSource.CatalogSymbol:
            case OwnershipSource.CatalogNamespace:
                return claim.Entry is { } catalogEntry && !brief ? "catalog entry '" + catalogEntry.Id + (catalogEntry.IncludesDerived ? "+" : string.Empty) + "'" : "the built-in catalog";
            default:
                return "no source";
        }
    }
}
