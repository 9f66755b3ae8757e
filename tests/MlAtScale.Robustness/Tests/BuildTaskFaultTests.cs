using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace MlAtScale.Robustness.Tests;

/// <summary>
/// Faults the report task meets in real builds, beyond the single bad inputs of its own tests
/// (tests/MlAtScale.Build.Tasks.Tests/BadInputTests.cs): assemblies and SARIF logs damaged at many
/// places, report folders that cannot be written or vanish mid-build, and two builds writing one
/// report folder at once. Every case: no exception, the task's outcome unchanged (true), at most a
/// coded MLRB warning, and never a half-written report.
/// </summary>
public sealed class BuildTaskFaultTests
{
    private static readonly string[] ReportFiles = { "mlroles-report.html", "mlroles-report.json", "mlroles-report.md" };

    [Fact]
    public void The_undamaged_build_gives_a_complete_report_without_warnings()
    {
        using var build = new RealBuild();
        var engine = new RecordingEngine();

        Assert.True(build.Task(engine).Execute());

        Assert.Empty(engine.Codes);
        AssertCompleteReport(build.ReportDirectory);
        Assert.Contains("MLR0001", File.ReadAllText(Path.Combine(build.ReportDirectory, "mlroles-report.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Assemblies_damaged_anywhere_give_MLRB002_or_a_complete_report_never_an_exception()
    {
        using var build = new RealBuild();
        var random = new Random(3);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 120; i++)
        {
            var bytes = (byte[])build.OriginalAssembly.Clone();
            if (i % 4 == 0)
            {
                bytes = bytes.Take(random.Next(bytes.Length)).ToArray();
            }
            else
            {
                for (var flips = 1 + random.Next(i % 3 == 0 ? 64 : 4); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
            }

            File.WriteAllBytes(build.AssemblyPath, bytes);
            var codes = RunExpectingOnly(build, new RecordingEngine(), $"damaged assembly #{i}", "MLRB002");
            var key = codes.Length == 0 ? "report" : string.Join(",", codes);
            outcomes[key] = outcomes.TryGetValue(key, out var n) ? n + 1 : 1;
        }

        Assert.True(outcomes.ContainsKey("MLRB002"), string.Join(", ", outcomes));
    }

    [Fact]
    public void A_SARIF_log_truncated_anywhere_is_MLRB004_without_any_report()
    {
        using var build = new RealBuild();
        var length = build.OriginalSarif.Length;
        for (var cut = 0; cut < length; cut += Math.Max(1, length / 60))
        {
            File.WriteAllBytes(build.SarifPath, build.OriginalSarif.Take(cut).ToArray());
            var engine = new RecordingEngine();

            var codes = RunExpectingOnly(build, engine, $"SARIF cut at {cut}", "MLRB004");

            Assert.Equal(new[] { "MLRB004" }, codes);
            Assert.False(ReportFiles.Any(f => File.Exists(Path.Combine(build.ReportDirectory, f))), $"a report survived a SARIF log cut at {cut}");
        }
    }

    [Theory]
    [InlineData("\"startLine\": 1e40")]
    [InlineData("\"startLine\": 2.5")]
    [InlineData("\"startLine\": 99999999999")]
    [InlineData("\"startLine\": \"seven\"")]
    [InlineData("\"startColumn\": -1e300")]
    [InlineData("\"uri\": \"Code%00.cs\"")]
    [InlineData("\"uri\": \"file:///tmp/%00/Code.cs\"")]
    [InlineData("\"uri\": 17")]
    [InlineData("\"ruleId\": 17")]
    [InlineData("\"level\": [ ]")]
    [InlineData("\"locations\": { }")]
    [InlineData("\"locations\": [ 1 ]")]
    [InlineData("\"properties\": [ ]")]
    [InlineData("\"customProperties\": { \"user\": 1, \"kind\": null }")]
    [InlineData("\"results\": [ null ]")]
    [InlineData("\"region\": 5")]
    public void Malformed_values_in_a_SARIF_log_are_MLRB004_or_still_give_a_complete_report(string replacement)
    {
        using var build = new RealBuild();
        var sarif = Encoding.UTF8.GetString(build.OriginalSarif);
        var property = replacement.Substring(0, replacement.IndexOf(':', StringComparison.Ordinal));
        var damaged = ReplaceFirstValue(sarif, property, replacement);
        Assert.NotEqual(sarif, damaged);
        File.WriteAllText(build.SarifPath, damaged);

        RunExpectingOnly(build, new RecordingEngine(), replacement, "MLRB004");
    }

    [Fact]
    public void A_SARIF_log_of_random_bytes_or_deeply_nested_JSON_is_MLRB004()
    {
        using var build = new RealBuild();
        var random = new Random(9);
        var inputs = new List<byte[]>
        {
            Array.Empty<byte>(),
            Encoding.UTF8.GetBytes(new string('[', 100_000)),
            Encoding.UTF8.GetBytes("{\"version\":\"2.1.0\",\"runs\":[" + string.Concat(Enumerable.Repeat("{\"results\":[]},", 50_000)) + "]}"),
            new byte[] { 0xEF, 0xBB, 0xBF, 0, 0, 0 },
        };
        for (var i = 0; i < 10; i++)
        {
            var bytes = new byte[random.Next(1, 5000)];
            random.NextBytes(bytes);
            inputs.Add(bytes);
        }

        foreach (var input in inputs)
        {
            File.WriteAllBytes(build.SarifPath, input);
            Assert.Equal(new[] { "MLRB004" }, RunExpectingOnly(build, new RecordingEngine(), $"{input.Length} bytes", "MLRB004"));
        }
    }

    [Fact]
    public void A_report_folder_even_root_cannot_write_is_MLRB005_and_the_build_goes_on()
    {
        using var build = new RealBuild();
        var engine = new RecordingEngine();
        var task = build.Task(engine, reportDirectory: "/proc/self/mlroles-report");

        Assert.True(task.Execute());

        Assert.Equal(new[] { "MLRB005" }, engine.Codes);
        Assert.Empty(task.ReportFiles);
    }

    [Fact]
    public async Task A_report_folder_deleted_again_and_again_during_builds_gives_only_MLRB005_then_a_complete_report()
    {
        using var build = new RealBuild();
        using var stop = new CancellationTokenSource();
        var deleter = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    Directory.Delete(build.ReportDirectory, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        });

        var codes = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            // The deleter may remove what the task just wrote, so only the outcome is checked here.
            codes.AddRange(RunExpectingOnly(build, new RecordingEngine(), $"vanishing folder #{i}", "MLRB005", checkReport: false));
        }

        stop.Cancel();
        await deleter;

        Assert.Empty(RunExpectingOnly(build, new RecordingEngine(), "after the deletions", "MLRB005"));
        AssertCompleteReport(build.ReportDirectory);
    }

    [Fact]
    public async Task Two_builds_writing_one_report_folder_at_once_leave_complete_reports_of_one_of_them()
    {
        using var a = new RealBuild("Shop");
        using var b = new RealBuild("Shop", RealBuild.Source.Replace("new Shop.Models.Trainer().Rows()", "new Shop.Models.Trainer().Rows() + Shop.Data.Orders.Count()", StringComparison.Ordinal));
        var shared = Path.Combine(a.Root, "shared-report");

        // What each build writes on its own.
        Assert.True(a.Task(new RecordingEngine(), shared).Execute());
        var jsonA = File.ReadAllBytes(Path.Combine(shared, "mlroles-report.json"));
        var markdownA = File.ReadAllBytes(Path.Combine(shared, "mlroles-report.md"));
        Assert.True(b.Task(new RecordingEngine(), shared).Execute());
        var jsonB = File.ReadAllBytes(Path.Combine(shared, "mlroles-report.json"));
        var markdownB = File.ReadAllBytes(Path.Combine(shared, "mlroles-report.md"));
        Assert.NotEqual(jsonA, jsonB);

        for (var round = 0; round < 25; round++)
        {
            var engines = new[] { new RecordingEngine(), new RecordingEngine() };
            var results = await Task.WhenAll(
                Task.Run(() => a.Task(engines[0], shared).Execute()),
                Task.Run(() => b.Task(engines[1], shared).Execute()));

            Assert.Equal(new[] { true, true }, results);
            Assert.Empty(engines.SelectMany(e => e.Codes));
            var json = File.ReadAllBytes(Path.Combine(shared, "mlroles-report.json"));
            var markdown = File.ReadAllBytes(Path.Combine(shared, "mlroles-report.md"));
            Assert.True(json.AsSpan().SequenceEqual(jsonA) || json.AsSpan().SequenceEqual(jsonB), $"round {round}: the JSON report is neither build's");
            Assert.True(markdown.AsSpan().SequenceEqual(markdownA) || markdown.AsSpan().SequenceEqual(markdownB), $"round {round}: the Markdown report is neither build's");
            Assert.Equal(ReportFiles, Directory.GetFiles(shared).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// Found by this fault test: a line number that is not a 32-bit whole number made the task throw
    /// FormatException, and a location with %00 ArgumentException (MSB4018, a failed build). Both are
    /// now a malformed log: MLRB004, no report, the build goes on.
    /// </summary>
    [Theory]
    [InlineData("\"startLine\": 1e40")]
    [InlineData("\"startColumn\": 2.5")]
    [InlineData("\"uri\": \"Code%00.cs\"")]
    [InlineData("\"uri\": \"file:///tmp/%00/Code.cs\"")]
    public void Regression_out_of_range_positions_and_NUL_paths_in_SARIF_are_MLRB004(string replacement)
    {
        using var build = new RealBuild();
        var sarif = Encoding.UTF8.GetString(build.OriginalSarif);
        File.WriteAllText(build.SarifPath, ReplaceFirstValue(sarif, replacement.Substring(0, replacement.IndexOf(':', StringComparison.Ordinal)), replacement));
        var engine = new RecordingEngine();

        Assert.Equal(new[] { "MLRB004" }, RunExpectingOnly(build, engine, replacement, "MLRB004"));
        Assert.Contains(replacement.Contains("uri", StringComparison.Ordinal) ? "not a valid file path" : "not a whole number", engine.Warnings[0].Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(build.ReportDirectory, "mlroles-report.json")));
    }

    /// <summary>Runs the task; it must not throw, must succeed, may only log <paramref name="allowed"/>; returns the codes. No warning means a complete report.</summary>
    private static string[] RunExpectingOnly(RealBuild build, RecordingEngine engine, string what, string allowed, bool checkReport = true)
    {
        bool result;
        try
        {
            result = build.Task(engine).Execute();
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{what}: the task threw {e.GetType().FullName}: {e.Message}\n{e.StackTrace}");
        }

        var codes = engine.Codes.ToArray();
        Assert.True(result, what + ": the task failed the build");
        Assert.True(codes.All(c => c == allowed), $"{what}: unexpected {string.Join(", ", engine.Warnings.Select(w => w.Code + " " + w.Message))}");
        Assert.Empty(engine.Errors);
        if (codes.Length == 0 && checkReport)
        {
            AssertCompleteReport(build.ReportDirectory);
        }

        return codes;
    }

    private static void AssertCompleteReport(string directory)
    {
        var json = File.ReadAllBytes(Path.Combine(directory, "mlroles-report.json"));
        using (JsonDocument.Parse(json))
        {
        }

        var markdown = File.ReadAllText(Path.Combine(directory, "mlroles-report.md"));
        Assert.StartsWith("#", markdown, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
    }

    private static string ReplaceFirstValue(string json, string property, string replacement)
    {
        var at = json.IndexOf(property + ":", StringComparison.Ordinal);
        if (at < 0)
        {
            // Results written by the compiler always have these; add the property to the first result otherwise.
            var result = json.IndexOf("\"ruleId\":", StringComparison.Ordinal);
            return json.Insert(result, replacement + ", ");
        }

        var valueStart = at + property.Length + 1;
        var depth = 0;
        var inString = false;
        var i = valueStart;
        for (; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
            }
            else if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                break;
            }
        }

        return json.Substring(0, at) + replacement + json.Substring(i);
    }
}
