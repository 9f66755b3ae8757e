using System;
using System.Collections.Generic;
using Churn.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.ML;

namespace Churn.Serving;

/// <summary>The body of <c>POST /rollout/canary</c>.</summary>
public sealed record CanaryRequest(ModelArtifact Candidate, int Percent);

/// <summary>The HTTP surface of the churn service.</summary>
public static class ChurnApi
{
    public static IEndpointRouteBuilder MapChurnApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/predict", (CustomerRow customer, RolloutController rollout) => Guard(() => Results.Ok(rollout.Score(customer))));

        endpoints.MapGet("/rollout", (RolloutController rollout) => Results.Ok(rollout.Status()));
        endpoints.MapPost("/rollout/canary", (CanaryRequest request, RolloutController rollout) =>
            Guard(() => Results.Ok(rollout.BeginCanary(request.Candidate, request.Percent))));
        endpoints.MapPost("/rollout/outcomes", (List<ChurnOutcome> outcomes, RolloutController rollout) =>
            Guard(() => Results.Ok(new { accepted = rollout.RecordOutcomes(outcomes) })));
        endpoints.MapPost("/rollout/decide", (RolloutController rollout) => Guard(() => Results.Ok(rollout.Decide())));
        endpoints.MapPost("/rollout/rollback", (string reason, RolloutController rollout) => Guard(() => Results.Ok(rollout.Rollback(reason))));

        endpoints.MapGet("/monitoring/retraining", (string? latestSnapshot, RolloutController rollout) =>
            rollout.StableArtifact is { } current && ModelMonitor.Check(current, rollout.MeanServedProbability(), latestSnapshot) is { } request
                ? Results.Ok(request)
                : Results.NoContent());

        endpoints.MapPost("/admin/recalibrate", (RolloutController rollout, MLContext ml) => Guard(() =>
        {
            var slot = OnlineRecalibrator.Refit(ml, rollout.LabelledCanaryTraffic(), rollout.Status().StableVersion);
            rollout.HotSwapStable(slot, "recalibrated on canary outcomes");
            return Results.Ok(rollout.Status());
        }));
        return endpoints;
    }

    // Invalid requests and invalid roll-out transitions are the caller's problem (4xx), with the reason.
    private static IResult Guard(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (ArgumentException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (InvalidOperationException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }
}
