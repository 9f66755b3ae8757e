using System.Globalization;
using System.Linq;
using System.Text;

namespace Churn.Kpi;

/// <summary>The business report: what the churn model is worth, in the business's terms.</summary>
public static class KpiReport
{
    public static string ToMarkdown(ChurnKpis k, string title)
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.Append(c, $"# {title}\n\n");
        md.Append("| KPI | value |\n|---|---|\n");
        md.Append(c, $"| customers scored | {k.Customers} |\n");
        md.Append(c, $"| expected churners (sum of probabilities) | {k.ExpectedChurners:0.0} |\n");
        md.Append(c, $"| actual churners (outcomes) | {k.ActualChurners} |\n");
        md.Append(c, $"| annual revenue of scored customers | ${k.AnnualRevenue:#,0} |\n");
        md.Append(c, $"| revenue at risk (probability-weighted, annual) | ${k.RevenueAtRisk:#,0} ({k.RevenueAtRiskShare:P1}) |\n");
        md.Append(c, $"| campaign reach | top {k.TargetShare:P0} |\n");
        md.Append(c, $"| churners reached: model / old rule | {k.ChurnersReachedByModel} / {k.ChurnersReachedByRule} |\n");
        md.Append(c, $"| lift over random: model / old rule | {k.ModelLift:0.00}x / {k.RuleLift:0.00}x |\n");
        md.Append(c, $"| offline AUC / precision (Data Science sign-off) | {k.OfflineAuc:0.000} / {k.OfflinePrecision:0.000} |\n");
        md.Append(c, $"| requests per model | {string.Join(", ", k.ModelVersions.Select(v => $"{v.Key}: {v.Value}"))} |\n");
        return md.ToString();
    }
}
