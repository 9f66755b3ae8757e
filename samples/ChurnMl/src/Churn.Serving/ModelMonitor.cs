using System;
using Churn.Contracts;

namespace Churn.Serving;

/// <summary>Decides when to ask Data Science for a new model: prediction drift, or a newer data snapshot.</summary>
public static class ModelMonitor
{
    /// <summary>Drift threshold on the mean predicted churn probability, in absolute percentage points.</summary>
    public const double DriftThreshold = 0.05;

    public static RetrainingRequest? Check(ModelArtifact current, double meanServedProbability, string? latestSnapshotPeriod)
    {
        ArgumentNullException.ThrowIfNull(current);
        var drift = double.IsNaN(meanServedProbability) ? 0 : Math.Abs(meanServedProbability - current.TestPositiveRate);
        string? reason = null;
        if (drift > DriftThreshold)
        {
            reason = $"mean predicted churn {meanServedProbability:P1} drifted {drift:P1} from the {current.TestPositiveRate:P1} the model was evaluated on";
        }

        if (latestSnapshotPeriod is not null && string.CompareOrdinal(latestSnapshotPeriod, current.SnapshotPeriod) > 0)
        {
            var newData = $"clean snapshot {latestSnapshotPeriod} is newer than {current.SnapshotPeriod}, the data {current.Version} was trained on";
            reason = reason is null ? newData : $"{reason}; {newData}";
        }

        return reason is null ? null : new RetrainingRequest(current.Version, reason, meanServedProbability, current.TestPositiveRate);
    }
}
