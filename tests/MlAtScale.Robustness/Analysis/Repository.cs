using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace MlAtScale.Robustness.Analysis;

/// <summary>Paths baked in at build time.</summary>
public static class Repository
{
    public static string Root => Path.GetFullPath(Metadata("RepositoryRoot"));

    public static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
