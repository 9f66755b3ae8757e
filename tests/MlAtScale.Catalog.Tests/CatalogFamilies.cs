using System;
using System.Collections.Generic;
using System.Linq;
using MlAtScale.Analyzers.Model;
using MlAtScale.Core.Catalog;
using MlAtScale.Core.Policy;

namespace MlAtScale.Catalog.Tests;

/// <summary>One family of the catalog file: a `## name` line, its `##   key: value` lines and its entries.</summary>
internal sealed record CatalogFamily(
    string Section,
    string Name,
    int Line,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<CatalogEntry> Entries)
{
    public string Packages => Fields.TryGetValue("packages", out var value) ? value : string.Empty;

    public string Why => Fields.TryGetValue("why", out var value) ? value : string.Empty;

    /// <summary>Why the family is checked against a stand-in, or null when it is checked against its real packages.</summary>
    public string? StandIn => Fields.TryGetValue("stand-in", out var value) ? value : null;

    /// <summary>The roles of the family's entries in catalog order ("contract" included), or "left out" for none.</summary>
    public string Roles => Entries.Count == 0 ? "left out" : string.Join(", ", Entries.Select(e => e.Mapping.Target).Distinct());
}

/// <summary>One entry with the single-`#` note above it (null when it has none).</summary>
internal sealed record CatalogEntry(PolicyMapping Mapping, string? Note);

/// <summary>
/// Reads the structure the catalog file's header describes: sections between `# ---` rules, families
/// (`## name` and `##   key: value` lines, an indented `##` line continuing a value) and entry notes.
/// </summary>
internal static class CatalogFamilies
{
    public static IReadOnlyList<CatalogFamily> All { get; } = Read(RoleCatalog.Text, RoleCatalog.Document);

    public static IReadOnlyList<CatalogFamily> Read(string text, PolicyDocument document)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var mappings = document.Mappings.ToDictionary(m => m.Span.Line);
        var families = new List<CatalogFamily>();
        string? section = null;
        string? name = null;
        var nameLine = 0;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<CatalogEntry>();
        string? lastKey = null;
        string? note = null;

        void Close()
        {
            if (name is not null)
            {
                families.Add(new CatalogFamily(section!, name, nameLine + 1, new Dictionary<string, string>(fields), entries.ToList()));
            }

            name = null;
            fields.Clear();
            entries.Clear();
            lastKey = null;
            note = null;
        }

        static bool IsRule(string line) => line.StartsWith("# ---", StringComparison.Ordinal);

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (IsRule(line))
            {
                continue;
            }

            if (i > 0 && IsRule(lines[i - 1].Trim()) && i + 1 < lines.Length && IsRule(lines[i + 1].Trim()))
            {
                Close();
                section = line.TrimStart('#').Trim();
                continue;
            }

            if (line.StartsWith("##", StringComparison.Ordinal) && section is not null)
            {
                var raw = lines[i].TrimEnd();
                var body = raw.Substring(raw.IndexOf("##", StringComparison.Ordinal) + 2);
                if (!body.StartsWith(" ", StringComparison.Ordinal) || body.Trim().Length == 0)
                {
                    throw new FormatException($"catalog line {i + 1}: write `## <family>` or `##   <key>: <value>`");
                }

                if (!body.StartsWith("  ", StringComparison.Ordinal))
                {
                    Close();
                    name = body.Trim();
                    nameLine = i;
                    continue;
                }

                if (name is null)
                {
                    throw new FormatException($"catalog line {i + 1}: a family field outside a family");
                }

                var content = body.Trim();
                var colon = content.IndexOf(':');
                var key = colon > 0 ? content.Substring(0, colon) : null;
                if (key is "packages" or "why" or "stand-in")
                {
                    fields[key] = content.Substring(colon + 1).Trim();
                    lastKey = key;
                }
                else if (lastKey is not null)
                {
                    fields[lastKey] += " " + content;
                }
                else
                {
                    throw new FormatException($"catalog line {i + 1}: unknown family field; use packages:, why: or stand-in:");
                }

                continue;
            }

            if (line.StartsWith("#", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    var text1 = line.TrimStart('#').Trim();
                    note = note is null || !lines[i - 1].Trim().StartsWith("# ", StringComparison.Ordinal) ? text1 : note + " " + text1;
                }

                continue;
            }

            if (line.Length == 0)
            {
                note = null;
                continue;
            }

            if (mappings.TryGetValue(i, out var mapping))
            {
                if (name is null)
                {
                    throw new FormatException($"catalog line {i + 1}: an entry outside a family");
                }

                entries.Add(new CatalogEntry(mapping, note));
            }
        }

        Close();
        return families;
    }
}
