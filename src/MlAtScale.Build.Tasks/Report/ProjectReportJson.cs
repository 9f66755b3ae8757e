using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MlAtScale.Analyzers.Model;

namespace MlAtScale.Build.Tasks.Report;

/// <summary>The project report's JSON form (docs/report-schema.md, <c>"kind": "project"</c>) and its reader for the merge.</summary>
internal static class ProjectReportJson
{
    private const string EdgeRuleId = "MLR0006";

    /// <summary>Version 2: permitted uses are counted per edge and allowance (<c>permitted[]</c>) instead of listed per use (version 1's <c>crossings[]</c>).</summary>
    public const int SchemaVersion = 2;

    /// <summary>The oldest project report the repository merge still reads.</summary>
    public const int OldestReadableVersion = 1;

    public static byte[] Write(ProjectReport report)
    {
        report.Normalize();
        return JsonOutput.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteString("kind", "project");
            w.WriteStartObject("project");
            w.WriteString("name", report.Name);
            w.WriteString("path", report.ProjectPath);
            w.WriteString("targetFramework", report.TargetFramework);
            w.WriteString("assemblyName", report.AssemblyName);
            w.WriteString("assembly", report.AssemblyPath);
            w.WriteString("sarif", report.SarifPath);
            w.WriteStartArray("policyFiles");
            foreach (var file in report.PolicyFiles)
            {
                w.WriteStringValue(file);
            }

            w.WriteEndArray();
            w.WriteEndObject();

            var edges = EdgeSummary.Summarize(report.Uses);
            WriteSummary(w, report, edges);
            WriteOwnership(w, report);
            WriteEdges(w, edges);
            WritePermitted(w, report.Permitted);
            w.WriteStartArray("violations");
            foreach (var use in report.Violations)
            {
                WriteUse(w, use);
            }

            w.WriteEndArray();
            w.WriteStartArray("baselined");
            foreach (var use in report.Baselined)
            {
                WriteUse(w, use);
            }

            w.WriteEndArray();
            WriteAllowances(w, report.Allowances);
            WriteDiagnostics(w, report.Diagnostics);
            w.WriteEndObject();
        });
    }

    private static void WriteSummary(Utf8JsonWriter w, ProjectReport report, List<EdgeSummary> edges)
    {
        w.WriteStartObject("summary");
        w.WriteNumber("roles", report.Roles.Count);
        WriteCounts(w, "types", report.Types);
        WriteCounts(w, "members", report.Members);
        w.WriteNumber("edges", edges.Count);
        w.WriteNumber("crossings", report.CrossingCount);
        w.WriteNumber("violations", report.Violations.Count());
        w.WriteNumber("suppressedViolations", report.SuppressedViolations);
        w.WriteNumber("baselinedViolations", report.Baselined.Count());
        var allowances = report.Allowances;
        w.WriteNumber("allowances", allowances.Count);
        w.WriteNumber("expiredAllowances", allowances.Count(a => a.Expired));
        w.WriteNumber("diagnostics", report.Diagnostics.Count);
        w.WriteEndObject();
    }

    internal static void WriteCounts(Utf8JsonWriter w, string name, IReadOnlyCollection<OwnedEntry> entries)
    {
        w.WriteStartObject(name);
        w.WriteNumber("total", entries.Count);
        w.WriteNumber("owned", entries.Count(e => e.Role != null));
        w.WriteNumber("contract", entries.Count(e => e.IsContract));
        w.WriteNumber("unowned", entries.Count(e => e.Role is null && !e.IsContract));
        if (OwnedShare.Percent(entries) is { } share)
        {
            w.WriteNumber("ownedShare", share);
        }
        else
        {
            w.WriteNull("ownedShare");
        }

        w.WriteEndObject();
    }

    private static void WriteOwnership(Utf8JsonWriter w, ProjectReport report)
    {
        w.WriteStartArray("roles");
        foreach (var role in report.Roles)
        {
            var types = report.Types.Where(t => t.Role == role).ToList();
            var members = report.Members.Where(m => m.Role == role).ToList();
            w.WriteStartObject();
            w.WriteString("name", role);
            w.WriteStartArray("namespaces");
            foreach (var ns in types.GroupBy(t => t.Namespace, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("name", ns.Key);
                w.WriteNumber("types", ns.Count());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteEntries(w, "types", types, e => e.RoleSource, isType: true);
            WriteEntries(w, "members", members, e => e.RoleSource, isType: false);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartObject("contracts");
        WriteEntries(w, "types", report.Types.Where(t => t.IsContract), e => e.ContractSource, isType: true, withRole: true);
        WriteEntries(w, "members", report.Members.Where(t => t.IsContract), e => e.ContractSource, isType: false, withRole: true);
        w.WriteEndObject();

        w.WriteStartObject("unowned");
        WriteIds(w, "types", report.Types.Where(t => t.Role is null && !t.IsContract));
        WriteIds(w, "members", report.Members.Where(t => t.Role is null && !t.IsContract));
        w.WriteEndObject();
    }

    private static void WriteEntries(Utf8JsonWriter w, string name, IEnumerable<OwnedEntry> entries, Func<OwnedEntry, string?> source, bool isType, bool withRole = false)
    {
        w.WriteStartArray(name);
        foreach (var entry in entries)
        {
            w.WriteStartObject();
            w.WriteString(JsonNames.Id, entry.Id);
            if (isType)
            {
                w.WriteString(JsonNames.Namespace, entry.Namespace);
            }

            if (withRole)
            {
                w.StringOrNull(JsonNames.Role, entry.Role);
            }

            w.StringOrNull(JsonNames.Source, source(entry));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteIds(Utf8JsonWriter w, string name, IEnumerable<OwnedEntry> entries)
    {
        w.WriteStartArray(name);
        foreach (var entry in entries)
        {
            w.WriteStringValue(entry.Id);
        }

        w.WriteEndArray();
    }

    internal static void WriteEdges(Utf8JsonWriter w, List<EdgeSummary> edges)
    {
        w.WriteStartArray("edges");
        foreach (var edge in edges)
        {
            w.WriteStartObject();
            w.WriteString("from", edge.From);
            w.StringOrNull("to", edge.To);
            w.WriteNumber("uses", edge.Uses);
            w.WriteNumber("allowed", edge.Allowed);
            w.WriteNumber("contract", edge.Contract);
            w.WriteNumber("exception", edge.Exception);
            w.WriteNumber("violations", edge.Violations);
            w.WriteNumber("baselined", edge.Baselined);
            w.WriteStartArray("justifications");
            foreach (var justification in edge.Justifications)
            {
                w.WriteStartObject();
                w.WriteString("text", justification.Key);
                w.WriteNumber("uses", justification.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    internal static void WriteUse(Utf8JsonWriter w, RoleUse use)
    {
        w.WriteStartObject();
        if (use.Project != null)
        {
            w.WriteString(JsonNames.Project, use.Project);
        }

        w.WriteString(JsonNames.RuleId, use.RuleId);
        w.WriteString(JsonNames.Kind, use.Kind);
        w.WriteString(JsonNames.Level, use.Level);
        w.StringOrNull(JsonNames.File, use.File);
        w.WriteNumber(JsonNames.Line, use.Line);
        w.WriteNumber(JsonNames.Column, use.Column);
        w.WriteString(JsonNames.From, use.From);
        w.StringOrNull(JsonNames.To, use.To);
        w.WriteString(JsonNames.User, use.User);
        w.WriteString(JsonNames.Used, use.Used);
        if (use.Justification != null)
        {
            w.WriteString(JsonNames.Justification, use.Justification);
        }

        if (use.Kind == EdgeKinds.Exception)
        {
            w.StringOrNull(JsonNames.Expires, use.Expires);
            w.WriteBoolean(JsonNames.Expired, use.Expired);
        }

        w.WriteString(JsonNames.Message, use.Message);
        w.WriteEndObject();
    }

    /// <summary>The permitted uses, one entry per role edge, kind, used assembly and allowance, with their count.</summary>
    internal static void WritePermitted(Utf8JsonWriter w, IEnumerable<RoleUse> permitted)
    {
        w.WriteStartArray("permitted");
        foreach (var use in permitted)
        {
            w.WriteStartObject();
            if (use.Project != null)
            {
                w.WriteString(JsonNames.Project, use.Project);
            }

            w.WriteString(JsonNames.Kind, use.Kind);
            w.WriteString(JsonNames.From, use.From);
            w.StringOrNull(JsonNames.To, use.To);
            w.StringOrNull("usedAssembly", use.UsedAssembly);
            if (use.Kind == EdgeKinds.Exception)
            {
                w.WriteString(JsonNames.User, use.User);
                w.StringOrNull(JsonNames.Justification, use.Justification);
                w.StringOrNull(JsonNames.Expires, use.Expires);
                w.WriteBoolean(JsonNames.Expired, use.Expired);
            }

            w.WriteNumber("uses", use.Count);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    internal static void WriteAllowances(Utf8JsonWriter w, IEnumerable<AllowanceSummary> allowances)
    {
        w.WriteStartArray("allowances");
        foreach (var a in allowances)
        {
            w.WriteStartObject();
            if (a.Project != null)
            {
                w.WriteString(JsonNames.Project, a.Project);
            }

            w.WriteString(JsonNames.User, a.User);
            w.WriteString(JsonNames.From, a.From);
            w.StringOrNull(JsonNames.To, a.To);
            w.StringOrNull(JsonNames.Justification, a.Justification);
            w.StringOrNull(JsonNames.Expires, a.Expires);
            w.WriteBoolean(JsonNames.Expired, a.Expired);
            w.WriteNumber("uses", a.Uses);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    internal static void WriteDiagnostics(Utf8JsonWriter w, IEnumerable<DiagnosticEntry> diagnostics)
    {
        w.WriteStartArray("diagnostics");
        foreach (var d in diagnostics)
        {
            w.WriteStartObject();
            if (d.Project != null)
            {
                w.WriteString(JsonNames.Project, d.Project);
            }

            w.WriteString(JsonNames.RuleId, d.RuleId);
            w.WriteString(JsonNames.Level, d.Level);
            w.StringOrNull(JsonNames.File, d.File);
            w.WriteNumber(JsonNames.Line, d.Line);
            w.WriteNumber(JsonNames.Column, d.Column);
            w.WriteString(JsonNames.Message, d.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>
    /// The project path (<c>project.path</c>) of the project report (a version the merge reads) at <paramref name="path"/>,
    /// read from the head of the file only; null when the file is not such a report (or is cut off before it).
    /// </summary>
    public static string? ReadProjectPath(string path)
    {
        var buffer = new byte[64 * 1024];
        int length;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            length = 0;
            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
            }
        }

        try
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(buffer, 0, length), isFinalBlock: false, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            int? version = null;
            string? kind = null;
            string? projectPath = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (!reader.Read())
                {
                    return null;
                }

                switch (name)
                {
                    case "schemaVersion" when reader.TokenType == JsonTokenType.Number:
                        version = reader.TryGetInt32(out var v) ? v : -1;
                        break;
                    case "kind" when reader.TokenType == JsonTokenType.String:
                        kind = reader.GetString();
                        break;
                    case "project" when reader.TokenType == JsonTokenType.StartObject:
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            var field = reader.GetString();
                            if (!reader.Read())
                            {
                                return null;
                            }

                            if (field == "path" && reader.TokenType == JsonTokenType.String)
                            {
                                projectPath = reader.GetString();
                            }
                            else if (!reader.TrySkip())
                            {
                                return null;
                            }
                        }

                        // Write puts schemaVersion and kind before the project: all that is needed is read.
                        return version is >= OldestReadableVersion and <= SchemaVersion && kind == "project" ? projectPath : null;
                    default:
                        if (!reader.TrySkip())
                        {
                            return null;
                        }

                        break;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads a project report back (for the repository merge). Throws <see cref="JsonException"/> or <see cref="FormatException"/> when it is not one.</summary>
    public static ProjectReport Read(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var version = root.GetProperty("schemaVersion").GetInt32();
        if (version is < OldestReadableVersion or > SchemaVersion || root.GetProperty("kind").GetString() != "project")
        {
            throw new FormatException($"not a project report of version {OldestReadableVersion} to {SchemaVersion}");
        }

        var project = root.GetProperty("project");
        var report = new ProjectReport
        {
            Name = project.GetProperty("name").GetString()!,
            ProjectPath = project.GetProperty("path").GetString()!,
            TargetFramework = project.GetProperty("targetFramework").GetString()!,
            AssemblyName = project.GetProperty("assemblyName").GetString()!,
            AssemblyPath = project.GetProperty("assembly").GetString()!,
            SarifPath = project.GetProperty("sarif").GetString()!,
            PolicyFiles = project.GetProperty("policyFiles").EnumerateArray().Select(e => e.GetString()!).ToList(),
            SuppressedViolations = root.GetProperty("summary").GetProperty("suppressedViolations").GetInt32(),
        };

        var types = new Dictionary<string, OwnedEntry>(StringComparer.Ordinal);
        var members = new Dictionary<string, OwnedEntry>(StringComparer.Ordinal);
        foreach (var role in root.GetProperty("roles").EnumerateArray())
        {
            var name = role.GetProperty("name").GetString()!;
            report.DeclaredRoles.Add(name);
            foreach (var type in role.GetProperty("types").EnumerateArray())
            {
                var id = type.GetProperty("id").GetString()!;
                types[id] = new OwnedEntry(id, type.GetProperty("namespace").GetString()!, name, type.GetProperty("source").GetString(), false, null);
            }

            foreach (var member in role.GetProperty("members").EnumerateArray())
            {
                var id = member.GetProperty("id").GetString()!;
                members[id] = new OwnedEntry(id, string.Empty, name, member.GetProperty("source").GetString(), false, null);
            }
        }

        var contracts = root.GetProperty("contracts");
        ReadContracts(contracts.GetProperty("types"), types, isType: true);
        ReadContracts(contracts.GetProperty("members"), members, isType: false);
        var unowned = root.GetProperty("unowned");
        foreach (var id in unowned.GetProperty("types").EnumerateArray().Select(e => e.GetString()!))
        {
            types[id] = new OwnedEntry(id, string.Empty, null, null, false, null);
        }

        foreach (var id in unowned.GetProperty("members").EnumerateArray().Select(e => e.GetString()!))
        {
            members[id] = new OwnedEntry(id, string.Empty, null, null, false, null);
        }

        report.Types = types.Values.ToList();
        report.Members = members.Values.ToList();
        // Version 1 listed each permitted use in "crossings" (read as uses counted once, without the used
        // assembly); version 2 counts them in "permitted". "baselined" was added to version 1 later: a
        // fragment written before has none.
        foreach (var list in new[] { "crossings", "violations", "baselined" })
        {
            if (!root.TryGetProperty(list, out var listed))
            {
                continue;
            }

            foreach (var use in listed.EnumerateArray())
            {
                report.Uses.Add(new RoleUse(
                    use.GetProperty("kind").GetString()!,
                    use.GetProperty("ruleId").GetString()!,
                    use.GetProperty("level").GetString()!,
                    use.GetProperty("from").GetString()!,
                    use.GetProperty("to").GetString(),
                    use.GetProperty("user").GetString()!,
                    use.GetProperty("used").GetString()!,
                    use.GetProperty("file").GetString(),
                    use.GetProperty("line").GetInt32(),
                    use.GetProperty("column").GetInt32(),
                    use.TryGetProperty("justification", out var j) ? j.GetString() : null,
                    use.GetProperty("message").GetString()!)
                {
                    Expires = use.TryGetProperty("expires", out var x) ? x.GetString() : null,
                    Expired = use.TryGetProperty("expired", out var e) && e.GetBoolean(),
                    UsedAssembly = use.TryGetProperty("usedAssembly", out var a) ? a.GetString() : null,
                });
            }
        }

        if (root.TryGetProperty("permitted", out var permitted))
        {
            foreach (var use in permitted.EnumerateArray())
            {
                var kind = use.GetProperty("kind").GetString()!;
                var exception = kind == EdgeKinds.Exception;
                report.Uses.Add(new RoleUse(
                    kind,
                    EdgeRuleId,
                    "note",
                    use.GetProperty("from").GetString()!,
                    use.GetProperty("to").GetString(),
                    exception ? use.GetProperty("user").GetString()! : string.Empty,
                    string.Empty,
                    null,
                    0,
                    0,
                    exception ? use.GetProperty("justification").GetString() : null,
                    string.Empty)
                {
                    Expires = exception ? use.GetProperty("expires").GetString() : null,
                    Expired = exception && use.GetProperty("expired").GetBoolean(),
                    UsedAssembly = use.GetProperty("usedAssembly").GetString(),
                    Count = use.GetProperty("uses").GetInt32() is > 0 and var count ? count : throw new FormatException("a permitted entry counts no use"),
                });
            }
        }

        foreach (var d in root.GetProperty("diagnostics").EnumerateArray())
        {
            report.Diagnostics.Add(new DiagnosticEntry(
                d.GetProperty("ruleId").GetString()!,
                d.GetProperty("level").GetString()!,
                d.GetProperty("file").GetString(),
                d.GetProperty("line").GetInt32(),
                d.GetProperty("column").GetInt32(),
                d.GetProperty("message").GetString()!));
        }

        report.Normalize();
        return report;
    }

    /// <summary>
    /// What <see cref="Read"/> returns for the bytes <see cref="Write"/> wrote of <paramref name="report"/>,
    /// built without the JSON round trip (the repository merge of this build's own fragment). It mirrors
    /// <see cref="Read"/> step by step: the fields the JSON carries, the entries in the order Read meets
    /// them (so that duplicate IDs resolve the same way), and the uses in the order of the written lists.
    /// Keep the two in step; a test compares them.
    /// </summary>
    public static ProjectReport AsRead(ProjectReport report)
    {
        report.Normalize();
        var roles = report.Roles;
        var view = new ProjectReport
        {
            Name = report.Name,
            ProjectPath = report.ProjectPath,
            TargetFramework = report.TargetFramework,
            AssemblyName = report.AssemblyName,
            AssemblyPath = report.AssemblyPath,
            SarifPath = report.SarifPath,
            PolicyFiles = report.PolicyFiles.ToList(),
            SuppressedViolations = report.SuppressedViolations,
            DeclaredRoles = roles,
        };

        // Read fills one dictionary per kind from the role lists (roles in order), then the contracts, then the
        // unowned, and sorts the values by ID. The report's entries are sorted by ID, so entries with one ID
        // are adjacent: each run of them gives the one entry that sequence of dictionary writes leaves.
        view.Types = Entries(report.Types, roles, isType: true);
        view.Members = Entries(report.Members, roles, isType: false);

        // The lists "violations", "baselined" and "permitted", in that order; Read creates new uses, and so
        // does this: the merge must not share them with the project report.
        foreach (var use in report.Violations.Concat(report.Baselined))
        {
            view.Uses.Add(new RoleUse(use.Kind, use.RuleId, use.Level, use.From, use.To, use.User, use.Used, use.File, use.Line, use.Column, use.Justification, use.Message));
        }

        foreach (var use in report.Permitted)
        {
            var exception = use.Kind == EdgeKinds.Exception;
            view.Uses.Add(new RoleUse(use.Kind, EdgeRuleId, "note", use.From, use.To, exception ? use.User : string.Empty, string.Empty, null, 0, 0, exception ? use.Justification : null, string.Empty)
            {
                Expires = exception ? use.Expires : null,
                Expired = exception && use.Expired,
                UsedAssembly = use.UsedAssembly,
                Count = use.Count,
            });
        }

        foreach (var d in report.Diagnostics)
        {
            view.Diagnostics.Add(new DiagnosticEntry(d.RuleId, d.Level, d.File, d.Line, d.Column, d.Message));
        }

        view.Normalize();
        return view;
    }

    /// <summary>The entries <see cref="Read"/> gives for <paramref name="entries"/> (sorted by ID), in ID order.</summary>
    private static List<OwnedEntry> Entries(List<OwnedEntry> entries, List<string> roles, bool isType)
    {
        var result = new List<OwnedEntry>(entries.Count);
        for (var start = 0; start < entries.Count;)
        {
            var end = start + 1;
            while (end < entries.Count && string.Equals(entries[end].Id, entries[start].Id, StringComparison.Ordinal))
            {
                end++;
            }

            result.Add(end == start + 1 ? AsRead(entries[start], isType, null) : AsRead(entries, start, end, roles, isType));
            start = end;
        }

        return result;
    }

    /// <summary>One entry as Read creates it: from its role list, its contract entry, or the unowned list.</summary>
    private static OwnedEntry AsRead(OwnedEntry e, bool isType, OwnedEntry? existing)
    {
        if (e.IsContract)
        {
            // The contract entry replaces the role entry, keeping its source.
            var roleSource = existing?.RoleSource ?? (e.Role != null ? e.RoleSource : null);
            return new OwnedEntry(e.Id, isType ? e.Namespace : string.Empty, e.Role, roleSource, true, e.ContractSource);
        }

        return e.Role != null
            ? new OwnedEntry(e.Id, isType ? e.Namespace : string.Empty, e.Role, e.RoleSource, false, null)
            : new OwnedEntry(e.Id, string.Empty, null, null, false, null);
    }

    /// <summary>Several entries with one ID: replays Read's writes (role lists by role, then contracts, then unowned).</summary>
    private static OwnedEntry AsRead(List<OwnedEntry> entries, int start, int end, List<string> roles, bool isType)
    {
        OwnedEntry? current = null;
        foreach (var role in roles)
        {
            for (var i = start; i < end; i++)
            {
                if (entries[i].Role == role)
                {
                    current = new OwnedEntry(entries[i].Id, isType ? entries[i].Namespace : string.Empty, role, entries[i].RoleSource, false, null);
                }
            }
        }

        for (var i = start; i < end; i++)
        {
            if (entries[i].IsContract)
            {
                current = new OwnedEntry(entries[i].Id, isType ? entries[i].Namespace : string.Empty, entries[i].Role, current?.RoleSource, true, entries[i].ContractSource);
            }
        }

        for (var i = start; i < end; i++)
        {
            if (entries[i].Role is null && !entries[i].IsContract)
            {
                current = new OwnedEntry(entries[i].Id, string.Empty, null, null, false, null);
            }
        }

        return current!;
    }

    private static void ReadContracts(JsonElement list, Dictionary<string, OwnedEntry> entries, bool isType)
    {
        foreach (var entry in list.EnumerateArray())
        {
            var id = entry.GetProperty("id").GetString()!;
            var role = entry.GetProperty("role").GetString();
            var ns = isType ? entry.GetProperty("namespace").GetString()! : string.Empty;
            entries.TryGetValue(id, out var existing);
            entries[id] = new OwnedEntry(id, ns, role, existing?.RoleSource, true, entry.GetProperty("source").GetString());
        }
    }
}
