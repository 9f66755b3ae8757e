using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace MlAtScale.Integration.Tests;

/// <summary>
/// samples/ChurnMl, built against the freshly packed package (once, <see cref="ChurnSampleBuild"/>) and run end to end:
/// the build reports exactly the violations labelled in its sources (and succeeds), each MLR0001 message says in one short
/// line who uses what, where the used code's role comes from and a fix that fits, the reports' counts add up, and the
/// pipeline exits 0.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ChurnSampleTests
{
    private readonly PackageFixture _package;

    public ChurnSampleTests(PackageFixture package) => _package = package;

    [Fact]
    public void Sample_builds_with_exactly_its_labelled_violations_and_runs_end_to_end()
    {
        var churn = ChurnSampleBuild.Of(_package);
        var root = churn.Root;
        var sample = churn.Sample;
        var build = churn.Result;
        var expected = churn.LabelledViolations(ChurnSampleBuild.Marker);
        var expectedHidden = churn.LabelledViolations(ChurnSampleBuild.HiddenMarker);
        Assert.True(expected.Count >= 3, $"The sample labels only {expected.Count} deliberate violations.");

        Assert.True(build.ExitCode == 0, build.Describe());
        var diagnostics = build.Diagnostics();
        var unexpected = diagnostics.Where(d => d.Id is not ("MLR0001" or "MLR0010") || d.Severity != "warning").Select(d => d.Key).ToList();
        Assert.True(unexpected.Count == 0, $"Only MLR0001 and MLR0010 warnings were expected, also got:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", unexpected)}{Environment.NewLine}{build.Describe()}");
        var hidden = diagnostics.Where(d => d.Id == "MLR0010")
            .Select(d => $"{Path.GetRelativePath(sample, d.File).Replace('\\', '/')}:{d.Line}")
            .OrderBy(k => k, StringComparer.Ordinal)
            .ToList();
        Assert.True(hidden.SequenceEqual(expectedHidden, StringComparer.Ordinal), $"Expected MLR0010 at: {string.Join(", ", expectedHidden)}; reported at: {string.Join(", ", hidden)}{Environment.NewLine}{build.Describe()}");
        Assert.Contains(
            "through unowned code: RetrainingOutlook.RetrainingLikely → MonitoringShortcuts.WouldRetrain → ModelMonitor.Check;",
            diagnostics.Single(d => d.Id == "MLR0010").Message,
            StringComparison.Ordinal);
        var actual = diagnostics
            .Where(d => d.Id == "MLR0001")
            .Select(d => $"{Path.GetRelativePath(sample, d.File).Replace('\\', '/')}:{d.Line}")
            .OrderBy(k => k, StringComparer.Ordinal)
            .ToList();
        Assert.True(
            actual.SequenceEqual(expected, StringComparer.Ordinal),
            $"Expected MLR0001 at:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", expected)}{Environment.NewLine}" +
            $"Reported at:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", actual)}{Environment.NewLine}{build.Describe()}");

        // What the documented workflow uploads to code scanning: exactly these MLR0001 and MLR0010 warnings, none of
        // the report's MLR0006 notes.
        var uploaded = CodeScanningUpload.Results(_package.RepositoryRoot, sample);
        Assert.Equal(
            diagnostics.Select(d => $"{d.Id} warning {Path.GetFileName(d.File)}:{d.Line}").OrderBy(k => k, StringComparer.Ordinal),
            uploaded.Select(r => $"{r.RuleId} {r.Level} {r.File}:{r.Line}").OrderBy(k => k, StringComparer.Ordinal));

        // The report has the same content as the report of the per-use data path had (projection checked in).
        var mlroles = Path.Combine(sample, "artifacts", "mlroles");
        var projection = MlAtScale.Tests.Shared.ReportProjection.Project(
            Directory.GetFiles(Path.Combine(mlroles, "projects"), "*.json"), Path.Combine(mlroles, "mlroles-report.json"), string.Empty);
        var expectedProjection = Path.Combine(_package.RepositoryRoot, "tests", "Shared", "ReportEquivalence", "churn-ml.before.txt");
        if (Environment.GetEnvironmentVariable("MLATSCALE_UPDATE_DOCS") == "1")
        {
            // After a deliberate change of the sample: rewrite the expected projection, then review its diff.
            File.WriteAllLines(expectedProjection, projection);
        }

        Assert.Equal(File.ReadAllLines(expectedProjection), projection);

        var output = Path.Combine(root.Path, "run");
        var run = DotNet.Run(
            root.Path,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = _package.PackagesDirectory },
            "run", "--project", Path.Combine(sample, "src", "Churn.Pipeline", "Churn.Pipeline.csproj"), "--no-build", "--", "--out", output);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("Summary: 600 clean rows", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"gate after outcomes: (Promoted|RolledBack) \(AUC on 440 labelled canary outcomes", run.Output);
        var report = File.ReadAllText(Path.Combine(output, "kpi-report.md"));
        Assert.Contains("| customers scored | 440 |", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "models", "churn-2025-06.zip")), run.Describe());
    }

    /// <summary>
    /// Each MLR0001 of the sample's build, in the build log and in the compiler's SARIF log, is one line of at most 200
    /// characters: <c>'user' (UserRole) uses 'used' of UsedRole via &lt;source&gt;; &lt;fix&gt;</c>. The test derives what each
    /// part must say from the sample itself: the user's role from its file's namespace and MlRoles.txt, where the used code's
    /// role comes from (the line of MlRoles.txt that maps its namespace, its role attribute, or, for a package's code, the
    /// built-in catalog), and the fix: [RoleContract] only for code of the user's own project, else a policy line.
    /// </summary>
    [Fact]
    public void Every_MLR0001_message_is_one_short_line_with_the_source_of_the_role_and_a_fix_that_fits_the_used_code()
    {
        var churn = ChurnSampleBuild.Of(_package);
        Assert.True(churn.Result.ExitCode == 0, churn.Result.Describe());
        var policy = PolicyNamespaces(Path.Combine(churn.Sample, "MlRoles.txt"));
        var declared = DeclaredTypes(churn);
        var logged = churn.Result.Diagnostics().Where(d => d.Id == "MLR0001")
            .ToDictionary(d => $"{churn.Relative(d.File)}:{d.Line}:{d.Column}", d => d.Message, StringComparer.Ordinal);
        var results = churn.Projects.SelectMany(p => SarifViolations(churn, p)).ToList();
        Assert.Equal(churn.LabelledViolations(ChurnSampleBuild.Marker), results.Select(r => r.Where.Substring(0, r.Where.LastIndexOf(':'))).OrderBy(w => w, StringComparer.Ordinal));

        var sources = new List<string>();
        foreach (var (where, message, properties) in results)
        {
            var context = $"{where}: {message}";
            Assert.True(message.Length <= 200, $"{message.Length} characters: {context}");
            Assert.True(logged.TryGetValue(where, out var inLog) && inLog.StartsWith(message, StringComparison.Ordinal), $"the build log says '{inLog}' for {context}");
            var parts = Message.Match(message);
            Assert.True(parts.Success, context);
            var (user, userRole, used, usedRole, via, fix) = (parts.Groups[1].Value, parts.Groups[2].Value, parts.Groups[3].Value, parts.Groups[4].Value, parts.Groups[5].Value, parts.Groups[6].Value);

            // The user: a member of the file's type, whose role MlRoles.txt gives its namespace.
            var file = Path.Combine(churn.Sample, where.Substring(0, where.IndexOf(':', StringComparison.Ordinal)));
            var userProject = where.Split('/')[1];
            var userText = File.ReadAllText(file);
            var userLine = int.Parse(where.Split(':')[1], CultureInfo.InvariantCulture);
            var userNamespace = NamespaceAt(userText, userText.Split('\n').Take(userLine - 1).Sum(l => l.Length + 1));
            Assert.Equal(CodeOwnersRole(churn.Sample, where.Substring(0, where.IndexOf(':', StringComparison.Ordinal)))?.Role ?? RoleOf(policy, userNamespace).Role, userRole);
            Assert.StartsWith($"M:{userNamespace}.{user}(", properties["user"], StringComparison.Ordinal);
            Assert.Equal(userRole, properties["userRole"]);

            // The used symbol, named short: 'Type', 'Type.Member' or 'new Type(…)'.
            var usedId = properties["used"];
            var usedType = TypeOf(usedId);
            var typeName = usedType.Substring(usedType.LastIndexOf('.') + 1).Split('`')[0];
            var member = usedId.StartsWith("T:", StringComparison.Ordinal) ? null : usedId.Split('(')[0].Substring(usedId.Split('(')[0].LastIndexOf('.') + 1);
            Assert.True(
                member switch
                {
                    null => used == typeName || used.StartsWith(typeName + "<", StringComparison.Ordinal),
                    "#ctor" => used.StartsWith($"new {typeName}", StringComparison.Ordinal),
                    _ => used.StartsWith(typeName, StringComparison.Ordinal) && used.EndsWith("." + member, StringComparison.Ordinal),
                },
                $"'{used}' does not name {usedId}: {context}");
            Assert.Equal(usedRole, properties["usedRole"]);
            Assert.Equal($"{userRole} -> {usedRole}", properties["edgeLine"]);

            string ownedVia;
            if (declared.TryGetValue(usedType, out var declaration))
            {
                // The sample's own code: its role attribute, else the line of MlRoles.txt that maps its namespace.
                // (CODEOWNERS comes before namespace lines: a file owned by a mapped team has that team's role.)
                var byTeam = CodeOwnersRole(churn.Sample, declaration.File);
                var (role, line) = declaration.AttributeRole is { } attribute ? (attribute, 0) : byTeam is { } team ? (team.Role, 0) : RoleOf(policy, NamespaceOfType(usedType));
                ownedVia = declaration.AttributeRole is not null ? $"[{role}]" : byTeam is { } owner ? owner.Via : $"MlRoles.txt:{line}";
                Assert.Equal(ownedVia, via);
                Assert.Equal(role, usedRole);
                if (byTeam is not null)
                {
                    sources.Add("CODEOWNERS");
                }

                if (declaration.Project == userProject)
                {
                    Assert.Contains("[RoleContract]", fix, StringComparison.Ordinal);
                    Assert.Equal("[RoleContract]", properties["settle"]);
                    sources.Add("own code");
                    continue;
                }

                sources.Add("policy file line");
            }
            else
            {
                // A package's code: the built-in catalog, which the design gives this role for the package.
                Assert.Matches("^catalog entry '[NTM]:[^' ]+'$", properties["ownedVia"]);
                Assert.True(via == properties["ownedVia"] || via == "the built-in catalog", context);
                Assert.Equal(PackageRoles.Single(p => usedType.StartsWith(p.Namespace + ".", StringComparison.Ordinal)).Role, usedRole);
                sources.Add("catalog");
            }

            // Code the user's project cannot edit: no [RoleContract] advice, but a policy line for MlRoles.txt.
            Assert.DoesNotContain("[RoleContract]", fix, StringComparison.Ordinal);
            Assert.Equal($"T:{usedType} = contract", properties["settle"]);
            Assert.True(fix.Contains($"'T:{usedType} = contract'", StringComparison.Ordinal) || fix.Contains($"'{userRole} -> {usedRole}'", StringComparison.Ordinal), context);
            Assert.Contains("MlRoles.txt", fix, StringComparison.Ordinal);
        }

        // The sample's crossings reach another project's code (RolloutController), code owned through CODEOWNERS (OnCallPager)
        // and packages' code (trainers, SQLite).
        Assert.Contains("policy file line", sources);
        Assert.Contains("CODEOWNERS", sources);
        Assert.Contains("catalog", sources);
    }

    /// <summary>
    /// The counts of every report of the sample add up against the lists beside them: types and members owned, contract and
    /// unowned (the Markdown's three counts are exclusive and sum to the total; the JSON's owned also counts owned contracts),
    /// each edge's uses are the sum of its kinds, violations per edge, per group and in total agree, and the repository report's
    /// totals are the sums of its projects'.
    /// </summary>
    [Fact]
    public void The_counts_of_the_sample_reports_add_up()
    {
        var churn = ChurnSampleBuild.Of(_package);
        Assert.True(churn.Result.ExitCode == 0, churn.Result.Describe());
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var project in churn.Projects)
        {
            var context = project + "'s report";
            using var document = JsonDocument.Parse(File.ReadAllBytes(churn.ProjectReport(project, "mlroles-report.json")));
            var report = document.RootElement;
            var summary = report.GetProperty("summary");
            foreach (var kind in new[] { "types", "members" })
            {
                var owned = report.GetProperty("roles").EnumerateArray().SelectMany(r => Ids(r.GetProperty(kind))).ToHashSet(StringComparer.Ordinal);
                var contracts = Ids(report.GetProperty("contracts").GetProperty(kind)).ToHashSet(StringComparer.Ordinal);
                var unowned = Ids(report.GetProperty("unowned").GetProperty(kind)).ToHashSet(StringComparer.Ordinal);
                Assert.Empty(unowned.Intersect(owned.Union(contracts)));
                var counts = summary.GetProperty(kind);
                Assert.Equal(
                    $"{kind}: total={owned.Union(contracts).Union(unowned).Count()} owned={owned.Count} contract={contracts.Count} unowned={unowned.Count}",
                    $"{kind}: total={Count(counts, "total")} owned={Count(counts, "owned")} contract={Count(counts, "contract")} unowned={Count(counts, "unowned")}");
                foreach (var field in new[] { "total", "owned", "contract", "unowned" })
                {
                    totals[$"{kind}.{field}"] = totals.GetValueOrDefault($"{kind}.{field}") + Count(counts, field);
                }

                if (kind == "types")
                {
                    // For people: owned (not a contract) / contract / unowned, exclusive, summing to the number of types.
                    var line = OwnedShare.Match(File.ReadAllText(churn.ProjectReport(project, "mlroles-report.md")));
                    Assert.True(line.Success, context);
                    Assert.Equal(
                        $"{owned.Except(contracts).Count()} owned / {contracts.Count} contract / {unowned.Count} unowned of {owned.Union(contracts).Union(unowned).Count()}",
                        $"{line.Groups[1].Value} owned / {line.Groups[2].Value} contract / {line.Groups[3].Value} unowned of {line.Groups[4].Value}");
                }
            }

            totals["violations"] = totals.GetValueOrDefault("violations") + AssertViolationCountsAddUp(report, context);
        }

        using var repository = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(churn.RepositoryReports, "mlroles-report.json")));
        var merged = repository.RootElement;
        Assert.Equal(churn.Projects.Count, merged.GetProperty("projects").GetArrayLength());
        foreach (var total in totals.Where(t => t.Key != "violations"))
        {
            var parts = total.Key.Split('.');
            Assert.Equal($"{total.Key}={total.Value}", $"{total.Key}={Count(merged.GetProperty("summary").GetProperty(parts[0]), parts[1])}");
        }

        Assert.Equal(totals["violations"], AssertViolationCountsAddUp(merged, "the repository report"));
        Assert.Equal(churn.LabelledViolations(ChurnSampleBuild.Marker).Count, totals["violations"]);

        // The repository Markdown's Projects table: "types (owned / contract / unowned)" add up in every row.
        var rows = ProjectRow.Matches(File.ReadAllText(Path.Combine(churn.RepositoryReports, "mlroles-report.md")));
        Assert.Equal(churn.Projects.Count, rows.Count);
        Assert.All(rows, row => Assert.True(
            Number(row.Groups[2]) + Number(row.Groups[3]) + Number(row.Groups[4]) == Number(row.Groups[1]),
            $"the counts do not add up: {row.Value}"));
    }

    /// <summary>Edge kinds sum to the edge's uses, the edges' and the groups' violations to the listed violations; returns their number.</summary>
    private static int AssertViolationCountsAddUp(JsonElement report, string context)
    {
        var summary = report.GetProperty("summary");
        var violations = report.GetProperty("violations").EnumerateArray().ToList();
        var edges = report.GetProperty("edges").EnumerateArray().ToList();
        Assert.Equal(Count(summary, "edges"), edges.Count);
        Assert.Equal(Count(summary, "violations"), violations.Count);
        foreach (var edge in edges)
        {
            var name = $"{context}: {edge.GetProperty("from")} -> {edge.GetProperty("to")}";
            var kinds = new[] { "allowed", "contract", "exception", "violations", "baselined", "suppressed" }.Sum(k => edge.TryGetProperty(k, out var n) ? n.GetInt32() : 0);
            Assert.True(Count(edge, "uses") == kinds, $"{name}: {Count(edge, "uses")} uses, {kinds} by kind");
            Assert.True(
                Count(edge, "violations") == violations.Count(v => SameEdge(v, edge)),
                $"{name}: {Count(edge, "violations")} violations on the edge, {violations.Count(v => SameEdge(v, edge))} listed");
        }

        Assert.Equal(violations.Count, edges.Sum(e => Count(e, "violations")));
        var groups = report.GetProperty("groups").EnumerateArray().ToList();
        Assert.All(groups, g => Assert.Equal(Count(g, "violations"), g.GetProperty("locations").GetArrayLength()));
        Assert.Equal(
            violations.Select(Location).OrderBy(l => l, StringComparer.Ordinal),
            groups.SelectMany(g => g.GetProperty("locations").EnumerateArray()).Select(Location).OrderBy(l => l, StringComparer.Ordinal));
        return violations.Count;
    }

    private static bool SameEdge(JsonElement use, JsonElement edge) =>
        use.GetProperty("from").ToString() == edge.GetProperty("from").ToString() && use.GetProperty("to").ToString() == edge.GetProperty("to").ToString();

    private static string Location(JsonElement use) =>
        $"{(use.TryGetProperty("project", out var project) ? project.ToString() : string.Empty)}:{use.GetProperty("file")}:{use.GetProperty("line")}:{use.GetProperty("column")}";

    /// <summary>The IDs of a list of entries (objects with an <c>id</c>) or of IDs.</summary>
    private static IEnumerable<string> Ids(JsonElement entries) =>
        entries.EnumerateArray().Select(e => (e.ValueKind == JsonValueKind.String ? e : e.GetProperty("id")).GetString()!);

    private static int Count(JsonElement element, string name) => element.GetProperty(name).GetInt32();

    private static int Number(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    /// <summary>Every MLR0001 in a project's SARIF log (the file the project's report names): "file:line:column", message, properties.</summary>
    private static IEnumerable<(string Where, string Message, Dictionary<string, string> Properties)> SarifViolations(ChurnSampleBuild churn, string project)
    {
        using var report = JsonDocument.Parse(File.ReadAllBytes(churn.ProjectReport(project, "mlroles-report.json")));
        var sarif = Path.Combine(churn.Sample, report.RootElement.GetProperty("project").GetProperty("sarif").GetString()!);
        using var log = JsonDocument.Parse(File.ReadAllBytes(sarif));
        var found = new List<(string, string, Dictionary<string, string>)>();
        foreach (var result in log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
        {
            if (result.GetProperty("ruleId").GetString() != "MLR0001" || result.TryGetProperty("suppressions", out _))
            {
                continue;
            }

            var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
            var region = location.GetProperty("region");
            var file = new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!).LocalPath;
            found.Add((
                $"{churn.Relative(file)}:{region.GetProperty("startLine")}:{region.GetProperty("startColumn")}",
                result.GetProperty("message").GetProperty("text").GetString()!,
                result.GetProperty("properties").GetProperty("customProperties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)));
        }

        return found;
    }

    /// <summary>The namespace lines of a policy file: "N:Namespace = Role" with their line numbers (1-based).</summary>
    private static List<(string Namespace, string Role, int Line)> PolicyNamespaces(string path) =>
        File.ReadAllLines(path)
            .Select((text, index) => (Match: NamespaceLine.Match(text), Line: index + 1))
            .Where(l => l.Match.Success)
            .Select(l => (l.Match.Groups[1].Value, l.Match.Groups[2].Value, l.Line))
            .ToList();

    /// <summary>The role of the longest mapped namespace that contains <paramref name="ns"/>, with its policy line.</summary>
    private static (string Role, int Line) RoleOf(List<(string Namespace, string Role, int Line)> policy, string ns)
    {
        var mapping = policy.Where(p => ns == p.Namespace || ns.StartsWith(p.Namespace + ".", StringComparison.Ordinal)).OrderByDescending(p => p.Namespace.Length).First();
        return (mapping.Role, mapping.Line);
    }

    /// <summary>
    /// The role CODEOWNERS gives a file of the sample (<paramref name="file"/> relative to the sample's root): the owner of
    /// the last line of .github/CODEOWNERS whose pattern matches it, when MlRoles.txt maps that owner with '@owner = Role';
    /// the message then names its source as "CODEOWNERS:line (@owner)". Null when no mapped owner owns the file. Only the
    /// pattern shapes the sample uses are understood ('*' and '/folder/'); any other fails the test.
    /// </summary>
    private static (string Role, string Via)? CodeOwnersRole(string sample, string file)
    {
        var teams = File.ReadAllLines(Path.Combine(sample, "MlRoles.txt"))
            .Select(l => TeamLine.Match(l))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.OrdinalIgnoreCase);
        var lines = File.ReadAllLines(Path.Combine(sample, ".github", "CODEOWNERS"));
        (int Line, string Owner)? last = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || parts[0].StartsWith('#'))
            {
                continue;
            }

            var matches = parts[0] switch
            {
                "*" => true,
                { } folder when folder.StartsWith('/') && folder.EndsWith('/') => ("/" + file).StartsWith(folder, StringComparison.Ordinal),
                _ => throw new NotSupportedException($"CODEOWNERS line {i + 1}: this test reads only '*' and '/folder/' patterns, not '{parts[0]}'"),
            };
            if (matches)
            {
                last = (i + 1, parts[1]);
            }
        }

        return last is { } rule && teams.TryGetValue(rule.Owner, out var role) ? (role, $"CODEOWNERS:{rule.Line} ({rule.Owner})") : null;
    }

    /// <summary>The types declared in the sample's sources, by full name: their project and the role attribute on them, if any.</summary>
    private static Dictionary<string, (string Project, string? AttributeRole, string File)> DeclaredTypes(ChurnSampleBuild churn)
    {
        var roles = new[] { "DataEngineering", "DataScience", "Production", "BusinessAnalysis" };
        var types = new Dictionary<string, (string, string?, string)>(StringComparer.Ordinal);
        foreach (var project in churn.Projects)
        {
            var folder = Path.Combine(churn.Sample, "src", project);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                var inFolder = Path.GetRelativePath(folder, file).Replace('\\', '/');
                if (inFolder.StartsWith("obj/", StringComparison.Ordinal) || inFolder.StartsWith("bin/", StringComparison.Ordinal))
                {
                    continue;
                }

                var text = File.ReadAllText(file);
                foreach (Match declaration in TypeDeclaration.Matches(text))
                {
                    var attributes = declaration.Groups[1].Value.Split('[', ']', ',', ' ', '\n', '\r').Select(a => a.Trim());
                    types[$"{NamespaceAt(text, declaration.Index)}.{declaration.Groups[2].Value}"] = (project, attributes.FirstOrDefault(roles.Contains), $"src/{project}/{inFolder}");
                }
            }
        }

        return types;
    }

    /// <summary>The namespace declared last before <paramref name="position"/> (file-scoped or block).</summary>
    private static string NamespaceAt(string source, int position) =>
        FileNamespace.Matches(source).Where(m => m.Index < position).Select(m => m.Groups[1].Value).Last();

    private static string NamespaceOfType(string type) => type.Substring(0, type.LastIndexOf('.'));

    /// <summary>The type of a documentation-comment ID: itself for T:, else the member's containing type.</summary>
    private static string TypeOf(string id)
    {
        var name = id.Substring(2).Split('(')[0];
        return id.StartsWith("T:", StringComparison.Ordinal) ? name : name.Substring(0, name.LastIndexOf('.'));
    }

    /// <summary>
    /// The packages whose code the sample's crossings use, with the role the product's design gives them: ML.NET training
    /// (trainers, Fit) is Data Science, ADO.NET providers (Microsoft.Data.Sqlite) are Data Engineering.
    /// </summary>
    private static readonly (string Namespace, string Role)[] PackageRoles = { ("Microsoft.ML", "DataScience"), ("Microsoft.Data.Sqlite", "DataEngineering") };

    private static readonly Regex Message = new(@"^'(.+)' \((\w+)\) uses '(.+)' of (\w+) via (.+?); (.+)$", RegexOptions.CultureInvariant);

    private static readonly Regex TeamLine = new(@"^\s*(@[\w./-]+)\s*=\s*(\w+)\s*$", RegexOptions.CultureInvariant);

    private static readonly Regex NamespaceLine = new(@"^\s*N:([\w.]+)\s*=\s*(\w+)\s*$", RegexOptions.CultureInvariant);

    private static readonly Regex FileNamespace = new(@"^namespace ([\w.]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly Regex TypeDeclaration = new(
        @"((?:^[ \t]*\[[^\n]*\][ \t]*\r?\n)*)[ \t]*(?:public |internal |sealed |static |abstract |partial |readonly )*(?:class|record|struct|interface|enum) (\w+)",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly Regex OwnedShare = new(@"\((\d+) owned / (\d+) contract / (\d+) unowned of (\d+) types?\)", RegexOptions.CultureInvariant);

    private static readonly Regex ProjectRow = new(@"^\| `src/[^`]+\.csproj` \| [^|]+ \| [^|]* \| (\d+) \((\d+) / (\d+) / (\d+)\) \|", RegexOptions.Multiline | RegexOptions.CultureInvariant);
}
