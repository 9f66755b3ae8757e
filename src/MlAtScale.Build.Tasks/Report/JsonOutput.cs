using System;
using System.IO;
using System.Text;
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
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            write(writer);
        }

        // Raw line breaks only occur between tokens (strings escape theirs), so this is safe.
        var text = Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
        return new UTF8Encoding(false).GetBytes(text);
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
