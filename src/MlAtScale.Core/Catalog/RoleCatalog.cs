using System.Collections.Immutable;
using System.IO;
using MlAtScale.Core.Policy;

namespace MlAtScale.Core.Catalog;

/// <summary>
/// The built-in catalog of well-known ML and data APIs, in the policy file's own syntax, shipped as
/// an embedded resource of the analyzer (no file IO). Parsed once per process.
/// </summary>
internal static class RoleCatalog
{
    public const string ResourceName = "MlAtScale.Core.Catalog.MlRoles.catalog.txt";
    public const string VirtualPath = "MlRoles.catalog.txt";

    public static string Text { get; } = ReadText();

    public static PolicyDocument Document { get; } = PolicyParser.Parse(VirtualPath, Text);

    public static ImmutableArray<PolicyDocument> Documents { get; } = ImmutableArray.Create(Document);

    /// <summary>The catalog's entries indexed for lookup; built once per process.</summary>
    public static MappingIndex Index { get; } = new(Documents);

    private static string ReadText()
    {
        using var stream = typeof(RoleCatalog).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            return string.Empty;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
