using System;
using System.Text.Json;

namespace MlAtScale.Build.Tasks.Sarif;

/// <summary>
/// The copy of the compiler's SARIF log that is fit for code scanning: only the role rules' results
/// that someone must act on (level warning or error, not suppressed). The log itself also carries the
/// report's own records (MLR0006 notes, one per permitted edge) and suppressed results, which code
/// scanning would show as alerts. Everything else of the log (tool, rules, invocations) is kept, so
/// every result's rule index still points at its rule.
/// </summary>
internal static class CodeScanningSarif
{
    /// <summary>
    /// One pass over a read-only document: every part of the log is copied as it is, except the results
    /// arrays of the runs, which keep only the actionable results. Linear in the log's size (the log of a
    /// build with thousands of violations is several megabytes).
    /// </summary>
    public static byte[] Filter(byte[] log, string rulePrefix)
    {
        using var document = JsonDocument.Parse(log, new JsonDocumentOptions { MaxDepth = 256 });
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedSarifException("the log is not a JSON object");
        }

        var output = new System.IO.MemoryStream(log.Length / 2 + 1024);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, MaxDepth = 256 }))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("runs") && property.Value.ValueKind == JsonValueKind.Array)
                {
                    writer.WritePropertyName(property.Name);
                    writer.WriteStartArray();
                    foreach (var run in property.Value.EnumerateArray())
                    {
                        WriteRun(writer, run, rulePrefix);
                    }

                    writer.WriteEndArray();
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return output.ToArray();
    }

    private static void WriteRun(Utf8JsonWriter writer, JsonElement run, string rulePrefix)
    {
        if (run.ValueKind != JsonValueKind.Object)
        {
            run.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        foreach (var property in run.EnumerateObject())
        {
            if (property.NameEquals("results") && property.Value.ValueKind == JsonValueKind.Array)
            {
                writer.WritePropertyName(property.Name);
                writer.WriteStartArray();
                foreach (var result in property.Value.EnumerateArray())
                {
                    if (IsActionable(result, rulePrefix))
                    {
                        result.WriteTo(writer);
                    }
                }

                writer.WriteEndArray();
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static bool IsActionable(JsonElement result, string rulePrefix)
    {
        if (result.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var ruleId = result.TryGetProperty("ruleId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        if (ruleId is null || !ruleId.StartsWith(rulePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        // SARIF's default level is warning.
        var level = result.TryGetProperty("level", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : "warning";
        if (level is not ("warning" or "error"))
        {
            return false;
        }

        return !(result.TryGetProperty("suppressions", out var suppressions) && suppressions.ValueKind == JsonValueKind.Array && suppressions.GetArrayLength() > 0);
    }
}
