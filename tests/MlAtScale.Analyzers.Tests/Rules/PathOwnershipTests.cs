using System.Threading;
using System.Threading.Tasks;
using MlAtScale.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using VerifyBoundary = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer>;
using VerifyPolicy = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.PolicyFileAnalyzer>;

namespace MlAtScale.Analyzers.Tests.Rules;

/// <summary>Ownership by a type's source file: 'path' lines, '@owner' lines and CODEOWNERS (no role attribute anywhere).</summary>
public sealed class PathOwnershipTests
{
    private const string Host = """
        namespace Contoso.Serving
        {
            public static class ModelHost { public static void Deploy() { } }
        }
        """;

    private const string Trainer = """
        namespace Contoso.Training
        {
            public static class Trainer { public static void Train() => Contoso.Serving.ModelHost.{|#0:Deploy|}(); }
        }
        """;

    private static VerifyBoundary.Test Boundary(string policy, string? codeOwners = null, string codeOwnersPath = "/repo/.github/CODEOWNERS")
    {
        var test = new VerifyBoundary.Test();
        test.TestState.Sources.Add(("/repo/src/Serving/ModelHost.cs", Host));
        test.TestState.Sources.Add(("/repo/src/Training/Trainer.cs", Trainer));
        test.TestState.AdditionalFiles.Add(("/repo/MlRoles.txt", policy));
        if (codeOwners is not null)
        {
            test.TestState.AdditionalFiles.Add((codeOwnersPath, codeOwners));
        }

        return test;
    }

    private static DiagnosticResult Crossing(string via, string usedRole = "Production", string userRole = "DataScience") =>
        VerifyBoundary.Diagnostic("MLR0001").WithLocation(0).WithArguments(Mlr0001.Arguments("Trainer.Train", userRole, "ModelHost.Deploy", usedRole, via: via));

    [Fact]
    public async Task A_path_line_gives_the_types_of_matching_files_its_role()
    {
        var test = Boundary("""
            path src/Serving/** = Production
            path src/Training/*.cs = DataScience
            """);
        test.ExpectedDiagnostics.Add(Crossing("MlRoles.txt:1"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_folder_name_covers_the_files_below_it_and_the_last_matching_line_wins()
    {
        var test = Boundary("""
            path src = BusinessAnalysis
            path src/Serving = Production
            path src/Training/ = DataScience
            """);
        test.ExpectedDiagnostics.Add(Crossing("MlRoles.txt:2"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_symbol_line_beats_a_path_line_and_a_path_line_beats_a_namespace_line()
    {
        var test = Boundary("""
            N:Contoso.Serving = BusinessAnalysis
            path src/Serving/** = Production
            path src/Training/** = DataEngineering
            T:Contoso.Training.Trainer = DataScience
            """);
        test.ExpectedDiagnostics.Add(Crossing("MlRoles.txt:2"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task An_attribute_beats_a_path_line()
    {
        var test = new VerifyBoundary.Test();
        test.TestState.Sources.Add(("/repo/src/Serving/ModelHost.cs", "namespace Contoso.Serving { [MlAtScale.BusinessAnalysis] public static class ModelHost { public static void Deploy() { } } }"));
        test.TestState.Sources.Add(("/repo/src/Training/Trainer.cs", Trainer));
        test.TestState.AdditionalFiles.Add(("/repo/MlRoles.txt", "path src/Serving/** = Production\npath src/Training/** = DataScience\n"));
        test.ExpectedDiagnostics.Add(Crossing("[BusinessAnalysis]", usedRole: "BusinessAnalysis"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task A_path_contract_makes_every_type_of_the_files_usable() => Boundary("""
        path src/Serving/** = Production
        path src/Serving/ModelHost.cs = contract
        path src/Training/** = DataScience
        """).RunAsync(CancellationToken.None);

    [Fact]
    public async Task A_CODEOWNERS_team_mapped_to_a_role_owns_its_files_and_the_message_names_the_team()
    {
        var test = Boundary(
            """
            @contoso/ml-platform = Production
            @contoso/data-science = DataScience
            """,
            """
            # Owners of the churn repository
            *                   @contoso/leads
            /src/Serving/       @contoso/ml-platform @alice
            src/Training/*.cs   @contoso/data-science
            """);
        test.ExpectedDiagnostics.Add(Crossing("CODEOWNERS:3 (@contoso/ml-platform)"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task The_first_mapped_owner_of_the_last_matching_line_counts_and_owners_compare_without_case()
    {
        var test = Boundary(
            """
            @Alice = Production
            dev@contoso.com = DataScience
            """,
            """
            /src/ @contoso/ml-platform
            /src/Serving/ModelHost.cs @someone-else @alice @carol
            /src/Training/ dev@contoso.com
            """,
            "/repo/CODEOWNERS");
        test.ExpectedDiagnostics.Add(Crossing("CODEOWNERS:2 (@alice)"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task A_later_line_without_owners_leaves_the_files_unowned() => Boundary(
        """
        @contoso/ml-platform = Production
        @contoso/data-science = DataScience
        """,
        """
        /src/Serving/ @contoso/ml-platform
        /src/Training/ @contoso/data-science
        /src/Serving/ModelHost.cs
        """).RunAsync(CancellationToken.None);

    [Fact]
    public async Task A_path_line_beats_CODEOWNERS()
    {
        var test = Boundary(
            """
            @contoso/ml-platform = BusinessAnalysis
            path src/Serving/** = Production
            path src/Training/** = DataScience
            """,
            "/src/ @contoso/ml-platform\n");
        test.ExpectedDiagnostics.Add(Crossing("MlRoles.txt:2"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task CODEOWNERS_in_docs_describes_the_folder_above_it() => Boundary(
        "@ops = Production\n@ds = DataScience\n",
        "/src/Serving/ @ops\n/src/Training/ @ds\n",
        "/repo/docs/CODEOWNERS").WithCrossing("CODEOWNERS:1 (@ops)").RunAsync(CancellationToken.None);

    [Fact]
    public Task A_file_named_codeowners_in_lower_case_is_not_read() => Boundary(
        "@ops = Production\n@ds = DataScience\n",
        "/src/Serving/ @ops\n/src/Training/ @ds\n",
        "/repo/.github/codeowners").RunAsync(CancellationToken.None);

    [Fact]
    public async Task A_crossing_hidden_behind_unowned_code_names_the_team_that_owns_the_used_code()
    {
        var test = new VerifyBoundary.Test();
        test.TestState.Sources.Add(("/repo/src/Serving/ModelHost.cs", Host));
        test.TestState.Sources.Add(("/repo/src/Shared/Helpers.cs", "namespace Contoso.Shared { public static class Helpers { public static void Publish() => Contoso.Serving.ModelHost.Deploy(); } }"));
        test.TestState.Sources.Add(("/repo/src/Training/Trainer.cs", "namespace Contoso.Training { public static class Trainer { public static void Train() => {|#0:Contoso.Shared.Helpers.Publish()|}; } }"));
        test.TestState.AdditionalFiles.Add(("/repo/MlRoles.txt", "@contoso/ml-platform = Production\n@contoso/data-science = DataScience\n"));
        test.TestState.AdditionalFiles.Add(("/repo/.github/CODEOWNERS", "/src/Serving/ @contoso/ml-platform\n/src/Training/ @contoso/data-science\n"));
        test.ExpectedDiagnostics.Add(VerifyBoundary.Diagnostic("MLR0010").WithLocation(0).WithArguments(
            "Trainer.Train", "DataScience", "ModelHost.Deploy", "Production", "Trainer.Train → Helpers.Publish → ModelHost.Deploy", "Helpers.Publish", " (@contoso/ml-platform)"));
        await test.RunAsync(CancellationToken.None);
    }

    private static DiagnosticResult Policy(string id, string path, int line, int column, int endColumn) =>
        VerifyPolicy.Diagnostic(id).WithSpan(path, line, column, line, endColumn);

    private static VerifyPolicy.Test PolicyTest(string policy, string? codeOwners = null, string policyPath = "/repo/MlRoles.txt")
    {
        var test = new VerifyPolicy.Test();
        test.TestState.Sources.Add(("/repo/src/Serving/ModelHost.cs", Host));
        test.TestState.Sources.Add(("/repo/src/Training/Trainer.cs", Trainer.Replace("{|#0:", string.Empty).Replace("|}", string.Empty)));
        test.TestState.AdditionalFiles.Add((policyPath, policy));
        if (codeOwners is not null)
        {
            test.TestState.AdditionalFiles.Add(("/repo/.github/CODEOWNERS", codeOwners));
        }

        return test;
    }

    [Fact]
    public async Task Malformed_path_and_owner_lines_are_MLR0003_or_MLR0005_at_their_column()
    {
        var test = PolicyTest("""
            path src\Serving\** = Production
            path src/Serv**/x = Production
            path src/[ab]/** = Production
            path !src/** = Production
            path src/** = Production DataScience
            path src/** = Prodution
            @contoso/ml platform = Production
            @contoso/ml-platform = contract
            contoso/ml-platform = Production
            src/Serving/** = Production
            path src/Serving/** = Production
            path src/Serving/** = DataScience
            """);
        test.ExpectedDiagnostics.Add(Policy("MLR0003", "/repo/MlRoles.txt", 1, 9, 10).WithArguments("'src\\Serving\\**' contains '\\' at character 4; separate folders with '/', e.g. 'src/Serving/**'"));
        test.ExpectedDiagnostics.Add(Policy("MLR0003", "/repo/MlRoles.txt", 2, 14, 15).WithArguments("'src/Serv**/x' has '**' inside the name 'Serv**'; '**' stands for any folders and must be a whole segment ('a/**/b'), use '*' inside a name"));
        test.ExpectedDiagnostics.Add(Policy("MLR0003", "/repo/MlRoles.txt", 3, 10, 11).WithArguments("'src/[ab]/**' contains '[' at character 5, but character ranges are not supported; use '?' for one character or '*' for several"));
        test.ExpectedDiagnostics.Add(Policy("MLR0003", "/repo/MlRoles.txt", 4, 6, 7).WithArguments("'!src/**' starts with '!', but a negated pattern is not supported; list the files you mean with a pattern of their own"));
        test.ExpectedDiagnostics.Add(Policy("MLR0003", "/repo/MlRoles.txt", 5, 6, 12).WithArguments("a path line reads 'path <glob> = <Role>' or 'path <glob> = contract', e.g. 'path src/Serving/** = Production'; a glob holds no spaces"));
        test.ExpectedDiagnostics.Add(Policy("MLR0005", "/repo/MlRoles.txt", 6, 15, 24).WithArguments("Prodution", "MlRoles.txt:6", "did you mean 'Production'? use a built-in role (DataEngineering, DataScience, Production, BusinessAnalysis) or declare it with 'role Prodution'"));
        test.ExpectedDiagnostics.Add(Policy("MLR0003", "/repo/MlRoles.txt", 7, 13, 21).WithArguments("an owner line reads '@<owner> = <Role>' with one role, e.g. '@contoso/ml-platform = Production'"));
        test.ExpectedDiagnostics.Add(Policy("MLR0003", "/repo/MlRoles.txt", 8, 24, 32).WithArguments("an owner maps to a role, not to 'contract'; to make files contracts write 'path <glob> = contract'"));
        test.ExpectedDiagnostics.Add(Policy("MLR0003", "/repo/MlRoles.txt", 9, 1, 20).WithArguments("'contoso/ml-platform' looks like a path, not a documentation-comment ID; to give the files a role write 'path contoso/ml-platform = <Role>'"));
        test.ExpectedDiagnostics.Add(Policy("MLR0003", "/repo/MlRoles.txt", 10, 1, 15).WithArguments("'src/Serving/**' looks like a path, not a documentation-comment ID; to give the files a role write 'path src/Serving/** = <Role>'"));
        test.ExpectedDiagnostics.Add(Policy("MLR0003", "/repo/MlRoles.txt", 12, 6, 20).WithArguments("'path src/Serving/**' is mapped to DataScience here but to Production on line 11; keep only the mapping you mean"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Path_and_owner_lines_that_match_no_file_are_MLR0011()
    {
        var test = PolicyTest(
            """
            path src/Serving/** = Production
            path src/serving/** = Production
            path src/Training/*/*.cs = DataScience
            @contoso/ml-platform = Production
            @contoso/ml-platfrom = Production
            @contoso/leads = BusinessAnalysis
            """,
            """
            *               @contoso/leads
            /src/Serving/   @contoso/ml-platform
            /src/Training/  @contoso/data-science
            """);
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.MSBuildProjectDirectory = /repo\n"));
        test.ExpectedDiagnostics.Add(Policy("MLR0011", "/repo/MlRoles.txt", 2, 1, 33).WithArguments("path src/serving/** = Production", "no source file of this project matches 'src/serving/**' below the policy file's folder (globs use '/', are case-sensitive, '*' stays within one folder, '**' spans folders)"));
        test.ExpectedDiagnostics.Add(Policy("MLR0011", "/repo/MlRoles.txt", 3, 1, 39).WithArguments("path src/Training/*/*.cs = DataScience", "no source file of this project matches 'src/Training/*/*.cs' below the policy file's folder (globs use '/', are case-sensitive, '*' stays within one folder, '**' spans folders)"));
        test.ExpectedDiagnostics.Add(Policy("MLR0011", "/repo/MlRoles.txt", 5, 1, 34).WithArguments("@contoso/ml-platfrom = Production", "no line of CODEOWNERS names '@contoso/ml-platfrom'; did you mean '@contoso/ml-platform'?"));
        test.ExpectedDiagnostics.Add(Policy("MLR0011", "/repo/MlRoles.txt", 6, 1, 34).WithArguments("@contoso/leads = BusinessAnalysis", "CODEOWNERS names '@contoso/leads' on line(s) 1, but no source file of this project is theirs (a later matching line gives each file to another owner, or none matches)"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Owner_lines_without_a_CODEOWNERS_file_are_MLR0011_that_says_where_it_is_looked_for()
    {
        var test = PolicyTest("@contoso/ml-platform = Production\n");
        test.ExpectedDiagnostics.Add(Policy("MLR0011", "/repo/MlRoles.txt", 1, 1, 34).WithArguments("@contoso/ml-platform = Production", "no CODEOWNERS file reached the build; the package reads '.github/CODEOWNERS', 'CODEOWNERS' or 'docs/CODEOWNERS' at the repository root (the folder with '.git'), named in capitals"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Malformed_CODEOWNERS_lines_are_MLR0003_at_their_line_and_column()
    {
        var test = PolicyTest(
            "@contoso/ml-platform = Production\n@contoso/data-science = DataScience\n",
            """
            # comment
            /src/Serving/   @contoso/ml-platform   # trailing comment
            /src/Training/  @contoso/data-science
            /docs/          contoso/writers
            /src/[ab]/      @contoso/ml-platform
            /build/\#tmp/   @contoso/ml-platform
            /src/Legacy/
            """);
        test.ExpectedDiagnostics.Add(Policy("MLR0003", "/repo/.github/CODEOWNERS", 4, 17, 32).WithArguments("'contoso/writers' is not an owner; write @user, @org/team or an e-mail address after the pattern '/docs/' (GitHub skips this line)"));
        test.ExpectedDiagnostics.Add(Policy("MLR0003", "/repo/.github/CODEOWNERS", 5, 6, 7).WithArguments("'/src/[ab]/' contains '[' at character 6, but character ranges are not supported; use '?' for one character or '*' for several; GitHub skips this line"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task CODEOWNERS_is_not_checked_when_the_policy_maps_no_owner() => PolicyTest(
        "path src/** = Production\n",
        "/docs/ contoso/writers\n").RunAsync(CancellationToken.None);
}

internal static class PathOwnershipTestExtensions
{
    public static VerifyBoundary.Test WithCrossing(this VerifyBoundary.Test test, string via)
    {
        test.ExpectedDiagnostics.Add(VerifyBoundary.Diagnostic("MLR0001").WithLocation(0).WithArguments(Mlr0001.Arguments("Trainer.Train", "DataScience", "ModelHost.Deploy", "Production", via: via)));
        return test;
    }
}
