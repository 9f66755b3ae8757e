using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MlAtScale.Build.Tasks.Report;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>JSON written into pooled chunks is byte for byte what a MemoryStream gets.</summary>
public sealed class ChunkedBufferTests
{
    /// <summary>A document of over three chunks, with one string longer than a chunk (the buffer hands out a larger array for it).</summary>
    private static ProjectReportDto Sample() => new()
    {
        SchemaVersion = 2,
        Kind = new string('x', ChunkedBuffer.ChunkSize + 123),
        Contracts = new ContractsDto
        {
            Types = Enumerable.Range(0, 40000).Select(i => new EntryDto
            {
                Id = "T:Ns.Type`1.Nested``2(System.Collections.Generic.List{``0},<>+" + i + ")",
                Namespace = "Ns",
                Role = new TextOrNull(i % 3 == 0 ? null : "DataScience"),
                Source = "policySymbol",
            }).ToList(),
        },
    };

    [Fact]
    public void Output_equals_a_memory_stream_write_plus_the_final_line_end()
    {
        var document = Sample();
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, document, ReportJsonContext.Default.ProjectReportDto);
        }

        var expected = stream.ToArray().Where(b => b != (byte)'\r').Concat(new[] { (byte)'\n' }).ToArray();
        var actual = JsonOutput.Write(document, ReportJsonContext.Default.ProjectReportDto);
        Assert.True(actual.Length > 3 * ChunkedBuffer.ChunkSize);
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(expected.AsSpan().SequenceEqual(actual));
        Assert.Contains("\"role\": null,\n", Encoding.UTF8.GetString(actual), StringComparison.Ordinal);
    }

    [Fact]
    public void Carriage_returns_are_dropped_across_chunks()
    {
        using var buffer = new ChunkedBuffer();
        var text = Encoding.ASCII.GetBytes("a\r\nb\r\n");
        for (var i = 0; i < 300000; i++)
        {
            var span = buffer.GetSpan(text.Length);
            text.CopyTo(span);
            buffer.Advance(text.Length);
        }

        var result = buffer.ToArray(dropCarriageReturns: true, terminator: (byte)'!');
        Assert.Equal(300000 * 4 + 1, result.Length);
        Assert.Equal("a\nb\na\nb\n", Encoding.ASCII.GetString(result, 0, 8));
        Assert.Equal((byte)'!', result[result.Length - 1]);
        Assert.DoesNotContain((byte)'\r', result);
        Assert.Equal(300000L * 6, buffer.Length);
    }
}
