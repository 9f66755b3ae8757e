using Churn.Serving;

namespace Churn.Kpi;

/// <summary>
/// A business rule someone wired straight into deployment: when a canary model puts too much revenue
/// at risk for the retention budget, stop the canary. The rule itself is Business Analysis's to
/// define; stopping a roll-out is Production's. The fix: publish the threshold as a contract that the
/// roll-out gate reads, or raise an alert that Production acts on.
/// </summary>
public static class RevenueGuardrail
{
    /// <summary>The retention budget covers at most this share of revenue at risk.</summary>
    public const double MaxRevenueAtRiskShare = 0.6;

    /// <summary>Stops the running canary when <paramref name="canaryKpis"/> breach the budget. Returns whether it did.</summary>
    public static bool Enforce(
        ChurnKpis canaryKpis,
        // DELIBERATE VIOLATION (MLR0001): Business Analysis takes a handle on Production's roll-out controller.
        RolloutController rollout)
    {
        if (canaryKpis.RevenueAtRiskShare <= MaxRevenueAtRiskShare)
        {
            return false;
        }

        // DELIBERATE VIOLATION (MLR0001): a KPI rule calls a deployment API and stops a roll-out that Production owns.
        rollout.Rollback($"revenue at risk {canaryKpis.RevenueAtRiskShare:P0} exceeds the retention budget ({MaxRevenueAtRiskShare:P0})");
        return true;
    }
}
