using MlAtScale;

namespace Churn.Contracts;

/// <summary>
/// A published, versioned snapshot of the clean data set: what Data Engineering hands to Data
/// Science. Modelling reads <see cref="Path"/> through <see cref="CustomerRow"/>, never the raw sources.
/// </summary>
/// <param name="Path">The clean CSV file (header <see cref="CustomerRow.CsvHeader"/>).</param>
/// <param name="SnapshotPeriod">The last billing period (yyyy-MM) the snapshot includes.</param>
/// <param name="Rows">Rows in the file.</param>
/// <param name="Sha256">Hash of the file, so a model can name exactly the data it was trained on.</param>
/// <param name="Quality">What cleaning did to get there.</param>
[DataEngineering, RoleContract]
public sealed record CleanDataSet(string Path, string SnapshotPeriod, int Rows, string Sha256, DataQualityReport Quality)
{
    public const string SchemaVersion = "customer-row/v1";
}

/// <summary>What one ingestion run found in the raw sources and did about it.</summary>
[DataEngineering, RoleContract]
public sealed record DataQualityReport(
    int RawCsvRows,
    int MalformedRows,
    int DuplicateRows,
    int BillingRows,
    int CustomersWithoutBilling,
    int ImputedValues,
    int OutliersReplaced);
