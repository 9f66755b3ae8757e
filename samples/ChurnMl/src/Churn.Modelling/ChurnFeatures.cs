using Microsoft.ML;
using Microsoft.ML.Transforms;
using Row = Churn.Contracts.CustomerRow;

namespace Churn.Modelling;

/// <summary>The feature pipeline shared by every churn model: categories one-hot, numbers as they are, then scaled.</summary>
public static class ChurnFeatures
{
    public const string FeatureColumn = "Features";

    public static IEstimator<ITransformer> Build(MLContext ml) =>
        ml.Transforms.Categorical.OneHotEncoding(
                new[] { new InputOutputColumnPair("ContractOneHot", nameof(Row.Contract)), new InputOutputColumnPair("PaymentOneHot", nameof(Row.PaymentMethod)) },
                OneHotEncodingEstimator.OutputKind.Indicator)
            .Append(ml.Transforms.Concatenate(
                FeatureColumn,
                "ContractOneHot", "PaymentOneHot",
                nameof(Row.TenureMonths), nameof(Row.HasFiber), nameof(Row.SupportCalls),
                nameof(Row.MonthlyCharges), nameof(Row.TotalCharges), nameof(Row.LatePayments)))
            .Append(ml.Transforms.NormalizeMeanVariance(FeatureColumn));
}
