using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MlAtScale.Build.Tasks.Report;

/// <summary>Writes indented UTF-8 JSON with '\n' line ends on every OS, so that output is byte-identical everywhere.</summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,

        // Documentation IDs contain '`', '<' and '+'; the report is not embedded in HTML, so keep them readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,

        // The writers are covered by tests that read their output back; checking every token's place again
        // on each of the hundreds of thousands of tokens costs time and never changes a byte of the output.
        SkipValidation = true,
    };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        // Written into pooled chunks and copied once into an array of the exact size: a MemoryStream behind
        // the writer's own growing buffer allocated four to five times the report's size (15 MB at 10,000
        // types), all of it on the large object heap, where every allocation brings the next full GC closer.
        using var buffer = new ChunkedBuffer();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        // Raw line breaks only occur between tokens (strings escape every control character), so a raw
        // '\r' byte is always part of a "\r\n" line end: dropping them gives '\n' line ends.
        return buffer.ToArray(dropCarriageReturns: Environment.NewLine != "\n", terminator: (byte)'\n');
    }

    public static void StringOrNull(this Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public static void StringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}

/// <summary>
/// Property names written once per entry, use or diagnostic, encoded to UTF-8 once (a name given as a string
/// is transcoded and checked for escaping on every write). All are plain ASCII, so the bytes are the same.
/// </summary>
internal static class JsonNames
{
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText Namespace = JsonEncodedText.Encode("namespace");
    public static readonly JsonEncodedText Role = JsonEncodedText.Encode("role");
    public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
    public static readonly JsonEncodedText Project = JsonEncodedText.Encode("project");
    public static readonly JsonEncodedText RuleId = JsonEncodedText.Encode("ruleId");
    public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    public static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
    public static readonly JsonEncodedText File = JsonEncodedText.Encode("file");
    public static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
    public static readonly JsonEncodedText Column = JsonEncodedText.Encode("column");
    public static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
    public static readonly JsonEncodedText To = JsonEncodedText.Encode("to");
    public static readonly JsonEncodedText User = JsonEncodedText.Encode("user");
    public static readonly JsonEncodedText Used = JsonEncodedText.Encode("used");
    public static readonly JsonEncodedText Justification = JsonEncodedText.Encode("justification");
    public static readonly JsonEncodedText Expires = JsonEncodedText.Encode("expires");
    public static readonly JsonEncodedText Expired = JsonEncodedText.Encode("expired");
    public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
}

/// <summary>An <see cref="IBufferWriter{T}"/> over chunks rented from the shared array pool (and given back on dispose).</summary>
internal sealed class ChunkedBuffer : IBufferWriter<byte>, IDisposable
{
    internal const int ChunkSize = 1 << 20;

    private readonly List<byte[]> _chunks = new();
    private readonly List<int> _lengths = new();
    private byte[]? _current;
    private int _used;

    public long Length
    {
        get
        {
            long length = _used;
            foreach (var chunkLength in _lengths)
            {
                length += chunkLength;
            }

            return length;
        }
    }

    public void Advance(int count)
    {
        if (count < 0 || _current is null || _used + count > _current.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _used += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => new(Reserve(sizeHint), _used, _current!.Length - _used);

    public Span<byte> GetSpan(int sizeHint = 0) => new(Reserve(sizeHint), _used, _current!.Length - _used);

    /// <summary>The written bytes (without '\r' when <paramref name="dropCarriageReturns"/>), then <paramref name="terminator"/>.</summary>
    public byte[] ToArray(bool dropCarriageReturns, byte terminator)
    {
        var result = new byte[Length + 1];
        var n = 0;
        for (var c = 0; c <= _chunks.Count; c++)
        {
            var chunk = c < _chunks.Count ? _chunks[c] : _current;
            var length = c < _chunks.Count ? _lengths[c] : _used;
            if (chunk is null)
            {
                continue;
            }

            if (!dropCarriageReturns)
            {
                Buffer.BlockCopy(chunk, 0, result, n, length);
                n += length;
                continue;
            }

            for (var i = 0; i < length; i++)
            {
                if (chunk[i] != (byte)'\r')
                {
                    result[n++] = chunk[i];
                }
            }
        }

        result[n] = terminator;
        if (n + 1 != result.Length)
        {
            Array.Resize(ref result, n + 1);
        }

        return result;
    }

    public void Dispose()
    {
        foreach (var chunk in _chunks)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        _chunks.Clear();
        _lengths.Clear();
        if (_current is not null)
        {
            ArrayPool<byte>.Shared.Return(_current);
            _current = null;
        }
    }

    private byte[] Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_current is not null && _current.Length - _used >= needed)
        {
            return _current;
        }

        if (_current is not null)
        {
            _chunks.Add(_current);
            _lengths.Add(_used);
        }

        _current = ArrayPool<byte>.Shared.Rent(Math.Max(needed, ChunkSize));
        _used = 0;
        return _current;
    }
}
