using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace MlAtScale.Integration.Tests.LanguageServer;

/// <summary>
/// A minimal Language Server Protocol client: JSON-RPC 2.0 over the server's stdin/stdout with
/// <c>Content-Length</c> framing. Requests the server sends are answered by the handlers given at
/// start (null for any other method); notifications are queued for <see cref="WaitForNotificationAsync"/>.
/// Every wait is bounded, and every failure message carries what the server logged.
/// </summary>
public sealed class LanguageServerConnection : IAsyncDisposable
{
    private const int LogLinesKept = 400;

    private readonly Process _process;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly IReadOnlyDictionary<string, Func<JsonNode?, JsonNode?>> _serverRequestHandlers;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly Channel<JsonObject> _notifications = Channel.CreateUnbounded<JsonObject>();
    private readonly Queue<string> _log = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Task _reader;
    private int _nextId;

    private LanguageServerConnection(Process process, IReadOnlyDictionary<string, Func<JsonNode?, JsonNode?>> serverRequestHandlers)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        _output = process.StandardOutput.BaseStream;
        _serverRequestHandlers = serverRequestHandlers;
        process.ErrorDataReceived += (_, e) => Log("stderr", e.Data);
        process.BeginErrorReadLine();
        _reader = Task.Run(ReadMessagesAsync);
    }

    /// <summary>Starts the server process; it must speak LSP on its standard input and output.</summary>
    public static LanguageServerConnection Start(ProcessStartInfo start, IReadOnlyDictionary<string, Func<JsonNode?, JsonNode?>> serverRequestHandlers)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        return new LanguageServerConnection(process, serverRequestHandlers);
    }

    /// <summary>The server's standard error and the notifications it sent, the latest <see cref="LogLinesKept"/> lines.</summary>
    public string RecentLog
    {
        get
        {
            lock (_log)
            {
                return string.Join(Environment.NewLine, _log);
            }
        }
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var response = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = response;
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        try
        {
            return await response.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw Failure($"The server did not answer `{method}` within {timeout}.");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public Task NotifyAsync(string method, JsonNode? parameters) =>
        SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    /// <summary>Consumes notifications in arrival order until one matches; the ones before it are dropped.</summary>
    public async Task<JsonObject> WaitForNotificationAsync(string what, Func<JsonObject, bool> match, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var notification = await _notifications.Reader.ReadAsync(cancellation.Token);
                if (match(notification))
                {
                    return notification;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw Failure($"Waited {timeout} for {what}.");
        }
        catch (ChannelClosedException)
        {
            throw Failure($"The server closed its output while the test waited for {what}.");
        }
    }

    /// <summary>An exception whose message ends with the server's recent log, for assertion failures too.</summary>
    public Exception Failure(string message)
    {
        var exited = _process.HasExited ? $" The server exited with {_process.ExitCode}." : string.Empty;
        return new InvalidOperationException($"{message}{exited}{Environment.NewLine}Server log (latest {LogLinesKept} lines):{Environment.NewLine}{RecentLog}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await RequestAsync("shutdown", null, TimeSpan.FromSeconds(15));
                await NotifyAsync("exit", null);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or TimeoutException)
        {
            // Best effort: the process is killed below either way.
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            await _reader;
            _process.Dispose();
            _writeLock.Dispose();
        }
    }

    private async Task SendAsync(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n"));
        await _writeLock.WaitAsync();
        try
        {
            await _input.WriteAsync(header);
            await _input.WriteAsync(body);
            await _input.FlushAsync();
        }
        catch (IOException e)
        {
            throw Failure($"Could not write `{message["method"]}` to the server: {e.Message}");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadMessagesAsync()
    {
        try
        {
            while (await ReadMessageAsync() is { } message)
            {
                await DispatchAsync(message);
            }
        }
        catch (Exception e) when (e is IOException or JsonException or FormatException or ObjectDisposedException)
        {
            Log("client", $"stopped reading the server's output: {e.Message}");
        }
        finally
        {
            _notifications.Writer.TryComplete();
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(Failure("The server closed its output before it answered."));
            }
        }
    }

    private async Task DispatchAsync(JsonObject message)
    {
        var method = message["method"]?.GetValue<string>();
        var hasId = message.TryGetPropertyValue("id", out var id) && id is not null;
        if (method is null && hasId)
        {
            if (_pending.TryGetValue(id!.GetValue<int>(), out var response))
            {
                if (message["error"] is { } error)
                {
                    response.TrySetException(Failure($"The server answered with an error: {error.ToJsonString()}"));
                }
                else
                {
                    response.TrySetResult(message["result"]?.DeepClone());
                }
            }

            return;
        }

        if (method is null)
        {
            return;
        }

        if (hasId)
        {
            var result = _serverRequestHandlers.TryGetValue(method, out var handler) ? handler(message["params"]) : null;
            await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id!.DeepClone(), ["result"] = result });
            return;
        }

        if (method is "window/logMessage" or "window/showMessage")
        {
            Log(method, message["params"]?["message"]?.GetValue<string>());
        }
        else if (method is "$/progress")
        {
            Log(method, message["params"]?["value"]?.ToJsonString());
        }

        await _notifications.Writer.WriteAsync(message);
    }

    private async Task<JsonObject?> ReadMessageAsync()
    {
        var contentLength = -1;
        while (true)
        {
            var line = await ReadHeaderLineAsync();
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = int.Parse(line.AsSpan(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        if (contentLength < 0)
        {
            throw new FormatException("A message header without Content-Length.");
        }

        var body = new byte[contentLength];
        await _output.ReadExactlyAsync(body);
        return JsonNode.Parse(body)?.AsObject();
    }

    /// <summary>One header line without its CR LF, or null at the end of the stream.</summary>
    private async Task<string?> ReadHeaderLineAsync()
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await _output.ReadAsync(one) == 0)
            {
                return null;
            }

            if (one[0] == (byte)'\n')
            {
                return Encoding.ASCII.GetString(line.ToArray()).TrimEnd('\r');
            }

            line.Add(one[0]);
        }
    }

    private void Log(string source, string? text)
    {
        if (text is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue($"[{source}] {text}");
            while (_log.Count > LogLinesKept)
            {
                _log.Dequeue();
            }
        }
    }
}
