using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace MlAtScale.Build.Tasks.Report;

// The project report's JSON shape, as the repository merge reads it back (docs/report-schema.md,
// "kind": "project", versions 1 and 2). Only what the merge needs is declared; other properties are
// ignored. System.Text.Json's source generator writes the (reflection-free) reader.

internal sealed class ProjectReportDto
{
    public int SchemaVersion { get; set; }

    public string? Kind { get; set; }

    public ProjectInfoDto? Project { get; set; }

    public SummaryDto? Summary { get; set; }

    public List<RoleDto>? Roles { get; set; }

    public ContractsDto? Contracts { get; set; }

    public UnownedDto? Unowned { get; set; }

    /// <summary>Version 1 only: one permitted use per location.</summary>
    public List<UseDto>? Crossings { get; set; }

    public List<UseDto>? Violations { get; set; }

    /// <summary>Added to version 1 later: absent in fragments written before.</summary>
    public List<UseDto>? Baselined { get; set; }

    /// <summary>Version 2: permitted uses counted per edge, kind, used assembly and allowance.</summary>
    public List<PermittedDto>? Permitted { get; set; }

    public List<DiagnosticDto>? Diagnostics { get; set; }
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
}

internal sealed class SummaryDto
{
    public int? SuppressedViolations { get; set; }
}

internal sealed class RoleDto
{
    public string? Name { get; set; }

    public List<EntryDto>? Types { get; set; }

    public List<EntryDto>? Members { get; set; }
}

internal sealed class EntryDto
{
    public string? Id { get; set; }

    public string? Namespace { get; set; }

    public string? Role { get; set; }

    public string? Source { get; set; }
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

internal sealed class UseDto
{
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

    public string? Justification { get; set; }

    public string? Expires { get; set; }

    public bool Expired { get; set; }

    public string? Message { get; set; }
}

internal sealed class PermittedDto
{
    public string? Kind { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public string? UsedAssembly { get; set; }

    public string? User { get; set; }

    public string? Justification { get; set; }

    public string? Expires { get; set; }

    public bool Expired { get; set; }

    public int? Uses { get; set; }
}

internal sealed class DiagnosticDto
{
    public string? RuleId { get; set; }

    public string? Level { get; set; }

    public string? File { get; set; }

    public int? Line { get; set; }

    public int? Column { get; set; }

    public string? Message { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(ProjectReportDto))]
internal sealed partial class ReportJsonContext : JsonSerializerContext
{
}
