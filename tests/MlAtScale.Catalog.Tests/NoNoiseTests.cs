using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer>;

namespace MlAtScale.Catalog.Tests;

/// <summary>
/// Realistic ML code compiled against the real packages: ordinary code of each role gets no
/// diagnostic from the catalog, and the classic cross-role mistakes get exactly the expected ones.
/// </summary>
public sealed class NoNoiseTests
{
    [Fact]
    public Task ModellingCodeHasNoDiagnostics() => RealCode.VerifyAsync("""
        using System.IO;
        using Churn.Contracts;
        using Microsoft.ML;
        using MlAtScale;

        namespace Churn.Modelling
        {
            [DataScience]
            public sealed class ChurnTrainer
            {
                private readonly MLContext _ml = new MLContext(seed: 7);

                public double TrainEvaluateAndSave(string cleanCsv, string modelPath)
                {
                    IDataView data = _ml.Data.LoadFromTextFile<CustomerRow>(cleanCsv, separatorChar: ',', hasHeader: true);
                    var split = _ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 7);
                    var pipeline = _ml.Transforms.Concatenate("Features", nameof(CustomerRow.Tenure), nameof(CustomerRow.MonthlySpend), nameof(CustomerRow.SupportCalls))
                        .Append(_ml.Transforms.NormalizeMinMax("Features"))
                        .Append(_ml.BinaryClassification.Trainers.SdcaLogisticRegression());
                    ITransformer model = pipeline.Fit(split.TrainSet);
                    var metrics = _ml.BinaryClassification.Evaluate(model.Transform(split.TestSet));
                    var folds = _ml.BinaryClassification.CrossValidate(data, pipeline, numberOfFolds: 3);
                    _ml.Model.Save(model, data.Schema, modelPath);
                    var engine = _ml.Model.CreatePredictionEngine<CustomerRow, ChurnPrediction>(model);
                    var sample = engine.Predict(new CustomerRow { Tenure = 3, MonthlySpend = 80, SupportCalls = 4 });
                    return metrics.AreaUnderRocCurve + folds.Count + (sample.WillChurn ? 1 : 0);
                }
            }
        }
        """);

    [Fact]
    public Task EtlCodeHasNoDiagnostics() => RealCode.VerifyAsync("""
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using Churn.Contracts;
        using Dapper;
        using Microsoft.Data.Sqlite;
        using MlAtScale;

        namespace Churn.Ingestion
        {
            [DataEngineering]
            public sealed class CustomerExtractor
            {
                public IReadOnlyList<CustomerRow> Extract(string databasePath)
                {
                    using var connection = new SqliteConnection($"Data Source={databasePath}");
                    connection.Open();
                    using var command = connection.CreateCommand();
                    command.CommandText = "SELECT count(*) FROM customers";
                    var count = (long)command.ExecuteScalar()!;
                    var rows = connection.Query<CustomerRow>("SELECT tenure AS Tenure, spend AS MonthlySpend, calls AS SupportCalls, churned AS Churned FROM customers").ToList();
                    var median = rows.Count == 0 ? 0 : rows.OrderBy(r => r.MonthlySpend).ElementAt(rows.Count / 2).MonthlySpend;
                    foreach (var row in rows.Where(r => r.MonthlySpend <= 0))
                    {
                        row.MonthlySpend = median;
                    }

                    return rows.Take((int)count).ToList();
                }

                public void Publish(IEnumerable<CustomerRow> rows, string cleanCsv) =>
                    File.WriteAllLines(cleanCsv, rows.Select(r => $"{r.Tenure},{r.MonthlySpend},{r.SupportCalls},{r.Churned}"));
            }
        }
        """);

    [Fact]
    public Task ServingCodeHasNoDiagnostics() => RealCode.VerifyAsync("""
        using Churn.Contracts;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.ML;
        using Microsoft.ML;
        using MlAtScale;

        namespace Churn.Serving
        {
            [Production]
            public static class ChurnApi
            {
                public static WebApplication Build(string[] args, string modelPath)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.Services.AddPredictionEnginePool<CustomerRow, ChurnPrediction>().FromFile(modelPath);
                    var app = builder.Build();
                    var ml = new MLContext();
                    var model = ml.Model.Load(modelPath, out _);
                    var engine = ml.Model.CreatePredictionEngine<CustomerRow, ChurnPrediction>(model);
                    app.MapPost("/predict", (CustomerRow row) => Results.Ok(engine.Predict(row)));
                    app.MapPost("/pooled", (CustomerRow row, PredictionEnginePool<CustomerRow, ChurnPrediction> pool) => pool.Predict(row));
                    return app;
                }
            }
        }
        """);

    [Fact]
    public Task CrossRoleMistakesGetExactlyTheExpectedDiagnostics() => RealCode.VerifyAsync("""
        using Churn.Contracts;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Data.Sqlite;
        using Microsoft.ML;
        using MlAtScale;

        namespace Churn.Mixed
        {
            // A web endpoint that re-trains the model.
            [Production]
            public static class RetrainEndpoint
            {
                public static void Map(WebApplication app, MLContext ml, IDataView data) =>
                    app.MapPost("/retrain", () =>
                    {
                        var pipeline = ml.Transforms.Concatenate("Features", "Tenure")
                            .Append(ml.BinaryClassification.Trainers.{|#0:SdcaLogisticRegression|}());
                        return pipeline.{|#1:Fit|}(data);
                    });
            }

            // A training routine that deploys.
            [DataScience]
            public sealed class TrainAndShip
            {
                public void Ship(k8s.{|#2:Kubernetes|} cluster, string modelPath) =>
                    cluster.{|#3:Dispose|}();
            }

            // A modelling class that queries a database.
            [DataScience]
            public sealed class FeatureBuilder
            {
                public long CountCustomers(string path)
                {
                    using var connection = new {|#4:SqliteConnection|}(path);
                    connection.{|#5:Open|}();
                    return 0;
                }
            }

            // No annotation at all: a controller is serving code through the catalog.
            public sealed class ChurnController : ControllerBase
            {
                public ITransformer Retrain(MLContext ml, IDataView data) =>
                    ml.Transforms.Concatenate("Features", "Tenure").{|#6:Fit|}(data);
            }
        }
        """,
        VerifyCS.Diagnostic("MLR0001").WithLocation(0).WithArguments("RetrainEndpoint.Map", "Production", "StandardTrainersCatalog.SdcaLogisticRegression", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(1).WithArguments("RetrainEndpoint.Map", "Production", "EstimatorChain<TLastTransformer>.Fit", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(2).WithArguments("TrainAndShip.Ship", "DataScience", "Kubernetes", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(3).WithArguments("TrainAndShip.Ship", "DataScience", "Kubernetes.Dispose", "Production"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(4).WithArguments("FeatureBuilder.CountCustomers", "DataScience", "SqliteConnection", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(5).WithArguments("FeatureBuilder.CountCustomers", "DataScience", "SqliteConnection.Open", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(6).WithArguments("ChurnController.Retrain", "Production", "ColumnConcatenatingEstimator.Fit", "DataScience"));

    [Fact]
    public Task PolicyOverridesCatalogEntries()
    {
        var test = new VerifyCS.Test
        {
            ReferenceAssemblies = RealPackages.None,
            TestCode = """
                using Microsoft.Data.Sqlite;
                using Microsoft.ML;
                using MlAtScale;
                [DataScience]
                public sealed class Explorer
                {
                    public void Run(MLContext ml, ITransformer model, string path)
                    {
                        new SqliteConnection(path).Open();
                        ml.Model.{|#0:Save|}(model, null, path);
                    }
                }
                """,
            Policy = """
                # Exploration may read the warehouse; model files are Production's business here.
                N:Microsoft.Data.Sqlite = DataScience
                M:Microsoft.ML.ModelOperationsCatalog.Save(Microsoft.ML.ITransformer,Microsoft.ML.DataViewSchema,System.String) = Production
                """,
        };
        test.TestState.AdditionalReferences.AddRange(RealPackages.References);
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic("MLR0001").WithLocation(0).WithArguments("Explorer.Run", "DataScience", "ModelOperationsCatalog.Save", "Production", "MlRoles.txt:3", "add 'T:Microsoft.ML.ModelOperationsCatalog = contract' or 'DataScience -> Production' to MlRoles.txt"));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task CatalogOff()
    {
        var test = new VerifyCS.Test
        {
            ReferenceAssemblies = RealPackages.None,
            TestCode = """
                using Microsoft.Data.Sqlite;
                using MlAtScale;
                [DataScience]
                public sealed class Explorer { public void Run(string path) => new SqliteConnection(path).Open(); }
                """,
            Policy = "option catalog = off",
        };
        test.TestState.AdditionalReferences.AddRange(RealPackages.References);
        return test.RunAsync(CancellationToken.None);
    }
}
