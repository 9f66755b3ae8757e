using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using MlAtScale.Build.Tasks.Sarif;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>The code-scanning copy of the compiler's log: the role rules' actionable results, everything else as it was.</summary>
public sealed class CodeScanningSarifTests
{
    private const string Log = """
        {
          "$schema": "http://json.schemastore.org/sarif-2.1.0",
          "version": "2.1.0",
          "runs": [
            {
              "tool": { "driver": { "name": "csc", "rules": [ { "id": "MLR0001" }, { "id": "MLR0006" } ] } },
              "results": [
                { "ruleId": "CS0168", "level": "warning", "message": { "text": "compiler" } },
                { "ruleId": "MLR0001", "ruleIndex": 0, "level": "warning", "message": { "text": "A \u0022quoted\u0022 message, caf\u00e9" } },
                { "ruleId": "MLR0006", "ruleIndex": 1, "level": "note", "message": { "text": "record" } },
                { "ruleId": "MLR0001", "ruleIndex": 0, "level": "warning", "message": { "text": "suppressed" }, "suppressions": [ { "kind": "inSource" } ] },
                { "ruleId": "MLR0001", "ruleIndex": 0, "message": { "text": "default level" }, "suppressions": [] },
                { "ruleId": "MLR0010", "level": "error", "message": { "text": "as error" } },
                { "ruleId": "MLR0009", "level": "none", "message": { "text": "off" } },
                "not an object"
              ],
              "invocations": [ { "executionSuccessful": true } ]
            },
            { "tool": { "driver": { "name": "second" } } }
          ]
        }
        """;

    [Fact]
    public void Keeps_the_role_rules_warnings_and_errors_and_everything_else_of_the_log()
    {
        var filtered = JsonDocument.Parse(CodeScanningSarif.Filter(Encoding.UTF8.GetBytes(Log), "MLR")).RootElement;
        var original = JsonDocument.Parse(Log).RootElement;

        var runs = filtered.GetProperty("runs");
        Assert.Equal(2, runs.GetArrayLength());
        var results = runs[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(new[] { "A \"quoted\" message, café", "default level", "as error" }, results.Select(r => r.GetProperty("message").GetProperty("text").GetString()));
        Assert.Equal(new[] { "MLR0001", "MLR0001", "MLR0010" }, results.Select(r => r.GetProperty("ruleId").GetString()));

        // Every other part is the compiler's own: the schema, the tool and its rules (the results' rule
        // indexes still point at them), the invocations and the second run.
        Assert.Equal(original.GetProperty("$schema").GetString(), filtered.GetProperty("$schema").GetString());
        Assert.Equal(JsonSerializer.Serialize(original.GetProperty("runs")[0].GetProperty("tool")), JsonSerializer.Serialize(runs[0].GetProperty("tool")));
        Assert.True(runs[0].GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
        Assert.Equal("second", runs[1].GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        Assert.False(runs[1].TryGetProperty("results", out _));
    }

    [Fact]
    public void Keeps_every_actionable_result_of_a_large_log_in_order()
    {
        // The filter of a log with 20,000 results reads each once (it used to remove them one by one
        // from a list): here only its output is checked, the cost is the benchmark's.
        var results = string.Join(",", Enumerable.Range(0, 20_000).Select(i => $$"""{ "ruleId": "{{(i % 2 == 0 ? "MLR0001" : "MLR0006")}}", "level": "{{(i % 2 == 0 ? "warning" : "note")}}", "message": { "text": "use {{i}}" } }"""));
        var log = Encoding.UTF8.GetBytes($$"""{ "version": "2.1.0", "runs": [ { "results": [ {{results}} ] } ] }""");

        var kept = JsonDocument.Parse(CodeScanningSarif.Filter(log, "MLR")).RootElement.GetProperty("runs")[0].GetProperty("results");

        Assert.Equal(10_000, kept.GetArrayLength());
        Assert.Equal("use 0", kept[0].GetProperty("message").GetProperty("text").GetString());
        Assert.Equal("use 19998", kept[9_999].GetProperty("message").GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("[ ]")]
    [InlineData("\"text\"")]
    public void A_log_that_is_not_an_object_is_malformed(string log)
    {
        Assert.Throws<MalformedSarifException>(() => CodeScanningSarif.Filter(Encoding.UTF8.GetBytes(log), "MLR"));
    }

    [Fact]
    public void Broken_json_throws_a_json_exception_for_the_task_to_name()
    {
        Assert.ThrowsAny<JsonException>(() => CodeScanningSarif.Filter(Encoding.UTF8.GetBytes("{ \"runs\": [ "), "MLR"));
    }
}
