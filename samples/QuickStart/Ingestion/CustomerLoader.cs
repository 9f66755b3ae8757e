using System;
using System.Collections.Generic;
using System.Globalization;
using MlAtScale;

namespace QuickStart.Ingestion;

/// <summary>A clean data set: the hand-off from Data Engineering to everyone else.</summary>
[RoleContract]
public sealed record CustomerRow(double MonthlySpend, int SupportTickets, bool Churned);

/// <summary>Extracts raw customer records and cleans them.</summary>
[DataEngineering]
public static class CustomerLoader
{
    private const string RawCsv = "spend,tickets,churned\n42.0,0,false\n13.5,4,true\n,2,false\n77.1,1,false\n9.9,6,true\n";

    public static IReadOnlyList<CustomerRow> LoadClean()
    {
        var rows = new List<CustomerRow>();
        foreach (var line in RawCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..])
        {
            var fields = line.Split(',');
            // Cleaning: rows without a spend figure are dropped.
            if (double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var spend))
            {
                rows.Add(new CustomerRow(spend, int.Parse(fields[1], CultureInfo.InvariantCulture), bool.Parse(fields[2])));
            }
        }

        return rows;
    }
}
