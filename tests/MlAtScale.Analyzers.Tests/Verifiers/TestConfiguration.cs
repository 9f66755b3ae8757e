using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace MlAtScale.Analyzers.Tests.Verifiers;

/// <summary>
/// The setup every verifier shares: .NET 8 reference assemblies from a served pack, the MlAtScale
/// attributes referenced, MLR0006 and MLR0009 off, and the policy file at <see cref="TestReferences.PolicyPath"/>.
/// </summary>
public static class TestConfiguration
{
    public static void Apply<TVerifier>(AnalyzerTest<TVerifier> test)
        where TVerifier : IVerifier, new()
    {
        test.ReferenceAssemblies = TestReferences.Net80;
        test.TestState.AdditionalReferences.Add(TestReferences.Attributes);

        // Hidden by default: MLR0006 (the report's record of permitted crossings) and MLR0009 (the
        // lightbulb on unowned types); tests about them opt back in.
        test.DisabledDiagnostics.Add("MLR0006");
        test.DisabledDiagnostics.Add("MLR0009");
    }

    public static void AddPolicy(SolutionState state, string? policy)
    {
        if (policy is not null)
        {
            state.AdditionalFiles.Add((TestReferences.PolicyPath, policy));
        }
    }

    public static ParseOptions WithLanguageVersion(ParseOptions options, LanguageVersion languageVersion) =>
        ((CSharpParseOptions)options).WithLanguageVersion(languageVersion);
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
