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
    /// Stand-ins with the exact public signatures of packages that are not served where this product
    /// is built: Microsoft.Extensions.ML and Microsoft.ML.OnnxConverter (documented in docs/catalog.md).
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
            public static class OnnxExportExtensions
            {
                public static void ConvertToOnnx(this ModelOperationsCatalog catalog, ITransformer transform, IDataView inputData, System.IO.Stream stream) { }
                public static void ConvertToOnnx(this ModelOperationsCatalog catalog, ITransformer transform, IDataView inputData, System.IO.Stream stream, params string[] outputColumns) { }
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
