using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace MlAtScale.Analyzers.Tests.Verifiers;

/// <summary>The one shared analyzer verifier; its setup (references, policy file) is <see cref="TestConfiguration"/>.</summary>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static Task VerifyAnalyzerAsync(string source, string policy, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source, Policy = policy };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test() => TestConfiguration.Apply(this);

        /// <summary>The content of the project's policy file, <c>/0/MlRoles.txt</c>.</summary>
        public string? Policy
        {
            set => TestConfiguration.AddPolicy(TestState, value);
        }

        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

        protected override ParseOptions CreateParseOptions() => TestConfiguration.WithLanguageVersion(base.CreateParseOptions(), LanguageVersion);
    }
}
