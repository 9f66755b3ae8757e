using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace MlAtScale.Build.Tasks.Sarif;

/// <summary>One result of the compiler's SARIF log.</summary>
internal sealed class SarifResult
{
    public SarifResult(string ruleId, string level, string message, string? file, int line, int column, IReadOnlyDictionary<string, string> properties, bool suppressed)
    {
        RuleId = ruleId;
        Level = level;
        Message = message;
        File = file;
        Line = line;
        Column = column;
        Properties = properties;
        IsSuppressed = suppressed;
    }

    public string RuleId { get; }

    /// <summary>error, warning, note or none.</summary>
    public string Level { get; }

    public string Message { get; }

    /// <summary>The absolute path of the source file, or null for a result without a location.</summary>
    public string? File { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The diagnostic's properties (<c>properties.customProperties</c>).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>Suppressed in source (<c>#pragma</c>, <c>[SuppressMessage]</c>): logged but not reported.</summary>
    public bool IsSuppressed { get; }
}

/// <summary>Thrown when a SARIF log is not valid JSON or not a SARIF log the compiler writes.</summary>
internal sealed class MalformedSarifException : Exception
{
    public MalformedSarifException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>Reads the results of a SARIF 2.1.0 (or 1.0.0) log written by the C# compiler's <c>/errorlog</c>.</summary>
internal static class SarifLog
{
    /// <summary>Results whose rule ID starts with <paramref name="rulePrefix"/>, in log order.</summary>
    public static List<SarifResult> Read(string path, string rulePrefix, string baseDirectory)
    {
        var bytes = File.ReadAllBytes(path);

        // A log as the compiler writes it is read in one pass that keeps only the fields the report needs;
        // anything else (a problem to report, or an unusual but valid shape) is read the general way below,
        // so that the results and the messages are exactly what that way gives.
        return SarifStreamReader.TryRead(bytes, rulePrefix, baseDirectory) ?? ReadDocument(bytes, rulePrefix, baseDirectory);
    }

    /// <summary><see cref="Read"/> through a <see cref="JsonDocument"/>: every check, in document order.</summary>
    internal static List<SarifResult> ReadDocument(byte[] bytes, string rulePrefix, string baseDirectory)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new MalformedSarifException("the top level is not a JSON object");
            }

            var version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (version is not ("2.1.0" or "1.0.0"))
            {
                throw new MalformedSarifException($"'version' is {(version is null ? "missing" : "'" + version + "'")}; expected SARIF '2.1.0' (ErrorLog=path,version=2.1) or '1.0.0'");
            }

            if (!root.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array)
            {
                throw new MalformedSarifException("'runs' is missing or not an array");
            }

            var results = new List<SarifResult>();

            // Many results share a file: turn each distinct URI into a path once (Uri parsing and
            // Path.GetFullPath per result were a tenth of the read). A URI that is not a valid path throws
            // the first time it is met, so caching only the valid ones changes no outcome.
            var paths = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var run in runs.EnumerateArray())
            {
                if (run.ValueKind != JsonValueKind.Object)
                {
                    throw new MalformedSarifException("a run is not a JSON object");
                }

                if (!run.TryGetProperty("results", out var runResults))
                {
                    continue;
                }

                if (runResults.ValueKind != JsonValueKind.Array)
                {
                    throw new MalformedSarifException("'results' is not an array");
                }

                foreach (var result in runResults.EnumerateArray())
                {
                    var parsed = ReadResult(result, version, rulePrefix, baseDirectory, paths);
                    if (parsed != null)
                    {
                        results.Add(parsed);
                    }
                }
            }

            return results;
        }
        catch (JsonException e)
        {
            throw new MalformedSarifException($"it is not valid JSON ({e.Message})", e);
        }
        catch (InvalidOperationException e)
        {
            throw new MalformedSarifException($"a value has an unexpected type ({e.Message})", e);
        }
    }

    private static SarifResult? ReadResult(JsonElement result, string version, string rulePrefix, string baseDirectory, Dictionary<string, string> paths)
    {
        if (result.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedSarifException("a result is not a JSON object");
        }

        var ruleId = result.TryGetProperty("ruleId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : null;
        if (ruleId is null)
        {
            throw new MalformedSarifException("a result has no 'ruleId'");
        }

        if (!ruleId.StartsWith(rulePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var level = result.TryGetProperty("level", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString()! : "warning";
        var message = string.Empty;
        if (result.TryGetProperty("message", out var m))
        {
            message = m.ValueKind switch
            {
                JsonValueKind.String => m.GetString()!,
                JsonValueKind.Object when m.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String => text.GetString()!,
                _ => string.Empty,
            };
        }

        string? file = null;
        var line = 0;
        var column = 0;
        if (result.TryGetProperty("locations", out var locations) && locations.ValueKind == JsonValueKind.Array && locations.GetArrayLength() > 0)
        {
            var location = locations[0];
            JsonElement artifact = default;
            JsonElement region = default;
            if (version == "2.1.0" && location.TryGetProperty("physicalLocation", out var physical))
            {
                physical.TryGetProperty("artifactLocation", out artifact);
                physical.TryGetProperty("region", out region);
            }
            else if (version == "1.0.0" && location.TryGetProperty("resultFile", out var resultFile))
            {
                artifact = resultFile;
                resultFile.TryGetProperty("region", out region);
            }

            if (artifact.ValueKind == JsonValueKind.Object && artifact.TryGetProperty("uri", out var uri) && uri.ValueKind == JsonValueKind.String)
            {
                var text = uri.GetString()!;
                if (!paths.TryGetValue(text, out file))
                {
                    file = ToLocalPath(text, baseDirectory);
                    paths.Add(text, file);
                }
            }

            if (region.ValueKind == JsonValueKind.Object)
            {
                line = ReadPosition(region, "startLine");
                column = ReadPosition(region, "startColumn");
            }
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (result.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object &&
            props.TryGetProperty("customProperties", out var custom) && custom.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in custom.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    properties[property.Name] = property.Value.GetString()!;
                }
            }
        }

        var suppressed = (result.TryGetProperty("suppressions", out var suppressions) && suppressions.ValueKind == JsonValueKind.Array && suppressions.GetArrayLength() > 0) ||
                         (result.TryGetProperty("suppressionStates", out var states) && states.ValueKind == JsonValueKind.Array && states.GetArrayLength() > 0);
        return new SarifResult(ruleId, level, message, file, line, column, properties, suppressed);
    }

    /// <summary>A line or column number; a number that is not a whole 32-bit number is malformed (GetInt32 would throw FormatException).</summary>
    private static int ReadPosition(JsonElement region, string name)
    {
        if (!region.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number)
        {
            return 0;
        }

        return value.TryGetInt32(out var number) ? number : throw new MalformedSarifException($"'{name}' is not a whole number: {value.GetRawText()}");
    }

    /// <summary>The full local path a result's URI names; a URI that names no valid path (e.g. one with %00) is malformed.</summary>
    internal static string ToLocalPath(string uri, string baseDirectory)
    {
        try
        {
            return Path.GetFullPath(Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.IsFile
                ? absolute.LocalPath
                : Path.Combine(baseDirectory, Uri.UnescapeDataString(uri)));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new MalformedSarifException($"the location '{uri}' is not a valid file path ({e.Message})", e);
        }
    }
}
