using System.Collections.Generic;

namespace MlAtScale.Core.Policy;

/// <summary>A position in a policy file: zero-based line and column, and the absolute character span.</summary>
internal readonly struct PolicySpan
{
    public PolicySpan(int line, int column, int start, int length)
    {
        Line = line;
        Column = column;
        Start = start;
        Length = length;
    }

    public int Line { get; }

    public int Column { get; }

    public int Start { get; }

    public int Length { get; }
}

/// <summary>What a policy mapping assigns: a role, or the contract marker.</summary>
internal sealed class PolicyMapping
{
    public PolicyMapping(string id, char kind, string name, string target, bool isContract, bool includesDerived, PolicySpan span)
    {
        AllOverloads = id.EndsWith(PolicyParser.AllOverloadsSuffix, System.StringComparison.Ordinal);
        Id = id;
        Kind = kind;
        Name = name;
        Target = target;
        IsContract = isContract;
        IncludesDerived = includesDerived;
        Span = span;
    }

    /// <summary>The documentation-comment ID as written, e.g. <c>T:Contoso.Ingestion.RawLoader</c>.</summary>
    public string Id { get; }

    /// <summary>The ID's prefix letter: N, T, M, P, F or E.</summary>
    public char Kind { get; }

    /// <summary>For a namespace, its full name; otherwise the symbol's simple metadata name (the name-keyed lookup).</summary>
    public string Name { get; }

    /// <summary>The role name, or <c>contract</c>.</summary>
    public string Target { get; }

    public bool IsContract { get; }

    /// <summary>
    /// Written with a trailing <c>+</c>: for a type, the types derived from it (or implementing it) count
    /// too; for a member, its overrides and interface implementations.
    /// </summary>
    public bool IncludesDerived { get; }

    /// <summary>A method ID written with <c>(*)</c> instead of a parameter list: every overload counts.</summary>
    public bool AllOverloads { get; }

    public PolicySpan Span { get; }

    /// <summary>The <see cref="Kind"/> of a <c>path &lt;glob&gt; = ...</c> line; its <see cref="Id"/> is the glob.</summary>
    public const char PathKind = '/';

    /// <summary>The <see cref="Kind"/> of an <c>@owner = Role</c> line, or of the CODEOWNERS line that gives a file to a mapped owner; its <see cref="Id"/> is the owner.</summary>
    public const char OwnerKind = '@';

    /// <summary>For a path line, the compiled glob.</summary>
    public PathGlob? Glob { get; internal set; }

    /// <summary>For a claim from CODEOWNERS: the <c>@owner = Role</c> line that maps the owner.</summary>
    public PolicyMapping? OwnerLine { get; internal set; }

    /// <summary>The file the mapping is written in (the catalog's virtual path for a catalog entry); set by its <see cref="PolicyDocument"/>.</summary>
    public string Path { get; internal set; } = string.Empty;

    /// <summary>The entry as written, e.g. <c>T:Microsoft.EntityFrameworkCore.DbContext+ = DataEngineering</c>.</summary>
    public string Text => (Kind == PathKind ? PolicyParser.PathKeyword + " " : string.Empty) + Id + (IncludesDerived ? "+" : string.Empty) + " = " + Target;
}

internal sealed class PolicyEdge
{
    public PolicyEdge(string from, string to, PolicySpan span)
    {
        From = from;
        To = to;
        Span = span;
    }

    public string From { get; }

    public string To { get; }

    public PolicySpan Span { get; }
}

internal sealed class PolicyError
{
    public PolicyError(PolicySpan span, string message)
    {
        Span = span;
        Message = message;
    }

    public PolicySpan Span { get; }

    /// <summary>What is wrong and how to fix it, in one sentence.</summary>
    public string Message { get; }

    /// <summary>The role the line names that is neither built in nor declared (reported as MLR0005, like an unknown role in an attribute); else null.</summary>
    public string? UnknownRole { get; set; }

    /// <summary>For an unknown role: how to fix it (the message without its "unknown role '…'; " start).</summary>
    public string? Fix { get; set; }
}

/// <summary>One parsed policy file (or the built-in catalog): its valid entries and its errors.</summary>
internal sealed class PolicyDocument
{
    public PolicyDocument(
        string path,
        IReadOnlyList<string> declaredRoles,
        IReadOnlyList<PolicyMapping> mappings,
        IReadOnlyList<PolicyEdge> edges,
        IReadOnlyList<KeyValuePair<string, string>> options,
        IReadOnlyList<PolicyError> errors,
        IReadOnlyList<PolicyMapping>? paths = null,
        IReadOnlyList<PolicyMapping>? owners = null)
    {
        Path = path;
        Paths = paths ?? System.Array.Empty<PolicyMapping>();
        Owners = owners ?? System.Array.Empty<PolicyMapping>();
        foreach (var mapping in Paths)
        {
            mapping.Path = path;
        }

        foreach (var mapping in Owners)
        {
            mapping.Path = path;
        }

        DeclaredRoles = declaredRoles;
        Mappings = mappings;
        foreach (var mapping in mappings)
        {
            mapping.Path = path;
        }

        Edges = edges;
        Options = options;
        Errors = errors;
    }

    public string Path { get; }

    public IReadOnlyList<string> DeclaredRoles { get; }

    public IReadOnlyList<PolicyMapping> Mappings { get; }

    public IReadOnlyList<PolicyEdge> Edges { get; }

    /// <summary><c>path &lt;glob&gt; = ...</c> lines, in file order (the last matching line wins).</summary>
    public IReadOnlyList<PolicyMapping> Paths { get; }

    /// <summary><c>@owner = Role</c> lines, in file order.</summary>
    public IReadOnlyList<PolicyMapping> Owners { get; }

    /// <summary><c>option name = value</c> lines, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Options { get; }

    public IReadOnlyList<PolicyError> Errors { get; }
}
