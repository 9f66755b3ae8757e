using MlAtScale;
using Microsoft.ML.Data;

namespace Churn.Contracts;

/// <summary>
/// One row of the clean customer data set that Data Engineering publishes (a CSV file with a header
/// in exactly this column order) and Data Science trains on. Also the request body of
/// <c>POST /predict</c>: serving scores customers by the same schema the model was trained on.
/// </summary>
[DataEngineering, RoleContract]
public sealed class CustomerRow
{
    /// <summary>The clean data set's header, in <see cref="LoadColumnAttribute"/> order.</summary>
    public const string CsvHeader =
        "customer_id,tenure_months,contract,payment_method,has_fiber,support_calls,monthly_charges,total_charges,late_payments,churned";

    [LoadColumn(0)]
    public string CustomerId { get; set; } = "";

    [LoadColumn(1)]
    public float TenureMonths { get; set; }

    /// <summary>One of <see cref="ContractTypes"/>.</summary>
    [LoadColumn(2)]
    public string Contract { get; set; } = "";

    [LoadColumn(3)]
    public string PaymentMethod { get; set; } = "";

    /// <summary>1 when the customer has a fibre line, else 0.</summary>
    [LoadColumn(4)]
    public float HasFiber { get; set; }

    [LoadColumn(5)]
    public float SupportCalls { get; set; }

    [LoadColumn(6)]
    public float MonthlyCharges { get; set; }

    [LoadColumn(7)]
    public float TotalCharges { get; set; }

    /// <summary>Late payments in the last six billing periods.</summary>
    [LoadColumn(8)]
    public float LatePayments { get; set; }

    /// <summary>The label: the customer cancelled within the observation window.</summary>
    [LoadColumn(9), ColumnName("Label")]
    public bool Churned { get; set; }
}

/// <summary>The contract types a clean row may carry.</summary>
[DataEngineering, RoleContract]
public static class ContractTypes
{
    public const string MonthToMonth = "month-to-month";
    public const string OneYear = "one-year";
    public const string TwoYear = "two-year";
}
