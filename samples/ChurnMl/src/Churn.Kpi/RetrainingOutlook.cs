using Churn.Contracts;

namespace Churn.Kpi
{
    /// <summary>
    /// The business wants to know whether a re-training (and with it a new model and a new campaign list)
    /// is coming. Asking Production's monitor directly would be an MLR0001; someone routed the question
    /// through a small helper in an unmapped namespace instead, so the crossing hides behind code nobody
    /// owns. MLR0010 follows the chain. The fix: Production publishes the monitor's verdict as a contract
    /// (it already returns a <see cref="RetrainingRequest"/>), or the helper gets Production's role.
    /// </summary>
    public static class RetrainingOutlook
    {
        /// <summary>Whether the monitor would ask for re-training given what was served.</summary>
        public static bool RetrainingLikely(ModelArtifact current, double meanServedProbability, string? latestSnapshotPeriod) =>
            // DELIBERATE VIOLATION (MLR0010): Business Analysis reaches Production's monitor through an unowned helper.
            Churn.Insights.MonitoringShortcuts.WouldRetrain(current, meanServedProbability, latestSnapshotPeriod);
    }
}

namespace Churn.Insights
{
    /// <summary>Unowned: MlRoles.txt maps no namespace Churn.Insights, and nothing here carries a role.</summary>
    public static class MonitoringShortcuts
    {
        /// <summary>Asks Production's model monitor; not reported here, because this code has no role.</summary>
        public static bool WouldRetrain(ModelArtifact current, double meanServedProbability, string? latestSnapshotPeriod) =>
            Churn.Serving.ModelMonitor.Check(current, meanServedProbability, latestSnapshotPeriod) is not null;
    }
}
