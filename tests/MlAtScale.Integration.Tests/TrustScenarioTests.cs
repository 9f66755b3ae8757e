using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;
using static MlAtScale.Integration.Tests.SourcePosition;

namespace MlAtScale.Integration.Tests;

/// <summary>
/// Sequences of real `dotnet build`s on consumers of the packed package, each step changing what a
/// user changes (moving, renaming or deleting a policy file, a baseline or an analyzer config file,
/// refreshing the baseline, failing the build in CI) and checking that the next build reports and
/// writes exactly what the new state means: no stale, silent or partial verdict. docs/reliability.md
/// lists the scenarios.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class TrustScenarioTests
{
    private const string Project = "App/App.csproj";
    private const string ReportJson = "App/obj/Debug/net10.0/mlroles-report.json";
    private const string Policy = "N:Contoso.Serving = Production\nN:Contoso.Training = DataScience\n";

    // Three crossings from Training into Serving, one per file.
    private const string Trainer = """
        namespace Contoso.Serving
        {
            public static class Host
            {
                public static void Deploy() { }
            }
        }

        namespace Contoso.Training
        {
            public static class Trainer
            {
                public static void Train() => Contoso.Serving.Host.Deploy();
            }
        }
        """;

    private const string Tuner = """
        namespace Contoso.Training
        {
            public static class Tuner
            {
                public static void Tune() => Contoso.Serving.Host.Deploy();
            }
        }
        """;

    private const string Suppressed = """
        namespace Contoso.Training
        {
            public static class Legacy
            {
        #pragma warning disable MLR0001
                public static void A() => Contoso.Serving.Host.Deploy();
        #pragma warning restore MLR0001

                [System.Diagnostics.CodeAnalysis.SuppressMessage("MlRoles", "MLR0001", Justification = "legacy job")]
                public static void B() => Contoso.Serving.Host.Deploy();
            }
        }
        """;

    private const string Use = "Deploy()";

    private readonly PackageFixture _package;

    public TrustScenarioTests(PackageFixture package) => _package = package;

    [Fact]
    public void Moving_renaming_and_restoring_the_policy_file_changes_the_next_build_and_a_no_change_build_still_prints_the_summary()
    {
        var root = _package.CreateConsumerRoot("trust-policy");
        root.WriteProject(Project);
        var code = root.Write("App/Trainer.cs", Trainer);
        var policy = root.Write("App/MlRoles.txt", Policy);
        var crossing = Key(code, Trainer, Use, "warning", "MLR0001", 2);

        var first = root.Build(Project);
        Expect.Diagnostics(first, crossing);
        Assert.Equal(new[] { "MlAtScale: App role report obj/Debug/net10.0/mlroles-report.md - 2 roles, 2 owned types, 1 edge, 1 violation in 1 group" }, SummaryLines(first));

        // Nothing changed: the report is up to date, and the build still says where it is and what it found.
        var unchanged = root.Build(Project, "--no-restore");
        Assert.True(unchanged.ExitCode == 0, unchanged.Describe());
        Assert.Equal(SummaryLines(first), SummaryLines(unchanged));

        // Moved into a subfolder: the search cannot see it, the build says so and names the file.
        Directory.CreateDirectory(root.FullPath("App/config"));
        File.Move(policy, root.FullPath("App/config/MlRoles.txt"));
        var moved = root.Build(Project, "--no-restore");
        Expect.Diagnostics(moved, $"{root.FullPath(Project)}(0,0): warning MLR0013");
        var movedWarning = moved.Diagnostics().Single();
        Assert.Contains($"searched '{root.FullPath("App")}' and the ", movedWarning.Message, StringComparison.Ordinal);
        Assert.Contains("for a file named exactly 'MlRoles.txt'", movedWarning.Message, StringComparison.Ordinal);
        Assert.Contains($"Likely mistake: '{root.FullPath("App/config/MlRoles.txt")}' is in a subfolder of the project", movedWarning.Message, StringComparison.Ordinal);
        Assert.Contains("set MlAtScalePolicyFile=config/MlRoles.txt", movedWarning.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "MlAtScale: App role report obj/Debug/net10.0/mlroles-report.md - 0 roles, 0 owned types, 0 edges, 0 violations" }, SummaryLines(moved));
        Assert.Equal(0, PolicyFiles(root));

        // Renamed with the wrong case: named as the likely mistake.
        File.Move(root.FullPath("App/config/MlRoles.txt"), root.FullPath("App/mlroles.txt"));
        var wrongCase = root.Build(Project, "--no-restore");
        Expect.Diagnostics(wrongCase, $"{root.FullPath(Project)}(0,0): warning MLR0013");
        Assert.Contains($"Likely mistake: '{root.FullPath("App/mlroles.txt")}' is named 'mlroles.txt': rename it to 'MlRoles.txt'", wrongCase.Diagnostics().Single().Message, StringComparison.Ordinal);

        // Named right again: the policy applies again on the very next build.
        File.Move(root.FullPath("App/mlroles.txt"), policy);
        var restored = root.Build(Project, "--no-restore");
        Expect.Diagnostics(restored, crossing);
        Assert.Equal(SummaryLines(first), SummaryLines(restored));
        using (var json = JsonDocument.Parse(File.ReadAllBytes(root.FullPath(ReportJson))))
        {
            Assert.Equal(new[] { "MlRoles.txt" }, json.RootElement.GetProperty("project").GetProperty("policyFiles").EnumerateArray().Select(f => f.GetString()));
        }

        // Deleted: nothing is newer than the outputs, yet the next build sees it and says where it looked
        // (a message, not a warning: with no likely mistake in sight, a project may rely on attributes only).
        File.Delete(policy);
        var deleted = root.Build(Project, "--no-restore");
        Expect.Diagnostics(deleted);
        Assert.Contains($"{root.FullPath(Project)} : message MLR0013: MlAtScale MLR0013: no role policy file was found for this project: searched '{root.FullPath("App")}' and the ", deleted.Output, StringComparison.Ordinal);
        Assert.Equal(SummaryLines(moved), SummaryLines(deleted));
        Assert.Equal(0, PolicyFiles(root));
    }

    [Fact]
    public void Adding_editing_and_deleting_editorconfig_globalconfig_and_NoWarn_changes_the_next_build_and_every_suppression_keeps_its_edge()
    {
        var root = _package.CreateConsumerRoot("trust-config");
        root.WriteProject(Project);
        root.Write("App/MlRoles.txt", Policy);
        var trainer = root.Write("App/Trainer.cs", Trainer);
        var tuner = root.Write("App/Tuner.cs", Tuner);
        root.Write("App/Legacy.cs", Suppressed);
        var trainerCrossing = Key(trainer, Trainer, Use, "warning", "MLR0001", 2);
        var tunerCrossing = Key(tuner, Tuner, Use, "warning", "MLR0001");
        const string Summary = "MlAtScale: App role report obj/Debug/net10.0/mlroles-report.md - 2 roles, 4 owned types, 1 edge, ";

        // #pragma and [SuppressMessage]: listed, and counted on the edge beside the two violations.
        var first = root.Build(Project);
        Expect.Diagnostics(first, trainerCrossing, tunerCrossing);
        Assert.Equal(new[] { Summary + "2 violations in 1 group, 2 suppressed" }, SummaryLines(first));
        Assert.Equal(new[] { "pragma M:Contoso.Training.Legacy.A", "suppressMessage M:Contoso.Training.Legacy.B" }, Suppressions(root));
        Assert.Equal("DataScience->Production uses=4 violations=2 suppressed=2", Edge(root));

        // What the code-scanning upload holds: the two warnings, no MLR0006 record, no suppressed result.
        Assert.Equal(
            new[] { "MLR0001 warning Trainer.cs", "MLR0001 warning Tuner.cs" },
            CodeScanningUpload.Results(_package.RepositoryRoot, root.FullPath("App")).Select(r => $"{r.RuleId} {r.Level} {r.File}").OrderBy(k => k, StringComparer.Ordinal));

        // An .editorconfig is added: the next build applies it, and the edge keeps the suppressed use.
        var editorConfig = root.Write("App/.editorconfig", "root = true\n\n[Tuner.cs]\ndotnet_diagnostic.MLR0001.severity = none\n");
        var added = root.Build(Project, "--no-restore");
        Expect.Diagnostics(added, trainerCrossing);
        Assert.Equal(new[] { Summary + "1 violation in 1 group, 3 suppressed" }, SummaryLines(added));
        Assert.Equal(new[] { "editorconfig M:Contoso.Training.Tuner.Tune", "pragma M:Contoso.Training.Legacy.A", "suppressMessage M:Contoso.Training.Legacy.B" }, Suppressions(root));
        Assert.Equal("DataScience->Production uses=4 violations=1 suppressed=3", Edge(root));

        // Edited to silence the other file instead.
        root.Write("App/.editorconfig", "root = true\n\n[Trainer.cs]\ndotnet_diagnostic.MLR0001.severity = none\n");
        var edited = root.Build(Project, "--no-restore");
        Expect.Diagnostics(edited, tunerCrossing);
        Assert.Equal(new[] { "editorconfig M:Contoso.Training.Trainer.Train", "pragma M:Contoso.Training.Legacy.A", "suppressMessage M:Contoso.Training.Legacy.B" }, Suppressions(root));

        // Deleted: nothing is newer than the outputs, yet the next build sees it.
        File.Delete(editorConfig);
        var deleted = root.Build(Project, "--no-restore");
        Expect.Diagnostics(deleted, trainerCrossing, tunerCrossing);
        Assert.Equal(new[] { "pragma M:Contoso.Training.Legacy.A", "suppressMessage M:Contoso.Training.Legacy.B" }, Suppressions(root));

        // A .globalconfig turns the rule off everywhere: the edge stays, with every crossing counted as
        // suppressed by it (the option drops the diagnostic before a #pragma or attribute is looked at).
        var globalConfig = root.Write("App/.globalconfig", "is_global = true\ndotnet_diagnostic.MLR0001.severity = none\n");
        var silenced = root.Build(Project, "--no-restore");
        Expect.Diagnostics(silenced);
        Assert.Equal(new[] { Summary + "0 violations, 4 suppressed" }, SummaryLines(silenced));
        Assert.Equal(
            new[] { "globalconfig M:Contoso.Training.Legacy.A", "globalconfig M:Contoso.Training.Legacy.B", "globalconfig M:Contoso.Training.Trainer.Train", "globalconfig M:Contoso.Training.Tuner.Tune" },
            Suppressions(root));
        Assert.Equal("DataScience->Production uses=4 violations=0 suppressed=4", Edge(root));
        Assert.Contains("| DataScience | Production | 0 | 0 | 0 | 0 | 0 | 4 |\n", File.ReadAllText(root.FullPath("App/obj/Debug/net10.0/mlroles-report.md")), StringComparison.Ordinal);

        // Edited to make the rule an error: the build fails, and its report shows the edit.
        root.Write("App/.globalconfig", "is_global = true\ndotnet_diagnostic.MLR0001.severity = error\n");
        var strict = root.Build(Project, "--no-restore");
        Assert.True(strict.ExitCode != 0, strict.Describe());
        Expect.Diagnostics(strict, Key(trainer, Trainer, Use, "error", "MLR0001", 2), Key(tuner, Tuner, Use, "error", "MLR0001"));
        Assert.Equal("DataScience->Production uses=4 violations=2 suppressed=2", Edge(root));
        Assert.Equal(new[] { "pragma M:Contoso.Training.Legacy.A", "suppressMessage M:Contoso.Training.Legacy.B" }, Suppressions(root));

        // Deleted, and NoWarn in the project instead: every crossing is suppressed by NoWarn, the edge stays.
        File.Delete(globalConfig);
        root.WriteProject(Project, "  <PropertyGroup><NoWarn>$(NoWarn);MLR0001</NoWarn></PropertyGroup>");
        var noWarn = root.Build(Project, "--no-restore");
        Expect.Diagnostics(noWarn);
        Assert.Equal(new[] { Summary + "0 violations, 4 suppressed" }, SummaryLines(noWarn));
        Assert.Equal(
            new[] { "nowarn M:Contoso.Training.Legacy.A", "nowarn M:Contoso.Training.Legacy.B", "nowarn M:Contoso.Training.Trainer.Train", "nowarn M:Contoso.Training.Tuner.Tune" },
            Suppressions(root));
        Assert.Equal("DataScience->Production uses=4 violations=0 suppressed=4", Edge(root));
    }

    [Fact]
    public void The_baseline_is_computed_from_a_compile_of_the_current_options_and_deleting_it_brings_the_violations_back()
    {
        var root = _package.CreateConsumerRoot("trust-baseline");
        root.WriteProject(Project);
        root.Write("App/MlRoles.txt", Policy);
        var trainer = root.Write("App/Trainer.cs", Trainer);
        var tuner = root.Write("App/Tuner.cs", Tuner);
        var editorConfig = root.Write("App/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.MLR0001.severity = none\n");
        var crossings = new[] { Key(trainer, Trainer, Use, "warning", "MLR0001", 2), Key(tuner, Tuner, Use, "warning", "MLR0001") };

        var silenced = root.Build(Project);
        Expect.Diagnostics(silenced);

        // The rule is on again and the baseline is refreshed in the same command: it must come from a
        // compile of these options (before, a log of the silenced build gave an empty baseline).
        File.Delete(editorConfig);
        var update = root.Build(Project, "--no-restore", "-p:MlAtScaleUpdateBaseline=true");
        Assert.True(update.ExitCode == 0, update.Describe());
        var baselinePath = root.FullPath("App/MlRoles.baseline.txt");
        Assert.Contains($"MlAtScale: role baseline {baselinePath} - 2 entries, 2 added, 0 removed", update.Output, StringComparison.Ordinal);
        Assert.Equal(
            new[]
            {
                "M:Contoso.Training.Trainer.Train -> M:Contoso.Serving.Host.Deploy : DataScience -> Production",
                "M:Contoso.Training.Tuner.Tune -> M:Contoso.Serving.Host.Deploy : DataScience -> Production",
            },
            File.ReadAllLines(baselinePath).Where(l => !l.StartsWith('#')));

        var baselined = root.Build(Project, "--no-restore");
        Expect.Diagnostics(baselined);
        Assert.Equal(new[] { "MlAtScale: App role report obj/Debug/net10.0/mlroles-report.md - 2 roles, 3 owned types, 1 edge, 0 violations, 2 baselined" }, SummaryLines(baselined));

        // One violation fixed, the baseline refreshed: the entry is removed and the count says so.
        root.Write("App/Tuner.cs", "namespace Contoso.Training\n{\n    public static class Tuner\n    {\n        public static void Tune() { }\n    }\n}\n");
        var refreshed = root.Build(Project, "--no-restore", "-p:MlAtScaleUpdateBaseline=true");
        Assert.True(refreshed.ExitCode == 0, refreshed.Describe());
        Assert.Contains($"MlAtScale: role baseline {baselinePath} - 1 entries, 0 added, 1 removed", refreshed.Output, StringComparison.Ordinal);
        Assert.Equal(
            new[] { "M:Contoso.Training.Trainer.Train -> M:Contoso.Serving.Host.Deploy : DataScience -> Production" },
            File.ReadAllLines(baselinePath).Where(l => !l.StartsWith('#')));

        // Renamed away: the baseline no longer applies on the next build.
        var renamedPath = root.FullPath("App/MlRoles.baseline.old");
        File.Move(baselinePath, renamedPath);
        var renamed = root.Build(Project, "--no-restore");
        Expect.Diagnostics(renamed, crossings[0]);

        // Renamed back: it applies again.
        File.Move(renamedPath, baselinePath);
        var back = root.Build(Project, "--no-restore");
        Expect.Diagnostics(back);
        Assert.Equal(new[] { "MlAtScale: App role report obj/Debug/net10.0/mlroles-report.md - 2 roles, 3 owned types, 1 edge, 0 violations, 1 baselined" }, SummaryLines(back));

        // Deleted: the violation is back on the next build.
        File.Delete(baselinePath);
        var deleted = root.Build(Project, "--no-restore");
        Expect.Diagnostics(deleted, crossings[0]);
    }

    [Fact]
    public void A_failing_CI_build_writes_its_report_and_bad_or_useless_policy_input_is_reported()
    {
        var root = _package.CreateConsumerRoot("trust-ci");
        root.WriteProject(Project);
        // An unmatched mapping, a '+' mapping on System.Object, a line of only NUL characters, a 201-character
        // role name, and a role written with a Cyrillic 'о' that looks like Production.
        var longName = new string('A', 201);
        var policyText = $"N:Contoso.Ingest = DataEngineering\nT:System.Object+ = Production\n\0\0\0\nrole {longName}\nN:Contoso = Pr\u043Eduction\n";
        var policy = root.Write("App/MlRoles.txt", policyText);
        const string code = """
            using MlAtScale;

            namespace Contoso
            {
                [Production]
                public static class Host
                {
                    [AllowRoleCrossing("DataScience", Justification = "the trainer may deploy")]
                    public static void Deploy() { }
                }

                [DataScience]
                public static class Trainer
                {
                    public static void Train() => Host.Deploy();
                }
            }
            """;
        var source = root.Write("App/Code.cs", code);

        var ci = root.Build(Project, "-p:MlAtScaleViolationsAsErrors=true");

        Assert.True(ci.ExitCode != 0, ci.Describe());
        Expect.Diagnostics(
            ci,
            Key(source, code, "Deploy();", "error", "MLR0001"),
            Key(source, code, "AllowRoleCrossing(", "error", "MLR0012"),
            $"{policy}(1,1): error MLR0011",
            $"{policy}(3,1): error MLR0003",
            $"{policy}(4,6): error MLR0003",
            $"{policy}(5,13): error MLR0005");
        var messages = ci.Diagnostics().ToDictionary(d => $"{d.Id} {d.Line}", d => d.Message);
        Assert.StartsWith("The mapping 'N:Contoso.Ingest' matches nothing: no namespace 'Contoso.Ingest' exists in this project or its references", messages["MLR0011 1"], StringComparison.Ordinal);
        Assert.StartsWith("the line contains the control character U+0000 (NUL) at column 1", messages["MLR0003 3"], StringComparison.Ordinal);
        // "Too long", not "use letters, digits and '_'"; the name is quoted cut to 100 characters with an ellipsis.
        Assert.StartsWith($"the role name '{new string('A', 99)}\u2026' is too long: 201 characters, at most 200; use a shorter name (", messages["MLR0003 4"], StringComparison.Ordinal);
        Assert.Contains("'Pr\u043Eduction' looks like 'Production' but is not the same name: its", messages["MLR0005 5"], StringComparison.Ordinal);
        Assert.Contains("at character 3 is Cyrillic, where 'Production' has", messages["MLR0005 5"], StringComparison.Ordinal);
        Assert.Contains("it sits on the used code", messages[$"MLR0012 {SourcePosition.Of(code, "AllowRoleCrossing(").Line}"], StringComparison.Ordinal);

        // The broad '+' mapping owns the plain types, never the role attributes: the only crossing is the call.
        Assert.Matches(
            @"MlAtScale: App role report obj/Debug/net10\.0/mlroles-report\.md - \d+ roles, 0 owned types, 1 edge, 1 violation in 1 group \(the compile failed: violations and edges only, no ownership\)",
            ci.Output);
        using (var json = JsonDocument.Parse(File.ReadAllBytes(root.FullPath(ReportJson))))
        {
            Assert.True(json.RootElement.GetProperty("project").GetProperty("compileFailed").GetBoolean());
            var violation = Assert.Single(json.RootElement.GetProperty("violations").EnumerateArray());
            Assert.Equal("M:Contoso.Trainer.Train", violation.GetProperty("user").GetString());
        }

        // The log for code scanning holds the errors only (no MLR0006 record of the report).
        var uploaded = CodeScanningUpload.Results(_package.RepositoryRoot, root.FullPath("App"));
        Assert.Equal(
            new[] { "MLR0001 error Code.cs", "MLR0003 error MlRoles.txt", "MLR0003 error MlRoles.txt", "MLR0005 error MlRoles.txt", "MLR0011 error MlRoles.txt", "MLR0012 error Code.cs" },
            uploaded.Select(r => $"{r.RuleId} {r.Level} {r.File}").OrderBy(k => k, StringComparer.Ordinal));
    }

    private static IReadOnlyList<string> SummaryLines(CommandResult result) =>
        result.Output.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("MlAtScale: ", StringComparison.Ordinal) && l.Contains(" role report ", StringComparison.Ordinal) && !l.StartsWith("MlAtScale: repository ", StringComparison.Ordinal))
            .ToList();

    private static int PolicyFiles(ConsumerRoot root)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(root.FullPath(ReportJson)));
        return json.RootElement.GetProperty("project").GetProperty("policyFiles").GetArrayLength();
    }

    /// <summary>The report's single edge with its use, violation and suppressed counts.</summary>
    private static string Edge(ConsumerRoot root)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(root.FullPath(ReportJson)));
        var edge = Assert.Single(json.RootElement.GetProperty("edges").EnumerateArray());
        var suppressed = edge.TryGetProperty("suppressed", out var s) ? s.GetInt32() : 0;
        return $"{edge.GetProperty("from").GetString()}->{edge.GetProperty("to").GetString()} uses={edge.GetProperty("uses")} violations={edge.GetProperty("violations")} suppressed={suppressed}";
    }

    private static IReadOnlyList<string> Suppressions(ConsumerRoot root)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(root.FullPath(ReportJson)));
        return json.RootElement.TryGetProperty("suppressions", out var list)
            ? list.EnumerateArray().Select(s => $"{s.GetProperty("suppressedBy").GetString()} {s.GetProperty("user").GetString()}").OrderBy(s => s, StringComparer.Ordinal).ToList()
            : new List<string>();
    }
}
