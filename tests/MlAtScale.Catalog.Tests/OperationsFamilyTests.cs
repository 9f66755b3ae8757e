using System.Threading.Tasks;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer>;

namespace MlAtScale.Catalog.Tests;

/// <summary>
/// The operations families (Hangfire, Quartz, prometheus-net, OpenTelemetry, gRPC service mapping, health
/// checks, Docker.DotNet, Kubernetes) on their newest served versions.
/// </summary>
public sealed class OperationsFamilyTests
{
    [Fact]
    public Task OperatingTheServingHostHasNoDiagnostics() => RealCode.VerifyAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Docker.DotNet;
        using Docker.DotNet.Models;
        using Hangfire;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using MlAtScale;
        using OpenTelemetry;
        using OpenTelemetry.Trace;
        using Prometheus;
        using Quartz;

        namespace Churn.Operations
        {
            public sealed class ScoringService
            {
            }

            [Production]
            public sealed class CanaryCheck
            {
                public void Run() { }
            }

            [Production]
            public sealed class DriftCheckJob : IJob
            {
                public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
            }

            [Production]
            public static class OperatedHost
            {
                public static WebApplication Build(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddGrpc();
                    builder.Services.AddHealthChecks();
                    builder.Services.AddHangfire(configuration => configuration.UseSimpleAssemblyNameTypeSerializer());
                    builder.Services.AddHangfireServer();
                    builder.Services.AddQuartz(quartz =>
                    {
                        var key = new JobKey("drift-check");
                        quartz.AddJob<DriftCheckJob>(job => job.WithIdentity(key));
                        quartz.AddTrigger(trigger => trigger.ForJob(key).WithCronSchedule("0 0 * * * ?"));
                    });
                    builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
                    builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource("Churn.Serving"));

                    var app = builder.Build();
                    app.UseHttpMetrics();
                    app.MapMetrics();
                    app.MapHealthChecks("/healthz");
                    app.MapGrpcService<ScoringService>();
                    app.UseHangfireDashboard();
                    RecurringJob.AddOrUpdate<CanaryCheck>("canary-check", check => check.Run(), Cron.Hourly());
                    return app;
                }

                public static async Task RollOutAsync(ISchedulerFactory schedulers, string image, CancellationToken cancellationToken)
                {
                    using var tracer = Sdk.CreateTracerProviderBuilder().AddSource("Churn.Rollout").Build();
                    using var docker = new DockerClientConfiguration(new Uri("unix:///var/run/docker.sock")).CreateClient();
                    await docker.Containers.CreateContainerAsync(new CreateContainerParameters { Image = image, Name = "churn-canary" }, cancellationToken);
                    var scheduler = await schedulers.GetScheduler(cancellationToken);
                    await scheduler.TriggerJob(new JobKey("drift-check"), cancellationToken);
                }
            }
        }
        """);

    [Fact]
    public Task JobsAndInstrumentationOfOtherRolesHaveNoDiagnostics() => RealCode.VerifyAsync("""
        using System.Diagnostics;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using MlAtScale;
        using Prometheus;
        using Quartz;

        namespace Churn.Ingestion
        {
            // An ETL job: Quartz's IJob and a worker's BackgroundService do not make it Production's.
            [DataEngineering]
            public sealed class NightlyIngestJob : IJob
            {
                private static readonly Counter Rows = Metrics.CreateCounter("churn_rows_ingested_total", "Rows ingested.");
                private static readonly ActivitySource Source = new("Churn.Ingestion");

                public ValueTask Execute(IJobExecutionContext context, System.Threading.CancellationToken cancellationToken)
                {
                    using var activity = Source.StartActivity("ingest");
                    Rows.Inc(1000);
                    return ValueTask.CompletedTask;
                }
            }

            [DataEngineering]
            public sealed class StreamWorker : BackgroundService
            {
                private static readonly Gauge Lag = Metrics.CreateGauge("churn_stream_lag", "Consumer lag.");

                protected override Task ExecuteAsync(System.Threading.CancellationToken stoppingToken)
                {
                    Lag.Set(0);
                    return Task.CompletedTask;
                }
            }
        }

        namespace Churn.Worker
        {
            // An unowned composition root wires a Data Engineering worker.
            public static class Program
            {
                public static IHost Build(string[] args)
                {
                    var builder = Host.CreateApplicationBuilder(args);
                    builder.Services.AddHostedService<Churn.Ingestion.StreamWorker>();
                    builder.Services.AddQuartz(quartz => quartz.AddJob<Churn.Ingestion.NightlyIngestJob>(job => job.WithIdentity("nightly-ingest")));
                    return builder.Build();
                }
            }
        }
        """);

    [Fact]
    public Task CrossRoleUsesOfOperationsAreReported() => RealCode.VerifyAsync("""
        using System.Threading.Tasks;
        using Hangfire;
        using Microsoft.AspNetCore.Builder;
        using MlAtScale;
        using OpenTelemetry;
        using OpenTelemetry.Trace;
        using Quartz;

        namespace Churn.Mixed
        {
            // A training run that schedules itself and deploys a container (a static member is reported at the
            // member, not at its type).
            [DataScience]
            public sealed class SelfSchedulingTrainer
            {
                public void Train() { }

                public async Task ScheduleAsync({|#0:IScheduler|} scheduler, Docker.DotNet.{|#1:IDockerClient|} docker)
                {
                    RecurringJob.{|#2:AddOrUpdate<SelfSchedulingTrainer>|}("retrain", trainer => trainer.Train(), Cron.Daily());
                    await scheduler.{|#3:Start|}();
                    await docker.{|#4:Containers|}.{|#8:ListContainersAsync|}(new Docker.DotNet.Models.{|#9:ContainersListParameters|}());
                }
            }

            // An experiment that exposes its model over gRPC with a health check.
            [DataScience]
            public sealed class ExperimentServer
            {
                public void Expose(Microsoft.Extensions.DependencyInjection.IServiceCollection services, Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)
                {
                    Microsoft.Extensions.DependencyInjection.GrpcServicesExtensions.{|#10:AddGrpc|}(services);
                    Microsoft.Extensions.DependencyInjection.HealthCheckServiceCollectionExtensions.{|#11:AddHealthChecks|}(services);
                    endpoints.{|#12:MapGrpcService<SelfSchedulingTrainer>|}();
                    endpoints.{|#13:MapHealthChecks|}("/healthz");
                }
            }

            // An ETL class that exposes a metrics endpoint and sets up tracing itself.
            [DataEngineering]
            public sealed class IngestionHost
            {
                public void Expose({|#5:WebApplication|} app)
                {
                    Prometheus.MetricServerMiddlewareExtensions.{|#6:MapMetrics|}(app);
                    using var tracing = Sdk.{|#7:CreateTracerProviderBuilder|}().Build();
                }
            }
        }
        """,
        VerifyCS.Diagnostic("MLR0001").WithLocation(0).WithArguments("SelfSchedulingTrainer.ScheduleAsync", "DataScience", "IScheduler", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(1).WithArguments("SelfSchedulingTrainer.ScheduleAsync", "DataScience", "IDockerClient", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(2).WithArguments("SelfSchedulingTrainer.ScheduleAsync", "DataScience", "RecurringJob.AddOrUpdate<T>", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(3).WithArguments("SelfSchedulingTrainer.ScheduleAsync", "DataScience", "IScheduler.Start", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(4).WithArguments("SelfSchedulingTrainer.ScheduleAsync", "DataScience", "IDockerClient.Containers", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(5).WithArguments("IngestionHost.Expose", "DataEngineering", "WebApplication", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(6).WithArguments("IngestionHost.Expose", "DataEngineering", "MetricServerMiddlewareExtensions.MapMetrics", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(7).WithArguments("IngestionHost.Expose", "DataEngineering", "Sdk.CreateTracerProviderBuilder", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(8).WithArguments("SelfSchedulingTrainer.ScheduleAsync", "DataScience", "IContainerOperations.ListContainersAsync", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(9).WithArguments("SelfSchedulingTrainer.ScheduleAsync", "DataScience", "ContainersListParameters", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(10).WithArguments("ExperimentServer.Expose", "DataScience", "GrpcServicesExtensions.AddGrpc", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(11).WithArguments("ExperimentServer.Expose", "DataScience", "HealthCheckServiceCollectionExtensions.AddHealthChecks", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(12).WithArguments("ExperimentServer.Expose", "DataScience", "GrpcEndpointRouteBuilderExtensions.MapGrpcService<TService>", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(13).WithArguments("ExperimentServer.Expose", "DataScience", "HealthCheckEndpointRouteBuilderExtensions.MapHealthChecks", "Production"));
}
