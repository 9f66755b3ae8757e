using MlAtScale;
using Microsoft.ML.Data;

namespace Churn.Contracts;

/// <summary>The output columns of every churn model (a calibrated binary classifier).</summary>
[DataScience, RoleContract]
public sealed class ChurnPrediction
{
    [ColumnName("PredictedLabel")]
    public bool PredictedChurn { get; set; }

    /// <summary>Calibrated churn probability, 0..1.</summary>
    public float Probability { get; set; }

    public float Score { get; set; }
}

/// <summary>The response of <c>POST /predict</c>: which model scored the customer, and how.</summary>
[Production, RoleContract]
public sealed record ChurnScore(string CustomerId, float Probability, bool PredictedChurn, string ModelVersion);
