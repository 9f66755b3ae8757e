using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace MlAtScale.Build.Tasks.Sarif;

/// <summary>
/// Reads a SARIF log in one forward pass with <see cref="Utf8JsonReader"/>, decoding only the fields of
/// <see cref="SarifResult"/> (a <see cref="JsonDocument"/> would index every token of a 12 MB log first).
/// Any valid JSON shape is read: fields in any order, and a repeated field counts with its last value (as a
/// JSON object lookup gives it). A log that is not valid JSON, or not SARIF as the compiler writes it, throws
/// <see cref="MalformedSarifException"/>; invalid JSON anywhere in the file is reported as such, before
/// any problem of shape.
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

    /// <summary>The results whose rule ID starts with <paramref name="rulePrefix"/>, in log order.</summary>
    public static List<SarifResult> Read(byte[] bytes, string rulePrefix, string baseDirectory)
    {
        var reader = new SarifStreamReader(bytes, rulePrefix, baseDirectory);
        try
        {
            reader.ReadLog();
            return reader._results;
        }
        catch (JsonException e)
        {
            throw NotJson(e);
        }
        catch (MalformedSarifException)
        {
            // Invalid JSON further on is the problem to report: read on to the end to find it.
            reader.ThrowIfInvalidJsonFollows();
            throw;
        }
    }

    private static MalformedSarifException NotJson(JsonException e) => new($"it is not valid JSON ({e.Message})", e);

    private void ThrowIfInvalidJsonFollows()
    {
        try
        {
            while (_reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            throw NotJson(e);
        }
    }

    private void ReadLog()
    {
        if (!_reader.Read() || _reader.TokenType != JsonTokenType.StartObject)
        {
            throw new MalformedSarifException("the top level is not a JSON object");
        }

        // "runs" is read where it stands when "version" came before it (as the compiler writes it); else
        // (or when either field is repeated) the reader goes back to the last "runs" once the version is known.
        string? version = null;
        var runs = default(Utf8JsonReader);
        var sawRuns = false;
        var runsIsArray = false;
        string? readWith = null;
        long readAt = -1;
        while (Next())
        {
            if (_reader.ValueTextEquals("version"u8))
            {
                version = ReadString();
            }
            else if (_reader.ValueTextEquals("runs"u8))
            {
                _reader.Read();
                runs = _reader;
                sawRuns = true;
                runsIsArray = _reader.TokenType == JsonTokenType.StartArray;
                if (runsIsArray && IsSarifVersion(version))
                {
                    readWith = version;
                    readAt = _reader.TokenStartIndex;
                    _results.Clear();
                    ReadRuns(version!);
                }
                else
                {
                    SkipCurrent();
                }
            }
            else
            {
                SkipValue();
            }
        }

        // Nothing but white space may follow the log: the reader throws on anything else.
        _reader.Read();
        if (!IsSarifVersion(version))
        {
            throw new MalformedSarifException($"'version' is {(version is null ? "missing" : "'" + version + "'")}; expected SARIF '2.1.0' (ErrorLog=path,version=2.1) or '1.0.0'");
        }

        if (!sawRuns || !runsIsArray)
        {
            throw new MalformedSarifException("'runs' is missing or not an array");
        }

        if (readWith != version || readAt != runs.TokenStartIndex)
        {
            _results.Clear();
            _reader = runs;
            ReadRuns(version!);
        }
    }

    private static bool IsSarifVersion(string? version) => version is "2.1.0" or "1.0.0";

    /// <summary>The runs array (the reader is on its start).</summary>
    private void ReadRuns(string version)
    {
        _version21 = version == "2.1.0";
        while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
        {
            if (_reader.TokenType != JsonTokenType.StartObject)
            {
                throw new MalformedSarifException("a run is not a JSON object");
            }

            // The last "results" of a run counts: a repeated one replaces what the earlier one added.
            var start = _results.Count;
            var resultsIsArray = true;
            while (Next())
            {
                if (!_reader.ValueTextEquals("results"u8))
                {
                    SkipValue();
                    continue;
                }

                _results.RemoveRange(start, _results.Count - start);
                _reader.Read();
                resultsIsArray = _reader.TokenType == JsonTokenType.StartArray;
                if (!resultsIsArray)
                {
                    SkipCurrent();
                    continue;
                }

                while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
                {
                    if (_reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new MalformedSarifException("a result is not a JSON object");
                    }

                    ReadResult();
                }
            }

            if (!resultsIsArray)
            {
                throw new MalformedSarifException("'results' is not an array");
            }
        }
    }

    /// <summary>One result object (the reader is on its start).</summary>
    private void ReadResult()
    {
        string? ruleId = null;
        string? level = null;
        string? message = null;
        var location = default(Location);
        Dictionary<string, string>? properties = null;
        var suppressions = false;
        string? suppressedBy = null;
        var suppressionStates = false;
        while (Next())
        {
            if (_reader.ValueTextEquals("ruleId"u8))
            {
                ruleId = ReadString();
            }
            else if (_reader.ValueTextEquals("level"u8))
            {
                level = ReadString();
            }
            else if (_reader.ValueTextEquals("message"u8))
            {
                _reader.Read();
                message = ReadMessage();
            }
            else if (_reader.ValueTextEquals("locations"u8))
            {
                _reader.Read();
                location = ReadLocations();
            }
            else if (_reader.ValueTextEquals("properties"u8))
            {
                _reader.Read();
                properties = ReadProperties();
            }
            else if (_reader.ValueTextEquals("suppressions"u8))
            {
                _reader.Read();
                suppressions = ReadSuppressions(out suppressedBy);
            }
            else if (_reader.ValueTextEquals("suppressionStates"u8))
            {
                _reader.Read();
                suppressionStates = NonEmptyArray();
            }
            else
            {
                SkipValue();
            }
        }

        if (ruleId is null)
        {
            throw new MalformedSarifException("a result has no 'ruleId'");
        }

        // A problem in a result the report does not read is no problem.
        if (!ruleId.StartsWith(_rulePrefix, StringComparison.Ordinal))
        {
            return;
        }

        if (location.TypeProblem is { } typeProblem)
        {
            throw new MalformedSarifException(typeProblem);
        }

        string? file = null;
        if (location.Uri is { } uri && !_paths.TryGetValue(uri, out file))
        {
            // Many results share a file: each distinct URI becomes a path once.
            file = SarifLog.ToLocalPath(uri, _baseDirectory);
            _paths.Add(uri, file);
        }

        if (location.RegionProblem is { } regionProblem)
        {
            throw new MalformedSarifException(regionProblem);
        }

        _results.Add(new SarifResult(ruleId, level ?? "warning", message ?? string.Empty, file, location.Line, location.Column, properties ?? new Dictionary<string, string>(StringComparer.Ordinal), suppressions || suppressionStates)
        {
            SuppressedBy = suppressions || suppressionStates ? suppressedBy ?? SarifResult.SuppressedInSource : null,
        });
    }

    /// <summary>
    /// A result's "suppressions" array: whether it has an entry, and how the first one suppressed it
    /// (the compiler's <c>properties.suppressionType</c>: a #pragma or a [SuppressMessage]).
    /// </summary>
    private bool ReadSuppressions(out string? how)
    {
        how = null;
        if (_reader.TokenType != JsonTokenType.StartArray)
        {
            SkipCurrent();
            return false;
        }

        var any = false;
        while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
        {
            if (any || _reader.TokenType != JsonTokenType.StartObject)
            {
                any = true;
                SkipCurrent();
                continue;
            }

            any = true;
            while (Next())
            {
                if (!_reader.ValueTextEquals("properties"u8))
                {
                    SkipValue();
                    continue;
                }

                _reader.Read();
                if (_reader.TokenType != JsonTokenType.StartObject)
                {
                    SkipCurrent();
                    continue;
                }

                while (Next())
                {
                    if (_reader.ValueTextEquals("suppressionType"u8))
                    {
                        how = ReadString() switch
                        {
                            "Pragma Directive" => SarifResult.SuppressedByPragma,
                            "SuppressMessageAttribute" => SarifResult.SuppressedByAttribute,
                            _ => null,
                        };
                    }
                    else
                    {
                        SkipValue();
                    }
                }
            }
        }

        return any;
    }

    /// <summary>Where a result is: the first location's URI and start, or what is wrong with it.</summary>
    private struct Location
    {
        public string? Uri;
        public int Line;
        public int Column;
        /// <summary>The first location or its physical location is not an object.</summary>
        public string? TypeProblem;

        /// <summary>The start line or column is not a whole 32-bit number.</summary>
        public string? RegionProblem;
    }

    /// <summary>The value of the property name the reader is on when it is a string; null otherwise.</summary>
    private string? ReadString()
    {
        _reader.Read();
        if (_reader.TokenType == JsonTokenType.String)
        {
            return _reader.GetString();
        }

        SkipCurrent();
        return null;
    }

    /// <summary>A message string, or an object's "text" string; "" for anything else.</summary>
    private string ReadMessage()
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
        while (Next())
        {
            if (_reader.ValueTextEquals("text"u8))
            {
                text = ReadString();
            }
            else
            {
                SkipValue();
            }
        }

        return text ?? string.Empty;
    }

    /// <summary>The first location (version 2.1.0: physicalLocation; 1.0.0: resultFile); the reader is on the value of "locations".</summary>
    private Location ReadLocations()
    {
        var location = default(Location);
        if (_reader.TokenType != JsonTokenType.StartArray)
        {
            SkipCurrent();
            return location;
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
                location.TypeProblem = $"a value has an unexpected type (the first location is a {Describe(_reader.TokenType)}, not an object)";
                SkipCurrent();
                continue;
            }

            while (Next())
            {
                var isLocation = _version21 ? _reader.ValueTextEquals("physicalLocation"u8) : _reader.ValueTextEquals("resultFile"u8);
                if (!isLocation)
                {
                    SkipValue();
                    continue;
                }

                var name = _version21 ? "physicalLocation" : "resultFile";
                _reader.Read();
                if (_reader.TokenType != JsonTokenType.StartObject)
                {
                    location = new Location { TypeProblem = $"a value has an unexpected type ('{name}' is a {Describe(_reader.TokenType)}, not an object)" };
                    SkipCurrent();
                    continue;
                }

                location = ReadPhysicalLocation();
            }
        }

        return location;
    }

    /// <summary>2.1.0: { artifactLocation: { uri }, region }; 1.0.0: { uri, region } (the reader is on its start).</summary>
    private Location ReadPhysicalLocation()
    {
        var location = default(Location);
        while (Next())
        {
            if (_reader.ValueTextEquals("region"u8))
            {
                _reader.Read();
                (location.Line, location.Column, location.RegionProblem) = ReadRegion();
            }
            else if (_version21 && _reader.ValueTextEquals("artifactLocation"u8))
            {
                _reader.Read();
                location.Uri = null;
                if (_reader.TokenType != JsonTokenType.StartObject)
                {
                    SkipCurrent();
                    continue;
                }

                while (Next())
                {
                    if (_reader.ValueTextEquals("uri"u8))
                    {
                        location.Uri = ReadString();
                    }
                    else
                    {
                        SkipValue();
                    }
                }
            }
            else if (!_version21 && _reader.ValueTextEquals("uri"u8))
            {
                location.Uri = ReadString();
            }
            else
            {
                SkipValue();
            }
        }

        return location;
    }

    /// <summary>The start line and column of a region (0 when absent), or the problem with them; the reader is on the value of "region".</summary>
    private (int Line, int Column, string? Problem) ReadRegion()
    {
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            SkipCurrent();
            return (0, 0, null);
        }

        int line = 0, column = 0;
        string? lineProblem = null, columnProblem = null;
        while (Next())
        {
            var isLine = _reader.ValueTextEquals("startLine"u8);
            if (!isLine && !_reader.ValueTextEquals("startColumn"u8))
            {
                SkipValue();
                continue;
            }

            _reader.Read();
            var number = 0;
            string? problem = null;
            if (_reader.TokenType == JsonTokenType.Number && !_reader.TryGetInt32(out number))
            {
                problem = $"'{(isLine ? "startLine" : "startColumn")}' is not a whole number: {Encoding.UTF8.GetString(_reader.ValueSpan.ToArray())}";
            }

            SkipCurrent();
            if (isLine)
            {
                (line, lineProblem) = (number, problem);
            }
            else
            {
                (column, columnProblem) = (number, problem);
            }
        }

        return (line, column, lineProblem ?? columnProblem);
    }

    /// <summary>The string values of properties.customProperties (null when there is none); the reader is on the value of "properties".</summary>
    private Dictionary<string, string>? ReadProperties()
    {
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            SkipCurrent();
            return null;
        }

        Dictionary<string, string>? properties = null;
        while (Next())
        {
            if (!_reader.ValueTextEquals("customProperties"u8))
            {
                SkipValue();
                continue;
            }

            properties = null;
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
                if (ReadString() is { } value)
                {
                    properties[name] = value;
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

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        _ => "null",
    };

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
