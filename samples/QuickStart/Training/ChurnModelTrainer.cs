using System.Collections.Generic;
using System.Linq;
using MlAtScale;
using QuickStart.Ingestion;
using QuickStart.Serving;

namespace QuickStart.Training;

/// <summary>Trains a (deliberately tiny) churn model: a support-ticket threshold.</summary>
[DataScience]
public static class ChurnModelTrainer
{
    public static ChurnModel Train()
    {
        // Allowed: the policy file allows DataScience -> DataEngineering.
        IReadOnlyList<CustomerRow> rows = CustomerLoader.LoadClean();
        var threshold = rows.Where(r => r.Churned).Min(r => r.SupportTickets);
        var model = new ChurnModel(threshold);

        // DELIBERATE VIOLATION (MLR0001): Data Science deploys its own model instead of handing the
        // artifact to Production. The build shows the warning; fix it with a contract, a policy edge
        // or a justified [AllowRoleCrossing].
        ModelHost.Deploy(model);

        return model;
    }
}
