using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using MlAtScale.Robustness.Analysis;

namespace MlAtScale.Robustness.Fuzz;

/// <summary>A generated policy file and which of its lines (zero-based) are wrong.</summary>
public sealed class PolicyCase
{
    public PolicyCase(string name, SourceText text, IReadOnlyCollection<int> badLines, int lineCount)
    {
        Name = name;
        Text = text;
        BadLines = badLines;
        LineCount = lineCount;
    }

    public string Name { get; }

    public SourceText Text { get; }

    public IReadOnlyCollection<int> BadLines { get; }

    public int LineCount { get; }
}

/// <summary>What the analyzers said about one generated policy file.</summary>
public sealed class PolicyOutcome
{
    public PolicyOutcome(AnalysisResult analysis, IReadOnlyList<string> problems)
    {
        Analysis = analysis;
        Problems = problems;
    }

    public AnalysisResult Analysis { get; }

    /// <summary>Every way the outcome differs from the expectation (empty when it is right).</summary>
    public IReadOnlyList<string> Problems { get; }
}

/// <summary>
/// Random and malformed policy files: garbage, huge lines, deep namespaces, thousands of entries,
/// contradictory entries, NUL and other control characters, odd encodings (UTF-8 with and without
/// BOM, UTF-16 LE/BE, UTF-32) and line endings (LF, CRLF, CR, U+2028, U+2029, U+0085, mixed).
/// One known mapping, <c>T:Fuzz.Target = Production</c>, is always among the lines, so the
/// [DataScience] caller below must still get its MLR0001, whatever surrounds it.
/// </summary>
public static class PolicyFuzz
{
    public const string PolicyPath = "/fuzz/policy/MlRoles.txt";

    public const string UserCode = """
        namespace Fuzz
        {
            public class Target
            {
                public static void Run() { }
            }
        }

        namespace User
        {
            [MlAtScale.DataScience]
            public class Caller
            {
                public void Go() => Fuzz.Target.Run();
            }
        }
        """;

    private static readonly string[] Builtins = { "DataEngineering", "DataScience", "Production", "BusinessAnalysis" };
    private static readonly string[] LineBreaks = { "\n", "\r\n", "\r", "\u2028", "\u2029", "\u0085" };

    private static readonly Lazy<CSharpCompilation> Compilation = new(() => CSharpCompilation.Create(
        "PolicyFuzz",
        new[] { CSharpSyntaxTree.ParseText(UserCode, FuzzSources.ParseOptions, "/fuzz/User.cs") },
        ReferencePool.ClosureOf(null, new[] { "MlAtScale.Attributes" }),
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)));

    /// <summary>The user code compiled once (shared by every check).</summary>
    public static CSharpCompilation CompilationForTests => Compilation.Value;

    /// <summary>Shapes of generated files.</summary>
    public enum Shape
    {
        /// <summary>Every kind of line, a few hundred of them.</summary>
        Mixed,

        /// <summary>Thousands of declared roles, mappings and edges, with typos of the roles.</summary>
        Large,

        /// <summary>A few lines that are huge: megabyte tokens and namespaces thousands of segments deep.</summary>
        Huge,
    }

    /// <summary>Generates one policy file; <paramref name="size"/> scales the number of lines.</summary>
    public static PolicyCase Generate(int seed, Shape shape, int size)
    {
        var random = new Random(seed);
        var lines = new List<string>();
        var bad = new HashSet<int>();
        var roles = new List<string>(Builtins);
        var mapped = new Dictionary<string, string>(StringComparer.Ordinal);
        var edges = new HashSet<string>(StringComparer.Ordinal) { "DataScience->Production" };

        void Good(string line) => lines.Add(line);
        void Bad(string line)
        {
            bad.Add(lines.Count);
            lines.Add(line);
        }

        string RandomRole() => roles[random.Next(roles.Count)];

        // Custom roles first, so that every later line may use them.
        var custom = shape == Shape.Large ? size : random.Next(1, 6);
        for (var i = 0; i < custom; i++)
        {
            var name = "Team" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + "Role";
            Good(Pad(random, "role " + name));
            roles.Add(name);
        }

        var knownAt = random.Next(0, size + 1);
        var count = shape == Shape.Huge ? Math.Max(4, size / 50) : size;
        for (var i = 0; i < count; i++)
        {
            if (i == knownAt)
            {
                Good(Pad(random, "T:Fuzz.Target = Production"));
                mapped["T:Fuzz.Target"] = "Production";
            }

            var pick = shape == Shape.Huge ? 100 + random.Next(4) : random.Next(100);
            switch (pick)
            {
                case < 12:
                    Good(random.Next(3) switch { 0 => string.Empty, 1 => "   \t", _ => "# comment " + Garbage(random, 40) });
                    break;
                case < 30:
                {
                    var id = "N:Fuzz.Area" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + (random.Next(2) == 0 ? ".Sub" : string.Empty);
                    var role = random.Next(10) == 0 ? "contract" : RandomRole();
                    mapped[id] = role;
                    Good(Pad(random, id + " = " + role + (random.Next(4) == 0 ? "   # trailing comment" : string.Empty)));
                    break;
                }

                case < 38:
                {
                    var from = RandomRole();
                    var to = RandomRole();
                    if (from + "->" + to == "DataScience->Production")
                    {
                        // Kept out of every file: it would allow the known crossing.
                        Good("# no DataScience -> Production here");
                    }
                    else if (from == to || !edges.Add(from + "->" + to))
                    {
                        Bad(from + " -> " + to);
                    }
                    else
                    {
                        Good(Pad(random, from + (random.Next(2) == 0 ? "->" : " -> ") + to));
                    }

                    break;
                }

                case < 42 when mapped.Count > 0:
                {
                    // A contradictory (or duplicate) entry: the first one stays, this line is wrong.
                    var existing = mapped.Keys.ElementAt(random.Next(mapped.Count));
                    Bad(existing + " = " + (random.Next(2) == 0 ? mapped[existing] : RandomRole()));
                    break;
                }

                case < 55:
                    Bad("!" + Garbage(random, 1 + random.Next(200)));
                    break;
                case < 62:
                {
                    // A typo of a declared role.
                    var role = RandomRole();
                    var typo = role.Substring(0, role.Length - 1) + (char)('a' + random.Next(26)) + "x";
                    Bad("N:Fuzz.Typo" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + " = " + typo);
                    break;
                }

                case < 66:
                    Bad(random.Next(2) == 0 ? "Q:Fuzz.Bad = DataScience" : "M:Fuzz.T.M(System.Int32 = DataScience");
                    break;
                case < 70:
                    Bad(random.Next(3) switch { 0 => "role DataScience", 1 => "role A B", _ => "role 9lives" });
                    break;
                case < 74:
                    Bad(random.Next(3) switch { 0 => "option speed = fast", 1 => "option catalog = sometimes", _ => "option catalog" });
                    break;
                case < 78:
                    Bad("N:Fuzz.Two = DataScience Production");
                    break;
                case < 82:
                    Bad("DataScience -> Production -> DataEngineering");
                    break;
                case < 86:
                    Bad("deploy everything now");
                    break;
                case < 90:
                    Bad("T:Fuzz.Generic`1+ = Nobody" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case < 100:
                    Good("N:Fuzz.Deep" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + string.Concat(Enumerable.Range(0, 1 + random.Next(300)).Select(d => ".N" + d.ToString(System.Globalization.CultureInfo.InvariantCulture))) + " = " + RandomRole());
                    break;
                case 100:
                    Bad("N:" + new string('a', 1 << 20) + "! = DataScience");
                    break;
                case 101:
                    Good("N:Fuzz.Huge" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + string.Concat(Enumerable.Repeat(".Segment", 20000)) + " = " + RandomRole());
                    break;
                case 102:
                    Bad(new string('x', 1 << 20));
                    break;
                default:
                    Bad("!" + Garbage(random, 1 << 18));
                    break;
            }
        }

        if (knownAt >= count)
        {
            Good("T:Fuzz.Target = Production");
        }

        // A contradiction of the known mapping after it: the first mapping wins, this line is wrong.
        Bad("T:Fuzz.Target = BusinessAnalysis");

        var text = new StringBuilder();
        if (random.Next(4) == 0)
        {
            text.Append('\uFEFF');
        }

        var mixed = random.Next(3) == 0;
        var lineBreak = LineBreaks[random.Next(LineBreaks.Length)];
        var previous = string.Empty;
        for (var i = 0; i < lines.Count; i++)
        {
            text.Append(lines[i]);
            if (i < lines.Count - 1 || random.Next(2) == 0)
            {
                var next = mixed ? LineBreaks[random.Next(LineBreaks.Length)] : lineBreak;

                // "\r" then an empty line ended by "\n" would read as one CRLF: keep the line count exact.
                if (next == "\n" && previous == "\r" && lines[i].Length == 0)
                {
                    next = "\r\n";
                }

                text.Append(next);
                previous = next;
            }
        }

        var source = Encode(text.ToString(), random);
        return new PolicyCase($"{shape} seed {seed} size {size}", source, bad, lines.Count);
    }

    /// <summary>The text as bytes in a random encoding, read back the way the compiler reads an additional file.</summary>
    private static SourceText Encode(string text, Random random)
    {
        var encoding = random.Next(6) switch
        {
            0 => (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
            1 => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
            2 => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
            3 => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
            _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        var body = encoding.GetBytes(text.StartsWith('\uFEFF') ? text.Substring(1) : text);
        var bytes = encoding.GetPreamble().Concat(body).ToArray();
        using var stream = new MemoryStream(bytes);
        return SourceText.From(stream, encoding: null, throwIfBinaryDetected: false);
    }

    /// <summary>Random characters, control characters and NUL included, but no line break.</summary>
    private static string Garbage(Random random, int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var c = random.Next(10) switch
            {
                0 => (char)random.Next(0, 32),
                1 => "=->#+:.(){}[]`~*".ToCharArray()[random.Next(17 - 1)],
                2 => (char)random.Next(0x80, 0x2000),
                3 => (char)random.Next(0x3000, 0xD7FF),
                4 => '\uFFFD',
                _ => (char)random.Next(32, 127),
            };
            builder.Append(c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029' ? ' ' : c);
        }

        return builder.ToString();
    }

    private static string Pad(Random random, string line) => random.Next(4) switch
    {
        0 => "  " + line,
        1 => "\t" + line + " \t",
        _ => line,
    };

    /// <summary>Runs every analyzer over the user code with <paramref name="policy"/> as its policy file and checks the outcome.</summary>
    public static async Task<PolicyOutcome> CheckAsync(PolicyCase policy, CancellationToken cancellationToken)
    {
        var analysis = await AnalyzerHost.AnalyzeCompilationAsync(Compilation.Value, ImmutableArray.Create<AdditionalText>(new TextFile(PolicyPath, policy.Text)), cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        problems.AddRange(analysis.Failures.Select(f => $"{f.Analyzer} threw {f.ExceptionType}: {f.Message} at {f.Where}"));

        // A bad line is MLR0003, or MLR0005 when it names an unknown role (the one ID for unknown roles).
        var errors = analysis.Diagnostics.Where(d => d.Id == "MLR0003" || (d.Id == "MLR0005" && d.Location.GetLineSpan().Path == PolicyPath)).ToList();
        var errorLines = new SortedSet<int>();
        foreach (var error in errors)
        {
            var span = error.Location.GetLineSpan();
            errorLines.Add(span.StartLinePosition.Line);
            if (span.Path != PolicyPath)
            {
                problems.Add($"MLR0003 in '{span.Path}' instead of the policy file");
            }

            if (span.StartLinePosition.Line >= policy.Text.Lines.Count || span.StartLinePosition.Line != span.EndLinePosition.Line)
            {
                problems.Add($"MLR0003 at {span} is not within one line of the file");
            }
            else
            {
                var line = policy.Text.Lines[span.StartLinePosition.Line];
                if (error.Location.SourceSpan.Start < line.Start || error.Location.SourceSpan.End > line.End)
                {
                    problems.Add($"MLR0003 span {error.Location.SourceSpan} is outside its line {line.Span}");
                }
            }
        }

        var missing = policy.BadLines.Where(l => !errorLines.Contains(l)).OrderBy(l => l).Take(5).ToList();
        var unexpected = errorLines.Where(l => !policy.BadLines.Contains(l)).Take(5).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"no MLR0003 on bad lines {string.Join(", ", missing.Select(l => l + 1))}");
        }

        if (unexpected.Count > 0)
        {
            problems.Add($"MLR0003 on good lines {string.Join(", ", unexpected.Select(l => l + 1))}: {string.Join(" | ", errors.Where(e => unexpected.Contains(e.Location.GetLineSpan().StartLinePosition.Line)).Take(3).Select(e => e.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))}");
        }

        var crossings = analysis.Diagnostics.Where(d => d.Id == "MLR0001").ToList();
        if (crossings.Count != 1 || !crossings[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("Production", StringComparison.Ordinal))
        {
            problems.Add($"expected one MLR0001 for the known mapping T:Fuzz.Target = Production, got {crossings.Count}: {string.Join(" | ", crossings.Select(c => c.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))}");
        }

        return new PolicyOutcome(analysis, problems);
    }
}
