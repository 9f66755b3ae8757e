using System;
using MlAtScale;

namespace QuickStart.Serving;

/// <summary>A trained model artifact: a contract every role may use.</summary>
[RoleContract]
public sealed record ChurnModel(int TicketThreshold)
{
    public bool Predict(int supportTickets) => supportTickets >= TicketThreshold;
}

/// <summary>Serving and staged deployment of models.</summary>
[Production]
public static class ModelHost
{
    public static ChurnModel? Current { get; private set; }

    public static void Deploy(ChurnModel model)
    {
        Current = model;
        Console.WriteLine($"Deployed churn model (threshold {model.TicketThreshold} tickets).");
    }
}
