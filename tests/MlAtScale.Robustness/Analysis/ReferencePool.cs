using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;

namespace MlAtScale.Robustness.Analysis;

/// <summary>
/// Every assembly this process can see (the shared frameworks it runs on and the package assemblies
/// copied next to it), by simple name, as Roslyn metadata references. Corpus projects are compiled
/// against the closure of their own assembly references, resolved here.
/// </summary>
public static class ReferencePool
{
    private static readonly ConcurrentDictionary<string, MetadataReference> References = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Simple name → path. The application folder wins over the shared framework for a package that ships both.</summary>
    public static readonly IReadOnlyDictionary<string, string> Paths = Build();

    public static string Directory => AppContext.BaseDirectory;

    private static Dictionary<string, string> Build()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var tpa = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var path in tpa.Concat(System.IO.Directory.GetFiles(AppContext.BaseDirectory, "*.dll")))
        {
            if (HasMetadata(path))
            {
                paths[Path.GetFileNameWithoutExtension(path)] = path;
            }
        }

        return paths;
    }

    /// <summary>
    /// The assembly with the code: a package that ships a reference stub at its root and the real
    /// implementation under runtimes/unix (Microsoft.Data.SqlClient) is decompiled from the latter.
    /// </summary>
    public static string ImplementationPath(string name)
    {
        var runtimes = Path.Combine(AppContext.BaseDirectory, "runtimes", "unix", "lib");
        if (System.IO.Directory.Exists(runtimes))
        {
            var implementation = System.IO.Directory.GetFiles(runtimes, name + ".dll", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).LastOrDefault();
            if (implementation is not null)
            {
                return implementation;
            }
        }

        return Paths[name];
    }

    public static MetadataReference Get(string name) =>
        References.GetOrAdd(name, n => MetadataReference.CreateFromFile(Paths[n]));

    /// <summary>The framework (System.*, Microsoft.*, netstandard) plus the transitive references of <paramref name="assemblyPath"/>, without the assembly itself.</summary>
    public static List<MetadataReference> ClosureOf(string? assemblyPath, IEnumerable<string>? extra = null)
    {
        var self = assemblyPath is null ? string.Empty : Path.GetFileNameWithoutExtension(assemblyPath);
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Paths.Keys.Where(IsFramework))
        {
            names.Add(name);
        }

        var queue = new Queue<string>(assemblyPath is null ? Array.Empty<string>() : ReferencedNames(assemblyPath));
        foreach (var e in extra ?? Array.Empty<string>())
        {
            queue.Enqueue(e);
        }

        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (string.Equals(name, self, StringComparison.OrdinalIgnoreCase) || !Paths.TryGetValue(name, out var path) || !names.Add(name))
            {
                continue;
            }

            foreach (var next in ReferencedNames(path))
            {
                queue.Enqueue(next);
            }
        }

        names.Remove(self);
        return names.Select(Get).ToList();
    }

    private static bool IsFramework(string name)
    {
        var path = Paths[name];
        return !path.StartsWith(AppContext.BaseDirectory, StringComparison.Ordinal);
    }

    public static IEnumerable<string> ReferencedNames(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
    }

    private static bool HasMetadata(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            return pe.HasMetadata && pe.GetMetadataReader().IsAssembly;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
