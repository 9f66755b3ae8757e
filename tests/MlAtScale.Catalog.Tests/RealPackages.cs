using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace MlAtScale.Catalog.Tests;

/// <summary>
/// The real ML and data packages this project restores (see the csproj), as Roslyn references: every
/// assembly the test host runs with, which includes the ASP.NET Core shared framework.
/// </summary>
public static class RealPackages
{
    public static readonly ImmutableArray<MetadataReference> References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => !Path.GetFileName(path).StartsWith("MlAtScale.", StringComparison.Ordinal))
            .Where(HasMetadata)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();

    /// <summary>No reference pack: the test host's own assemblies are the references.</summary>
    public static readonly ReferenceAssemblies None = new("net10.0");

    /// <summary>
    /// Stand-ins for packages that are not served where this product is built (documented in
    /// docs/catalog.md): Microsoft.Extensions.ML, Microsoft.ML.TimeSeries, Microsoft.ML.Recommender and
    /// Microsoft.ML.AutoML. They declare the types and members the catalog lists, with the packages'
    /// namespaces, names and parameter lists; bodies and some returned types are simplified.
    /// </summary>
    public const string StandIns = """
        namespace Microsoft.Extensions.ML
        {
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.ML;

            public class PredictionEnginePool<TData, TPrediction> where TData : class where TPrediction : class, new()
            {
                public PredictionEngine<TData, TPrediction> GetPredictionEngine() => throw null!;
                public PredictionEngine<TData, TPrediction> GetPredictionEngine(string modelName) => throw null!;
                public void ReturnPredictionEngine(PredictionEngine<TData, TPrediction> engine) { }
                public void ReturnPredictionEngine(string modelName, PredictionEngine<TData, TPrediction> engine) { }
                public ITransformer GetModel() => throw null!;
                public ITransformer GetModel(string modelName) => throw null!;
            }

            public class PredictionEnginePoolBuilder<TData, TPrediction> where TData : class where TPrediction : class, new()
            {
                public PredictionEnginePoolBuilder(IServiceCollection services) => Services = services;
                public IServiceCollection Services { get; }
            }

            public static class ServiceCollectionExtensions
            {
                public static PredictionEnginePoolBuilder<TData, TPrediction> AddPredictionEnginePool<TData, TPrediction>(this IServiceCollection services)
                    where TData : class where TPrediction : class, new() => throw null!;
            }

            public static class PredictionEnginePoolExtensions
            {
                public static TPrediction Predict<TData, TPrediction>(this PredictionEnginePool<TData, TPrediction> pool, TData example)
                    where TData : class where TPrediction : class, new() => throw null!;
            }

            public static class BuilderExtensions
            {
                public static PredictionEnginePoolBuilder<TData, TPrediction> FromFile<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, string filePath)
                    where TData : class where TPrediction : class, new() => builder;
            }
        }

        namespace Microsoft.ML
        {
            using System.Collections.Generic;
            using Microsoft.ML.Data;
            using Microsoft.ML.Trainers;
            using Microsoft.ML.Transforms.TimeSeries;

            public static class TimeSeriesCatalog
            {
                public static SsaForecastingEstimator ForecastBySsa(this ForecastingCatalog catalog, string outputColumnName, string inputColumnName, int windowSize, int seriesLength, int trainSize, int horizon,
                    bool isAdaptive = false, float discountFactor = 1, RankSelectionMethod rankSelectionMethod = RankSelectionMethod.Exact, int? rank = null, int? maxRank = null,
                    bool shouldStabilize = true, bool shouldMaintainInfo = false, GrowthRatio? maxGrowth = null, string? confidenceLowerBoundColumn = null, string? confidenceUpperBoundColumn = null,
                    float confidenceLevel = 0.95f, bool variableHorizon = false) => throw null!;
            }

            public static class RecommenderCatalog
            {
                public static RecommendationCatalog Recommendation(this MLContext ctx) => throw null!;
            }

            public sealed class RecommendationCatalog
            {
                public RecommendationTrainers Trainers => throw null!;
                public RegressionMetrics Evaluate(IDataView data, string labelColumnName = "Label", string scoreColumnName = "Score") => throw null!;
                public IReadOnlyList<TrainCatalogBase.CrossValidationResult<RegressionMetrics>> CrossValidate(IDataView data, IEstimator<ITransformer> estimator, int numberOfFolds = 5, string labelColumnName = "Label", string? samplingKeyColumnName = null, int? seed = null) => throw null!;

                public sealed class RecommendationTrainers
                {
                    public MatrixFactorizationTrainer MatrixFactorization(string labelColumnName, string matrixColumnIndexColumnName, string matrixRowIndexColumnName, int approximationRank = 8, double learningRate = 0.1, int numberOfIterations = 20) => throw null!;
                    public MatrixFactorizationTrainer MatrixFactorization(MatrixFactorizationTrainer.Options options) => throw null!;
                }
            }
        }

        namespace Microsoft.ML.Trainers
        {
            public sealed class MatrixFactorizationTrainer : IEstimator<ITransformer>
            {
                public ITransformer Fit(IDataView input) => throw null!;
                public SchemaShape GetOutputSchema(SchemaShape inputSchema) => throw null!;

                public sealed class Options
                {
                    public string? MatrixColumnIndexColumnName;
                    public string? MatrixRowIndexColumnName;
                    public string? LabelColumnName;
                    public int NumberOfIterations = 20;
                    public int ApproximationRank = 8;
                }
            }
        }

        namespace Microsoft.ML.Transforms.TimeSeries
        {
            using Microsoft.ML.Data;
            using Microsoft.ML.Runtime;

            public enum RankSelectionMethod { Fixed, Exact, Fast }

            public struct GrowthRatio
            {
                public int TimeSpan { get; set; }
                public double Growth { get; set; }
            }

            public sealed class SsaForecastingEstimator : IEstimator<ITransformer>
            {
                public ITransformer Fit(IDataView input) => throw null!;
                public SchemaShape GetOutputSchema(SchemaShape inputSchema) => throw null!;
            }

            public sealed class TimeSeriesPredictionEngine<TSrc, TDst> where TSrc : class where TDst : class, new()
            {
                public TDst Predict(TSrc example, int? horizon = null, float? confidenceLevel = null) => throw null!;
                public void CheckPoint(IHostEnvironment env, string modelPath) { }
            }

            public static class TimeSeriesPredictionEngineExtensions
            {
                public static TimeSeriesPredictionEngine<TSrc, TDst> CreateTimeSeriesEngine<TSrc, TDst>(this ITransformer transformer, IHostEnvironment env, bool ignoreMissingColumns = false,
                    SchemaDefinition? inputSchemaDefinition = null, SchemaDefinition? outputSchemaDefinition = null) where TSrc : class where TDst : class, new() => throw null!;
            }
        }

        namespace Microsoft.ML.AutoML
        {
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.ML.Data;

            public static class MLContextExtension
            {
                public static AutoCatalog Auto(this MLContext mlContext) => throw null!;
            }

            public sealed class AutoCatalog
            {
                public BinaryClassificationExperiment CreateBinaryClassificationExperiment(uint maxExperimentTimeInSeconds) => throw null!;
                public RegressionExperiment CreateRegressionExperiment(uint maxExperimentTimeInSeconds) => throw null!;
            }

            public sealed class BinaryClassificationExperiment
            {
                public ExperimentResult<BinaryClassificationMetrics> Execute(IDataView trainData, string labelColumnName = "Label", string? samplingKeyColumn = null,
                    IEstimator<ITransformer>? preFeaturizer = null, IProgress<RunDetail<BinaryClassificationMetrics>>? progressHandler = null) => throw null!;
            }

            public sealed class RegressionExperiment
            {
                public ExperimentResult<RegressionMetrics> Execute(IDataView trainData, string labelColumnName = "Label", string? samplingKeyColumn = null,
                    IEstimator<ITransformer>? preFeaturizer = null, IProgress<RunDetail<RegressionMetrics>>? progressHandler = null) => throw null!;
            }

            public sealed class ExperimentResult<TMetrics>
            {
                public RunDetail<TMetrics> BestRun => throw null!;
            }

            public class RunDetail<TMetrics>
            {
                public string TrainerName => throw null!;
                public ITransformer Model => throw null!;
                public TMetrics ValidationMetrics => throw null!;
            }

            public class AutoMLExperiment
            {
                public AutoMLExperiment(MLContext context, AutoMLExperimentSettings settings) { }
                public Task<TrialResult> RunAsync(CancellationToken ct = default) => throw null!;
            }

            public class AutoMLExperimentSettings { }

            public class TrialResult
            {
                public ITransformer Model => throw null!;
                public double Metric => throw null!;
            }
        }
        """;

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "CatalogCheck",
            sources.Select(s => CSharpSyntaxTree.ParseText(s)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static bool HasMetadata(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
            return reader.HasMetadata;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
