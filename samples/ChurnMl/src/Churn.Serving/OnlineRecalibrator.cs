using System.Collections.Generic;
using Churn.Contracts;
using Microsoft.ML;

namespace Churn.Serving;

/// <summary>
/// "Self-healing" serving: re-fits the model on the labelled canary traffic inside the web process
/// and swaps it in (<c>POST /admin/recalibrate</c>). The analyzer flags it: training belongs to Data
/// Science, and a model trained here has no evaluation, no versioned data set and no roll-out. The
/// fix is to send a <see cref="RetrainingRequest"/> and roll out the model that comes back.
/// </summary>
public static class OnlineRecalibrator
{
    public static ModelSlot Refit(MLContext ml, IReadOnlyList<CustomerRow> labelled, string stableVersion)
    {
        var data = ml.Data.LoadFromEnumerable(labelled);
        var features = ml.Transforms.Concatenate("Features", nameof(CustomerRow.TenureMonths), nameof(CustomerRow.SupportCalls), nameof(CustomerRow.MonthlyCharges), nameof(CustomerRow.LatePayments));
        // DELIBERATE VIOLATION (MLR0001): Production creates a trainer; choosing and configuring trainers is Data Science's work.
        var trainer = ml.BinaryClassification.Trainers.SdcaLogisticRegression();
        // DELIBERATE VIOLATION (MLR0001): Production trains (Fit) inside the serving process: an unevaluated model goes live with no artifact and no staged roll-out.
        var model = features.Append(trainer).Fit(data);
        return new ModelSlot(ml, stableVersion + "+recalibrated", model, artifact: null);
    }
}
