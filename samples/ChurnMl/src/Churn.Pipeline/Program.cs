using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Churn.Contracts;
using Churn.Ingestion;
using Churn.Kpi;
using Churn.Modelling;
using Churn.Serving;

namespace Churn.Pipeline;

/// <summary>
/// ingest → train → evaluate → save → serve (over HTTP) → re-train → canary roll-out → KPI report.
/// Options: <c>--out DIR</c> (default: artifacts/run under the sample), <c>--regenerate-data</c>
/// (rewrite data/raw/crm_customers.csv from the deterministic generator).
/// </summary>
public static class Program
{
    private const string FirstSnapshot = "2025-05";
    private const string SecondSnapshot = "2025-06";
    private const int CanaryPercent = 30;
    private const int CustomersBeforeCanary = 60;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static async Task<int> Main(string[] args)
    {
        try
        {
            await RunAsync(args);
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"pipeline failed: {e}");
            return 1;
        }
    }

    private static async Task RunAsync(string[] args)
    {
        var root = SampleRoot();
        var output = Path.GetFullPath(Option(args, "--out") ?? Path.Combine(root, "artifacts", "run"));
        var rawCsv = Path.Combine(root, "data", "raw", "crm_customers.csv");
        Directory.CreateDirectory(output);

        // 0. The source systems: the CRM export ships in the repo, the billing database is created here.
        if (args.Contains("--regenerate-data") || !File.Exists(rawCsv))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(rawCsv)!);
            await File.WriteAllTextAsync(rawCsv, SyntheticSources.CrmExportCsv());
            Step($"generated {Relative(root, rawCsv)} (seed {SyntheticSources.Seed})");
        }

        var billingDb = Path.Combine(output, "billing.db");
        SyntheticSources.CreateBillingDatabase(billingDb);
        Step($"created billing database {Relative(root, billingDb)} ({SyntheticSources.Periods.Length} periods)");

        // 1. Data Engineering publishes the clean data set as of May.
        var cleanDir = Path.Combine(output, "clean");
        var may = IngestionJob.Publish(rawCsv, billingDb, FirstSnapshot, cleanDir);
        Step($"ingested snapshot {may.SnapshotPeriod}: {may.Rows} clean rows from {may.Quality.RawCsvRows} CSV lines " +
             $"({may.Quality.MalformedRows} malformed, {may.Quality.DuplicateRows} duplicates, {may.Quality.ImputedValues} values imputed, " +
             $"{may.Quality.OutliersReplaced} outliers replaced, {may.Quality.CustomersWithoutBilling} without billing)");

        // 2. Data Science trains, evaluates and saves the first model.
        var trainer = new ChurnTrainer();
        var modelDir = Path.Combine(output, "models");
        var first = trainer.Train(may, modelDir);
        await SaveArtifactAsync(first.Artifact);
        Step($"trained {first.Artifact.Version}: test AUC {first.Evaluation.Auc:0.000}, F1 {first.Evaluation.F1:0.000} on {first.Evaluation.Rows} held-out rows");

        // 3. Production serves it; live traffic arrives over HTTP.
        var live = SyntheticSources.LiveTraffic();
        await using var server = await ChurnServer.StartAsync(first.Artifact);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Step($"serving {first.Artifact.Version} on {server.BaseAddress}");
        foreach (var (customer, _) in live.Take(CustomersBeforeCanary))
        {
            await PostAsync<ChurnScore>(http, "/predict", customer);
        }

        Step($"scored {CustomersBeforeCanary} customers with POST /predict");

        // 4. New billing data lands; monitoring asks for a new model; Data Science answers it.
        var june = IngestionJob.Publish(rawCsv, billingDb, SecondSnapshot, cleanDir);
        var request = await GetAsync<RetrainingRequest>(http, $"/monitoring/retraining?latestSnapshot={june.SnapshotPeriod}")
            ?? throw new InvalidOperationException("Monitoring did not ask for a new model although a newer snapshot exists.");
        Step($"re-training requested: {request.Reason}");
        var second = trainer.Retrain(request, june, modelDir);
        await SaveArtifactAsync(second.Artifact);
        Step($"trained {second.Artifact.Version}: test AUC {second.Evaluation.Auc:0.000}, F1 {second.Evaluation.F1:0.000}");

        // 5. Staged roll-out: canary, live traffic, outcomes, the gate.
        await PostAsync<RolloutStatus>(http, "/rollout/canary", new CanaryRequest(second.Artifact, CanaryPercent));
        var canaryTraffic = live.Skip(CustomersBeforeCanary).ToList();
        var scored = new List<ScoredCustomer>();
        foreach (var (customer, _) in canaryTraffic)
        {
            scored.Add(new ScoredCustomer(customer, await PostAsync<ChurnScore>(http, "/predict", customer)));
        }

        var early = await PostAsync<RolloutDecision>(http, "/rollout/decide", null);
        Step($"canary of {second.Artifact.Version} at {CanaryPercent}%: {scored.Count} customers scored; gate before outcomes: {early.Verdict} ({early.Reason})");
        if (early.Verdict != RolloutVerdict.Pending)
        {
            throw new InvalidOperationException("The gate decided without any labelled outcome.");
        }

        var outcomes = canaryTraffic.ToDictionary(t => t.Request.CustomerId, t => t.Churned, StringComparer.Ordinal);
        await PostAsync<JsonElement>(http, "/rollout/outcomes", outcomes.Select(o => new ChurnOutcome(o.Key, o.Value)).ToList());

        // 6. Business Analysis: the KPIs of the canary window (and its guardrail, see RevenueGuardrail).
        var kpis = KpiCalculator.Compute(scored, outcomes, second.Evaluation);
        var stopped = RevenueGuardrail.Enforce(kpis, server.Rollout);
        var decision = stopped ? null : await PostAsync<RolloutDecision>(http, "/rollout/decide", null);
        var status = await GetAsync<RolloutStatus>(http, "/rollout") ?? throw new InvalidOperationException("GET /rollout returned nothing.");
        Step(decision is null ? "canary stopped by the revenue guardrail" : $"gate after outcomes: {decision.Verdict} ({decision.Reason})");
        Step($"roll-out: {status.Stage}, {status.StableVersion} serves 100%");

        var reportPath = Path.Combine(output, "kpi-report.md");
        var report = KpiReport.ToMarkdown(kpis, $"Churn KPIs: canary window of {second.Artifact.Version}")
            + "\n## Roll-out history\n\n" + string.Join('\n', status.History.Select(h => $"{h.Sequence}. **{h.Kind}**: {h.Detail}")) + "\n";
        await File.WriteAllTextAsync(reportPath, report);

        Console.WriteLine();
        Console.WriteLine(report);
        Console.WriteLine($"Summary: {may.Rows} clean rows → {first.Artifact.Version} (AUC {first.Artifact.TestAuc:0.000}) → {second.Artifact.Version} " +
                          $"(AUC {second.Artifact.TestAuc:0.000}) canary {(decision?.Verdict.ToString() ?? "stopped")}; " +
                          $"expected churners {kpis.ExpectedChurners:0.0}/{kpis.Customers}, revenue at risk ${kpis.RevenueAtRisk:#,0}, " +
                          $"model lift {kpis.ModelLift:0.00}x vs rule {kpis.RuleLift:0.00}x. Report: {Relative(root, reportPath)} ({Clock.Elapsed.TotalSeconds:0.0}s)");
    }

    private static async Task<T> PostAsync<T>(HttpClient http, string path, object? body)
    {
        using var response = await http.PostAsJsonAsync(path, body, Json);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<T>(Json) ?? throw new InvalidDataException($"POST {path} returned no body.");
    }

    private static async Task<T?> GetAsync<T>(HttpClient http, string path)
        where T : class
    {
        using var response = await http.GetAsync(path);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(Json);
    }

    private static Task SaveArtifactAsync(ModelArtifact artifact) =>
        File.WriteAllTextAsync(Path.ChangeExtension(artifact.Path, ".json"), JsonSerializer.Serialize(artifact, new JsonSerializerOptions { WriteIndented = true }));

    private static void Step(string message) => Console.WriteLine($"[{Clock.Elapsed.TotalSeconds,5:0.0}s] {message}");

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string Relative(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static string SampleRoot() =>
        typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "ChurnMlRoot")?.Value
        ?? throw new InvalidOperationException("The build did not record the sample's root folder.");
}
