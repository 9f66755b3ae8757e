using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using MlAtScale.Analyzers.Rules;
using Xunit;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer>;

namespace MlAtScale.Catalog.Tests;

/// <summary>Runs the role-boundary analyzer on code compiled against the real packages, the stand-ins and a shared contract schema.</summary>
public static class RealCode
{
    public const string Schema = """
        using Microsoft.ML.Data;
        namespace Churn.Contracts
        {
            [MlAtScale.RoleContract]
            public sealed class CustomerRow
            {
                [LoadColumn(0)] public float Tenure { get; set; }
                [LoadColumn(1)] public float MonthlySpend { get; set; }
                [LoadColumn(2)] public float SupportCalls { get; set; }
                [LoadColumn(3), ColumnName("Label")] public bool Churned { get; set; }
            }

            [MlAtScale.RoleContract]
            public sealed class ChurnPrediction
            {
                [ColumnName("PredictedLabel")] public bool WillChurn { get; set; }
                public float Probability { get; set; }
            }

            [MlAtScale.RoleContract]
            public sealed class DailyChurn
            {
                public float Churned { get; set; }
            }

            [MlAtScale.RoleContract]
            public sealed class ChurnForecast
            {
                public float[] Forecast { get; set; } = new float[0];
            }
        }
        """;

    /// <summary>
    /// The analyzer's diagnostics on <paramref name="source"/> are exactly <paramref name="expected"/> (ID and location). An
    /// MLR0001 is given by its four facts (user, user role, used, used role); its message must then read, within 200
    /// characters, "'user' (UserRole) uses 'used' of UsedRole via &lt;the built-in catalog or its entry&gt;; &lt;fix&gt;", where the
    /// fix gives a policy line (the edge, or the used type's contract line).
    /// </summary>
    public static async Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test { ReferenceAssemblies = RealPackages.None, TestCode = source };
        test.TestState.Sources.Add(("/0/Schema.cs", Schema));
        test.TestState.Sources.Add(("/0/StandIns.cs", RealPackages.StandIns));
        test.TestState.AdditionalReferences.AddRange(RealPackages.References);
        var facts = new List<string>();
        foreach (var result in expected)
        {
            if (result.Id == "MLR0001" && result.MessageArguments is { Length: 4 } arguments)
            {
                facts.Add(string.Join("|", arguments));
                test.ExpectedDiagnostics.Add(result.WithArguments(Array.Empty<object>()).WithMessage(null));
            }
            else
            {
                test.ExpectedDiagnostics.Add(result);
            }
        }

        await test.RunAsync(CancellationToken.None);
        if (facts.Count == 0)
        {
            return;
        }

        var compilation = RealPackages.Compile(Markup.Replace(source, "$1"), Schema, RealPackages.StandIns).AddReferences(MlAtScale.Analyzers.Tests.Verifiers.TestReferences.Attributes);
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RoleBoundaryAnalyzer())).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        var seen = new List<string>();
        foreach (var diagnostic in diagnostics.Where(d => d.Id == "MLR0001"))
        {
            var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
            Assert.True(message.Length <= 200, $"{message.Length} characters: {message}");
            var match = Message.Match(message);
            Assert.True(match.Success, message);
            var (userRole, usedRole, via, fix) = (match.Groups[2].Value, match.Groups[4].Value, match.Groups[5].Value, match.Groups[6].Value);
            seen.Add(string.Join("|", match.Groups[1].Value, userRole, match.Groups[3].Value, usedRole));
            Assert.True(via == "the built-in catalog" || via.StartsWith("catalog entry '", StringComparison.Ordinal), message);
            Assert.True(fix.Contains($"'{userRole} -> {usedRole}'") || ContractLine.IsMatch(fix), message);
        }

        // A name too long for the line keeps its start (the user) or its end (the used symbol) after or before a '…'.
        var unmatched = seen.Where(actual => !facts.Remove(facts.FirstOrDefault(expected => SameFacts(expected, actual)) ?? "\u0000")).ToList();
        Assert.Empty(unmatched);
        Assert.Empty(facts);
    }

    private static bool SameFacts(string expected, string actual)
    {
        var e = expected.Split('|');
        var a = actual.Split('|');
        return e[1] == a[1] && e[3] == a[3] &&
               (e[0] == a[0] || (a[0].EndsWith("…", StringComparison.Ordinal) && e[0].StartsWith(a[0].TrimEnd('…'), StringComparison.Ordinal))) &&
               (e[2] == a[2] || (a[2].StartsWith("…", StringComparison.Ordinal) && e[2].EndsWith(a[2].TrimStart('…'), StringComparison.Ordinal)));
    }

    private static readonly Regex Markup = new(@"\{\|#\d+:([^|]*)\|\}", RegexOptions.CultureInvariant);

    private static readonly Regex ContractLine = new(@"'T:[^' ]+ = contract'", RegexOptions.CultureInvariant);

    private static readonly Regex Message = new(@"^'(.+)' \((\w+)\) uses '(.+)' of (\w+) via (.+?); (.+)$", RegexOptions.CultureInvariant);
}
