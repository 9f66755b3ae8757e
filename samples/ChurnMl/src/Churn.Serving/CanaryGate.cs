using System;
using System.Collections.Generic;
using System.Linq;
using Churn.Contracts;
using Churn.Modelling;
using MlAtScale;
using Microsoft.ML;

namespace Churn.Serving;

/// <summary>
/// The promotion gate of a canary: both models score the same labelled canary traffic (the stable
/// model in shadow for the candidate's customers and the other way round), and the candidate is
/// promoted when its AUC is not worse than the stable model's by more than <see cref="Tolerance"/>.
/// </summary>
public sealed class CanaryGate
{
    public CanaryGate(int minimumOutcomes = 80, int minimumPerClass = 10, int minimumServedByCandidate = 15, double tolerance = 0.01)
    {
        MinimumOutcomes = minimumOutcomes;
        MinimumPerClass = minimumPerClass;
        MinimumServedByCandidate = minimumServedByCandidate;
        Tolerance = tolerance;
    }

    public int MinimumOutcomes { get; }

    public int MinimumPerClass { get; }

    public int MinimumServedByCandidate { get; }

    /// <summary>How much lower the candidate's AUC may be and still count as "not worse" (sampling noise).</summary>
    public double Tolerance { get; }

    [AllowRoleCrossing(RoleNames.DataScience,
        Justification = "The promotion gate must compute AUC exactly the way Data Science signs models off (ChurnEvaluator); a second AUC implementation in serving could disagree with the offline number it is compared to. Agreed with the modelling team; the evaluator is versioned with the model code.")]
    public RolloutDecision Judge(MLContext ml, ITransformer stable, ITransformer candidate, IReadOnlyList<CustomerRow> labelled, int servedByCandidate)
    {
        var churners = labelled.Count(r => r.Churned);
        var stayers = labelled.Count - churners;
        if (labelled.Count < MinimumOutcomes || churners < MinimumPerClass || stayers < MinimumPerClass || servedByCandidate < MinimumServedByCandidate)
        {
            return new RolloutDecision(
                RolloutVerdict.Pending,
                $"waiting for evidence: {labelled.Count}/{MinimumOutcomes} outcomes ({churners} churners, {stayers} stayers, at least {MinimumPerClass} each), " +
                $"{servedByCandidate}/{MinimumServedByCandidate} requests served by the candidate",
                null, null, labelled.Count);
        }

        var data = ml.Data.LoadFromEnumerable(labelled);
        var stableAuc = ChurnEvaluator.Evaluate(ml, stable, data).Auc;
        var candidateAuc = ChurnEvaluator.Evaluate(ml, candidate, data).Auc;
        var notWorse = candidateAuc >= stableAuc - Tolerance;
        var reason = $"AUC on {labelled.Count} labelled canary outcomes: candidate {candidateAuc:0.000} vs stable {stableAuc:0.000} " +
                     (notWorse ? $"(not worse, tolerance {Tolerance:0.00})" : $"(worse by more than {Tolerance:0.00})");
        return new RolloutDecision(notWorse ? RolloutVerdict.Promoted : RolloutVerdict.RolledBack, reason, stableAuc, candidateAuc, labelled.Count);
    }
}
