using System;

namespace Churn.Operations.Drift;

/// <summary>
/// How far the live feature distribution has moved from the training distribution (population
/// stability index). Data Science's, through CODEOWNERS.
/// </summary>
public static class FeatureDrift
{
    /// <summary>PSI over matching histogram buckets; above 0.25 the model is usually retrained.</summary>
    public static double PopulationStability(double[] training, double[] live)
    {
        if (training.Length != live.Length)
        {
            throw new ArgumentException("the histograms need the same buckets", nameof(live));
        }

        var psi = 0.0;
        for (var i = 0; i < training.Length; i++)
        {
            var expected = Math.Max(training[i], 1e-6);
            var actual = Math.Max(live[i], 1e-6);
            psi += (actual - expected) * Math.Log(actual / expected);
        }

        return psi;
    }

    /// <summary>Checks the drift and, above the threshold, raises the alarm.</summary>
    public static bool CheckAndAlert(double[] training, double[] live)
    {
        var psi = PopulationStability(training, live);
        if (psi <= 0.25)
        {
            return false;
        }

        // DELIBERATE VIOLATION (MLR0001): Data Science code pages the serving platform's on-call itself (owned by @contoso/ml-platform through CODEOWNERS); it should hand a retraining request over instead.
        Alerts.OnCallPager.Page("high", $"feature drift PSI {psi:F2}");
        return true;
    }
}
