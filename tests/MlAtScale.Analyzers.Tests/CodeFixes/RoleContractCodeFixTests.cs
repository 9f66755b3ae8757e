using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer,
    MlAtScale.Analyzers.CodeFixes.RoleContractCodeFixProvider>;

namespace MlAtScale.Analyzers.Tests.CodeFixes;

/// <summary>MLR0001 → [RoleContract] on the used type, when the solution declares it.</summary>
public sealed class RoleContractCodeFixTests
{
    private const string Trainer = """
        using MlAtScale;
        using Contoso.Data;

        [DataScience]
        public class Trainer
        {
            public int Train(CleanRow row) => row.Spend + Loader.Load();
        }
        """;

    [Fact]
    public async Task MarksTheUsedTypeOnItsFirstPartialDeclaration()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("/0/Trainer.cs", """
                    using MlAtScale;
                    using Contoso.Data;

                    [DataScience]
                    public class Trainer
                    {
                        public int Train({|#0:CleanRow|} row) => row.{|#1:Spend|} + Loader.{|#2:Load|}();
                    }
                    """),
                    ("/0/Data/CleanRow.cs", """
                    namespace Contoso.Data;

                    /// <summary>One clean row.</summary>
                    [MlAtScale.DataEngineering] // published by ingestion
                    public sealed partial record CleanRow(int Spend);
                    """),
                    ("/0/Data/CleanRow.Validation.cs", """
                    namespace Contoso.Data;

                    public sealed partial record CleanRow
                    {
                        public bool IsValid => Spend >= 0;
                    }
                    """),
                    ("/0/Data/Loader.cs", """
                    using MlAtScale;

                    namespace Contoso.Data
                    {
                        [DataEngineering]
                        public static class Loader
                        {
                            public static int Load() => 1;
                        }
                    }
                    """),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("/0/Trainer.cs", Trainer),
                    ("/0/Data/CleanRow.cs", """
                    using MlAtScale;

                    namespace Contoso.Data;

                    /// <summary>One clean row.</summary>
                    [MlAtScale.DataEngineering] // published by ingestion
                    [RoleContract]
                    public sealed partial record CleanRow(int Spend);
                    """),
                    ("/0/Data/CleanRow.Validation.cs", """
                    namespace Contoso.Data;

                    public sealed partial record CleanRow
                    {
                        public bool IsValid => Spend >= 0;
                    }
                    """),
                    ("/0/Data/Loader.cs", """
                    using MlAtScale;

                    namespace Contoso.Data
                    {
                        [DataEngineering]
                        [RoleContract]
                        public static class Loader
                        {
                            public static int Load() => 1;
                        }
                    }
                    """),
                },
            },
            ExpectedDiagnostics =
            {
                AllowRoleCrossingCodeFixTests.Crossing(0, "Trainer.Train", "CleanRow"),
                AllowRoleCrossingCodeFixTests.Crossing(1, "Trainer.Train", "CleanRow.Spend"),
                AllowRoleCrossingCodeFixTests.Crossing(2, "Trainer.Train", "Loader.Load"),
            },
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 1,
        };
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task MarksANestedTypeInAnotherProjectOfTheSolution()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using MlAtScale;

                    [DataScience]
                    public class Trainer
                    {
                        public object Train() => new Contoso.Data.Schema.{|#0:Row|}();
                    }
                    """,
                },
                AdditionalProjectReferences = { "DataProject" },
                AdditionalProjects =
                {
                    ["DataProject"] =
                    {
                        Sources =
                        {
                            ("/DataProject/Schema.cs", """
                            namespace Contoso.Data
                            {
                                [MlAtScale.DataEngineering]
                                public static class Schema
                                {
                                    public sealed class Row { }
                                }
                            }
                            """),
                        },
                    },
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using MlAtScale;

                    [DataScience]
                    public class Trainer
                    {
                        public object Train() => new Contoso.Data.Schema.Row();
                    }
                    """,
                },
                AdditionalProjects =
                {
                    ["DataProject"] =
                    {
                        Sources =
                        {
                            ("/DataProject/Schema.cs", """
                            using MlAtScale;

                            namespace Contoso.Data
                            {
                                [MlAtScale.DataEngineering]
                                public static class Schema
                                {
                                    [RoleContract]
                                    public sealed class Row { }
                                }
                            }
                            """),
                        },
                    },
                },
            },
            ExpectedDiagnostics = { AllowRoleCrossingCodeFixTests.Crossing(0, "Trainer.Train", "Schema.Row") },
            NumberOfFixAllInDocumentIterations = 1,
        };
        test.TestState.AdditionalProjects["DataProject"].AdditionalReferences.Add(Verifiers.TestReferences.Attributes);
        test.FixedState.AdditionalProjects["DataProject"].AdditionalReferences.Add(Verifiers.TestReferences.Attributes);
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task NoFixForATypeOutsideTheSolution()
    {
        const string Source = """
            [MlAtScale.DataScience]
            public class Trainer
            {
                public void Train() => System.Console.{|#0:WriteLine|}();
            }
            """;
        var test = new VerifyCS.Test
        {
            TestState = { Sources = { Source } },
            FixedState = { Sources = { Source } },
            Policy = "T:System.Console = Production\n",
            ExpectedDiagnostics = { AllowRoleCrossingCodeFixTests.Crossing(0, "Trainer.Train", "Console.WriteLine", "Production", via: "MlRoles.txt:1", fix: "add 'T:System.Console = contract' or 'DataScience -> Production' to MlRoles.txt") },
        };
        await test.RunAsync(CancellationToken.None);
    }
}
