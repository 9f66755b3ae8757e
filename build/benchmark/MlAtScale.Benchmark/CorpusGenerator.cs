using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MlAtScale.Benchmark;

/// <summary>Who owns the code of one generated file, and how that ownership is declared.</summary>
internal enum FileOwner
{
    DataEngineering,
    DataScience,
    Production,
    BusinessAnalysis,
    Labeling,
    Contract,
    Unowned,
}

/// <summary>One generated source file.</summary>
internal sealed record GeneratedFile(int Index, string Path, string Namespace, FileOwner Owner, bool OwnedByAttribute, string Text);

/// <summary>A generated ML monorepo: sources, the policy file, and the equivalent BannedSymbols.txt.</summary>
internal sealed record Corpus(int FileCount, IReadOnlyList<GeneratedFile> Files, string Policy, string BannedSymbols)
{
    public int TypeCount => Files.Count * CorpusGenerator.TypesPerFile;

    public int LineCount => Files.Sum(f => f.Text.Count(c => c == '\n'));
}

/// <summary>
/// Deterministic generator of synthetic ML monorepos. The same N always gives byte-identical files
/// (own PRNG, invariant culture, no clock, no hashing of strings).
///
/// Each file holds <see cref="TypesPerFile"/> types of one owner (a data record with operators,
/// conversions, an indexer, Deconstruct, GetAwaiter, GetEnumerator and Add; an interface; a generic
/// base class; an attribute; an extension class with LINQ-pattern methods; a stage class) and a stage
/// that uses the types of other files in every way the analyzer checks: calls, creation, member access,
/// method groups, base types and interfaces, field and signature types, generic arguments and
/// constraints, attributes, extension methods, operators, conversions, indexers, foreach, await,
/// deconstruction, collection initialisers and query syntax. Targets are in the same role about
/// three times in four; the rest are contracts, unowned code, allowed edges and violations.
/// Files of Data Engineering, Data Science, Production and Business Analysis also call ML.NET and
/// Microsoft.Data.Sqlite APIs that the built-in catalog classifies, mostly in role, sometimes not.
/// </summary>
internal static class CorpusGenerator
{
    public const int TypesPerFile = 6;

    /// <summary>Files per module namespace (Synth.Training.M003, ...).</summary>
    private const int FilesPerModule = 25;

    private static readonly FileOwner[] RoleOwners =
    {
        FileOwner.DataEngineering, FileOwner.DataScience, FileOwner.Production, FileOwner.BusinessAnalysis, FileOwner.Labeling,
    };

    public static Corpus Generate(int fileCount, int seed = 20240601)
    {
        if (fileCount < 10)
        {
            throw new ArgumentOutOfRangeException(nameof(fileCount), "at least 10 files");
        }

        var random = new Prng((uint)seed);
        var owners = new FileOwner[fileCount];
        var byAttribute = new bool[fileCount];
        for (var i = 0; i < fileCount; i++)
        {
            // 8 % contracts, 7 % unowned, the rest shared between the roles (Data Science and Data
            // Engineering the largest, Labeling the smallest).
            var roll = random.Next(100);
            owners[i] = roll switch
            {
                < 8 => FileOwner.Contract,
                < 15 => FileOwner.Unowned,
                < 40 => FileOwner.DataEngineering,
                < 68 => FileOwner.DataScience,
                < 84 => FileOwner.Production,
                < 95 => FileOwner.BusinessAnalysis,
                _ => FileOwner.Labeling,
            };

            // About one role file in six declares its role with attributes instead of a mapped namespace.
            byAttribute[i] = IsRole(owners[i]) && random.Next(6) == 0;
        }

        // Make sure every owner exists, whatever N.
        var all = Enum.GetValues<FileOwner>();
        for (var k = 0; k < all.Length; k++)
        {
            owners[k] = all[k];
            byAttribute[k] = false;
        }

        var namespaces = new string[fileCount];
        for (var i = 0; i < fileCount; i++)
        {
            namespaces[i] = NamespaceOf(owners[i], byAttribute[i], i);
        }

        var byOwner = all.ToDictionary(o => o, o => Enumerable.Range(0, fileCount).Where(i => owners[i] == o).ToArray());
        var files = new List<GeneratedFile>(fileCount);
        for (var i = 0; i < fileCount; i++)
        {
            var text = new FileWriter(i, owners, byAttribute, namespaces, byOwner, random).Write();
            files.Add(new GeneratedFile(i, $"src/{namespaces[i].Replace('.', '/')}/Stage{i:D4}.cs", namespaces[i], owners[i], byAttribute[i], text));
        }

        return new Corpus(fileCount, files, Policy(), BannedSymbols(files));
    }

    public static bool IsRole(FileOwner owner) => owner is not (FileOwner.Contract or FileOwner.Unowned);

    public static string RoleName(FileOwner owner) => owner.ToString();

    private static string NamespaceOf(FileOwner owner, bool byAttribute, int index)
    {
        var module = "M" + (index / FilesPerModule).ToString("D3", CultureInfo.InvariantCulture);
        if (byAttribute)
        {
            return "Synth.Shared." + module;
        }

        return owner switch
        {
            FileOwner.DataEngineering => "Synth.Ingestion." + module,
            FileOwner.DataScience => "Synth.Training." + module,
            FileOwner.Production => "Synth.Serving." + module,
            FileOwner.BusinessAnalysis => "Synth.Reporting." + module,
            FileOwner.Labeling => "Synth.Labeling." + module,
            FileOwner.Contract => "Synth.Contracts." + module,
            _ => "Synth.Common." + module,
        };
    }

    /// <summary>The generated MlRoles.txt: namespaces per role, contracts, a custom role and three allowed edges.</summary>
    public static string Policy() =>
        """
        # Generated by MlAtScale.Benchmark: the roles of a synthetic ML monorepo.
        role Labeling

        N:Synth.Ingestion = DataEngineering
        N:Synth.Training = DataScience
        N:Synth.Serving = Production
        N:Synth.Reporting = BusinessAnalysis
        N:Synth.Labeling = Labeling
        N:Synth.Contracts = contract

        DataScience -> DataEngineering
        DataScience -> Labeling
        BusinessAnalysis -> DataScience

        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>
    /// BannedSymbols.txt with the same symbols that the policy forbids to some role: every role-owned
    /// namespace, every type owned by a role attribute, and the catalog's role-owned APIs that the
    /// corpus uses (BannedApiAnalyzers has no "derived types" or "all overloads" syntax, so the
    /// concrete symbols are listed).
    /// </summary>
    private static string BannedSymbols(IReadOnlyList<GeneratedFile> files)
    {
        var lines = new List<string>
        {
            "N:Synth.Ingestion;Data Engineering",
            "N:Synth.Training;Data Science",
            "N:Synth.Serving;Production",
            "N:Synth.Reporting;Business Analysis",
            "N:Synth.Labeling;Labeling",
            "N:Microsoft.Data.Sqlite;Data Engineering (catalog)",
            "T:Microsoft.ML.StandardTrainersCatalog;Data Science (catalog)",
            "M:Microsoft.ML.Data.EstimatorChain`1.Fit(Microsoft.ML.IDataView);Data Science (catalog)",
            "M:Microsoft.ML.Trainers.SdcaRegressionTrainer.Fit(Microsoft.ML.IDataView);Data Science (catalog)",
            "T:Microsoft.ML.DatabaseLoaderCatalog;Data Engineering (catalog)",
        };
        foreach (var file in files.Where(f => f.OwnedByAttribute))
        {
            foreach (var type in TypeNames(file.Index))
            {
                lines.Add($"T:{file.Namespace}.{type};{file.Owner}");
            }
        }

        return string.Join("\n", lines) + "\n";
    }

    public static IEnumerable<string> TypeNames(int index) => new[]
    {
        $"Record{index}", $"IStage{index}", $"StageBase{index}`1", $"Tag{index}Attribute", $"Record{index}Extensions", $"Stage{index}",
    };

    /// <summary>xorshift32: deterministic on every runtime, unlike System.Random's unseeded algorithm choice.</summary>
    internal sealed class Prng
    {
        private uint _state;

        public Prng(uint seed) => _state = seed == 0 ? 0x9E3779B9u : seed;

        public int Next(int exclusiveMax)
        {
            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            return (int)(_state % (uint)exclusiveMax);
        }
    }

    private sealed class FileWriter
    {
        private readonly int _index;
        private readonly FileOwner[] _owners;
        private readonly bool[] _byAttribute;
        private readonly string[] _namespaces;
        private readonly Dictionary<FileOwner, int[]> _byOwner;
        private readonly Prng _random;
        private readonly SortedSet<string> _usings = new(StringComparer.Ordinal);
        private readonly FileOwner _owner;

        public FileWriter(int index, FileOwner[] owners, bool[] byAttribute, string[] namespaces, Dictionary<FileOwner, int[]> byOwner, Prng random)
        {
            _index = index;
            _owners = owners;
            _byAttribute = byAttribute;
            _namespaces = namespaces;
            _byOwner = byOwner;
            _random = random;
            _owner = owners[index];
        }

        /// <summary>
        /// The file that one use refers to: the same owner three times in four (in-role use), else a
        /// contract, unowned code, or another role (an allowed edge or a violation, as the policy says).
        /// </summary>
        private int Target()
        {
            var roll = _random.Next(100);
            var owner = roll switch
            {
                < 74 => _owner,
                < 82 => FileOwner.Contract,
                < 88 => FileOwner.Unowned,
                _ => RoleOwners[_random.Next(RoleOwners.Length)],
            };
            var candidates = _byOwner[owner];
            var target = candidates[_random.Next(candidates.Length)];
            if (_namespaces[target] != _namespaces[_index])
            {
                _usings.Add(_namespaces[target]);
            }

            return target;
        }

        public string Write()
        {
            var i = _index;
            var roleAttribute = _byAttribute[i] ? RoleAttribute(_owner) : string.Empty;

            // Pick every target before writing, so that the using directives are known.
            int baseTarget = Target(), interfaceTarget = Target(), fieldTarget = Target(), signatureTarget = Target();
            int constraintTarget = Target(), genericTarget = Target(), attributeTarget = Target(), callTarget = Target();
            int creationTarget = Target(), methodGroupTarget = Target(), conversionTarget = Target(), queryTarget = Target();
            var ml = MlSnippet();
            var allowance = string.Empty;
            if (IsRole(_owner) && _random.Next(10) == 0)
            {
                // An [AllowRoleCrossing] for the role of the call target, when that is another role.
                var other = _owners[callTarget];
                if (IsRole(other) && other != _owner)
                {
                    allowance = $"        [AllowRoleCrossing(\"{RoleName(other)}\", Justification = \"Hand-over reviewed in design note {i}.\")]\n";
                }
            }

            var contractAttribute = IsRole(_owner) && i % 9 == 0 ? "    [RoleContract]\n" : string.Empty;
            var s = new StringBuilder(6000);
            s.Append("// <generated-by-benchmark/> file ").Append(i).Append(", owner ").Append(_owner).Append(_byAttribute[i] ? " (attributes)" : " (policy namespace)").Append('\n');
            foreach (var u in new[] { "System", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Runtime.CompilerServices", "System.Threading.Tasks", "MlAtScale" })
            {
                s.Append("using ").Append(u).Append(";\n");
            }

            foreach (var u in ml.Usings)
            {
                s.Append("using ").Append(u).Append(";\n");
            }

            foreach (var u in _usings)
            {
                s.Append("using ").Append(u).Append(";\n");
            }

            s.Append($$"""

namespace {{_namespaces[i]}}
{
{{roleAttribute}}{{contractAttribute}}    public sealed class Record{{i}} : IEnumerable<int>
    {
        private readonly List<int> _items = new List<int>();

        public Record{{i}}(int value) { Value = value; }

        public int Value { get; set; }

        public int Count => _items.Count;

        public int this[int index] => _items[index];

        public static Record{{i}} From(int value) => new Record{{i}}(value);

        public void Add(int item) => _items.Add(item);

        public void Deconstruct(out int value, out int count) { value = Value; count = _items.Count; }

        public TaskAwaiter<int> GetAwaiter() => Task.FromResult(Value).GetAwaiter();

        public IEnumerator<int> GetEnumerator() => _items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public static Record{{i}} operator +(Record{{i}} a, Record{{i}} b) => new Record{{i}}(a.Value + b.Value);

        public static implicit operator int(Record{{i}} r) => r.Value;

        public static implicit operator Record{{i}}(int v) => new Record{{i}}(v);
    }

{{roleAttribute}}    public interface IStage{{i}}
    {
        int Score(int x);
    }

{{roleAttribute}}    public abstract class StageBase{{i}}<T> where T : class
    {
        public abstract T Make(int v);

        public virtual int Weight => 1;
    }

{{roleAttribute}}    [AttributeUsage(AttributeTargets.All)]
    public sealed class Tag{{i}}Attribute : Attribute
    {
        public string Note { get; set; }
    }

{{roleAttribute}}    public static class Record{{i}}Extensions
    {
        public static int Doubled(this Record{{i}} r) => r.Value * 2;

        public static Record{{i}} Where(this Record{{i}} r, Func<int, bool> predicate) => predicate(r.Value) ? r : new Record{{i}}(0);

        public static Record{{i}} Select(this Record{{i}} r, Func<int, int> selector) => new Record{{i}}(selector(r.Value));

        public static void Add(this List<Record{{i}}> list, string text) => list.Add(new Record{{i}}(text.Length));
    }

{{roleAttribute}}    public class Stage{{i}} : StageBase{{baseTarget}}<Record{{i}}>, IStage{{interfaceTarget}}
    {
        private readonly Record{{fieldTarget}} _cache = new Record{{fieldTarget}}(1);

        public List<Record{{genericTarget}}> Batch { get; } = new List<Record{{genericTarget}}> { "seed", "more" };

        public override Record{{i}} Make(int v) => new Record{{i}}(v + _cache.Value);

        public int Score(int x) => x + Weight;

        public Record{{signatureTarget}} Convert(Record{{signatureTarget}} input) => input;

        public TOut Pick<TOut>(TOut value) where TOut : IStage{{constraintTarget}} => value;

{{allowance}}        [Tag{{attributeTarget}}(Note = "stage {{i}}")]
        public async Task<int> RunAsync(int seed)
        {
            var r = Record{{callTarget}}.From(seed);
            var n = new Record{{creationTarget}}(4) { 1, 2 };
            var v = n.Value + n.Count;
            Func<int, Record{{methodGroupTarget}}> make = Record{{methodGroupTarget}}.From;
            var doubled = r.Doubled();
            var sum = r + r;
            int asInt = n;
            Record{{conversionTarget}} fromInt = 7;
            foreach (var x in n)
            {
                v += x;
            }

            var awaited = await r;
            var (a, b) = n;
            var q = from x in Record{{queryTarget}}.From(v) where x > 0 select x + 1;
            var first = n.Count > 0 ? n[0] : 0;
            var local = Local(a);
            return v + doubled + sum.Value + asInt + fromInt.Value + awaited + b + q.Value + make(1).Value + first + local + Batch.Count;

            int Local(int value) => value + _cache.Value;
        }
{{ml.Body}}    }
}

""");
            return s.ToString();
        }

        private static string RoleAttribute(FileOwner owner) => owner switch
        {
            FileOwner.Labeling => "    [MlRole(\"Labeling\")]\n",
            _ => $"    [{owner}]\n",
        };

        /// <summary>Real ML.NET and ADO.NET calls that the built-in catalog classifies: in role, or (one time in six) another role's.</summary>
        private (string[] Usings, string Body) MlSnippet()
        {
            if (!IsRole(_owner) || _owner == FileOwner.Labeling)
            {
                return (Array.Empty<string>(), string.Empty);
            }

            var kind = _owner;
            if (_random.Next(6) == 0)
            {
                kind = RoleOwners[_random.Next(4)];
            }

            var i = _index;
            return kind switch
            {
                FileOwner.DataEngineering => (new[] { "Microsoft.Data.Sqlite" }, $$"""

        public static List<float> Extract(string path)
        {
            var values = new List<float>();
            using var connection = new SqliteConnection("Data Source=" + path);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT amount FROM raw_events_{{i}} WHERE amount IS NOT NULL";
            command.Parameters.AddWithValue("$limit", 1000);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                values.Add(reader.GetFloat(0));
            }

            return values;
        }

"""),
                FileOwner.DataScience => (new[] { "Microsoft.ML" }, $$"""

        public static ITransformer Train(MLContext ml, IDataView data, string path)
        {
            var pipeline = ml.Transforms.Concatenate("Features", "A", "B")
                .Append(ml.Regression.Trainers.Sdca(labelColumnName: "Label", featureColumnName: "Features"));
            var model = pipeline.Fit(data);
            var metrics = ml.Regression.Evaluate(model.Transform(data));
            ml.Model.Save(model, data.Schema, path + "/model{{i}}.zip");
            return metrics.RSquared > 0.5 ? model : null;
        }

"""),
                FileOwner.Production => (new[] { "Microsoft.ML" }, $$"""

        public static IDataView Serve(MLContext ml, IDataView requests, string path)
        {
            var model = ml.Model.Load(path + "/model{{i}}.zip", out var schema);
            return schema.Count > 0 ? model.Transform(requests) : requests;
        }

"""),
                _ => (new[] { "Microsoft.ML" }, $$"""

        public static double Kpi(MLContext ml, IDataView scored)
        {
            var metrics = ml.Regression.Evaluate(scored, labelColumnName: "Label", scoreColumnName: "Score");
            return metrics.MeanAbsoluteError * {{i % 7 + 1}};
        }

"""),
            };
        }
    }
}
