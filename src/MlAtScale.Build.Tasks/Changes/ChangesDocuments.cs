using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace MlAtScale.Build.Tasks.Changes;

/// <summary><c>mlroles-changes.json</c> (docs/pull-request-view.md), written by the source-generated serializer.</summary>
internal sealed class ChangesDto
{
    public int SchemaVersion { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string Report { get; set; } = string.Empty;

    public ChangesSummaryDto Summary { get; set; } = new();

    public List<ChangedUseDto> NewViolations { get; set; } = new();

    public List<ChangedUseDto> FixedViolations { get; set; } = new();

    public List<ChangedEdgeDto> Edges { get; set; } = new();

    public List<ChangedAllowanceDto> NewAllowances { get; set; } = new();

    public List<ChangedAllowanceDto> RemovedAllowances { get; set; } = new();

    public List<OwnershipChangeDto> Ownership { get; set; } = new();
}

internal sealed class ChangesSummaryDto
{
    public int NewViolations { get; set; }

    public int FixedViolations { get; set; }

    public int ChangedEdges { get; set; }

    public int NewAllowances { get; set; }

    public int RemovedAllowances { get; set; }

    public int OwnershipChanges { get; set; }
}

internal sealed class ChangedUseDto
{
    public string Project { get; set; } = string.Empty;

    public string? File { get; set; }

    public int Line { get; set; }

    public int Column { get; set; }

    public string From { get; set; } = string.Empty;

    public string? To { get; set; }

    public string User { get; set; } = string.Empty;

    public string Used { get; set; } = string.Empty;

    public string Message { get; set; } = string.Empty;
}

internal sealed class ChangedEdgeDto
{
    public string From { get; set; } = string.Empty;

    public string? To { get; set; }

    public EdgeCountsDto Before { get; set; } = new();

    public EdgeCountsDto After { get; set; } = new();
}

internal sealed class EdgeCountsDto
{
    public int Uses { get; set; }

    public int Allowed { get; set; }

    public int Contract { get; set; }

    public int Exception { get; set; }

    public int Violations { get; set; }

    public int Baselined { get; set; }
}

internal sealed class ChangedAllowanceDto
{
    public string Project { get; set; } = string.Empty;

    public string User { get; set; } = string.Empty;

    public string From { get; set; } = string.Empty;

    public string? To { get; set; }

    public string? Justification { get; set; }

    public string? Expires { get; set; }
}

/// <summary>A project report names the type (<c>id</c>), the repository report the project and namespace (<c>namespace</c>).</summary>
internal sealed class OwnershipChangeDto
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Namespace { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ChangesDto))]
internal sealed partial class ChangesJsonContext : JsonSerializerContext
{
}
