using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MlAtScale.Build.Tasks.IO;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

public sealed class IncrementalAndAtomicTests
{
    [Fact]
    public void Identical_inputs_give_byte_identical_reports()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Pipeline", ReportContentTests.PipelineSources, ReportContentTests.PipelinePolicy);
        var directory = Path.Combine(scenario.ProjectDirectory("Pipeline"), "obj", "report");
        Assert.True(scenario.Task("Pipeline", compiled, new FakeBuildEngine()).Execute());
        var json = File.ReadAllBytes(Path.Combine(directory, "mlroles-report.json"));
        var markdown = File.ReadAllBytes(Path.Combine(directory, "mlroles-report.md"));
        Directory.Delete(directory, recursive: true);

        Assert.True(scenario.Task("Pipeline", compiled, new FakeBuildEngine()).Execute());

        Assert.Equal(json, File.ReadAllBytes(Path.Combine(directory, "mlroles-report.json")));
        Assert.Equal(markdown, File.ReadAllBytes(Path.Combine(directory, "mlroles-report.md")));
        Assert.DoesNotContain((byte)'\r', json);
        Assert.DoesNotContain((byte)'\r', markdown);

        // The JSON does not depend on where the report goes, nor on the absolute location of the repository.
        Assert.True(scenario.Task("Pipeline", compiled, new FakeBuildEngine(), reportDirectory: "obj/elsewhere").Execute());
        Assert.Equal(json, File.ReadAllBytes(Path.Combine(scenario.ProjectDirectory("Pipeline"), "obj", "elsewhere", "mlroles-report.json")));
        Assert.DoesNotContain(scenario.Root, System.Text.Encoding.UTF8.GetString(json));
    }

    [Fact]
    public void A_run_with_unchanged_inputs_does_not_rewrite_the_report()
    {
        using var scenario = new Scenario();
        var compiled = scenario.Compile("Pipeline", ReportContentTests.PipelineSources, ReportContentTests.PipelinePolicy);
        Assert.True(scenario.Task("Pipeline", compiled, new FakeBuildEngine()).Execute());
        var directory = Path.Combine(scenario.ProjectDirectory("Pipeline"), "obj", "report");
        var past = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        foreach (var file in Directory.GetFiles(directory))
        {
            File.SetLastWriteTimeUtc(file, past);
        }

        Assert.True(scenario.Task("Pipeline", compiled, new FakeBuildEngine()).Execute());

        Assert.Equal(new[] { past, past, past }, Directory.GetFiles(directory).Select(File.GetLastWriteTimeUtc));
        Assert.Equal(new[] { "mlroles-report.html", "mlroles-report.json", "mlroles-report.md" }, Directory.GetFiles(directory).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void WriteIfChanged_reports_whether_it_wrote_and_leaves_no_temporary_file()
    {
        var directory = Path.Combine(Path.GetTempPath(), "mlroles-tests", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(directory, "r.json");

        Assert.True(AtomicFile.WriteIfChanged(path, new byte[] { 1, 2, 3 }));
        Assert.False(AtomicFile.WriteIfChanged(path, new byte[] { 1, 2, 3 }));
        Assert.True(AtomicFile.WriteIfChanged(path, new byte[] { 1, 2, 4 }));

        Assert.Equal(new byte[] { 1, 2, 4 }, File.ReadAllBytes(path));
        Assert.Equal(new[] { "r.json" }, Directory.GetFiles(directory).Select(Path.GetFileName));
        Directory.Delete(directory, true);
    }

    [Fact]
    public async Task Readers_only_ever_see_a_complete_old_or_new_file()
    {
        var directory = Path.Combine(Path.GetTempPath(), "mlroles-tests", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(directory, "r.json");
        var a = Enumerable.Repeat((byte)'a', 1 << 20).ToArray();
        var b = Enumerable.Repeat((byte)'b', (1 << 20) + 17).ToArray();
        AtomicFile.WriteIfChanged(path, a);
        using var stop = new CancellationTokenSource();
        var torn = 0;
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                byte[] seen;
                try
                {
                    seen = File.ReadAllBytes(path);
                }
                catch (IOException)
                {
                    continue;
                }

                Interlocked.Increment(ref reads);
                if (!(seen.AsSpan().SequenceEqual(a) || seen.AsSpan().SequenceEqual(b)))
                {
                    Interlocked.Increment(ref torn);
                }
            }
        });

        for (var i = 0; i < 4000 && (i < 40 || Volatile.Read(ref reads) < 40); i++)
        {
            AtomicFile.WriteIfChanged(path, i % 2 == 0 ? b : a);
        }

        stop.Cancel();
        await reader;
        Assert.Equal(0, torn);
        Assert.True(reads > 0);
        Directory.Delete(directory, true);
    }
}
