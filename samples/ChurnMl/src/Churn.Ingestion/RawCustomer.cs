namespace Churn.Ingestion;

/// <summary>A CRM record as parsed, before cleaning: every field the CRM may have lost is nullable.</summary>
public sealed record RawCustomer(
    string CustomerId,
    int? TenureMonths,
    string? Contract,
    string PaymentMethod,
    string InternetService,
    int? SupportCalls,
    bool Churned);

/// <summary>A customer's billing as of a snapshot period, from the billing database.</summary>
public sealed record BillingSummary(string CustomerId, double? MonthlyCharges, int LatePayments, int OutliersDropped);
