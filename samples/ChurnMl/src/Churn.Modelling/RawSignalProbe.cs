using System;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Churn.Modelling;

/// <summary>
/// An experiment someone checked in: "is the share of late payers in billing higher than in the
/// clean data set?". It answers by querying the billing database itself. The analyzer flags every
/// line of that shortcut; the fix is to ask Data Engineering to publish late payments by period in
/// the clean data set (a contract), or to move this check into Churn.Ingestion.
/// </summary>
public static class RawSignalProbe
{
    public static double LatePaymentShareInLatestPeriod(string billingDatabasePath)
    {
        // DELIBERATE VIOLATION (MLR0001): Data Science opens Data Engineering's raw billing database instead of reading the published clean data set; its rows are uncleaned (NULL amounts, amounts in cents) and not versioned, so no model trained on them can be reproduced.
        using var connection = new SqliteConnection($"Data Source={billingDatabasePath};Mode=ReadOnly;Pooling=False");
        // DELIBERATE VIOLATION (MLR0001): opening the raw store (same shortcut).
        connection.Open();
        // DELIBERATE VIOLATION (MLR0001): raw SQL against a source table whose schema only Data Engineering controls.
        using var command = new SqliteCommand("SELECT AVG(paid_late) FROM invoices WHERE period = (SELECT MAX(period) FROM invoices)", connection);
        // DELIBERATE VIOLATION (MLR0001): reading the raw result (same shortcut).
        return Convert.ToDouble(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
