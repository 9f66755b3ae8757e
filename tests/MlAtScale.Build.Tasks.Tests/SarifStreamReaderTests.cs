using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MlAtScale.Build.Tasks.Sarif;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>The one SARIF reader: one pass over the log, any valid JSON shape, every problem named.</summary>
public sealed class SarifStreamReaderTests
{
    private static readonly string Base = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "sarif-base"));

    private const string Log21 = """
        {
          "$schema": "http://json.schemastore.org/sarif-2.1.0",
          "version": "2.1.0",
          "runs": [
            {
              "tool": { "driver": { "name": "csc", "rules": [ { "id": "MLR0001", "shortDescription": { "text": "x" } } ] } },
              "results": [
                { "ruleId": "CS2023", "ruleIndex": 0, "level": "warning", "message": { "text": "Ignoring /noconfig" }, "properties": { "warningLevel": 1 } },
                {
                  "ruleId": "MLR0001", "ruleIndex": 1, "level": "error",
                  "message": { "text": "A \u0022quoted\u0022 \\ message" },
                  "locations": [
                    { "physicalLocation": { "artifactLocation": { "uri": "src/Models/Churn.cs" }, "region": { "startLine": 12, "startColumn": 9, "endLine": 12, "endColumn": 30 } } },
                    { "physicalLocation": { "artifactLocation": { "uri": "src/Other.cs" }, "region": { "startLine": 1, "startColumn": 1 } } }
                  ],
                  "properties": { "warningLevel": 1, "customProperties": { "kind": "violation", "userRole": "DataScience", "count": 3, "usedRole": "DataEngineering" } }
                },
                { "ruleId": "MLR0006", "level": "note", "message": "plain string message", "suppressions": [ { "kind": "inSource" } ],
                  "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "src/Models/Churn.cs" }, "region": { "startLine": 3 } } } ] },
                { "ruleId": "MLR0009", "message": { "markdown": "no text" }, "locations": [], "suppressionStates": [] },
                { "ruleId": "MLR0002", "level": null, "message": 7, "locations": [ { "physicalLocation": { "artifactLocation": 5, "region": "r" } } ], "properties": { "customProperties": [] } }
              ]
            },
            { "tool": { "driver": { "name": "second" } } },
            { "results": [ { "ruleId": "MLR0003", "message": { "text": "second run" } } ] }
          ]
        }
        """;

    private const string Log10 = """
        { "version": "1.0.0", "runs": [ { "results": [
          { "ruleId": "MLR0001", "level": "warning", "message": "old format",
            "locations": [ { "resultFile": { "uri": "src/A.cs", "region": { "startLine": 4, "startColumn": 2 } }, "physicalLocation": 3 } ],
            "properties": { "customProperties": { "kind": "policy" } }, "suppressionStates": [ "suppressedInSource" ] } ] } ] }
        """;

    [Fact]
    public void Compiler_log_gives_each_result_with_its_fields()
    {
        using var file = new TempFile(Log21);
        var fast = SarifLog.Read(file.Path, "MLR", Base);

        Assert.Equal(new[] { "MLR0001", "MLR0006", "MLR0009", "MLR0002", "MLR0003" }, fast.Select(r => r.RuleId));
        var violation = fast[0];
        Assert.Equal("error", violation.Level);
        Assert.Equal("A \"quoted\" \\ message", violation.Message);
        Assert.Equal(Path.Combine(Base, "src", "Models", "Churn.cs"), violation.File);
        Assert.Equal(12, violation.Line);
        Assert.Equal(9, violation.Column);
        Assert.Equal("kind=violation;usedRole=DataEngineering;userRole=DataScience", string.Join(";", violation.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)));
        Assert.False(violation.IsSuppressed);
        Assert.Same(violation.File, fast[1].File);
        Assert.Equal(("note", "plain string message", 3, 0, true), (fast[1].Level, fast[1].Message, fast[1].Line, fast[1].Column, fast[1].IsSuppressed));
        Assert.Equal(("warning", string.Empty, (string?)null, false), (fast[2].Level, fast[2].Message, fast[2].File, fast[2].IsSuppressed));
        Assert.Equal(("warning", string.Empty, (string?)null, 0, 0), (fast[3].Level, fast[3].Message, fast[3].File, fast[3].Line, fast[3].Column));
        Assert.Empty(fast[3].Properties);
        Assert.Equal("second run", fast[4].Message);
    }

    [Fact]
    public void Version_1_log_gives_its_result_from_the_result_file()
    {
        var result = Assert.Single(SarifStreamReader.Read(Encoding.UTF8.GetBytes(Log10), "MLR", Base));
        Assert.Equal((Path.Combine(Base, "src", "A.cs"), 4, 2, true, "policy"), (result.File, result.Line, result.Column, result.IsSuppressed, result.Properties["kind"]));
    }

    /// <summary>Valid logs in a shape the compiler does not write: fields in any order, and a repeated field counts with its last value.</summary>
    [Theory]
    [InlineData("""{ "runs": [ { "results": [ { "ruleId": "MLR0001", "message": "m" } ] } ], "version": "2.1.0" }""", "MLR0001|warning|m|0")]
    [InlineData("""{ "version": "2.1.0", "runs": [ { "results": [ { "ruleId": "MLR0001", "level": "error", "level": "note" } ] } ] }""", "MLR0001|note||0")]
    [InlineData("""{ "version": "2.1.0", "runs": [ { "results": [ { "ruleId": "MLR0001", "message": { "text": "a", "text": "b" } } ] } ] }""", "MLR0001|warning|b|0")]
    [InlineData("""{ "version": "2.1.0", "runs": [ { "results": [ { "ruleId": "CS0001", "locations": [ 5 ] }, { "ruleId": "MLR0001" } ] } ] }""", "MLR0001|warning||0")]
    [InlineData("""{ "version": "1.0.0", "runs": [ { "results": [ { "ruleId": "MLR0002" } ] } ], "version": "2.1.0", "runs": [ { "results": [ { "ruleId": "MLR0001", "locations": [ { "physicalLocation": { "region": { "startLine": 3 } } } ] } ] } ] }""", "MLR0001|warning||3")]
    [InlineData("""{ "version": "2.1.0", "runs": [ { "results": [ { "ruleId": "MLR0002" } ], "results": [ { "ruleId": "MLR0001", "locations": [ { "physicalLocation": { "region": { "startLine": 1.5, "startLine": 4 } } } ] } ] } ] }""", "MLR0001|warning||4")]
    public void Unusual_but_valid_log_is_read_with_the_last_value_of_each_field(string content, string expected)
    {
        var result = Assert.Single(SarifStreamReader.Read(Encoding.UTF8.GetBytes(content), "MLR", Base));
        Assert.Equal(expected, $"{result.RuleId}|{result.Level}|{result.Message}|{result.Line}");
    }

    /// <summary>Broken logs: the problem, in words a person can act on.</summary>
    [Theory]
    [InlineData("""{ "version": "2.1.0", "runs": [ { "results": [ { "ruleId": "MLR0001", "message": { "text": "cut off""", "it is not valid JSON")]
    [InlineData("", "it is not valid JSON")]
    [InlineData("""{ "version": "2.1.0", "runs": [] } trailing""", "it is not valid JSON")]
    [InlineData("""{ "version": "2.1.0", "runs": [ 1 ], "cut": """, "it is not valid JSON")]
    [InlineData("""{ "version": "2.1.0", "runs": [ { "results": [ { "ruleId": "MLR0001", "locations": [ { "physicalLocation": { "region": { "startLine": 1.5 } } } ] } ] } ] }""", "'startLine' is not a whole number: 1.5")]
    [InlineData("""{ "version": "2.1.0", "runs": [ { "results": [ { "ruleId": "MLR0001", "locations": [ { "physicalLocation": { "region": { "startLine": 2, "startColumn": 99999999999 } } } ] } ] } ] }""", "'startColumn' is not a whole number: 99999999999")]
    [InlineData("""{ "version": "2.1.0", "runs": [ { "results": [ { "ruleId": "MLR0001", "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "a%00b.cs" } } } ] } ] } ] }""", "the location 'a%00b.cs' is not a valid file path")]
    [InlineData("""{ "version": "2.1.0", "runs": [ { "results": [ { "ruleId": "MLR0001", "locations": [ 5 ] } ] } ] }""", "a value has an unexpected type (the first location is a number, not an object)")]
    [InlineData("""{ "version": "2.1.0", "runs": [ { "results": [ { "ruleId": "MLR0001", "locations": [ { "physicalLocation": [] } ] } ] } ] }""", "a value has an unexpected type ('physicalLocation' is a array, not an object)")]
    [InlineData("""{ "version": "1.0.0", "runs": [ { "results": [ { "ruleId": "MLR0001", "locations": [ { "resultFile": "a.cs" } ] } ] } ] }""", "a value has an unexpected type ('resultFile' is a string, not an object)")]
    [InlineData("""{ "version": "3.0.0", "runs": [] }""", "'version' is '3.0.0'")]
    [InlineData("""{ "runs": [] }""", "'version' is missing")]
    [InlineData("""{ "version": "2.1.0" }""", "'runs' is missing or not an array")]
    [InlineData("""{ "version": "2.1.0", "runs": [ 1 ] }""", "a run is not a JSON object")]
    [InlineData("""{ "version": "2.1.0", "runs": [ { "results": {} } ] }""", "'results' is not an array")]
    [InlineData("""{ "version": "2.1.0", "runs": [ { "results": [ "x" ] } ] }""", "a result is not a JSON object")]
    [InlineData("""{ "version": "2.1.0", "runs": [ { "results": [ { "level": "warning" } ] } ] }""", "a result has no 'ruleId'")]
    [InlineData("""{ "version": "2.1.0", "runs": [ { "results": [ { "ruleId": 5 } ] } ] }""", "a result has no 'ruleId'")]
    [InlineData("""[1,2,3]""", "the top level is not a JSON object")]
    public void Broken_log_names_its_problem(string content, string expectedStart)
    {
        using var file = new TempFile(content);
        var read = Assert.Throws<MalformedSarifException>(() => SarifLog.Read(file.Path, "MLR", Base));
        Assert.StartsWith(expectedStart, read.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_in_a_result_the_report_skips_is_no_problem()
    {
        var content = """{ "version": "2.1.0", "runs": [ { "results": [ { "ruleId": "CS0001", "locations": [ { "physicalLocation": { "region": { "startLine": 1.5 }, "artifactLocation": { "uri": "a%00b.cs" } } } ] }, { "ruleId": "MLR0001", "message": "kept" } ] } ] }""";
        Assert.Equal("kept", Assert.Single(SarifStreamReader.Read(Encoding.UTF8.GetBytes(content), "MLR", Base)).Message);
    }

    private sealed class TempFile : IDisposable
    {
        public TempFile(string content)
        {
            Path = System.IO.Path.GetTempFileName();
            File.WriteAllText(Path, content);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
