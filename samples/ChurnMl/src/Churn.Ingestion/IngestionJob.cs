using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Churn.Contracts;

namespace Churn.Ingestion;

/// <summary>
/// The ETL job: CRM CSV export + billing database → cleaned, imputed, de-duplicated →
/// one published snapshot of the clean data set (CSV + <see cref="CleanDataSet"/> descriptor).
/// </summary>
public static class IngestionJob
{
    public static CleanDataSet Publish(string crmCsvPath, string billingDatabasePath, string snapshotPeriod, string outputDirectory)
    {
        var crm = CrmCsvReader.Read(crmCsvPath);
        var store = new BillingStore(billingDatabasePath);
        var billing = store.Summarise(snapshotPeriod);
        var cleaned = CustomerCleaner.Clean(crm.Customers, billing, crm.Sentinels);

        var csv = new StringBuilder();
        csv.Append(CustomerRow.CsvHeader).Append('\n');
        foreach (var r in cleaned.Rows)
        {
            csv.Append(string.Join(',',
                r.CustomerId,
                Number(r.TenureMonths),
                r.Contract,
                r.PaymentMethod,
                Number(r.HasFiber),
                Number(r.SupportCalls),
                Number(r.MonthlyCharges),
                Number(r.TotalCharges),
                Number(r.LatePayments),
                r.Churned ? "true" : "false")).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        Directory.CreateDirectory(outputDirectory);
        var path = Path.GetFullPath(Path.Combine(outputDirectory, $"customers-clean-{snapshotPeriod}.csv"));

        // Published atomically: a reader never sees half a data set.
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);

        var quality = new DataQualityReport(
            RawCsvRows: crm.Lines,
            MalformedRows: crm.Malformed + cleaned.Unrecoverable,
            DuplicateRows: cleaned.Duplicates,
            BillingRows: store.CountInvoices(),
            CustomersWithoutBilling: cleaned.WithoutBilling,
            ImputedValues: cleaned.Imputed,
            OutliersReplaced: cleaned.OutliersReplaced);
        return new CleanDataSet(path, snapshotPeriod, cleaned.Rows.Count, Convert.ToHexStringLower(SHA256.HashData(bytes)), quality);
    }

    private static string Number(float value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
