using System;
using System.Collections.Generic;
using System.Linq;
using Churn.Contracts;
using Churn.Modelling;

namespace Churn.Kpi;

/// <summary>A scored customer: what was sent to the service and what it answered.</summary>
public sealed record ScoredCustomer(CustomerRow Customer, ChurnScore Score);

/// <summary>The churn KPIs of one scoring window.</summary>
/// <param name="Customers">Customers scored.</param>
/// <param name="ExpectedChurners">Sum of churn probabilities: churners the model expects.</param>
/// <param name="AnnualRevenue">Annualised revenue of the scored customers.</param>
/// <param name="RevenueAtRisk">Annualised revenue weighted by churn probability.</param>
/// <param name="ActualChurners">Churners among them, once the outcomes are in.</param>
/// <param name="TargetShare">Share of customers the retention campaign can reach.</param>
/// <param name="ModelLift">Churn rate among the top-<see cref="TargetShare"/> customers by probability, over the overall churn rate.</param>
/// <param name="RuleLift">The same for the rule the business used before the model: target month-to-month customers with the highest bills.</param>
/// <param name="ChurnersReachedByModel">Churners the campaign reaches when it follows the model.</param>
/// <param name="ChurnersReachedByRule">Churners it reaches when it follows the rule.</param>
/// <param name="ModelVersions">Requests per model version that served them.</param>
/// <param name="OfflineAuc">AUC Data Science measured on the held-out split.</param>
/// <param name="OfflinePrecision">Precision at the 0.5 threshold on the held-out split.</param>
public sealed record ChurnKpis(
    int Customers,
    double ExpectedChurners,
    double AnnualRevenue,
    double RevenueAtRisk,
    int ActualChurners,
    double TargetShare,
    double ModelLift,
    double RuleLift,
    int ChurnersReachedByModel,
    int ChurnersReachedByRule,
    IReadOnlyDictionary<string, int> ModelVersions,
    double OfflineAuc,
    double OfflinePrecision)
{
    public double RevenueAtRiskShare => AnnualRevenue == 0 ? 0 : RevenueAtRisk / AnnualRevenue;
}

/// <summary>Computes <see cref="ChurnKpis"/> from served predictions and the outcomes that followed.</summary>
public static class KpiCalculator
{
    /// <summary>The retention team can call one customer in five.</summary>
    public const double DefaultTargetShare = 0.2;

    public static ChurnKpis Compute(IReadOnlyList<ScoredCustomer> scored, IReadOnlyDictionary<string, bool> outcomes, ModelEvaluation offline, double targetShare = DefaultTargetShare)
    {
        if (scored.Count == 0)
        {
            throw new ArgumentException("No customers were scored.", nameof(scored));
        }

        var churned = scored.Count(s => outcomes.GetValueOrDefault(s.Customer.CustomerId));
        var baseRate = (double)churned / scored.Count;
        var reach = Math.Max(1, (int)Math.Round(scored.Count * targetShare));

        var byModel = scored.OrderByDescending(s => s.Score.Probability).ThenBy(s => s.Customer.CustomerId, StringComparer.Ordinal).Take(reach).ToList();
        var byRule = scored
            .OrderByDescending(s => s.Customer.Contract == ContractTypes.MonthToMonth)
            .ThenByDescending(s => s.Customer.MonthlyCharges)
            .ThenBy(s => s.Customer.CustomerId, StringComparer.Ordinal)
            .Take(reach).ToList();
        var reachedByModel = byModel.Count(s => outcomes.GetValueOrDefault(s.Customer.CustomerId));
        var reachedByRule = byRule.Count(s => outcomes.GetValueOrDefault(s.Customer.CustomerId));

        return new ChurnKpis(
            scored.Count,
            scored.Sum(s => (double)s.Score.Probability),
            scored.Sum(s => AnnualRevenue(s.Customer)),
            scored.Sum(s => s.Score.Probability * AnnualRevenue(s.Customer)),
            churned,
            targetShare,
            Lift(reachedByModel, reach, baseRate),
            Lift(reachedByRule, reach, baseRate),
            reachedByModel,
            reachedByRule,
            scored.GroupBy(s => s.Score.ModelVersion, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            offline.Auc,
            offline.Precision);
    }

    private static double AnnualRevenue(CustomerRow customer) => customer.MonthlyCharges * 12.0;

    private static double Lift(int reached, int targeted, double baseRate) => baseRate == 0 ? 0 : (double)reached / targeted / baseRate;
}
