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

        // The writers are covered by tests that read their output back; checking every token's place again
        // on each of the hundreds of thousands of tokens costs time and never changes a byte of the output.
        SkipValidation = true,
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
