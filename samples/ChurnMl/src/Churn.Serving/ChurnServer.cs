using System;
using System.Linq;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Churn.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.ML;

namespace Churn.Serving;

/// <summary>The churn scoring service: a minimal API over a <see cref="RolloutController"/>.</summary>
public sealed class ChurnServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChurnServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the service listens (the real port when started on port 0).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The roll-out state machine behind the endpoints (for in-process hosts).</summary>
    public RolloutController Rollout => _app.Services.GetRequiredService<RolloutController>();

    /// <summary>
    /// Starts the service with <paramref name="initial"/> as the stable model. The default URL binds
    /// a free port on the loopback interface.
    /// </summary>
    public static async Task<ChurnServer> StartAsync(ModelArtifact initial, string url = "http://127.0.0.1:0", LogLevel logLevel = LogLevel.Warning, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var ml = new MLContext(seed: 1);
        builder.Services.AddSingleton(ml);
        builder.Services.AddSingleton(new RolloutController(ml, initial, new CanaryGate()));

        var app = builder.Build();
        app.MapChurnApi();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server reported no address.");
        return new ChurnServer(app, new Uri(address));
    }

    /// <summary>Runs until shutdown (Ctrl+C).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
