using System.Threading.Tasks;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer>;

namespace MlAtScale.Catalog.Tests;

/// <summary>
/// The ML.NET families on Microsoft.ML 6 and its components (FastTree, LightGbm, factorization machines,
/// TorchSharp trainers, ONNX scoring, tokenizers, the database loader) and, through stand-ins, time
/// series, recommender and AutoML: each role's ordinary code is quiet, cross-role use is reported.
/// </summary>
public sealed class MlNetFamilyTests
{
    [Fact]
    public Task TrainingWithEveryTrainerFamilyHasNoDiagnostics() => RealCode.VerifyAsync("""
        using System.Collections.Generic;
        using Churn.Contracts;
        using Microsoft.ML;
        using Microsoft.ML.AutoML;
        using Microsoft.ML.Tokenizers;
        using Microsoft.ML.TorchSharp;
        using MlAtScale;

        namespace Churn.Modelling
        {
            public sealed class TicketText
            {
                public string Text { get; set; } = "";
                public string Label { get; set; } = "";
            }

            [DataScience]
            public sealed class ModelZoo
            {
                private readonly MLContext _ml = new MLContext(seed: 11);

                public IReadOnlyList<ITransformer> TrainAll(IDataView customers, IDataView tickets, IDataView ratings, IDataView daily)
                {
                    var features = _ml.Transforms.Concatenate("Features", nameof(CustomerRow.Tenure), nameof(CustomerRow.MonthlySpend), nameof(CustomerRow.SupportCalls));
                    var models = new List<ITransformer>
                    {
                        features.Append(_ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 20)).Fit(customers),
                        features.Append(_ml.BinaryClassification.Trainers.LightGbm(numberOfIterations: 50)).Fit(customers),
                        features.Append(_ml.BinaryClassification.Trainers.FieldAwareFactorizationMachine(new[] { "Features" })).Fit(customers),
                        features.Append(_ml.Clustering.Trainers.KMeans(numberOfClusters: 4)).Fit(customers),
                        _ml.Transforms.Conversion.MapValueToKey("Label")
                            .Append(_ml.MulticlassClassification.Trainers.TextClassification(labelColumnName: "Label", sentence1ColumnName: nameof(TicketText.Text)))
                            .Fit(tickets),
                        _ml.Recommendation().Trainers.MatrixFactorization("Rating", "ItemKey", "UserKey", approximationRank: 16).Fit(ratings),
                        _ml.Forecasting.ForecastBySsa(nameof(ChurnForecast.Forecast), nameof(DailyChurn.Churned), windowSize: 7, seriesLength: 30, trainSize: 365, horizon: 7).Fit(daily),
                    };

                    var search = _ml.Auto().CreateBinaryClassificationExperiment(maxExperimentTimeInSeconds: 60).Execute(customers, labelColumnName: "Label");
                    models.Add(search.BestRun.Model);
                    var folds = _ml.BinaryClassification.CrossValidate(customers, features.Append(_ml.BinaryClassification.Trainers.FastTree()), numberOfFolds: 5);
                    var tokens = TiktokenTokenizer.CreateForModel("gpt-4o").CountTokens("customer asked to cancel");
                    return folds.Count + tokens > 0 ? models : new List<ITransformer>();
                }
            }
        }
        """);

    [Fact]
    public Task ScoringAndForecastingOnLoadedModelsHasNoDiagnostics() => RealCode.VerifyAsync("""
        using System.Collections.Generic;
        using Churn.Contracts;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.ML;
        using Microsoft.ML.Tokenizers;
        using Microsoft.ML.Transforms.TimeSeries;
        using MlAtScale;

        namespace Churn.Serving
        {
            public sealed class OnnxInput
            {
                public float[] Features { get; set; } = new float[0];
            }

            public sealed class OnnxOutput
            {
                public float[] Probabilities { get; set; } = new float[0];
            }

            [Production]
            public static class ScoringEndpoints
            {
                public static void Map(WebApplication app, string onnxPath, string forecasterPath)
                {
                    var ml = new MLContext();
                    // Scoring an exported ONNX model: ApplyOnnxModel and its trivial Fit are contracts.
                    var onnx = ml.Transforms.ApplyOnnxModel(modelFile: onnxPath)
                        .Fit(ml.Data.LoadFromEnumerable(new List<OnnxInput>()));
                    var onnxEngine = ml.Model.CreatePredictionEngine<OnnxInput, OnnxOutput>(onnx);

                    var forecaster = ml.Model.Load(forecasterPath, out _);
                    var forecastEngine = forecaster.CreateTimeSeriesEngine<DailyChurn, ChurnForecast>(ml);
                    var tokenizer = TiktokenTokenizer.CreateForModel("gpt-4o");

                    app.MapPost("/score", (OnnxInput input) => onnxEngine.Predict(input).Probabilities);
                    app.MapGet("/forecast", () => forecastEngine.Predict(new DailyChurn()).Forecast);
                    app.MapPost("/tokens", (string text) => tokenizer.CountTokens(text));
                    app.MapPost("/checkpoint", () => forecastEngine.CheckPoint(ml, forecasterPath));
                }
            }
        }
        """);

    [Fact]
    public Task LoadingFromADatabaseWithTheDatabaseLoaderHasNoDiagnostics() => RealCode.VerifyAsync("""
        using Churn.Contracts;
        using Microsoft.Data.SqlClient;
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using MlAtScale;

        namespace Churn.Ingestion
        {
            [DataEngineering]
            public sealed class WarehouseExport
            {
                public void Export(MLContext ml, string connectionString, string cleanPath)
                {
                    DatabaseLoader loader = ml.Data.CreateDatabaseLoader<CustomerRow>();
                    var source = new DatabaseSource(SqlClientFactory.Instance, connectionString, "SELECT Tenure, MonthlySpend, SupportCalls, Churned FROM customers");
                    IDataView raw = loader.Load(source);
                    var clean = ml.Data.FilterRowsByColumn(raw, nameof(CustomerRow.MonthlySpend), lowerBound: 0);
                    using var stream = System.IO.File.Create(cleanPath);
                    ml.Data.SaveAsText(clean, stream, separatorChar: ',', headerRow: true);
                }
            }
        }
        """);

    [Fact]
    public Task CrossRoleUsesOfMlNetFamiliesAreReported() => RealCode.VerifyAsync("""
        using Churn.Contracts;
        using Microsoft.Data.SqlClient;
        using Microsoft.ML;
        using Microsoft.ML.AutoML;
        using Microsoft.ML.Data;
        using Microsoft.ML.TorchSharp;
        using MlAtScale;

        namespace Churn.Mixed
        {
            // A serving host that re-trains a boosted-tree model on every deployment.
            [Production]
            public sealed class RefreshingHost
            {
                public ITransformer Refresh(MLContext ml, IDataView recent) =>
                    ml.BinaryClassification.Trainers.{|#0:LightGbm|}().{|#1:Fit|}(recent);

                public ITransformer PickBest(MLContext ml, IDataView recent) =>
                    ml.{|#2:Auto|}().{|#3:CreateBinaryClassificationExperiment|}(30).{|#4:Execute|}(recent).{|#5:BestRun|}.{|#6:Model|};
            }

            // Modelling code that reads the production database itself (a static member is reported once, at the member).
            [DataScience]
            public sealed class FeatureExplorer
            {
                public IDataView Load(MLContext ml, string connectionString) =>
                    ml.Data.{|#7:CreateDatabaseLoader<CustomerRow>|}().{|#8:Load|}(new {|#9:DatabaseSource|}(SqlClientFactory.{|#10:Instance|}, connectionString, "SELECT * FROM customers"));
            }

            // A KPI dashboard that trains its own forecaster and recommender.
            [BusinessAnalysis]
            public sealed class RetentionDashboard
            {
                public ITransformer Forecast(MLContext ml, IDataView daily) =>
                    ml.Forecasting.{|#12:ForecastBySsa|}(nameof(ChurnForecast.Forecast), nameof(DailyChurn.Churned), 7, 30, 365, 7).{|#13:Fit|}(daily);

                public IEstimator<ITransformer> Recommender(MLContext ml) =>
                    ml.Recommendation().{|#14:Trainers|}.{|#15:MatrixFactorization|}("Rating", "ItemKey", "UserKey");
            }

            // An ETL job that fine-tunes a text classifier.
            [DataEngineering]
            public sealed class TicketCleaner
            {
                public IEstimator<ITransformer> Classifier(MLContext ml) =>
                    ml.MulticlassClassification.Trainers.{|#11:TextClassification|}(sentence1ColumnName: "Text");
            }
        }
        """,
        VerifyCS.Diagnostic("MLR0001").WithLocation(0).WithArguments("RefreshingHost.Refresh", "Production", "LightGbmExtensions.LightGbm", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(1).WithArguments("RefreshingHost.Refresh", "Production", "TrainerEstimatorBase<TTransformer, TModel>.Fit", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(2).WithArguments("RefreshingHost.PickBest", "Production", "MLContextExtension.Auto", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(3).WithArguments("RefreshingHost.PickBest", "Production", "AutoCatalog.CreateBinaryClassificationExperiment", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(4).WithArguments("RefreshingHost.PickBest", "Production", "BinaryClassificationExperiment.Execute", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(5).WithArguments("RefreshingHost.PickBest", "Production", "ExperimentResult<TMetrics>.BestRun", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(6).WithArguments("RefreshingHost.PickBest", "Production", "RunDetail<TMetrics>.Model", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(7).WithArguments("FeatureExplorer.Load", "DataScience", "DatabaseLoaderCatalog.CreateDatabaseLoader<TInput>", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(8).WithArguments("FeatureExplorer.Load", "DataScience", "DatabaseLoader.Load", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(9).WithArguments("FeatureExplorer.Load", "DataScience", "DatabaseSource", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(10).WithArguments("FeatureExplorer.Load", "DataScience", "SqlClientFactory.Instance", "DataEngineering"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(11).WithArguments("TicketCleaner.Classifier", "DataEngineering", "TorchSharpCatalog.TextClassification", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(12).WithArguments("RetentionDashboard.Forecast", "BusinessAnalysis", "TimeSeriesCatalog.ForecastBySsa", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(13).WithArguments("RetentionDashboard.Forecast", "BusinessAnalysis", "SsaForecastingEstimator.Fit", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(14).WithArguments("RetentionDashboard.Recommender", "BusinessAnalysis", "RecommendationCatalog.Trainers", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(15).WithArguments("RetentionDashboard.Recommender", "BusinessAnalysis", "RecommendationCatalog.RecommendationTrainers.MatrixFactorization", "DataScience"));
}
