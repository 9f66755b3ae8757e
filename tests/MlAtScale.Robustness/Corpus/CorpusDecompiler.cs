using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.PortableExecutable;
using System.Threading;
using ICSharpCode.Decompiler;
using ICSharpCode.Decompiler.CSharp.ProjectDecompiler;
using ICSharpCode.Decompiler.Metadata;
using MlAtScale.Robustness.Analysis;

namespace MlAtScale.Robustness.Corpus;

/// <summary>
/// Decompiles real assemblies of served packages to C# projects (one file per type) with ILSpy's
/// whole-project decompiler, and caches them under artifacts/robustness/corpus (never committed).
/// </summary>
public static class CorpusDecompiler
{
    /// <summary>The assemblies of the full corpus run: ML.NET, TorchSharp, ONNX Runtime, EF Core, ADO.NET providers, Dapper, MongoDB, Kubernetes.</summary>
    public static readonly string[] FullCorpus =
    {
        "Dapper",
        "Microsoft.ML.Core",
        "Microsoft.ML.Data",
        "Microsoft.ML.DataView",
        "Microsoft.ML.Transforms",
        "Microsoft.ML.StandardTrainers",
        "Microsoft.ML.FastTree",
        "Microsoft.ML.LightGbm",
        "Microsoft.ML.KMeansClustering",
        "Microsoft.ML.PCA",
        "Microsoft.ML.CpuMath",
        "Microsoft.ML.OnnxRuntime",
        "TorchSharp",
        "Microsoft.EntityFrameworkCore",
        "Microsoft.EntityFrameworkCore.Relational",
        "Microsoft.EntityFrameworkCore.Sqlite",
        "Microsoft.Data.Sqlite",
        "Microsoft.Data.SqlClient",
        "Npgsql",
        "MongoDB.Bson",
        "MongoDB.Driver",
        "KubernetesClient",

        // Their own dependencies, also served packages: compression, serialisation, DNS, identity, YAML.
        "SharpCompress",
        "ZstdSharp",
        "DnsClient",
        "Newtonsoft.Json",
        "Google.Protobuf",
        "ICSharpCode.SharpZipLib",
        "YamlDotNet",
        "Microsoft.IdentityModel.Tokens",
        "Microsoft.IdentityModel.JsonWebTokens",
        "System.Numerics.Tensors",
        "Microsoft.Build.Framework",
        "Microsoft.Build.Utilities.Core",
    };

    /// <summary>The version of the cache layout; a change invalidates cached projects.</summary>
    private const string CacheStamp = "decompiler=11.2.0.10050;layout=1";

    public static string CorpusRoot => Path.Combine(Repository.Root, "artifacts", "robustness", "corpus");

    /// <summary>Decompiles <paramref name="assemblyName"/> unless a complete cached copy exists; returns the project folder.</summary>
    public static string Decompile(string assemblyName, CancellationToken cancellationToken, Action<string>? log = null)
    {
        var assemblyPath = ReferencePool.ImplementationPath(assemblyName);
        var target = Path.Combine(CorpusRoot, assemblyName);
        var stamp = Path.Combine(target, ".complete");
        var expected = CacheStamp + ";source=" + new FileInfo(assemblyPath).Length;
        if (File.Exists(stamp) && File.ReadAllText(stamp) == expected)
        {
            return target;
        }

        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.CreateDirectory(target);
        log?.Invoke($"decompiling {assemblyName} ({assemblyPath})");
        using (var module = new PEFile(assemblyPath, PEStreamOptions.PrefetchEntireImage))
        {
            var resolver = new UniversalAssemblyResolver(assemblyPath, false, module.DetectTargetFrameworkId());
            resolver.AddSearchDirectory(ReferencePool.Directory);
            resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
            var settings = new DecompilerSettings(ICSharpCode.Decompiler.CSharp.LanguageVersion.Latest)
            {
                ThrowOnAssemblyResolveErrors = false,
                UseSdkStyleProjectFormat = true,
                UseNestedDirectoriesForNamespaces = true,
            };
            var decompiler = new WholeProjectDecompiler(settings, resolver, null, null, null)
            {
                MaxDegreeOfParallelism = Environment.ProcessorCount,
            };
            decompiler.DecompileProject(module, target, cancellationToken);
        }

        File.WriteAllText(stamp, expected);
        return target;
    }

    public static IReadOnlyList<string> SourceFiles(string projectDirectory) =>
        Directory.GetFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
}
