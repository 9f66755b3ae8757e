using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Churn.Contracts;
using Microsoft.Extensions.Logging;

namespace Churn.Serving;

/// <summary>
/// Runs the service on its own, e.g. with a model the pipeline produced:
/// <c>dotnet run --project src/Churn.Serving -- "$PWD/artifacts/run/models/churn-2025-06.json" http://127.0.0.1:5080</c>
/// (an absolute path: <c>dotnet run</c> starts the app in the project folder).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length is < 1 or > 2)
        {
            Console.Error.WriteLine("usage: Churn.Serving <model artifact .json> [url, default http://127.0.0.1:5080]");
            return 2;
        }

        var artifact = JsonSerializer.Deserialize<ModelArtifact>(await File.ReadAllTextAsync(args[0]))
            ?? throw new InvalidDataException($"{args[0]} holds no model artifact.");
        await using var server = await ChurnServer.StartAsync(artifact, args.Length > 1 ? args[1] : "http://127.0.0.1:5080", LogLevel.Information);
        Console.WriteLine($"Serving {artifact.Version} on {server.BaseAddress} (POST /predict). Ctrl+C stops.");
        await server.WaitForShutdownAsync();
        return 0;
    }
}
