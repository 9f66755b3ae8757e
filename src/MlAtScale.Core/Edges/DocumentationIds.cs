namespace MlAtScale.Core.Edges;

/// <summary>What the report and the code fixes read from a documentation-comment ID.</summary>
internal static class DocumentationIds
{
    /// <summary>
    /// The ID of the type a symbol belongs to: the ID itself for a type, else the type that declares the member
    /// (<c>M:Ns.C`1.Run``1(``0)</c> → <c>T:Ns.C`1</c>); null when the ID names no type.
    /// </summary>
    public static string? TypeOf(string id)
    {
        if (id.StartsWith("T:", System.StringComparison.Ordinal))
        {
            return id;
        }

        if (id.Length < 2 || id[1] != ':' || id[0] == 'N')
        {
            return null;
        }

        var end = id.IndexOf('(');
        var name = end < 0 ? id.Substring(2) : id.Substring(2, end - 2);
        var tilde = name.IndexOf('~');
        if (tilde >= 0)
        {
            name = name.Substring(0, tilde);
        }

        var dot = name.LastIndexOf('.');
        return dot <= 0 ? null : "T:" + name.Substring(0, dot);
    }
}
