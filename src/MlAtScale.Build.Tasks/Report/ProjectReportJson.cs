using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using MlAtScale.Core.Edges;
using MlAtScale.Core.Policy;

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

        if (use.Kind == EdgeKinds.Allowance)
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
            if (use.Kind == EdgeKinds.Allowance)
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

    /// <summary>
    /// Reads a project report back (for the repository merge), version 1 or 2, through the source-generated
    /// reader. Throws <see cref="JsonException"/> or <see cref="FormatException"/> when it is not one.
    /// </summary>
    public static ProjectReport Read(byte[] json)
    {
        var dto = JsonSerializer.Deserialize(json, ReportJsonContext.Default.ProjectReportDto) ?? throw new FormatException("the file holds null");
        if (dto.SchemaVersion is < OldestReadableVersion or > SchemaVersion || dto.Kind != "project")
        {
            throw new FormatException($"not a project report of version {OldestReadableVersion} to {SchemaVersion}");
        }

        var project = Required(dto.Project, "project");
        var report = new ProjectReport
        {
            Name = Required(project.Name, "project.name"),
            ProjectPath = Required(project.Path, "project.path"),
            TargetFramework = Required(project.TargetFramework, "project.targetFramework"),
            AssemblyName = Required(project.AssemblyName, "project.assemblyName"),
            AssemblyPath = Required(project.Assembly, "project.assembly"),
            SarifPath = Required(project.Sarif, "project.sarif"),
            PolicyFiles = Required(project.PolicyFiles, "project.policyFiles").Select(f => Required(f, "project.policyFiles[]")).ToList(),
            SuppressedViolations = Required(Required(dto.Summary, "summary").SuppressedViolations, "summary.suppressedViolations"),
        };

        // Each list writes its entries in turn: role lists (by role), contracts, then unowned; the last write of an ID stands.
        var types = new Dictionary<string, OwnedEntry>(StringComparer.Ordinal);
        var members = new Dictionary<string, OwnedEntry>(StringComparer.Ordinal);
        foreach (var role in Required(dto.Roles, "roles"))
        {
            var name = Required(role.Name, "roles[].name");
            report.DeclaredRoles.Add(name);
            foreach (var type in Required(role.Types, "roles[].types"))
            {
                var id = Required(type.Id, "roles[].types[].id");
                types[id] = new OwnedEntry(id, Required(type.Namespace, "roles[].types[].namespace"), name, type.Source, false, null);
            }

            foreach (var member in Required(role.Members, "roles[].members"))
            {
                var id = Required(member.Id, "roles[].members[].id");
                members[id] = new OwnedEntry(id, string.Empty, name, member.Source, false, null);
            }
        }

        var contracts = Required(dto.Contracts, "contracts");
        ReadContracts(Required(contracts.Types, "contracts.types"), types, isType: true);
        ReadContracts(Required(contracts.Members, "contracts.members"), members, isType: false);
        var unowned = Required(dto.Unowned, "unowned");
        foreach (var id in Required(unowned.Types, "unowned.types"))
        {
            types[Required(id, "unowned.types[]")] = new OwnedEntry(id, string.Empty, null, null, false, null);
        }

        foreach (var id in Required(unowned.Members, "unowned.members"))
        {
            members[Required(id, "unowned.members[]")] = new OwnedEntry(id, string.Empty, null, null, false, null);
        }

        report.Types = types.Values.ToList();
        report.Members = members.Values.ToList();

        // Version 1 listed each permitted use in "crossings" (read as uses counted once, without the used
        // assembly); version 2 counts them in "permitted". "baselined" was added to version 1 later: a
        // fragment written before has none.
        foreach (var list in new[] { dto.Crossings, Required(dto.Violations, "violations"), dto.Baselined })
        {
            foreach (var use in list ?? new List<UseDto>())
            {
                report.Uses.Add(new RoleUse(
                    Required(use.Kind, "kind"),
                    Required(use.RuleId, "ruleId"),
                    Required(use.Level, "level"),
                    Required(use.From, "from"),
                    use.To,
                    Required(use.User, "user"),
                    Required(use.Used, "used"),
                    use.File,
                    Required(use.Line, "line"),
                    Required(use.Column, "column"),
                    use.Justification,
                    Required(use.Message, "message"))
                {
                    Expires = use.Expires,
                    Expired = use.Expired,
                });
            }
        }

        foreach (var use in dto.Permitted ?? new List<PermittedDto>())
        {
            var kind = Required(use.Kind, "permitted[].kind");
            var exception = kind == EdgeKinds.Allowance;
            report.Uses.Add(new RoleUse(
                kind,
                EdgeRuleId,
                "note",
                Required(use.From, "permitted[].from"),
                use.To,
                exception ? Required(use.User, "permitted[].user") : string.Empty,
                string.Empty,
                null,
                0,
                0,
                exception ? use.Justification : null,
                string.Empty)
            {
                Expires = exception ? use.Expires : null,
                Expired = exception && use.Expired,
                UsedAssembly = use.UsedAssembly,
                Count = Required(use.Uses, "permitted[].uses") is > 0 and var count ? count : throw new FormatException("a permitted entry counts no use"),
            });
        }

        foreach (var d in Required(dto.Diagnostics, "diagnostics"))
        {
            report.Diagnostics.Add(new DiagnosticEntry(
                Required(d.RuleId, "diagnostics[].ruleId"),
                Required(d.Level, "diagnostics[].level"),
                d.File,
                Required(d.Line, "diagnostics[].line"),
                Required(d.Column, "diagnostics[].column"),
                Required(d.Message, "diagnostics[].message")));
        }

        report.Normalize();
        return report;
    }

    private static T Required<T>(T? value, string name)
        where T : class =>
        value ?? throw new FormatException($"'{name}' is missing");

    private static int Required(int? value, string name) =>
        value ?? throw new FormatException($"'{name}' is missing");

    private static void ReadContracts(List<EntryDto> list, Dictionary<string, OwnedEntry> entries, bool isType)
    {
        foreach (var entry in list)
        {
            var id = Required(entry.Id, "contracts[].id");
            var ns = isType ? Required(entry.Namespace, "contracts.types[].namespace") : string.Empty;
            entries.TryGetValue(id, out var existing);
            entries[id] = new OwnedEntry(id, ns, entry.Role, existing?.RoleSource, true, entry.Source);
        }
    }
}
