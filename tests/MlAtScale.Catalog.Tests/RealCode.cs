using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer>;

namespace MlAtScale.Catalog.Tests;

/// <summary>Runs the role-boundary analyzer on code compiled against the real packages, the stand-ins and a shared contract schema.</summary>
public static class RealCode
{
    public const string Schema = """
        using Microsoft.ML.Data;
        namespace Churn.Contracts
        {
            [MlAtScale.RoleContract]
            public sealed class CustomerRow
            {
                [LoadColumn(0)] public float Tenure { get; set; }
                [LoadColumn(1)] public float MonthlySpend { get; set; }
                [LoadColumn(2)] public float SupportCalls { get; set; }
                [LoadColumn(3), ColumnName("Label")] public bool Churned { get; set; }
            }

            [MlAtScale.RoleContract]
            public sealed class ChurnPrediction
            {
                [ColumnName("PredictedLabel")] public bool WillChurn { get; set; }
                public float Probability { get; set; }
            }

            [MlAtScale.RoleContract]
            public sealed class DailyChurn
            {
                public float Churned { get; set; }
            }

            [MlAtScale.RoleContract]
            public sealed class ChurnForecast
            {
                public float[] Forecast { get; set; } = new float[0];
            }
        }
        """;

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { ReferenceAssemblies = RealPackages.None, TestCode = source };
        test.TestState.Sources.Add(("/0/Schema.cs", Schema));
        test.TestState.Sources.Add(("/0/StandIns.cs", RealPackages.StandIns));
        test.TestState.AdditionalReferences.AddRange(RealPackages.References);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

}
