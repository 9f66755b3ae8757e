using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace MlAtScale.Analyzers.Tests.Verifiers;

/// <summary>The code-fix verifier, with the same setup as <see cref="CSharpAnalyzerVerifier{TAnalyzer}"/>.</summary>
public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, DiagnosticSeverity.Warning);

    public static Task VerifyCodeFixAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        VerifyCodeFixAsync(source, fixedSource, policy: null, expected);

    public static Task VerifyCodeFixAsync(string source, string fixedSource, string? policy, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource, Policy = policy };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test() => TestConfiguration.Apply(this);

        /// <summary>The content of the project's policy file, <c>/0/MlRoles.txt</c>, before and after the fix.</summary>
        public string? Policy
        {
            set => TestConfiguration.AddPolicy(TestState, value);
        }

        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

        protected override ParseOptions CreateParseOptions() => TestConfiguration.WithLanguageVersion(base.CreateParseOptions(), LanguageVersion);
    }
}
