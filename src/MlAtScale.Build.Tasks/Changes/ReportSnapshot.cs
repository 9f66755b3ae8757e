using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using MlAtScale.Build.Tasks.Report;

namespace MlAtScale.Build.Tasks.Changes;

/// <summary>
/// What the comparison needs from one written report (<c>mlroles-report.json</c>, project or repository):
/// its violations, edges, allowances and ownership. The base and the current report are read by this one
/// reader, from their JSON, so the two sides of a comparison are always read the same way. It reads every
/// schema version from 1 to the current one, and only the properties that exist since version 1.
/// </summary>
internal sealed class ReportSnapshot
{
    public const string ProjectKind = "project";
    public const string RepositoryKind = "repository";

    public string Kind { get; private set; } = ProjectKind;

    /// <summary>Project reports only: the project's repository-relative path and target framework.</summary>
    public string ProjectPath { get; private set; } = string.Empty;

    public string TargetFramework { get; private set; } = string.Empty;

    public List<ChangedUse> Violations { get; } = new();

    public Dictionary<(string From, string? To), EdgeCounts> Edges { get; } = new();

    public List<AllowanceKey> Allowances { get; } = new();

    /// <summary>
    /// Project report: type ID to its owner (<c>DataScience</c>, <c>contract</c>, <c>DataScience, contract</c>
    /// or <c>unowned</c>). Repository report: <c>project: namespace</c> to the roles that own types in it.
    /// </summary>
    public Dictionary<string, string> Ownership { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads a report; throws <see cref="FormatException"/> (or <see cref="JsonException"/>) when it is not one.</summary>
    public static ReportSnapshot Read(byte[] json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object ||
            !root.TryGetProperty("schemaVersion", out var versionElement) || !versionElement.TryGetInt32(out var version) ||
            !root.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String)
        {
            throw new FormatException("it has no 'schemaVersion' and 'kind': it is not an MlAtScale role report (mlroles-report.json)");
        }

        var kind = kindElement.GetString();
        if (kind is not (ProjectKind or RepositoryKind))
        {
            throw new FormatException($"its kind is '{kind}', not 'project' or 'repository': pass an mlroles-report.json, not another file of the report folder");
        }

        if (version < ProjectReportJson.OldestReadableVersion || version > ProjectReportJson.SchemaVersion)
        {
            throw new FormatException($"it has schema version {version}; this package reads versions {ProjectReportJson.OldestReadableVersion} to {ProjectReportJson.SchemaVersion} (build the base with the same or an older package)");
        }

        var snapshot = new ReportSnapshot { Kind = kind };
        if (kind == ProjectKind && root.TryGetProperty("project", out var project) && project.ValueKind == JsonValueKind.Object)
        {
            snapshot.ProjectPath = Text(project, "path") ?? string.Empty;
            snapshot.TargetFramework = Text(project, "targetFramework") ?? string.Empty;
        }

        foreach (var v in Array(root, "violations"))
        {
            snapshot.Violations.Add(new ChangedUse(
                Text(v, "project") ?? snapshot.ProjectPath,
                Text(v, "file"),
                Number(v, "line"),
                Number(v, "column"),
                Text(v, "from") ?? string.Empty,
                Text(v, "to"),
                Text(v, "user") ?? string.Empty,
                Text(v, "used") ?? string.Empty,
                Text(v, "message") ?? string.Empty));
        }

        foreach (var e in Array(root, "edges"))
        {
            snapshot.Edges[(Text(e, "from") ?? string.Empty, Text(e, "to"))] = new EdgeCounts(
                Number(e, "uses"), Number(e, "allowed"), Number(e, "contract"), Number(e, "exception"), Number(e, "violations"), Number(e, "baselined"));
        }

        foreach (var a in Array(root, "allowances"))
        {
            snapshot.Allowances.Add(new AllowanceKey(
                Text(a, "project") ?? snapshot.ProjectPath,
                Text(a, "user") ?? string.Empty,
                Text(a, "from") ?? string.Empty,
                Text(a, "to"),
                Text(a, "justification"),
                Text(a, "expires")));
        }

        if (kind == ProjectKind)
        {
            ReadProjectOwnership(root, snapshot.Ownership);
        }
        else
        {
            ReadRepositoryOwnership(root, snapshot.Ownership);
        }

        return snapshot;
    }

    private static void ReadProjectOwnership(JsonElement root, Dictionary<string, string> ownership)
    {
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var role in Array(root, "roles"))
        {
            var name = Text(role, "name") ?? string.Empty;
            foreach (var type in Array(role, "types"))
            {
                if (Text(type, "id") is { } id)
                {
                    roles[id] = name;
                }
            }
        }

        var contracts = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("contracts", out var contractSection) && contractSection.ValueKind == JsonValueKind.Object)
        {
            foreach (var type in Array(contractSection, "types"))
            {
                if (Text(type, "id") is { } id)
                {
                    contracts.Add(id);
                }
            }
        }

        foreach (var id in roles.Keys.Concat(contracts).Distinct(StringComparer.Ordinal))
        {
            var role = roles.TryGetValue(id, out var r) ? r : null;
            ownership[id] = contracts.Contains(id) ? (role is null ? "contract" : role + ", contract") : role!;
        }

        if (root.TryGetProperty("unowned", out var unowned) && unowned.ValueKind == JsonValueKind.Object)
        {
            foreach (var type in Array(unowned, "types"))
            {
                if (type.ValueKind == JsonValueKind.String && type.GetString() is { } id && !ownership.ContainsKey(id))
                {
                    ownership[id] = "unowned";
                }
            }
        }
    }

    private static void ReadRepositoryOwnership(JsonElement root, Dictionary<string, string> ownership)
    {
        var owners = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var role in Array(root, "roles"))
        {
            var name = Text(role, "name") ?? string.Empty;
            foreach (var project in Array(role, "projects"))
            {
                var path = Text(project, "path") ?? string.Empty;
                foreach (var ns in Array(project, "namespaces"))
                {
                    if (ns.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }

                    var key = path + ": " + (string.IsNullOrEmpty(ns.GetString()) ? "(global namespace)" : ns.GetString());
                    if (!owners.TryGetValue(key, out var set))
                    {
                        owners[key] = set = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(name);
                }
            }
        }

        foreach (var pair in owners)
        {
            ownership[pair.Key] = string.Join(", ", pair.Value);
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(e => e.ValueKind is JsonValueKind.Object or JsonValueKind.String)
            : Enumerable.Empty<JsonElement>();

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : 0;
}

/// <summary>One violation of a report, at its place.</summary>
internal sealed class ChangedUse
{
    public ChangedUse(string project, string? file, int line, int column, string from, string? to, string user, string used, string message)
    {
        Project = project;
        File = file;
        Line = line;
        Column = column;
        From = from;
        To = to;
        User = user;
        Used = used;
        Message = message;
    }

    public string Project { get; }

    public string? File { get; }

    public int Line { get; }

    public int Column { get; }

    public string From { get; }

    public string? To { get; }

    public string User { get; }

    public string Used { get; }

    public string Message { get; }

    /// <summary>What stays the same when code moves: who uses what, across which edge. The place is not part of it.</summary>
    public (string Project, string From, string? To, string User, string Used) Identity => (Project, From, To, User, Used);
}

/// <summary>The counts of one role edge (a tuple: compared by value).</summary>

/// <summary>The counts of one role edge.</summary>
internal readonly struct EdgeCounts : IEquatable<EdgeCounts>
{
    public EdgeCounts(int uses, int allowed, int contract, int exception, int violations, int baselined)
    {
        Uses = uses;
        Allowed = allowed;
        Contract = contract;
        Exception = exception;
        Violations = violations;
        Baselined = baselined;
    }

    public int Uses { get; }

    public int Allowed { get; }

    public int Contract { get; }

    public int Exception { get; }

    public int Violations { get; }

    public int Baselined { get; }

    private (int, int, int, int, int, int) Values => (Uses, Allowed, Contract, Exception, Violations, Baselined);

    public bool Equals(EdgeCounts other) => Values == other.Values;

    public override bool Equals(object? obj) => obj is EdgeCounts other && Equals(other);

    public override int GetHashCode() => Values.GetHashCode();
}

/// <summary>One allowance as it applies to one using member (compared by all of its parts).</summary>
internal sealed class AllowanceKey : IEquatable<AllowanceKey>
{
    public AllowanceKey(string project, string user, string from, string? to, string? justification, string? expires)
    {
        Project = project;
        User = user;
        From = from;
        To = to;
        Justification = justification;
        Expires = expires;
    }

    public string Project { get; }

    public string User { get; }

    public string From { get; }

    public string? To { get; }

    public string? Justification { get; }

    public string? Expires { get; }

    private (string, string, string, string?, string?, string?) Values => (Project, User, From, To, Justification, Expires);

    public bool Equals(AllowanceKey? other) => other is not null && Values == other.Values;

    public override bool Equals(object? obj) => Equals(obj as AllowanceKey);

    public override int GetHashCode() => Values.GetHashCode();
}
