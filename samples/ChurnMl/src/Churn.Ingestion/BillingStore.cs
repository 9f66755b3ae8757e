using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace Churn.Ingestion;

/// <summary>
/// The billing database (SQLite). Only Data Engineering talks to it: everyone else gets the clean
/// data set.
/// </summary>
public sealed class BillingStore
{
    // An invoice above this is a keying error (the amount was entered in cents), not a real bill.
    private const double MaxPlausibleMonthlyAmount = 1_000;
    private const int ChargePeriods = 3;

    private readonly string _connectionString;

    public BillingStore(string databasePath) =>
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();

    /// <summary>Invoice rows in the database (all periods).</summary>
    public int CountInvoices()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM invoices";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Per customer, as of <paramref name="snapshotPeriod"/> (yyyy-MM, inclusive): the mean of the
    /// plausible amounts of the last three periods, and the number of late payments.
    /// </summary>
    public IReadOnlyDictionary<string, BillingSummary> Summarise(string snapshotPeriod)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT customer_id, period, amount, paid_late
            FROM invoices
            WHERE period <= $snapshot
            ORDER BY customer_id, period DESC
            """;
        command.Parameters.AddWithValue("$snapshot", snapshotPeriod);

        var invoices = new List<(string Customer, double? Amount, bool Late)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                invoices.Add((reader.GetString(0), reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.GetInt64(3) != 0));
            }
        }

        return invoices
            .GroupBy(i => i.Customer, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Summarise(g.Key, g.ToList()), StringComparer.Ordinal);
    }

    private static BillingSummary Summarise(string customer, List<(string Customer, double? Amount, bool Late)> newestFirst)
    {
        var recent = newestFirst.Take(ChargePeriods).Where(i => i.Amount is not null).Select(i => i.Amount!.Value).ToList();
        var plausible = recent.Where(a => a is > 0 and <= MaxPlausibleMonthlyAmount).ToList();
        return new BillingSummary(
            customer,
            plausible.Count > 0 ? plausible.Average() : null,
            newestFirst.Count(i => i.Late),
            recent.Count - plausible.Count);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
