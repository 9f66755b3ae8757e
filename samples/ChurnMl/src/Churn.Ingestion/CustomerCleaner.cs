using System;
using System.Collections.Generic;
using System.Linq;
using Churn.Contracts;

namespace Churn.Ingestion;

/// <summary>
/// Turns raw CRM records and billing summaries into clean rows: one row per customer, no missing
/// values (median imputation), normalised categories.
/// </summary>
public static class CustomerCleaner
{
    public sealed record Result(IReadOnlyList<CustomerRow> Rows, int Duplicates, int Unrecoverable, int Imputed, int WithoutBilling, int OutliersReplaced);

    public static Result Clean(IReadOnlyList<RawCustomer> raw, IReadOnlyDictionary<string, BillingSummary> billing, int csvSentinels)
    {
        // The CRM exports a record again when it changes during the export: the last one is current.
        var latest = raw.GroupBy(c => c.CustomerId, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var duplicates = raw.Count - latest.Count;

        // A row without a contract type cannot be placed in any segment: dropping it is honest, guessing is not.
        var usable = latest.Where(c => c.Contract is not null).OrderBy(c => c.CustomerId, StringComparer.Ordinal).ToList();
        var unrecoverable = latest.Count - usable.Count;

        var tenureMedian = Median(usable.Select(c => c.TenureMonths));
        var supportMedian = Median(usable.Select(c => c.SupportCalls));
        var chargesMedian = Median(usable.Select(c => billing.GetValueOrDefault(c.CustomerId)?.MonthlyCharges));
        var latePaymentsMedian = Median(usable.Select(c => (double?)billing.GetValueOrDefault(c.CustomerId)?.LatePayments));

        int imputed = 0, withoutBilling = 0;
        var rows = new List<CustomerRow>(usable.Count);
        foreach (var c in usable)
        {
            var bill = billing.GetValueOrDefault(c.CustomerId);
            if (bill is null)
            {
                withoutBilling++;
            }

            var tenure = Fill(c.TenureMonths, tenureMedian, ref imputed);
            var charges = Fill(bill?.MonthlyCharges, chargesMedian, ref imputed);
            rows.Add(new CustomerRow
            {
                CustomerId = c.CustomerId,
                TenureMonths = (float)tenure,
                Contract = c.Contract!,
                PaymentMethod = c.PaymentMethod,
                HasFiber = c.InternetService.Equals("Fiber optic", StringComparison.OrdinalIgnoreCase) ? 1 : 0,
                SupportCalls = (float)Fill(c.SupportCalls, supportMedian, ref imputed),
                MonthlyCharges = (float)Math.Round(charges, 2),
                TotalCharges = (float)Math.Round(charges * tenure, 2),
                LatePayments = (float)Fill(bill?.LatePayments, latePaymentsMedian, ref imputed),
                Churned = c.Churned,
            });
        }

        var outliers = csvSentinels + billing.Values.Sum(b => b.OutliersDropped);
        return new Result(rows, duplicates, unrecoverable, imputed, withoutBilling, outliers);
    }

    /// <summary>The median of the known values (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double?> values)
    {
        var known = values.Where(v => v is not null).Select(v => v!.Value).OrderBy(v => v).ToList();
        if (known.Count == 0)
        {
            throw new InvalidOperationException("Cannot impute a column that has no known value at all.");
        }

        var middle = known.Count / 2;
        return known.Count % 2 == 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
    }

    private static double Median(IEnumerable<int?> values) => Median(values.Select(v => (double?)v));

    private static double Fill(double? value, double median, ref int imputed)
    {
        if (value is { } known)
        {
            return known;
        }

        imputed++;
        return median;
    }

    private static double Fill(int? value, double median, ref int imputed) => Fill((double?)value, median, ref imputed);
}
