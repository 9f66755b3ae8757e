using System.Linq;
using Microsoft.CodeAnalysis;

namespace MlAtScale.Catalog.Tests;

/// <summary>
/// The catalog against the oldest served version of each family (see the csproj): every entry names a
/// real symbol there too, except the APIs that the oldest version does not have yet.
/// </summary>
public sealed class OldestVersionTests
{
    [Fact]
    public void EveryEntryResolvesExceptTheApisNewerThanTheOldestVersion()
    {
        var compilation = RealPackages.Compile(RealPackages.StandIns);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        string[] newerThanTheOldest =
        {
            // StackExchange.Redis 1.2.6: streams arrived in 2.0, IServer.KeysAsync in 2.x.
            "M:StackExchange.Redis.IDatabase.StreamRead(*)",
            "M:StackExchange.Redis.IDatabase.StreamReadGroup(*)",
            "M:StackExchange.Redis.IDatabaseAsync.StreamReadAsync(*)",
            "M:StackExchange.Redis.IDatabaseAsync.StreamReadGroupAsync(*)",
            "M:StackExchange.Redis.IServer.KeysAsync(*)",
        };
        var unresolved = string.Join("\n", CatalogResolver.Unresolved(compilation));
        Assert.True(string.Join("\n", newerThanTheOldest) == unresolved, "entries that name no symbol of the oldest versions:\n" + unresolved);
    }
}
