using System;
using System.Collections.Generic;
using System.Text.Json;

namespace MlAtScale.Build.Tasks.Sarif;

/// <summary>
/// Reads a SARIF log in one forward pass with <see cref="Utf8JsonReader"/>, decoding only the fields of
/// <see cref="SarifResult"/> (a <see cref="JsonDocument"/> indexes every token of the 12 MB log first).
/// It only takes the plain shape the compiler writes: "version" before "runs", no repeated field, and each
/// field of the type <see cref="SarifLog.ReadDocument"/> expects. On anything else it gives up (null) and
/// the caller reads the log the general way, which then gives the same results or the same problem.
/// </summary>
internal ref struct SarifStreamReader
{
    private readonly string _rulePrefix;
    private readonly string _baseDirectory;
    private readonly Dictionary<string, string> _paths;
    private readonly List<SarifResult> _results;
    private Utf8JsonReader _reader;
    private bool _version21;

    private SarifStreamReader(byte[] bytes, string rulePrefix, string baseDirectory)
    {
        _reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        _rulePrefix = rulePrefix;
        _baseDirectory = baseDirectory;
        _paths = new Dictionary<string, string>(StringComparer.Ordinal);
        _results = new List<SarifResult>();
        _version21 = false;
    }

    /// <summary>The results as <see cref="SarifLog.ReadDocument"/> gives them, or null when the log is not in the plain shape.</summary>
    public static List<SarifResult>? TryRead(byte[] bytes, string rulePrefix, string baseDirectory)
    {
        var reader = new SarifStreamReader(bytes, rulePrefix, baseDirectory);
        try
        {
            return reader.ReadLog() ? reader._results : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or MalformedSarifException or FormatException)
        {
            return null;
        }
    }

    private bool ReadLog()
    {
        if (!_reader.Read() || _reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        string? version = null;
        var sawRuns = false;
        while (Next())
        {
            if (_reader.ValueTextEquals("version"u8))
            {
                if (version is not null || sawRuns || !_reader.Read() || _reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                version = _reader.GetString();
                if (version is not ("2.1.0" or "1.0.0"))
                {
                    return false;
                }

                _version21 = version == "2.1.0";
            }
            else if (_reader.ValueTextEquals("runs"u8))
            {
                if (version is null || sawRuns || !_reader.Read() || _reader.TokenType != JsonTokenType.StartArray || !ReadRuns())
                {
                    return false;
                }

                sawRuns = true;
            }
            else
            {
                SkipValue();
            }
        }

        // Nothing but white space may follow the log (the reader throws otherwise).
        return sawRuns && !_reader.Read();
    }

    private bool ReadRuns()
    {
        while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
        {
            if (_reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var sawResults = false;
            while (Next())
            {
                if (!_reader.ValueTextEquals("results"u8))
                {
                    SkipValue();
                    continue;
                }

                if (sawResults || !_reader.Read() || _reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                sawResults = true;
                while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
                {
                    if (_reader.TokenType != JsonTokenType.StartObject || !ReadResult())
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>One result object (the reader is on its start); false when it is not in the plain shape.</summary>
    private bool ReadResult()
    {
        string? ruleId = null;
        string? level = null;
        string? message = null;
        string? uri = null;
        var line = 0;
        var column = 0;
        Dictionary<string, string>? properties = null;
        var suppressed = false;

        // A shape the general way would reject or read differently; only matters for a result it keeps.
        var unusual = false;
        var seen = 0;
        while (Next())
        {
            var field = FieldOf(ref _reader);
            if (field != 0)
            {
                if ((seen & field) != 0)
                {
                    return false;
                }

                seen |= field;
            }

            switch (field)
            {
                case RuleIdField:
                    _reader.Read();
                    if (_reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    ruleId = _reader.GetString();
                    break;
                case LevelField:
                    _reader.Read();
                    if (_reader.TokenType == JsonTokenType.String)
                    {
                        level = _reader.GetString();
                    }
                    else
                    {
                        SkipCurrent();
                    }

                    break;
                case MessageField:
                    _reader.Read();
                    message = ReadMessage(ref unusual);
                    break;
                case LocationsField:
                    _reader.Read();
                    ReadLocations(ref uri, ref line, ref column, ref unusual);
                    break;
                case PropertiesField:
                    _reader.Read();
                    properties = ReadProperties(ref unusual);
                    break;
                case SuppressionsField:
                case SuppressionStatesField:
                    _reader.Read();
                    suppressed |= NonEmptyArray();
                    break;
                default:
                    SkipValue();
                    break;
            }
        }

        if (ruleId is null)
        {
            return false;
        }

        if (!ruleId.StartsWith(_rulePrefix, StringComparison.Ordinal))
        {
            return true;
        }

        if (unusual)
        {
            return false;
        }

        string? file = null;
        if (uri is not null && !_paths.TryGetValue(uri, out file))
        {
            file = SarifLog.ToLocalPath(uri, _baseDirectory);
            _paths.Add(uri, file);
        }

        _results.Add(new SarifResult(ruleId, level ?? "warning", message ?? string.Empty, file, line, column, properties ?? new Dictionary<string, string>(StringComparer.Ordinal), suppressed));
        return true;
    }

    private const int RuleIdField = 1;
    private const int LevelField = 2;
    private const int MessageField = 4;
    private const int LocationsField = 8;
    private const int PropertiesField = 16;
    private const int SuppressionsField = 32;
    private const int SuppressionStatesField = 64;

    private static int FieldOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("ruleId"u8) ? RuleIdField
        : reader.ValueTextEquals("level"u8) ? LevelField
        : reader.ValueTextEquals("message"u8) ? MessageField
        : reader.ValueTextEquals("locations"u8) ? LocationsField
        : reader.ValueTextEquals("properties"u8) ? PropertiesField
        : reader.ValueTextEquals("suppressions"u8) ? SuppressionsField
        : reader.ValueTextEquals("suppressionStates"u8) ? SuppressionStatesField
        : 0;

    /// <summary>A message string, or an object's "text" string; "" for anything else.</summary>
    private string ReadMessage(ref bool unusual)
    {
        if (_reader.TokenType == JsonTokenType.String)
        {
            return _reader.GetString()!;
        }

        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            SkipCurrent();
            return string.Empty;
        }

        string? text = null;
        var sawText = false;
        while (Next())
        {
            if (!_reader.ValueTextEquals("text"u8))
            {
                SkipValue();
                continue;
            }

            unusual |= sawText;
            sawText = true;
            _reader.Read();
            if (_reader.TokenType == JsonTokenType.String)
            {
                text = _reader.GetString();
            }
            else
            {
                SkipCurrent();
            }
        }

        return text ?? string.Empty;
    }

    /// <summary>The URI and start of the first location (version 2.1.0: physicalLocation; 1.0.0: resultFile).</summary>
    private void ReadLocations(ref string? uri, ref int line, ref int column, ref bool unusual)
    {
        if (_reader.TokenType != JsonTokenType.StartArray)
        {
            SkipCurrent();
            return;
        }

        var first = true;
        while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first)
            {
                SkipCurrent();
                continue;
            }

            first = false;
            if (_reader.TokenType != JsonTokenType.StartObject)
            {
                // The general way asks a property of it, which is an error for anything but an object.
                unusual = true;
                SkipCurrent();
                continue;
            }

            var sawLocation = false;
            while (Next())
            {
                var isLocation = _version21 ? _reader.ValueTextEquals("physicalLocation"u8) : _reader.ValueTextEquals("resultFile"u8);
                if (!isLocation)
                {
                    SkipValue();
                    continue;
                }

                unusual |= sawLocation;
                sawLocation = true;
                _reader.Read();
                if (_reader.TokenType != JsonTokenType.StartObject)
                {
                    unusual = true;
                    SkipCurrent();
                    continue;
                }

                ReadPhysicalLocation(ref uri, ref line, ref column, ref unusual);
            }
        }
    }

    /// <summary>2.1.0: { artifactLocation: { uri }, region }; 1.0.0: { uri, region } (the reader is on its start).</summary>
    private void ReadPhysicalLocation(ref string? uri, ref int line, ref int column, ref bool unusual)
    {
        var sawArtifact = false;
        var sawRegion = false;
        var sawUri = false;
        while (Next())
        {
            if (_reader.ValueTextEquals("region"u8))
            {
                unusual |= sawRegion;
                sawRegion = true;
                _reader.Read();
                ReadRegion(ref line, ref column, ref unusual);
            }
            else if (_version21 && _reader.ValueTextEquals("artifactLocation"u8))
            {
                unusual |= sawArtifact;
                sawArtifact = true;
                _reader.Read();
                if (_reader.TokenType != JsonTokenType.StartObject)
                {
                    SkipCurrent();
                    continue;
                }

                var sawArtifactUri = false;
                while (Next())
                {
                    if (!_reader.ValueTextEquals("uri"u8))
                    {
                        SkipValue();
                        continue;
                    }

                    unusual |= sawArtifactUri;
                    sawArtifactUri = true;
                    _reader.Read();
                    ReadUri(ref uri);
                }
            }
            else if (!_version21 && _reader.ValueTextEquals("uri"u8))
            {
                unusual |= sawUri;
                sawUri = true;
                _reader.Read();
                ReadUri(ref uri);
            }
            else
            {
                SkipValue();
            }
        }
    }

    private void ReadUri(ref string? uri)
    {
        if (_reader.TokenType == JsonTokenType.String)
        {
            uri = _reader.GetString();
        }
        else
        {
            SkipCurrent();
        }
    }

    private void ReadRegion(ref int line, ref int column, ref bool unusual)
    {
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            SkipCurrent();
            return;
        }

        var sawLine = false;
        var sawColumn = false;
        while (Next())
        {
            var isLine = _reader.ValueTextEquals("startLine"u8);
            if (!isLine && !_reader.ValueTextEquals("startColumn"u8))
            {
                SkipValue();
                continue;
            }

            if (isLine ? sawLine : sawColumn)
            {
                unusual = true;
            }

            sawLine |= isLine;
            sawColumn |= !isLine;
            _reader.Read();
            if (_reader.TokenType != JsonTokenType.Number)
            {
                SkipCurrent();
                continue;
            }

            // Not a whole 32-bit number: the general way reports the log as malformed.
            if (!_reader.TryGetInt32(out var number))
            {
                unusual = true;
                continue;
            }

            if (isLine)
            {
                line = number;
            }
            else
            {
                column = number;
            }
        }
    }

    /// <summary>The string values of properties.customProperties (null when there is none).</summary>
    private Dictionary<string, string>? ReadProperties(ref bool unusual)
    {
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            SkipCurrent();
            return null;
        }

        Dictionary<string, string>? properties = null;
        var sawCustom = false;
        while (Next())
        {
            if (!_reader.ValueTextEquals("customProperties"u8))
            {
                SkipValue();
                continue;
            }

            unusual |= sawCustom;
            sawCustom = true;
            _reader.Read();
            if (_reader.TokenType != JsonTokenType.StartObject)
            {
                SkipCurrent();
                continue;
            }

            properties = new Dictionary<string, string>(StringComparer.Ordinal);
            while (Next())
            {
                var name = _reader.GetString()!;
                _reader.Read();
                if (_reader.TokenType == JsonTokenType.String)
                {
                    properties[name] = _reader.GetString()!;
                }
                else
                {
                    SkipCurrent();
                }
            }
        }

        return properties;
    }

    /// <summary>Whether the value (the reader is on it) is an array with an element; skips it.</summary>
    private bool NonEmptyArray()
    {
        if (_reader.TokenType != JsonTokenType.StartArray)
        {
            SkipCurrent();
            return false;
        }

        var any = false;
        while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
        {
            any = true;
            SkipCurrent();
        }

        return any;
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private bool Next()
    {
        _reader.Read();
        return _reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Skips the value of the property name the reader is on.</summary>
    private void SkipValue()
    {
        _reader.Read();
        SkipCurrent();
    }

    /// <summary>Skips the value the reader is on (its children too when it is an object or an array).</summary>
    private void SkipCurrent()
    {
        if (_reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            _reader.Skip();
        }
    }
}
