using System;
using System.Collections.Generic;
using System.IO;

namespace MlAtScale.Build.Tasks.Sarif;

/// <summary>One result of the compiler's SARIF log.</summary>
internal sealed class SarifResult
{
    public SarifResult(string ruleId, string level, string message, string? file, int line, int column, IReadOnlyDictionary<string, string> properties, bool suppressed)
    {
        RuleId = ruleId;
        Level = level;
        Message = message;
        File = file;
        Line = line;
        Column = column;
        Properties = properties;
        IsSuppressed = suppressed;
    }

    public string RuleId { get; }

    /// <summary>error, warning, note or none.</summary>
    public string Level { get; }

    public string Message { get; }

    /// <summary>The absolute path of the source file, or null for a result without a location.</summary>
    public string? File { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The diagnostic's properties (<c>properties.customProperties</c>).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>Suppressed in source (<c>#pragma</c>, <c>[SuppressMessage]</c>): logged but not reported.</summary>
    public bool IsSuppressed { get; }

    /// <summary>How a suppressed result was suppressed: <see cref="SuppressedByPragma"/>, <see cref="SuppressedByAttribute"/> or <see cref="SuppressedInSource"/>; null when not suppressed.</summary>
    public string? SuppressedBy { get; set; }

    public const string SuppressedByPragma = "pragma";
    public const string SuppressedByAttribute = "suppressMessage";
    public const string SuppressedInSource = "source";
}

/// <summary>Thrown when a SARIF log is not valid JSON or not a SARIF log the compiler writes.</summary>
internal sealed class MalformedSarifException : Exception
{
    public MalformedSarifException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>Reads the results of a SARIF 2.1.0 (or 1.0.0) log written by the C# compiler's <c>/errorlog</c>.</summary>
internal static class SarifLog
{
    /// <summary>Results whose rule ID starts with <paramref name="rulePrefix"/>, in log order.</summary>
    public static List<SarifResult> Read(string path, string rulePrefix, string baseDirectory) =>
        SarifStreamReader.Read(File.ReadAllBytes(path), rulePrefix, baseDirectory);

    /// <summary>The full local path a result's URI names; a URI that names no valid path (e.g. one with %00) is malformed.</summary>
    internal static string ToLocalPath(string uri, string baseDirectory)
    {
        try
        {
            return Path.GetFullPath(Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.IsFile
                ? absolute.LocalPath
                : Path.Combine(baseDirectory, Uri.UnescapeDataString(uri)));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new MalformedSarifException($"the location '{uri}' is not a valid file path ({e.Message})", e);
        }
    }
}
