using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Churn.Ingestion;

/// <summary>Reads the CRM's CSV export. Lines that cannot be parsed are counted and skipped, never guessed.</summary>
public static class CrmCsvReader
{
    private const string ExpectedHeader = "CustomerID,Tenure,Contract,PaymentMethod,InternetService,SupportCalls,Churn";
    private const int MaxPlausibleTenureMonths = 120;

    public sealed record Result(IReadOnlyList<RawCustomer> Customers, int Lines, int Malformed, int Sentinels);

    public static Result Read(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (!string.Equals(header?.Trim(), ExpectedHeader, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: unexpected header '{header}'; the CRM export format changed (expected '{ExpectedHeader}').");
        }

        var customers = new List<RawCustomer>();
        int lines = 0, malformed = 0, sentinels = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0)
            {
                continue;
            }

            lines++;
            var fields = line.Split(',');
            if (fields.Length != 7 || line.Contains('"') || fields[0].Trim().Length == 0 || ParseChurn(fields[6]) is not { } churned)
            {
                malformed++;
                continue;
            }

            var tenure = ParseInt(fields[1]);
            if (tenure is < 0 or > MaxPlausibleTenureMonths)
            {
                // 999 is the CRM's "unknown": a missing value, not a customer of 83 years.
                sentinels++;
                tenure = null;
            }

            customers.Add(new RawCustomer(
                fields[0].Trim(),
                tenure,
                NormaliseContract(fields[2]),
                fields[3].Trim().ToLowerInvariant(),
                fields[4].Trim(),
                ParseInt(fields[5]),
                churned));
        }

        return new Result(customers, lines, malformed, sentinels);
    }

    /// <summary>Maps the CRM's many spellings onto <see cref="Churn.Contracts.ContractTypes"/>; null when unknown.</summary>
    public static string? NormaliseContract(string value)
    {
        var key = value.Trim().ToLowerInvariant().Replace('-', ' ');
        return key switch
        {
            "month to month" or "m2m" => Churn.Contracts.ContractTypes.MonthToMonth,
            "one year" or "1 year" => Churn.Contracts.ContractTypes.OneYear,
            "two year" or "2 years" => Churn.Contracts.ContractTypes.TwoYear,
            _ => null,
        };
    }

    private static int? ParseInt(string value) =>
        int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    private static bool? ParseChurn(string value) => value.Trim().ToLowerInvariant() switch
    {
        "yes" => true,
        "no" => false,
        _ => null,
    };
}
