using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

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
    public static byte[] Filter(byte[] log, string rulePrefix)
    {
        var root = JsonNode.Parse(log, documentOptions: new JsonDocumentOptions { MaxDepth = 256 }) as JsonObject
            ?? throw new MalformedSarifException("the log is not a JSON object");
        if (root["runs"] is JsonArray runs)
        {
            foreach (var run in runs.OfType<JsonObject>())
            {
                if (run["results"] is not JsonArray results)
                {
                    continue;
                }

                var kept = new JsonArray();
                foreach (var result in results.ToList())
                {
                    results.Remove(result);
                    if (result is JsonObject r && IsActionable(r, rulePrefix))
                    {
                        kept.Add(r);
                    }
                }

                run["results"] = kept;
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(root, new JsonSerializerOptions { WriteIndented = true });
    }

    private static bool IsActionable(JsonObject result, string rulePrefix)
    {
        var ruleId = result["ruleId"] is JsonValue id && id.TryGetValue<string>(out var text) ? text : null;
        if (ruleId is null || !ruleId.StartsWith(rulePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        // SARIF's default level is warning.
        var level = result["level"] is JsonValue l && l.TryGetValue<string>(out var value) ? value : "warning";
        if (level is not ("warning" or "error"))
        {
            return false;
        }

        return !(result["suppressions"] is JsonArray { Count: > 0 });
    }
}
