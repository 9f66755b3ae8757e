using System;
using System.IO;

namespace MlAtScale.Analyzers.Tests.Verifiers;

/// <summary>
/// The repository's root folder, found from the test binaries (not from [CallerFilePath], which CI
/// builds map to "/_/" for deterministic output).
/// </summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "MlAtScale.Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No MlAtScale.Analyzers.sln above {AppContext.BaseDirectory}");
    }
}
