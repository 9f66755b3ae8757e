using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer,
    MlAtScale.Analyzers.CodeFixes.AllowRoleCrossingCodeFixProvider>;

namespace MlAtScale.Analyzers.Tests.CodeFixes;

/// <summary>MLR0001 → [AllowRoleCrossing("&lt;UsedRole&gt;", Justification = "TODO: ...")] on the using member or type.</summary>
public sealed class AllowRoleCrossingCodeFixTests
{
    /// <summary>Data Engineering and Production code the tests use from Data Science code (its own file).</summary>
    internal const string OtherRoles = """
        namespace Contoso.Data
        {
            [MlAtScale.DataEngineering]
            public static class Loader
            {
                public static int Load() => 1;
                public static int Count() => 2;
            }

            [MlAtScale.DataEngineering]
            public class Table { }

            [MlAtScale.Production]
            public static class Host
            {
                public static int Port() => 80;
            }
        }
        """;

    [Fact]
    public Task AddsTheAllowanceToTheUsingMember() => Verify(
        """
        using MlAtScale;
        using Contoso.Data;

        [DataScience]
        public class Trainer
        {
            public int Train() => Loader.{|#0:Load|}();
        }
        """,
        """
        using MlAtScale;
        using Contoso.Data;

        [DataScience]
        public class Trainer
        {
            [AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")]
            public int Train() => Loader.Load();
        }
        """,
        Crossing(0, "Trainer.Train", "Loader.Load"));

    [Fact]
    public Task KeepsCommentsAndDocumentationAboveTheNewAttribute() => Verify(
        """
        using MlAtScale;
        using Contoso.Data;

        [DataScience]
        public class Trainer
        {
            // Trains on the full table.

            /// <summary>Trains.</summary>
            public int Train() => Loader.{|#0:Load|}(); // load first
        }
        """,
        """
        using MlAtScale;
        using Contoso.Data;

        [DataScience]
        public class Trainer
        {
            // Trains on the full table.

            /// <summary>Trains.</summary>
            [AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")]
            public int Train() => Loader.Load(); // load first
        }
        """,
        Crossing(0, "Trainer.Train", "Loader.Load"));

    [Fact]
    public Task AddsANewListBelowExistingListsOnTheirOwnLines() => Verify(
        """
        using System;
        using MlAtScale;
        using Contoso.Data;

        [DataScience]
        public class Trainer
        {
            /// <summary>Trains.</summary>
            [Obsolete("use V2")]
            [AllowRoleCrossing("Production", Justification = "Reads the port to log it.")]
            public int Train() => Loader.{|#0:Load|}() + Host.Port();
        }
        """,
        """
        using System;
        using MlAtScale;
        using Contoso.Data;

        [DataScience]
        public class Trainer
        {
            /// <summary>Trains.</summary>
            [Obsolete("use V2")]
            [AllowRoleCrossing("Production", Justification = "Reads the port to log it.")]
            [AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")]
            public int Train() => Loader.Load() + Host.Port();
        }
        """,
        Crossing(0, "Trainer.Train", "Loader.Load"));

    [Fact]
    public Task AddsANewLineAboveListsThatShareTheDeclarationsLine() => Verify(
        """
        using System;
        using MlAtScale;
        using Contoso.Data;

        [DataScience]
        public class Trainer
        {
            /// <summary>Trains.</summary>
            [Obsolete] public int Train() => Loader.{|#0:Load|}();
        }
        """,
        """
        using System;
        using MlAtScale;
        using Contoso.Data;

        [DataScience]
        public class Trainer
        {
            /// <summary>Trains.</summary>
            [AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")]
            [Obsolete] public int Train() => Loader.Load();
        }
        """,
        Crossing(0, "Trainer.Train", "Loader.Load"));

    [Fact]
    public Task ImportsMlAtScaleInAFileScopedNamespaceFile() => Verify(
        """
        using Contoso.Data;

        namespace Contoso.Science;

        [MlAtScale.DataScience]
        public class Trainer
        {
            public int Train() => Loader.{|#0:Load|}();
        }
        """,
        """
        using Contoso.Data;
        using MlAtScale;

        namespace Contoso.Science;

        [MlAtScale.DataScience]
        public class Trainer
        {
            [AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")]
            public int Train() => Loader.Load();
        }
        """,
        Crossing(0, "Trainer.Train", "Loader.Load"));

    [Fact]
    public Task ImportsMlAtScaleWhereTheFileKeepsItsUsings() => Verify(
        """
        namespace Contoso.Science
        {
            using Contoso.Data;

            [MlAtScale.DataScience]
            public class Trainer
            {
                public int Train() => Loader.{|#0:Load|}();
            }
        }
        """,
        """
        namespace Contoso.Science
        {
            using Contoso.Data;
            using MlAtScale;

            [MlAtScale.DataScience]
            public class Trainer
            {
                [AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")]
                public int Train() => Loader.Load();
            }
        }
        """,
        Crossing(0, "Trainer.Train", "Loader.Load"));

    [Fact]
    public async Task NoImportWhenAGlobalUsingCoversIt()
    {
        const string Usings = "global using MlAtScale;\nglobal using Contoso.Data;\n";
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    ("/0/Usings.cs", Usings),
                    ("/0/Trainer.cs", "namespace Contoso.Science;\n\n[DataScience]\npublic class Trainer\n{\n    public int Train() => Loader.{|#0:Load|}();\n}\n"),
                    ("/0/Data.cs", OtherRoles),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("/0/Usings.cs", Usings),
                    ("/0/Trainer.cs", "namespace Contoso.Science;\n\n[DataScience]\npublic class Trainer\n{\n    [AllowRoleCrossing(\"DataEngineering\", Justification = \"TODO: explain why this crossing is acceptable\")]\n    public int Train() => Loader.Load();\n}\n"),
                    ("/0/Data.cs", OtherRoles),
                },
            },
            ExpectedDiagnostics = { Crossing(0, "Trainer.Train", "Loader.Load") },
        };
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task UseInTheBaseListAllowsOnTheType() => Verify(
        """
        using MlAtScale;
        using Contoso.Data;

        /// <summary>A table with features.</summary>
        [DataScience]
        public class Features : {|#0:Table|}
        {
        }
        """,
        """
        using MlAtScale;
        using Contoso.Data;

        /// <summary>A table with features.</summary>
        [DataScience]
        [AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")]
        public class Features : Table
        {
        }
        """,
        Crossing(0, "Features", "Table"));

    [Fact]
    public Task UseInAPrimaryConstructorOfARecordAllowsOnTheRecord() => Verify(
        """
        using MlAtScale;
        using Contoso.Data;

        [DataScience]
        public record Sample(int Rows)
        {
            public int Loaded { get; } = Loader.{|#0:Load|}();
        }

        [DataScience]
        public class Window(int size)
        {
            public int Size => size + Loader.{|#1:Count|}();
        }
        """,
        """
        using MlAtScale;
        using Contoso.Data;

        [DataScience]
        public record Sample(int Rows)
        {
            [AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")]
            public int Loaded { get; } = Loader.Load();
        }

        [DataScience]
        public class Window(int size)
        {
            [AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")]
            public int Size => size + Loader.Count();
        }
        """,
        Crossing(0, "Sample.Loaded", "Loader.Load"),
        Crossing(1, "Window.Size", "Loader.Count"));

    [Fact]
    public Task NestedTypeMember() => Verify(
        """
        using MlAtScale;
        using Contoso.Data;

        [DataScience]
        public class Outer
        {
            public class Inner
            {
                public int Run()
                {
                    return Loader.{|#0:Load|}();
                }
            }
        }
        """,
        """
        using MlAtScale;
        using Contoso.Data;

        [DataScience]
        public class Outer
        {
            public class Inner
            {
                [AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")]
                public int Run()
                {
                    return Loader.Load();
                }
            }
        }
        """,
        Crossing(0, "Outer.Inner.Run", "Loader.Load"));

    [Fact]
    public Task FieldsAndLambdasBelongToTheirMember() => Verify(
        """
        using System;
        using MlAtScale;
        using Contoso.Data;

        [DataScience]
        public class Trainer
        {
            private readonly int _rows = Loader.{|#0:Count|}();

            public Func<int> Train() => () => Loader.{|#1:Load|}();
        }
        """,
        """
        using System;
        using MlAtScale;
        using Contoso.Data;

        [DataScience]
        public class Trainer
        {
            [AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")]
            private readonly int _rows = Loader.Count();

            [AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")]
            public Func<int> Train() => () => Loader.Load();
        }
        """,
        Crossing(0, "Trainer._rows", "Loader.Count"),
        Crossing(1, "Trainer.Train", "Loader.Load"));

    [Fact]
    public Task PreservesWindowsLineEndings() => Verify(
        "using MlAtScale;\r\nusing Contoso.Data;\r\n\r\n[DataScience]\r\npublic class Trainer\r\n{\r\n    public int Train() => Loader.{|#0:Load|}();\r\n}\r\n",
        "using MlAtScale;\r\nusing Contoso.Data;\r\n\r\n[DataScience]\r\npublic class Trainer\r\n{\r\n    [AllowRoleCrossing(\"DataEngineering\", Justification = \"TODO: explain why this crossing is acceptable\")]\r\n    public int Train() => Loader.Load();\r\n}\r\n",
        Crossing(0, "Trainer.Train", "Loader.Load"));

    [Fact]
    public async Task FixAllAddsOneAttributePerMemberAndRole()
    {
        var test = new VerifyCS.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using MlAtScale;
                    using Contoso.Data;

                    [DataScience]
                    public class Trainer
                    {
                        public int Train() => Loader.{|#0:Load|}() + Loader.{|#1:Count|}() + Host.{|#2:Port|}();

                        public int Evaluate() => Loader.{|#3:Count|}();
                    }
                    """,
                    OtherRoles,
                },
            },
            FixedState =
            {
                Sources =
                {
                    """
                    using MlAtScale;
                    using Contoso.Data;

                    [DataScience]
                    public class Trainer
                    {
                        [AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")]
                        [AllowRoleCrossing("Production", Justification = "TODO: explain why this crossing is acceptable")]
                        public int Train() => Loader.Load() + Loader.Count() + Host.Port();

                        [AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")]
                        public int Evaluate() => Loader.Count();
                    }
                    """,
                    OtherRoles,
                },
            },
            ExpectedDiagnostics =
            {
                Crossing(0, "Trainer.Train", "Loader.Load"),
                Crossing(1, "Trainer.Train", "Loader.Count"),
                Crossing(2, "Trainer.Train", "Host.Port", "Production"),
                Crossing(3, "Trainer.Evaluate", "Loader.Count"),
            },
            NumberOfIncrementalIterations = 3,
            NumberOfFixAllIterations = 1,
        };
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task FixAllInProjectAndSolutionCoversEveryDocumentAndPartialDeclaration()
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
                    public partial class Trainer
                    {
                        public int Train() => Loader.{|#0:Load|}();
                    }
                    """),
                    ("/0/Trainer.Eval.cs", """
                    using Contoso.Data;

                    namespace Contoso.Science;

                    public partial class Evaluator : {|#1:Table|}
                    {
                        public int Evaluate() => Loader.{|#2:Count|}();
                    }
                    """),
                    ("/0/Evaluator.cs", """
                    namespace Contoso.Science;

                    [MlAtScale.DataScience]
                    public partial class Evaluator
                    {
                    }
                    """),
                    ("/0/Data.cs", OtherRoles),
                },
            },
            FixedState =
            {
                Sources =
                {
                    ("/0/Trainer.cs", """
                    using MlAtScale;
                    using Contoso.Data;

                    [DataScience]
                    public partial class Trainer
                    {
                        [AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")]
                        public int Train() => Loader.Load();
                    }
                    """),
                    ("/0/Trainer.Eval.cs", """
                    using Contoso.Data;
                    using MlAtScale;

                    namespace Contoso.Science;

                    [AllowRoleCrossing("DataEngineering", Justification = "TODO: explain why this crossing is acceptable")]
                    public partial class Evaluator : Table
                    {
                        public int Evaluate() => Loader.Count();
                    }
                    """),
                    ("/0/Evaluator.cs", """
                    namespace Contoso.Science;

                    [MlAtScale.DataScience]
                    public partial class Evaluator
                    {
                    }
                    """),
                    ("/0/Data.cs", OtherRoles),
                },
            },
            ExpectedDiagnostics =
            {
                Crossing(1, "Evaluator", "Table"),
                Crossing(2, "Evaluator.Evaluate", "Loader.Count"),
                Crossing(0, "Trainer.Train", "Loader.Load"),
            },
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllInDocumentIterations = 2,
            NumberOfFixAllIterations = 1,
        };
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task NoFixForTopLevelStatements()
    {
        // An allowance for top-level statements goes on `partial class Program`, which may not exist yet.
        const string Source = """
            Contoso.Data.Loader.{|#0:Load|}();

            [MlAtScale.DataScience]
            public partial class Program { }
            """;
        var test = new VerifyCS.Test
        {
            TestState = { Sources = { Source, OtherRoles }, OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
            FixedState = { Sources = { Source, OtherRoles } },
            ExpectedDiagnostics = { Crossing(0, "top-level statements", "Loader.Load") },
        };
        await test.RunAsync(CancellationToken.None);
    }

    internal static DiagnosticResult Crossing(int location, string user, string used, string usedRole = "DataEngineering", string userRole = "DataScience", string? via = null, string? fix = null) =>
        VerifyCS.Diagnostic("MLR0001").WithLocation(location).WithArguments(Mlr0001.Arguments(user, userRole, used, usedRole, via, fix));

    private static Task Verify(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new VerifyCS.Test
        {
            TestState = { Sources = { source, OtherRoles } },
            FixedState = { Sources = { fixedSource, OtherRoles } },
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }
}
