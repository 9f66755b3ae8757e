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

    /// <summary>
    /// Version 3 adds the violations grouped by cause (<c>groups[]</c>) and each violation's <c>settle</c> line; version 2 counted
    /// permitted uses per edge and allowance (<c>permitted[]</c>) instead of listing them per use (version 1's <c>crossings[]</c>).
    /// </summary>
    public const int SchemaVersion = 3;

    /// <summary>The oldest project report the repository merge still reads.</summary>
    public const int OldestReadableVersion = 1;

    public static byte[] Write(ProjectReport report) => Serialize(Document(report));

    /// <summary>The typed document of <paramref name="report"/>: what <see cref="Write"/> writes and <see cref="Read"/> reads back.</summary>
    public static ProjectReportDto Document(ProjectReport report)
    {
        report.Normalize();
        var edges = EdgeSummary.Summarize(report.Uses);
        var allowances = report.Allowances;
        var document = new ProjectReportDto
        {
            SchemaVersion = SchemaVersion,
            Kind = "project",
            Project = new ProjectInfoDto
            {
                Name = report.Name,
                Path = report.ProjectPath,
                TargetFramework = report.TargetFramework,
                AssemblyName = report.AssemblyName,
                Assembly = report.AssemblyPath,
                Sarif = report.SarifPath,
                PolicyFiles = report.PolicyFiles,
                CompileFailed = report.CompileFailed ? true : null,
            },
            Summary = new SummaryDto
            {
                Roles = report.Roles.Count,
                Types = ReportDocuments.Counts(report.Types),
                Members = ReportDocuments.Counts(report.Members),
                Edges = edges.Count,
                Crossings = report.CrossingCount,
                Violations = report.Violations.Count(),
                SuppressedViolations = report.SuppressedViolations,
                BaselinedViolations = report.Baselined.Count(),
                Allowances = allowances.Count,
                ExpiredAllowances = allowances.Count(a => a.Expired),
                Diagnostics = report.Diagnostics.Count,
            },
            Roles = RolesOf(report),
            Contracts = new ContractsDto
            {
                Types = report.Types.Where(t => t.IsContract).Select(e => Entry(e, e.ContractSource, isType: true, withRole: true)).ToList(),
                Members = report.Members.Where(t => t.IsContract).Select(e => Entry(e, e.ContractSource, isType: false, withRole: true)).ToList(),
            },
            Unowned = new UnownedDto
            {
                Types = report.Types.Where(t => t.Role is null && !t.IsContract).Select(e => e.Id).ToList(),
                Members = report.Members.Where(t => t.Role is null && !t.IsContract).Select(e => e.Id).ToList(),
            },
            Edges = edges.Select(ReportDocuments.Edge).ToList(),
            Permitted = report.Permitted.Select(ReportDocuments.Permitted).ToList(),
            Violations = report.Violations.Select(ReportDocuments.Use).ToList(),
            Groups = ReportDocuments.Groups(report.Violations),
            Baselined = report.Baselined.Select(ReportDocuments.Use).ToList(),
            Allowances = allowances.Select(ReportDocuments.Allowance).ToList(),
            Diagnostics = report.Diagnostics.Select(ReportDocuments.Diagnostic).ToList(),
            Teams = report.Teams is { Count: > 0 } teams
                ? teams.Select(t => new TeamDto { Team = t.Team, Role = t.Role, Files = t.Files, Types = t.Types, Members = t.Members, ViolationsAsUser = t.ViolationsAsUser, ViolationsAsUsed = t.ViolationsAsUsed }).ToList()
                : null,
            Suppressions = !report.Suppressions.Any()
                ? null
                : report.Suppressions.Select(v => new SuppressionDto { SuppressedBy = v.SuppressedBy, From = v.From, To = v.To, User = v.User, Used = v.Used, File = v.File, Line = v.Line, Column = v.Column }).ToList(),
            UnmatchedSharedMappings = report.UnmatchedShared.Count == 0
                ? null
                : report.UnmatchedShared.Select(m => new SharedMappingDto { File = m.File, Line = m.Line, Column = m.Column, Mapping = m.Mapping }).ToList(),
        };
        return document;
    }

    /// <summary>The JSON bytes of a project report's document.</summary>
    public static byte[] Serialize(ProjectReportDto document) => JsonOutput.Write(document, ReportJsonContext.Default.ProjectReportDto);

    /// <summary>Each role with its types and members in report order: one pass over the entries, not one per role.</summary>
    private static List<RoleDto> RolesOf(ProjectReport report)
    {
        var roles = report.Roles;
        var types = new Dictionary<string, List<OwnedEntry>>(StringComparer.Ordinal);
        var members = new Dictionary<string, List<EntryDto>>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            types.Add(role, new List<OwnedEntry>());
            members.Add(role, new List<EntryDto>());
        }

        foreach (var type in report.Types)
        {
            if (type.Role is not null)
            {
                types[type.Role].Add(type);
            }
        }

        foreach (var member in report.Members)
        {
            if (member.Role is not null)
            {
                members[member.Role].Add(Entry(member, member.RoleSource, isType: false, withRole: false));
            }
        }

        return roles.Select(role => new RoleDto
        {
            Name = role,
            Namespaces = types[role].GroupBy(t => t.Namespace, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new NamespaceCountDto { Name = g.Key, Types = g.Count() })
                .ToList(),
            Types = types[role].Select(e => Entry(e, e.RoleSource, isType: true, withRole: false)).ToList(),
            Members = members[role],
        }).ToList();
    }

    private static EntryDto Entry(OwnedEntry entry, string? source, bool isType, bool withRole) => new()
    {
        Id = entry.Id,
        Namespace = isType ? entry.Namespace : null,
        Role = withRole ? new TextOrNull(entry.Role) : null,
        Source = source,
        Team = withRole ? null : entry.Team,
    };

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
    public static ProjectReport Read(byte[] json) =>
        FromDocument(JsonSerializer.Deserialize(json, ReportJsonContext.Default.ProjectReportDto) ?? throw new FormatException("the file holds null"));

    /// <summary>
    /// The report a project report's document describes, as the merge sees it: <see cref="Read"/> after the
    /// JSON is parsed, and this build's own fragment straight from the document it is written from (same
    /// rules, no round trip through the bytes). Only reads <paramref name="dto"/>, so it may run while the
    /// document is being serialized. Throws <see cref="FormatException"/> when it is not a project report.
    /// </summary>
    public static ProjectReport FromDocument(ProjectReportDto dto)
    {
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
            CompileFailed = project.CompileFailed == true,
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
                    Expires = use.Expires?.Value,
                    Expired = use.Expired ?? false,
                    Settle = use.Settle,
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
                exception ? use.Justification?.Value : null,
                string.Empty)
            {
                Expires = exception ? use.Expires?.Value : null,
                Expired = exception && use.Expired == true,
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

        foreach (var v in dto.Suppressions ?? new List<SuppressionDto>())
        {
            report.Uses.Add(RoleUse.Suppressed(
                Required(v.SuppressedBy, "suppressions[].suppressedBy"),
                Required(v.From, "suppressions[].from"),
                v.To,
                Required(v.User, "suppressions[].user"),
                Required(v.Used, "suppressions[].used"),
                v.File,
                v.Line ?? 0,
                v.Column ?? 0));
        }

        foreach (var m in dto.UnmatchedSharedMappings ?? new List<SharedMappingDto>())
        {
            report.UnmatchedShared.Add(new SharedMapping(
                Required(m.File, "unmatchedSharedMappings[].file"),
                Required(m.Line, "unmatchedSharedMappings[].line"),
                Required(m.Column, "unmatchedSharedMappings[].column"),
                Required(m.Mapping, "unmatchedSharedMappings[].mapping")));
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
            entries[id] = new OwnedEntry(id, ns, entry.Role?.Value, existing?.RoleSource, true, entry.Source);
        }
    }
}
