using System.Linq;
using QuickStart.Ingestion;
using QuickStart.Serving;

namespace QuickStart.Reporting;

// Owned by Business Analysis through MlRoles.txt (no attribute needed).
public static class ChurnKpi
{
    /// <summary>Share of customers the model flags: uses only contracts, so no role boundary is crossed.</summary>
    public static double FlaggedShare(ChurnModel model, CustomerRow[] customers) =>
        customers.Count(c => model.Predict(c.SupportTickets)) / (double)customers.Length;
}
