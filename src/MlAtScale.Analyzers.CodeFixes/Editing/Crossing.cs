using MlAtScale.Core.Edges;
using Microsoft.CodeAnalysis;
using MlAtScale.Analyzers.Model;

namespace MlAtScale.Analyzers.CodeFixes.Editing;

/// <summary>The facts of one MLR0001, read from the diagnostic's properties (documentation-comment IDs and roles).</summary>
internal sealed class Crossing
{
    private Crossing(string user, string userRole, string used, string usedRole)
    {
        User = user;
        UserRole = userRole;
        Used = used;
        UsedRole = usedRole;
    }

    public string User { get; }

    public string UserRole { get; }

    /// <summary>The used symbol; a constructor is reported as its type.</summary>
    public string Used { get; }

    public string UsedRole { get; }

    public string BaselineKey => FixConventions.BaselineKey(User, Used, UserRole, UsedRole);

    /// <summary>
    /// The documentation-comment ID of the used type: the symbol itself when it is a type, else the
    /// type that declares it (<c>M:Ns.C`1.Run``1(``0)</c> → <c>T:Ns.C`1</c>).
    /// </summary>
    public string? UsedTypeId => DocumentationIds.TypeOf(Used);

    public static bool TryRead(Diagnostic diagnostic, out Crossing crossing)
    {
        var properties = diagnostic.Properties;
        if (properties.TryGetValue(EdgeKinds.UserProperty, out var user) && !string.IsNullOrEmpty(user) &&
            properties.TryGetValue(EdgeKinds.UserRoleProperty, out var userRole) && !string.IsNullOrEmpty(userRole) &&
            properties.TryGetValue(EdgeKinds.UsedProperty, out var used) && !string.IsNullOrEmpty(used) &&
            properties.TryGetValue(EdgeKinds.UsedRoleProperty, out var usedRole) && !string.IsNullOrEmpty(usedRole))
        {
            crossing = new Crossing(user!, userRole!, used!, usedRole!);
            return true;
        }

        crossing = null!;
        return false;
    }
}
