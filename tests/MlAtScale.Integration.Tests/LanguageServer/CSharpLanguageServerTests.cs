using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace MlAtScale.Integration.Tests.LanguageServer;

/// <summary>
/// The package in a real IDE host on Linux: csharp-ls (a Roslyn-based language server, pinned in
/// .config/dotnet-tools.json) opens a consumer project restored from the freshly packed package and
/// reports MLR0001 over LSP; editing the policy file changes what it reports.
/// </summary>
/// <remarks>
/// Two facts about csharp-ls 0.28.0 this test relies on, found by driving it:
/// it runs analyzers from NuGet packages only when the client's <c>workspace/configuration</c> answer
/// for the <c>csharp</c> section has <c>analyzersEnabled: true</c> (otherwise its pull diagnostics hold
/// compiler diagnostics only); and it watches only <c>.cs</c>, <c>.cshtml</c>, <c>.csproj</c>, <c>.sln</c>
/// and <c>.slnx</c> files. A changed <c>MlRoles.txt</c> is therefore not seen through
/// <c>workspace/didChangeWatchedFiles</c> for that file, nor through opening and editing it as a
/// document, nor through re-opening the C# file; a change notification for the project file makes the
/// server reload the workspace, which reads the policy file again.
/// </remarks>
[Collection(PackageCollection.Name)]
public sealed class CSharpLanguageServerTests
{
    private const string Policy = """
        N:Contoso.Serving = Production
        N:Contoso.Training = DataScience
        """;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(3);

    private readonly PackageFixture _package;

    public CSharpLanguageServerTests(PackageFixture package) => _package = package;

    [Fact]
    public async Task Csharp_ls_reports_MLR0001_at_the_use_and_follows_policy_file_edits()
    {
        var root = _package.CreateConsumerRoot("language-server");
        var policy = root.Write("MlRoles.txt", Policy);
        var project = root.WriteProject("App/App.csproj");
        var code = root.Write("App/Code.cs", Sources.UnattributedCrossing);

        // The command-line build is the reference: the server must put MLR0001 where the compiler does.
        var build = root.Build("App/App.csproj");
        Assert.True(build.ExitCode == 0, build.Describe());
        Expect.Diagnostics(build, SourcePosition.Key(code, Sources.UnattributedCrossing, Sources.UseMarker, "warning", "MLR0001"));
        var (line, column) = SourcePosition.Of(Sources.UnattributedCrossing, Sources.UseMarker);
        var expectedRange = (Line: line - 1, Start: column - 1, End: column - 1 + "Deploy".Length);

        await using var server = await StartServerAsync(root);
        var documentUri = new Uri(code).AbsoluteUri;
        await server.NotifyAsync("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject
            {
                ["uri"] = documentUri,
                ["languageId"] = "csharp",
                ["version"] = 1,
                ["text"] = Sources.UnattributedCrossing,
            },
        });
        await WaitForWorkspaceLoadedAsync(server);

        AssertMlr0001(server, await RoleDiagnosticsAsync(server, documentUri), expectedRange, "'Trainer.Train' (DataScience)");

        // Allow the edge: the crossing is no longer a violation.
        File.WriteAllText(policy, Policy + "\nDataScience -> Production\n");
        await ProjectFileChangedAsync(server, project);
        var afterEdge = await RoleDiagnosticsAsync(server, documentUri);
        Assert.True(afterEdge.Count == 0, server.Failure($"After allowing DataScience -> Production: {Describe(afterEdge)}").Message);

        // Move the training namespace to another role: the crossing is back, with the new role, at the
        // same range (so the empty list above came from the analyzer reading the new policy, not from
        // a workspace without analyzers).
        File.WriteAllText(policy, Policy.Replace("= DataScience", "= BusinessAnalysis", StringComparison.Ordinal) + "\nDataScience -> Production\n");
        await ProjectFileChangedAsync(server, project);
        AssertMlr0001(server, await RoleDiagnosticsAsync(server, documentUri), expectedRange, "'Trainer.Train' (BusinessAnalysis)");
    }

    private async Task<LanguageServerConnection> StartServerAsync(ConsumerRoot root)
    {
        // Restores the pinned csharp-ls if this machine does not have it yet (a no-op otherwise).
        var restore = DotNet.Run(_package.RepositoryRoot, new Dictionary<string, string>(), "tool", "restore");
        Assert.True(restore.ExitCode == 0, restore.Describe());

        var start = DotNet.StartInfo(
            _package.RepositoryRoot,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = _package.PackagesDirectory },
            "tool", "run", "csharp-ls", "--", "--loglevel", "info");
        var server = LanguageServerConnection.Start(start, new Dictionary<string, Func<JsonNode?, JsonNode?>>
        {
            // One answer per requested item; only the "csharp" section exists, and analyzers are off unless asked for.
            ["workspace/configuration"] = parameters => new JsonArray(
                (parameters?["items"]?.AsArray() ?? new JsonArray())
                    .Select(_ => (JsonNode?)new JsonObject { ["analyzersEnabled"] = true })
                    .ToArray()),
        });

        var rootUri = new Uri(root.Path).AbsoluteUri;
        await server.RequestAsync("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = rootUri,
            ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = rootUri, ["name"] = "consumer" }),
            ["capabilities"] = new JsonObject
            {
                // Progress reports tell when a (re)load of the workspace has finished.
                ["window"] = new JsonObject { ["workDoneProgress"] = true },
                ["workspace"] = new JsonObject
                {
                    ["configuration"] = true,
                    ["didChangeWatchedFiles"] = new JsonObject { ["dynamicRegistration"] = true },
                },
                ["textDocument"] = new JsonObject
                {
                    ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = true },
                    ["publishDiagnostics"] = new JsonObject(),
                },
            },
        }, StartTimeout);
        await server.NotifyAsync("initialized", new JsonObject());
        return server;
    }

    /// <summary>What an editor does when the project file changes on disk: csharp-ls then reloads the workspace.</summary>
    private static async Task ProjectFileChangedAsync(LanguageServerConnection server, string project)
    {
        File.SetLastWriteTimeUtc(project, DateTime.UtcNow);
        await server.NotifyAsync("workspace/didChangeWatchedFiles", new JsonObject
        {
            ["changes"] = new JsonArray(new JsonObject { ["uri"] = new Uri(project).AbsoluteUri, ["type"] = 2 }),
        });
        await WaitForWorkspaceLoadedAsync(server);
    }

    private static Task WaitForWorkspaceLoadedAsync(LanguageServerConnection server) =>
        server.WaitForNotificationAsync(
            "the end of a workspace load ($/progress kind \"end\")",
            n => n["method"]?.GetValue<string>() == "$/progress" && n["params"]?["value"]?["kind"]?.GetValue<string>() == "end",
            LoadTimeout);

    /// <summary>The document's MlAtScale diagnostics by pull (textDocument/diagnostic); an analyzer crash fails the test.</summary>
    private static async Task<IReadOnlyList<JsonObject>> RoleDiagnosticsAsync(LanguageServerConnection server, string documentUri)
    {
        var report = await server.RequestAsync(
            "textDocument/diagnostic",
            new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = documentUri } },
            RequestTimeout);
        var items = report?["items"]?.AsArray().Select(i => i!.AsObject()).ToList()
            ?? throw server.Failure($"Not a full diagnostic report: {report?.ToJsonString()}");
        var crashes = items.Where(i => Code(i) is "AD0001" or "AD0002").ToList();
        Assert.True(crashes.Count == 0, server.Failure($"Analyzer exceptions: {Describe(crashes)}").Message);
        return items.Where(i => Code(i).StartsWith("MLR", StringComparison.Ordinal)).ToList();
    }

    private static void AssertMlr0001(LanguageServerConnection server, IReadOnlyList<JsonObject> diagnostics, (int Line, int Start, int End) expected, string user)
    {
        Assert.True(diagnostics.Count == 1, server.Failure($"Expected one MLR0001 naming {user}, got {Describe(diagnostics)}").Message);
        var diagnostic = diagnostics[0];
        var range = diagnostic["range"]!;
        var actual = (
            Code: Code(diagnostic),
            Severity: diagnostic["severity"]?.GetValue<int>(),
            Line: range["start"]!["line"]!.GetValue<int>(),
            Start: range["start"]!["character"]!.GetValue<int>(),
            EndLine: range["end"]!["line"]!.GetValue<int>(),
            End: range["end"]!["character"]!.GetValue<int>());

        // LSP positions are zero-based; severity 2 is Warning.
        Assert.True(
            actual == ("MLR0001", 2, expected.Line, expected.Start, expected.Line, expected.End),
            server.Failure($"Expected MLR0001 (warning) at {expected}, got {diagnostic.ToJsonString()}").Message);
        var message = diagnostic["message"]!.GetValue<string>();
        Assert.Contains(user, message, StringComparison.Ordinal);
        Assert.Contains("'ModelHost.Deploy' of Production via ", message, StringComparison.Ordinal);
        Assert.EndsWith("docs/rules/MLR0001.md", diagnostic["codeDescription"]?["href"]?.GetValue<string>() ?? string.Empty, StringComparison.Ordinal);
    }

    private static string Code(JsonObject diagnostic) => diagnostic["code"]?.ToString() ?? string.Empty;

    private static string Describe(IEnumerable<JsonObject> diagnostics) =>
        "[" + string.Join(", ", diagnostics.Select(d => d.ToJsonString())) + "]";
}
