using System.Collections.Immutable;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace MlAtScale.Analyzers.Tests.Verifiers;

/// <summary>
/// The one shared verifier: .NET 8 reference assemblies from a served pack, the MlAtScale attributes
/// referenced, and a policy file added with <see cref="Test.Policy"/>.
/// </summary>
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
        public Test()
        {
            ReferenceAssemblies = TestReferences.Net80;
            TestState.AdditionalReferences.Add(TestReferences.Attributes);

            // Hidden by default: MLR0006 (the report's record of permitted crossings) and MLR0009 (the
            // lightbulb on unowned types); tests about them opt back in.
            DisabledDiagnostics.Add("MLR0006");
            DisabledDiagnostics.Add("MLR0009");
        }

        /// <summary>The content of the project's policy file, <c>/0/MlRoles.txt</c>.</summary>
        public string? Policy
        {
            set
            {
                if (value is not null)
                {
                    TestState.AdditionalFiles.Add((TestReferences.PolicyPath, value));
                }
            }
        }

        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion);
    }
}

public static class TestReferences
{
    public const string PolicyPath = "/0/MlRoles.txt";

    /// <summary>The testing framework's default (.NET 8.0.0) is not served here; 8.0.33 is.</summary>
    public static readonly ReferenceAssemblies Net80 = new(
        "net8.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.33"),
        Path.Combine("ref", "net8.0"));

    public static readonly MetadataReference Attributes = MetadataReference.CreateFromFile(typeof(MlAtScale.DataScienceAttribute).Assembly.Location);
}
