using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using MlAtScale.Core.Policy;
using Microsoft.CodeAnalysis;
using MlAtScale.Robustness.Analysis;
using MlAtScale.Robustness.Fuzz;
using Xunit;

namespace MlAtScale.Robustness.Tests;

/// <summary>Regression tests for the problems the robustness harness found (docs/reliability.md, "Found and fixed").</summary>
public sealed class RegressionTests
{
    private static readonly MethodInfo Suggest = typeof(MlAtScale.Analyzers.Rules.PolicyFileAnalyzer).Assembly
        .GetType("MlAtScale.Core.Policy.PolicyParser", throwOnError: true)!
        .GetMethod("Suggest", BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>
    /// Found by the policy-file fuzz: every unknown-role error sorted all known roles and computed a full
    /// edit distance to each, so 4,000 declared roles with typos took 15 times as long as 1,000 (quadratic).
    /// The suggestion must still be the one the old code gave: the same role ignoring case, else the
    /// ordinally first role within edit distance 2.
    /// </summary>
    [Fact]
    public void Did_you_mean_suggestions_are_unchanged_by_the_linear_search()
    {
        var random = new Random(5);
        const string Alphabet = "abcABC_1";
        for (var round = 0; round < 3000; round++)
        {
            var known = Enumerable.Range(0, random.Next(1, 40)).Select(_ => Word(random, Alphabet, random.Next(1, 8))).Distinct(StringComparer.Ordinal).ToList();
            var name = random.Next(3) == 0 ? Mutate(known[random.Next(known.Count)], random, Alphabet) : Word(random, Alphabet, random.Next(1, 8));

            Assert.Equal(ReferenceSuggest(name, known), (string?)Suggest.Invoke(null, new object[] { name, known }));
        }
    }

    [Fact]
    public async Task Typos_of_built_in_and_declared_roles_are_still_suggested_in_MLR0005()
    {
        var policy = "role Labeling\nN:A = Datascience\nN:B = Labelling\nN:C = Nobody\n";

        var analysis = await AnalyzerHost.AnalyzeCompilationAsync(
            PolicyFuzz.CompilationForTests,
            ImmutableArray.Create<AdditionalText>(new TextFile(PolicyFuzz.PolicyPath, policy)),
            CancellationToken.None);

        var messages = analysis.Diagnostics.Where(d => d.Id == "MLR0005").OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, messages.Count);
        Assert.Contains("did you mean 'DataScience'?", messages[0], StringComparison.Ordinal);
        Assert.Contains("did you mean 'Labeling'?", messages[1], StringComparison.Ordinal);
        Assert.DoesNotContain("did you mean", messages[2], StringComparison.Ordinal);
    }

    [Fact]
    public void More_known_roles_than_the_fuzzy_limit_still_get_case_insensitive_suggestions_only()
    {
        var known = Enumerable.Range(0, 300).Select(i => "Team" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal("Team042", (string?)Suggest.Invoke(null, new object[] { "TEAM042", known }));
        Assert.Null((string?)Suggest.Invoke(null, new object[] { "Tean042", known }));
        Assert.Equal("Team042", (string?)Suggest.Invoke(null, new object[] { "Tean042", known.Take(200).ToList() }));
    }

    /// <summary>The suggestion rule as the parser had it before the fix: sorted scan, full edit distance.</summary>
    private static string? ReferenceSuggest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known.OrderBy(k => k, StringComparer.Ordinal))
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }

            if (Math.Abs(candidate.Length - name.Length) > 3 || name.Length > 200)
            {
                continue;
            }

            var d = Levenshtein(candidate.ToUpperInvariant(), name.ToUpperInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        return bestDistance <= 2 ? best : null;
    }

    private static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return d[a.Length, b.Length];
    }

    private static string Word(Random random, string alphabet, int length) =>
        new(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

    private static string Mutate(string word, Random random, string alphabet)
    {
        var chars = word.ToList();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(chars.Count + 1);
            switch (random.Next(3))
            {
                case 0:
                    chars.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
                case 1 when chars.Count > 1 && at < chars.Count:
                    chars.RemoveAt(at);
                    break;
                default:
                    if (at < chars.Count)
                    {
                        chars[at] = alphabet[random.Next(alphabet.Length)];
                    }

                    break;
            }
        }

        return new string(chars.ToArray());
    }
}
