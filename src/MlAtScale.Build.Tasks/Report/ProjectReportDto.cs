using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlAtScale.Build.Tasks.Report;

// The report's JSON shape (docs/report-schema.md) as typed documents: the writers fill them and
// System.Text.Json's source generator writes them out (property order = declaration order); the
// repository merge reads project reports back through the same types (versions 1 and 2). A property
// marked WhenWritingNull is left out when it does not apply (e.g. "project" in a project report);
// every other property is always written, null included.

/// <summary>A project report (<c>"kind": "project"</c>).</summary>
internal sealed class ProjectReportDto
{
    public int SchemaVersion { get; set; }

    public string? Kind { get; set; }

    public ProjectInfoDto? Project { get; set; }

    public SummaryDto? Summary { get; set; }

    public List<RoleDto>? Roles { get; set; }

    public ContractsDto? Contracts { get; set; }

    public UnownedDto? Unowned { get; set; }

    public List<EdgeDto>? Edges { get; set; }

    /// <summary>Version 1 only (read, never written): one permitted use per location.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<UseDto>? Crossings { get; set; }

    /// <summary>Version 2: permitted uses counted per edge, kind, used assembly and allowance.</summary>
    public List<PermittedDto>? Permitted { get; set; }

    public List<UseDto>? Violations { get; set; }

    /// <summary>Version 3: the violations grouped by cause.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<ViolationGroupDto>? Groups { get; set; }

    /// <summary>Added to version 1 later: absent in fragments written before.</summary>
    public List<UseDto>? Baselined { get; set; }

    public List<AllowanceDto>? Allowances { get; set; }

    public List<DiagnosticDto>? Diagnostics { get; set; }

    /// <summary>Schema v3, optional: the CODEOWNERS owners mapped to roles that own code of the project; absent when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<TeamDto>? Teams { get; set; }

    /// <summary>Schema v3, optional: the suppressed violations and how each was suppressed; absent when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<SuppressionDto>? Suppressions { get; set; }

    /// <summary>
    /// Schema v3, optional: the mappings of shared policy files (outside the project's folder) that match
    /// nothing in this project or its references; the repository report decides on them. Absent when none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<SharedMappingDto>? UnmatchedSharedMappings { get; set; }
}

/// <summary>A mapping of a shared policy file that this project does not match (schema v3).</summary>
internal sealed class SharedMappingDto
{
    /// <summary>The policy file, repository-relative.</summary>
    public string? File { get; set; }

    public int? Line { get; set; }

    public int? Column { get; set; }

    /// <summary>The mapping's ID as written, with '+' when it has one.</summary>
    public string? Mapping { get; set; }
}

/// <summary>A CODEOWNERS owner (team or user) mapped to a role (schema v3, optional).</summary>
internal sealed class TeamDto
{
    public string? Team { get; set; }

    public string? Role { get; set; }

    public List<string>? Files { get; set; }

    public int Types { get; set; }

    public int Members { get; set; }

    public int ViolationsAsUser { get; set; }

    public int ViolationsAsUsed { get; set; }
}

/// <summary>A suppressed violation (schema v3).</summary>
internal sealed class SuppressionDto
{
    /// <summary>editorconfig, globalconfig, nowarn, pragma, suppressMessage or source.</summary>
    public string? SuppressedBy { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public string? User { get; set; }

    public string? Used { get; set; }

    public string? File { get; set; }

    public int? Line { get; set; }

    public int? Column { get; set; }
}

internal sealed class ProjectInfoDto
{
    public string? Name { get; set; }

    public string? Path { get; set; }

    public string? TargetFramework { get; set; }

    public string? AssemblyName { get; set; }

    public string? Assembly { get; set; }

    public string? Sarif { get; set; }

    public List<string>? PolicyFiles { get; set; }

    /// <summary>Schema v3, optional: true when the compile failed (no ownership listed); absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? CompileFailed { get; set; }
}

internal sealed class SummaryDto
{
    public int Roles { get; set; }

    public CountsDto? Types { get; set; }

    public CountsDto? Members { get; set; }

    public int Edges { get; set; }

    public int Crossings { get; set; }

    public int Violations { get; set; }

    public int? SuppressedViolations { get; set; }

    public int BaselinedViolations { get; set; }

    public int Allowances { get; set; }

    public int ExpiredAllowances { get; set; }

    public int Diagnostics { get; set; }
}

/// <summary>How many types (or members) there are, and how many are owned, contracts or neither.</summary>
internal sealed class CountsDto
{
    public int Total { get; set; }

    public int Owned { get; set; }

    public int Contract { get; set; }

    public int Unowned { get; set; }

    public double? OwnedShare { get; set; }
}

internal sealed class RoleDto
{
    public string? Name { get; set; }

    public List<NamespaceCountDto>? Namespaces { get; set; }

    public List<EntryDto>? Types { get; set; }

    public List<EntryDto>? Members { get; set; }
}

internal sealed class NamespaceCountDto
{
    public string? Name { get; set; }

    public int Types { get; set; }
}

/// <summary>A type or member: its ID, a type's namespace, a contract's role (which may be null) and where the role or contract comes from.</summary>
internal sealed class EntryDto
{
    public string? Id { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Namespace { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TextOrNull? Role { get; set; }

    public string? Source { get; set; }

    /// <summary>Schema v3, optional: the CODEOWNERS owner when the source is codeOwners.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Team { get; set; }
}

internal sealed class ContractsDto
{
    public List<EntryDto>? Types { get; set; }

    public List<EntryDto>? Members { get; set; }
}

internal sealed class UnownedDto
{
    public List<string>? Types { get; set; }

    public List<string>? Members { get; set; }
}

/// <summary>A role edge with its counts per kind; the repository's cross-project edges also name both projects and have no justifications.</summary>
internal sealed class EdgeDto
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FromProject { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ToProject { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public int Uses { get; set; }

    public int Allowed { get; set; }

    public int Contract { get; set; }

    public int Exception { get; set; }

    public int Violations { get; set; }

    public int Baselined { get; set; }

    /// <summary>Schema v3, optional: violations on this edge that were suppressed (included in <see cref="Uses"/>); absent when none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Suppressed { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<JustificationDto>? Justifications { get; set; }
}

internal sealed class JustificationDto
{
    public string? Text { get; set; }

    public int Uses { get; set; }
}

/// <summary>A use at one location: a violation, a baselined violation, or (version 1) a permitted use.</summary>
internal sealed class UseDto
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Project { get; set; }

    public string? RuleId { get; set; }

    public string? Kind { get; set; }

    public string? Level { get; set; }

    public string? File { get; set; }

    public int? Line { get; set; }

    public int? Column { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public string? User { get; set; }

    public string? Used { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Justification { get; set; }

    /// <summary>Allowances only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TextOrNull? Expires { get; set; }

    /// <summary>Allowances only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Expired { get; set; }

    public string? Message { get; set; }

    /// <summary>Version 3, violations: the policy line or attribute that would settle it, when the analyzer gave one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Settle { get; set; }
}

/// <summary>Version 3: the violations of one cause (from role, to role, used type), with the one line that would settle them all.</summary>
internal sealed class ViolationGroupDto
{
    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>The used type's documentation-comment ID (a member's declaring type).</summary>
    public string? Used { get; set; }

    public int Violations { get; set; }

    /// <summary>The policy line (<c>T:… = contract</c>, else the edge <c>A -> B</c>) or <c>[RoleContract]</c> on the used type.</summary>
    public string? Settle { get; set; }

    public List<LocationDto>? Locations { get; set; }
}

internal sealed class LocationDto
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Project { get; set; }

    public string? File { get; set; }

    public int Line { get; set; }

    public int Column { get; set; }
}

/// <summary>The permitted uses of one edge, kind, used assembly and (for an allowance) allowance, counted.</summary>
internal sealed class PermittedDto
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Project { get; set; }

    public string? Kind { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public string? UsedAssembly { get; set; }

    /// <summary>Allowances only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? User { get; set; }

    /// <summary>Allowances only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TextOrNull? Justification { get; set; }

    /// <summary>Allowances only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TextOrNull? Expires { get; set; }

    /// <summary>Allowances only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Expired { get; set; }

    public int? Uses { get; set; }
}

internal sealed class AllowanceDto
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Project { get; set; }

    public string? User { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public string? Justification { get; set; }

    public string? Expires { get; set; }

    public bool Expired { get; set; }

    public int Uses { get; set; }
}

internal sealed class DiagnosticDto
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Project { get; set; }

    public string? RuleId { get; set; }

    public string? Level { get; set; }

    public string? File { get; set; }

    public int? Line { get; set; }

    public int? Column { get; set; }

    public string? Message { get; set; }
}

/// <summary>The repository report (<c>"kind": "repository"</c>).</summary>
internal sealed class RepositoryReportDto
{
    public int SchemaVersion { get; set; }

    public string? Kind { get; set; }

    public RepositorySummaryDto? Summary { get; set; }

    public List<RepositoryProjectDto>? Projects { get; set; }

    public List<RepositoryRoleDto>? Roles { get; set; }

    public List<EdgeDto>? Edges { get; set; }

    public List<EdgeDto>? CrossProjectEdges { get; set; }

    public List<UseDto>? Violations { get; set; }

    public List<ViolationGroupDto>? Groups { get; set; }

    public List<UseDto>? Baselined { get; set; }

    public List<PermittedDto>? Permitted { get; set; }

    public List<AllowanceDto>? Allowances { get; set; }

    public List<DiagnosticDto>? Diagnostics { get; set; }
}

internal sealed class RepositorySummaryDto
{
    public int Projects { get; set; }

    public int ProjectBuilds { get; set; }

    public int Roles { get; set; }

    public CountsDto? Types { get; set; }

    public CountsDto? Members { get; set; }

    public int Edges { get; set; }

    public int CrossProjectEdges { get; set; }

    public int Crossings { get; set; }

    public int Violations { get; set; }

    public int BaselinedViolations { get; set; }

    public int Allowances { get; set; }

    public int ExpiredAllowances { get; set; }

    public int Diagnostics { get; set; }
}

internal sealed class RepositoryProjectDto
{
    public string? Name { get; set; }

    public string? Path { get; set; }

    public string? TargetFramework { get; set; }

    public string? AssemblyName { get; set; }

    public List<string>? Roles { get; set; }

    public CountsDto? Types { get; set; }

    public CountsDto? Members { get; set; }

    public int Violations { get; set; }

    public int BaselinedViolations { get; set; }

    public int Allowances { get; set; }
}

internal sealed class RepositoryRoleDto
{
    public string? Name { get; set; }

    public List<RoleInProjectDto>? Projects { get; set; }
}

internal sealed class RoleInProjectDto
{
    public string? Path { get; set; }

    public List<string>? Namespaces { get; set; }

    public int Types { get; set; }

    public int Members { get; set; }
}

/// <summary>
/// A property that applies only to some entries (e.g. an allowance's expiry) but whose value, where it
/// applies, may be null: left out when the wrapper itself is null, written as the text or null otherwise.
/// </summary>
[JsonConverter(typeof(TextOrNullConverter))]
internal sealed class TextOrNull
{
    public TextOrNull(string? value) => Value = value;

    public string? Value { get; }
}

internal sealed class TextOrNullConverter : JsonConverter<TextOrNull>
{
    public override TextOrNull Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("expected a string or null"));

    public override void Write(Utf8JsonWriter writer, TextOrNull value, JsonSerializerOptions options)
    {
        if (value.Value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.Value);
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(ProjectReportDto))]
[JsonSerializable(typeof(RepositoryReportDto))]
internal sealed partial class ReportJsonContext : JsonSerializerContext
{
}
