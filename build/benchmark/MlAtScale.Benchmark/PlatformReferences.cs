using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;

namespace MlAtScale.Benchmark;

/// <summary>
/// The managed assemblies this process runs with (the trusted platform assemblies), less the tools:
/// the references of code compiled in-process against the same framework and packages.
/// </summary>
internal static class PlatformReferences
{
    public static ImmutableArray<string> Find(IReadOnlyCollection<string> excludedPrefixes) =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Where(p => !excludedPrefixes.Any(e => Path.GetFileName(p).StartsWith(e, StringComparison.OrdinalIgnoreCase)))
            .Where(IsManaged)
            .OrderBy(p => Path.GetFileName(p), StringComparer.Ordinal)
            .ToImmutableArray();

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            return false;
        }
    }
}
