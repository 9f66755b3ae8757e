using System;
using System.IO;
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
    };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream(1 << 16);
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            write(writer);
        }

        // Raw line breaks only occur between tokens (strings escape every control character), so a raw
        // '\r' byte is always part of a "\r\n" line end: dropping them gives '\n' line ends.
        var buffer = stream.GetBuffer();
        var length = (int)stream.Length;
        var result = new byte[length + 1];
        if (Environment.NewLine == "\n")
        {
            Buffer.BlockCopy(buffer, 0, result, 0, length);
        }
        else
        {
            var n = 0;
            for (var i = 0; i < length; i++)
            {
                if (buffer[i] != (byte)'\r')
                {
                    result[n++] = buffer[i];
                }
            }

            length = n;
            Array.Resize(ref result, length + 1);
        }

        result[length] = (byte)'\n';
        return result;
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
