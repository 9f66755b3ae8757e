using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MlAtScale.Build.Tasks.Report;

/// <summary>Writes indented UTF-8 JSON with '\n' line ends on every OS, so that output is byte-identical everywhere.</summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,

        // Documentation IDs contain '`', '<' and '+'; the report is not embedded in HTML, so keep them readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,

        // The typed documents are written by the source-generated serializer, which only writes well-formed
        // JSON; checking every token's place again on each of the hundreds of thousands of tokens costs time
        // and never changes a byte of the output.
        SkipValidation = true,
    };

    /// <summary>The typed document <paramref name="document"/>, written by its source-generated serializer.</summary>
    public static byte[] Write<T>(T document, JsonTypeInfo<T> type)
    {
        // Written into pooled chunks and copied once into an array of the exact size: a MemoryStream behind
        // the writer's own growing buffer allocated four to five times the report's size (15 MB at 10,000
        // types), all of it on the large object heap, where every allocation brings the next full GC closer.
        using var buffer = new ChunkedBuffer();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            JsonSerializer.Serialize(writer, document, type);
        }

        // Raw line breaks only occur between tokens (strings escape every control character), so a raw
        // '\r' byte is always part of a "\r\n" line end: dropping them gives '\n' line ends.
        return buffer.ToArray(dropCarriageReturns: Environment.NewLine != "\n", terminator: (byte)'\n');
    }
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
