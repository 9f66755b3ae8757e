using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlAtScale.Analyzers.Tests.Meta;

/// <summary>
/// Every ```csharp block of the README compiles as it stands (against the attributes, as a project with
/// the package does), and our analyzers report exactly what its comments promise: a line ending in
/// <c>// warning MLR0001</c> gets that diagnostic, and no other line gets any.
/// </summary>
public sealed class ReadmeSnippetTests
{
    private static readonly Regex Block = new(@"^```csharp\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline);

    private static readonly Regex Promise = new(@"// (?<severity>warning|error) (?<id>MLR\d{4})\b");

    public static TheoryData<int> Snippets()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < ReadSnippets().Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Fact]
    public void ReadmeHasCSharpSnippets() => Assert.NotEmpty(ReadSnippets());

    [Theory]
    [MemberData(nameof(Snippets))]
    public async Task SnippetCompilesAndGetsExactlyTheDiagnosticsItsCommentsPromise(int index)
    {
        var snippet = ReadSnippets()[index];
        var tree = CSharpSyntaxTree.ParseText(snippet.Code, new CSharpParseOptions(LanguageVersion.Latest), path: "Snippet.cs");
        var compilation = CSharpCompilation.Create(
            "ReadmeSnippet",
            new[] { tree },
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, $"README snippet at line {snippet.Line} does not compile:\n{string.Join("\n", errors)}");

        var analyzed = await compilation
            .WithAnalyzers(DescriptorTests.Analyzers().ToImmutableArray())
            .GetAnalyzerDiagnosticsAsync();
        var actual = analyzed
            .Where(d => d.Severity is DiagnosticSeverity.Warning or DiagnosticSeverity.Error)
            .Select(d => $"line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Severity.ToString().ToLowerInvariant()} {d.Id}")
            .OrderBy(s => s, StringComparer.Ordinal);
        var promised = snippet.Code.Split('\n')
            .SelectMany((text, i) => Promise.Matches(text).Select(m => $"line {i + 1}: {m.Groups["severity"].Value} {m.Groups["id"].Value}"))
            .OrderBy(s => s, StringComparer.Ordinal);

        Assert.Equal(promised, actual);
    }

    private sealed record Snippet(int Line, string Code);

    private static List<Snippet> ReadSnippets()
    {
        var readme = File.ReadAllText(Path.Combine(DescriptorTests.Root(), "README.md")).Replace("\r\n", "\n");
        return Block.Matches(readme)
            .Select(m => new Snippet(readme.AsSpan(0, m.Index).Count('\n') + 2, m.Groups["code"].Value))
            .ToList();
    }

    // The running .NET's own assemblies and the attributes: what a net10.0 project with the package compiles against.
    private static IEnumerable<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(DataScienceAttribute).Assembly.Location)
            .Select(path => MetadataReference.CreateFromFile(path));
}
