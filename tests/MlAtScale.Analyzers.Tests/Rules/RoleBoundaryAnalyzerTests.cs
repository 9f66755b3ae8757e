using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer>;

namespace MlAtScale.Analyzers.Tests.Rules;

/// <summary>MLR0001 for every kind of use C# has, each with a positive and a negative case.</summary>
public sealed class RoleBoundaryAnalyzerTests
{
    /// <summary>Production-owned code that Data Science code must not use.</summary>
    private const string ProductionApi = """

        [Production]
        public class ModelHost : System.Collections.Generic.IEnumerable<int>
        {
            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
            public ModelHost() { }
            public ModelHost(int replicas) { Replicas = replicas; }
            public static void Deploy(string model) { }
            public void Rollout() { }
            public int Replicas { get; set; }
            public int this[int slot] => slot;
            public event System.EventHandler? Deployed;
            public static int Region;
            public const int MaxReplicas = 8;
            public static ModelHost operator +(ModelHost a, ModelHost b) => a;
            public static ModelHost operator -(ModelHost a) => a;
            public static ModelHost operator ++(ModelHost a) => a;
            public static implicit operator int(ModelHost h) => h.Replicas;
            public static explicit operator ModelHost(string s) => new ModelHost();
            public void Deconstruct(out int a, out int b) { a = 1; b = 2; }
            public System.Collections.Generic.IEnumerator<int> GetEnumerator() { yield return 1; }
            public void Add(int x) { }
            public System.Runtime.CompilerServices.TaskAwaiter GetAwaiter() => System.Threading.Tasks.Task.CompletedTask.GetAwaiter();
            protected void OnDeployed() => Deployed?.Invoke(this, System.EventArgs.Empty);
        }

        [Production]
        public interface IServingEndpoint { void Serve(); }

        [Production]
        public delegate void DeployCallback(string model);

        [Production]
        [System.AttributeUsage(System.AttributeTargets.All)]
        public sealed class CanaryAttribute : System.Attribute { public int Percent { get; set; } }

        [Production]
        public static class ServingExtensions
        {
            public static void PublishTo(this string model, string cluster) { }
        }

        [Production]
        public enum Stage { Canary, Full }
        """;

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyCS.VerifyAnalyzerAsync("using MlAtScale;\n" + source + ProductionApi, expected);

    private static DiagnosticResult Crossing(int location, string user, string used) =>
        VerifyCS.Diagnostic("MLR0001").WithLocation(location).WithArguments(Mlr0001.Arguments(user, "DataScience", used, "Production"));

    [Fact]
    public Task StaticCall() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public void Train() => ModelHost.{|#0:Deploy|}("m");
        }
        """, Crossing(0, "Trainer.Train", "ModelHost.Deploy"));

    [Fact]
    public Task SameRoleCallIsAllowed() => VerifyAsync("""
        [Production]
        public class Operator
        {
            public void Ship() { ModelHost.Deploy("m"); new ModelHost().Rollout(); }
        }
        """);

    [Fact]
    public Task UnownedUserMayUseAnything() => VerifyAsync("""
        public class Tool
        {
            public void Run() { ModelHost.Deploy("m"); var h = new ModelHost(); h.Rollout(); }
        }
        """);

    [Fact]
    public Task ObjectCreationAndInstanceCall() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public void Train()
            {
                var host = new {|#0:ModelHost|}(3);
                host.{|#1:Rollout|}();
            }
        }
        """, Crossing(0, "Trainer.Train", "ModelHost"), Crossing(1, "Trainer.Train", "ModelHost.Rollout"));

    [Fact]
    public Task TargetTypedNew() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            private readonly {|#0:ModelHost|} _host = {|#1:new()|};
        }
        """, Crossing(0, "Trainer._host", "ModelHost"), Crossing(1, "Trainer._host", "ModelHost"));

    [Fact]
    public Task PropertyFieldAndEvent() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public void Train({|#0:ModelHost|} host)
            {
                var r = host.{|#1:Replicas|};
                var g = ModelHost.{|#2:Region|};
                host.{|#3:Deployed|} += (s, e) => { };
            }
        }
        """,
        Crossing(0, "Trainer.Train", "ModelHost"),
        Crossing(1, "Trainer.Train", "ModelHost.Replicas"),
        Crossing(2, "Trainer.Train", "ModelHost.Region"),
        Crossing(3, "Trainer.Train", "ModelHost.Deployed"));

    [Fact]
    public Task Indexer() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public int Train(object o) => o is {|#0:ModelHost|} h ? h{|#1:[0]|} : 0;
        }
        """, Crossing(0, "Trainer.Train", "ModelHost"), Crossing(1, "Trainer.Train", "ModelHost.this[]"));

    [Fact]
    public Task MethodGroupAndDelegate() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public void Train()
            {
                System.Action<string> a = ModelHost.{|#0:Deploy|};
                {|#1:DeployCallback|} cb = s => { };
            }
        }
        """, Crossing(0, "Trainer.Train", "ModelHost.Deploy"), Crossing(1, "Trainer.Train", "DeployCallback"));

    [Fact]
    public Task BaseTypeAndInterface() => VerifyAsync("""
        [DataScience]
        public class Trainer : {|#0:ModelHost|}, {|#1:IServingEndpoint|}
        {
            public void Serve() { }
        }
        """, Crossing(0, "Trainer", "ModelHost"), Crossing(1, "Trainer", "IServingEndpoint"));

    [Fact]
    public Task SignatureAndFieldTypes() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            private {|#0:Stage|} _stage;
            public {|#1:ModelHost|}? Host { get; set; }
            public {|#2:IServingEndpoint|}? Pick({|#3:Stage|} s) => null;
        }
        """,
        Crossing(0, "Trainer._stage", "Stage"),
        Crossing(1, "Trainer.Host", "ModelHost"),
        Crossing(2, "Trainer.Pick", "IServingEndpoint"),
        Crossing(3, "Trainer.Pick", "Stage"));

    [Fact]
    public Task GenericArgumentsAndConstraints() => VerifyAsync("""
        using System.Collections.Generic;
        [DataScience]
        public class Trainer<T> where T : {|#0:IServingEndpoint|}
        {
            public List<{|#1:ModelHost|}> Hosts = new List<{|#2:ModelHost|}>();
            public void Use<U>() where U : {|#3:ModelHost|} { }
        }
        """,
        Crossing(0, "Trainer<T>", "IServingEndpoint"),
        Crossing(1, "Trainer<T>.Hosts", "ModelHost"),
        Crossing(2, "Trainer<T>.Hosts", "ModelHost"),
        Crossing(3, "Trainer<T>.Use<U>", "ModelHost"));

    [Fact]
    public Task AttributeUse() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            [{|#0:Canary|}(Percent = 5)]
            public void Train() { }
        }
        """, Crossing(0, "Trainer.Train", "CanaryAttribute"));

    [Fact]
    public Task ExtensionMethodReducedAndStatic() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public void Train()
            {
                "model".{|#0:PublishTo|}("prod");
                ServingExtensions.{|#1:PublishTo|}("model", "prod");
            }
        }
        """, Crossing(0, "Trainer.Train", "ServingExtensions.PublishTo"), Crossing(1, "Trainer.Train", "ServingExtensions.PublishTo"));

    [Fact]
    public Task UserDefinedOperators() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public void Train({|#4:ModelHost|} a, {|#5:ModelHost|} b)
            {
                var s = a {|#0:+|} b;
                var c = {|#1:-|}a;
                a{|#2:++|};
                a {|#3:+=|} b;
            }
        }
        """,
        Crossing(0, "Trainer.Train", "ModelHost.operator +"),
        Crossing(1, "Trainer.Train", "ModelHost.operator -"),
        Crossing(2, "Trainer.Train", "ModelHost.operator ++"),
        Crossing(3, "Trainer.Train", "ModelHost.operator +"),
        Crossing(4, "Trainer.Train", "ModelHost"),
        Crossing(5, "Trainer.Train", "ModelHost"));

    [Fact]
    public Task UserDefinedConversions() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public int Train({|#2:ModelHost|} host)
            {
                int replicas = {|#0:host|};
                var h = ({|#1:ModelHost|})"spec";
                return replicas;
            }
        }
        """,
        Crossing(0, "Trainer.Train", "ModelHost.implicit operator int"),
        Crossing(1, "Trainer.Train", "ModelHost"),
        Crossing(2, "Trainer.Train", "ModelHost"));

    [Fact]
    public Task ForEachAwaitAndDeconstruction() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public async System.Threading.Tasks.Task Train(object o)
            {
                var host = o as {|#0:ModelHost|};
                {|#1:foreach|} (var r in host!) { }
                {|#2:await|} host;
                {|#3:var (a, b)|} = host;
                {|#4:(a, b)|} = host;
            }
        }
        """,
        Crossing(0, "Trainer.Train", "ModelHost"),
        Crossing(1, "Trainer.Train", "ModelHost.GetEnumerator"),
        Crossing(2, "Trainer.Train", "ModelHost.GetAwaiter"),
        Crossing(3, "Trainer.Train", "ModelHost.Deconstruct"),
        Crossing(4, "Trainer.Train", "ModelHost.Deconstruct"));

    [Fact]
    public Task CollectionInitializerOnCreatedTypeIsOneUse() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public object Train() => new {|#0:ModelHost|} { 1, 2 };
        }
        """, Crossing(0, "Trainer.Train", "ModelHost"));

    [Fact]
    public Task ExtensionAddInCollectionInitializer() => VerifyAsync("""
        using System.Collections.Generic;
        [Production]
        public static class BatchExtensions { public static void Add(this List<string> l, int x) { } }
        [DataScience]
        public class Trainer
        {
            public object Train() => new List<string> { {|#0:3|} };
        }
        """, Crossing(0, "Trainer.Train", "BatchExtensions.Add"));

    [Fact]
    public Task ObjectInitializerMembersOfCreatedTypeAreOneUse() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public object Train() => new {|#0:ModelHost|} { Replicas = 3 };
        }
        """, Crossing(0, "Trainer.Train", "ModelHost"));

    [Fact]
    public Task PositionalPattern() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public bool Train(object o) => o is {|#0:ModelHost|}(1, 2);
            public bool Infer(object o) => o is {|#1:ModelHost|} h && h is {|#2:(1, 2)|};
        }
        """,
        Crossing(0, "Trainer.Train", "ModelHost"),
        Crossing(1, "Trainer.Infer", "ModelHost"),
        Crossing(2, "Trainer.Infer", "ModelHost.Deconstruct"));

    [Fact]
    public Task TypeofNameofDefaultAndEnumMembers() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public object[] Train() => new object[]
            {
                typeof({|#0:ModelHost|}),
                nameof({|#1:ModelHost|}),
                default({|#2:Stage|}),
                Stage.{|#3:Canary|},
            };
        }
        """,
        Crossing(0, "Trainer.Train", "ModelHost"),
        Crossing(1, "Trainer.Train", "ModelHost"),
        Crossing(2, "Trainer.Train", "Stage"),
        Crossing(3, "Trainer.Train", "Stage.Canary"));

    [Fact]
    public Task LambdaAndLocalFunctionBelongToEnclosingMember() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public void Train()
            {
                System.Action a = () => ModelHost.{|#0:Deploy|}("m");
                void Local() => ModelHost.{|#1:Deploy|}("m");
                System.Func<int, int> f = delegate (int x) { ModelHost.{|#2:Deploy|}("m"); return x; };
            }
        }
        """,
        Crossing(0, "Trainer.Train", "ModelHost.Deploy"),
        Crossing(1, "Trainer.Train", "ModelHost.Deploy"),
        Crossing(2, "Trainer.Train", "ModelHost.Deploy"));

    [Fact]
    public Task NestedTypeInheritsOwnerAndMemberAttributeWins() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public class Step
            {
                public void Run() => ModelHost.{|#0:Deploy|}("m");
            }

            [Production]
            public void Ship() => ModelHost.Deploy("m");
        }
        """, Crossing(0, "Trainer.Step.Run", "ModelHost.Deploy"));

    [Fact]
    public Task PartialTypeOwnedFromOneDeclaration() => VerifyAsync("""
        [DataScience]
        public partial class Trainer { }

        public partial class Trainer
        {
            public void Train() => ModelHost.{|#0:Deploy|}("m");
        }
        """, Crossing(0, "Trainer.Train", "ModelHost.Deploy"));

    [Fact]
    public Task RecordsAndPrimaryConstructors() => VerifyAsync("""
        [DataScience]
        public record Experiment({|#0:ModelHost|} Host) : {|#1:Base|}(Stage.{|#2:Canary|});

        [Production]
        public record Base(Stage Stage);

        [DataScience]
        public class Runner({|#3:IServingEndpoint|} endpoint)
        {
            public void Run() => endpoint.{|#4:Serve|}();
        }
        """,
        Crossing(0, "new Experiment(…)", "ModelHost"),
        Crossing(1, "Experiment", "Base"),
        Crossing(2, "new Experiment(…)", "Stage.Canary"),
        Crossing(3, "new Runner(…)", "IServingEndpoint"),
        Crossing(4, "Runner.Run", "IServingEndpoint.Serve"));

    [Fact]
    public Task PropertyIndexerAndEventDeclarations() => VerifyAsync("""
        [DataScience]
        public class Trainer
        {
            public int Count => ModelHost.{|#0:Region|};
            public int this[int i] { get => ModelHost.{|#1:Region|}; }
            public event {|#2:DeployCallback|}? Done { add { } remove { } }
        }
        """,
        Crossing(0, "Trainer.Count", "ModelHost.Region"),
        Crossing(1, "Trainer.this[]", "ModelHost.Region"),
        Crossing(2, "Trainer.Done", "DeployCallback"));

    [Fact]
    public Task GenericTypeOfAnotherRole() => VerifyAsync("""
        [Production]
        public class Registry<T> { public static void Register(T item) { } }

        [DataScience]
        public class Trainer
        {
            public void Train() => Registry<int>.{|#0:Register|}(1);
            public object Make() => new {|#1:Registry<string>|}();
        }
        """,
        Crossing(0, "Trainer.Train", "Registry<T>.Register"),
        Crossing(1, "Trainer.Make", "Registry<T>"));

    [Fact]
    public Task UsingDirectivesAreNotUses() => VerifyAsync("""
        using static ModelHost;
        using Host = ModelHost;
        [DataScience]
        public class Trainer
        {
            public void Train() => {|#0:Deploy|}("m");
            public object Make() => new {|#1:Host|}();
        }
        """, Crossing(0, "Trainer.Train", "ModelHost.Deploy"), Crossing(1, "Trainer.Make", "ModelHost"));

    [Fact]
    public Task EveryMemberOfADottedChainIsChecked() => VerifyAsync("""
        [Production]
        public static class Fleet { public static ModelHost Current = new ModelHost(); }

        [DataScience]
        public class Trainer
        {
            public string Train() => Fleet.{|#0:Current|}.{|#1:Replicas|}.ToString();
        }
        """, Crossing(0, "Trainer.Train", "Fleet.Current"), Crossing(1, "Trainer.Train", "ModelHost.Replicas"));

    [Fact]
    public Task ConstructorInitializers() => VerifyAsync("""
        [DataScience]
        public class Trainer : {|#0:ModelHost|}
        {
            public Trainer() : {|#1:base|}(3) { }
            public Trainer(string name) : this() { }
        }
        """, Crossing(0, "Trainer", "ModelHost"), Crossing(1, "new Trainer(…)", "ModelHost"));

    [Fact]
    public Task QuerySyntaxUsesThePatternMethods() => VerifyAsync("""
        [Production]
        public sealed class Feed
        {
            public Feed Where(System.Func<int, bool> f) => this;
            public Feed Select(System.Func<int, int> f) => this;
        }

        [DataScience]
        public class Trainer
        {
            public object Train({|#0:Feed|} feed) =>
                from x in feed
                {|#1:where|} x > 1
                {|#2:select|} x + 1;
        }
        """, Crossing(0, "Trainer.Train", "Feed"), Crossing(1, "Trainer.Train", "Feed.Where"), Crossing(2, "Trainer.Train", "Feed.Select"));

    [Fact]
    public Task AssemblyAttributesAreUsesByTheAssembly() => VerifyAsync("""
        [assembly: DataScience]
        [assembly: {|#0:Canary|}]
        """, Crossing(0, "assembly TestProject", "CanaryAttribute"));

    /// <summary>
    /// Bodies and initializers are checked from the compiler's operation blocks, everything else from
    /// the declaration's syntax: every place where executable code starts is checked exactly once.
    /// </summary>
    [Fact]
    public Task EveryPlaceWhereExecutableCodeStarts() => VerifyAsync("""
        [DataScience]
        public abstract class Boundaries : {|#0:ModelHost|}
        {
            protected Boundaries() : {|#1:base|}(ModelHost.{|#2:MaxReplicas|}) { }
            protected Boundaries(string s) : this() => ModelHost.{|#3:Deploy|}(s);
            public void WithDefault(int n = ModelHost.{|#4:MaxReplicas|}) { }
            public abstract void AbstractDefault(int n = ModelHost.{|#5:MaxReplicas|});
            public int Initialized { get; } = ModelHost.{|#6:Region|};
            public event {|#7:DeployCallback|}? Callback = ModelHost.{|#8:Deploy|};
            public int Arrow => ModelHost.{|#9:Region|};
            public int Accessors { get => ModelHost.{|#10:Region|}; set { ModelHost.{|#11:Deploy|}(""); } }
            public int this[int i] => ModelHost.{|#12:Region|};
            public static Boundaries operator +(Boundaries a, int b) { ModelHost.{|#13:Deploy|}(""); return a; }
            ~Boundaries() { ModelHost.{|#14:Deploy|}(""); }
        }

        [DataScience]
        public interface IBoundary { void Default(int n = ModelHost.{|#15:MaxReplicas|}); }

        [DataScience]
        public enum Level { Low = ModelHost.{|#16:MaxReplicas|} }
        """,
        Crossing(0, "Boundaries", "ModelHost"),
        Crossing(1, "new Boundaries(…)", "ModelHost"),
        Crossing(2, "new Boundaries(…)", "ModelHost.MaxReplicas"),
        Crossing(3, "new Boundaries(…)", "ModelHost.Deploy"),
        Crossing(4, "Boundaries.WithDefault", "ModelHost.MaxReplicas"),
        Crossing(5, "Boundaries.AbstractDefault", "ModelHost.MaxReplicas"),
        Crossing(6, "Boundaries.Initialized", "ModelHost.Region"),
        Crossing(7, "Boundaries.Callback", "DeployCallback"),
        Crossing(8, "Boundaries.Callback", "ModelHost.Deploy"),
        Crossing(9, "Boundaries.Arrow", "ModelHost.Region"),
        Crossing(10, "Boundaries.Accessors", "ModelHost.Region"),
        Crossing(11, "Boundaries.Accessors", "ModelHost.Deploy"),
        Crossing(12, "Boundaries.this[]", "ModelHost.Region"),
        Crossing(13, "Boundaries.operator +", "ModelHost.Deploy"),
        Crossing(14, "Boundaries.~Boundaries", "ModelHost.Deploy"),
        Crossing(15, "IBoundary.Default", "ModelHost.MaxReplicas"),
        Crossing(16, "Level.Low", "ModelHost.MaxReplicas"));

    /// <summary>A primary constructor's parameters and base-class arguments are declaration syntax, checked once.</summary>
    [Fact]
    public Task PrimaryConstructorArgumentsAndDefaults() => VerifyAsync("""
        [DataScience]
        public class Replica(int n = ModelHost.{|#0:MaxReplicas|}) : {|#1:ModelHost|}(ModelHost.{|#2:Region|} + n);
        """,
        Crossing(0, "new Replica(…)", "ModelHost.MaxReplicas"),
        Crossing(1, "Replica", "ModelHost"),
        Crossing(2, "new Replica(…)", "ModelHost.Region"));

    /// <summary>
    /// Names read from the operation tree: a type deep in a created type's generic arguments, and a
    /// collection element that is itself a member access (its implicit Add shares the syntax).
    /// </summary>
    [Fact]
    public Task GenericArgumentsOfCreatedTypesAndCollectionElements() => VerifyAsync("""
        using System.Collections.Generic;

        [DataScience]
        public class Trainer
        {
            private readonly object _pool = new Dictionary<string, System.Collections.Generic.List<{|#0:ModelHost|}>>();
            public object Regions() => new List<int> { ModelHost.{|#1:Region|}, ModelHost.{|#2:MaxReplicas|} };
        }
        """,
        Crossing(0, "Trainer._pool", "ModelHost"),
        Crossing(1, "Trainer.Regions", "ModelHost.Region"),
        Crossing(2, "Trainer.Regions", "ModelHost.MaxReplicas"));

    /// <summary>One member that uses Production code in every way the analyzer checks.</summary>
    private const string EveryKindOfUse = """
        public class Consumer<T> : ModelHost, IServingEndpoint where T : IServingEndpoint
        {
            private ModelHost _field = new();
            public Stage Stage { get; set; }
            public event DeployCallback? Done;
            public void Serve() { }

            [Canary(Percent = 1)]
            public async System.Threading.Tasks.Task Use(ModelHost a, ModelHost b, object o)
            {
                ModelHost.Deploy("m");
                new ModelHost(2).Rollout();
                _ = a.Replicas + ModelHost.Region + a[0];
                a.Deployed += (s, e) => { };
                System.Action<string> group = ModelHost.Deploy;
                DeployCallback cb = s => { };
                "m".PublishTo("c");
                var sum = a + b; var neg = -a; a++;
                int replicas = a;
                var cast = (ModelHost)"spec";
                foreach (var r in a) { }
                await a;
                var (x, y) = a;
                var created = new ModelHost { 1, 2 };
                _ = o is ModelHost(1, 2);
                _ = typeof(ModelHost);
                _ = Stage.Canary;
                var list = new System.Collections.Generic.List<ModelHost>();
                void Local() => ModelHost.Deploy("l");
            }
        }
        """;

    [Fact]
    public Task NoDiagnosticsForAnyKindOfUseWithinOneRole() =>
        VerifyAsync("[Production]\n" + EveryKindOfUse);

    [Fact]
    public Task NoDiagnosticsForAnyKindOfUseAlongAnAllowedEdge() =>
        VerifyCS.VerifyAnalyzerAsync("using MlAtScale;\n[DataScience]\n" + EveryKindOfUse + ProductionApi, "DataScience -> Production");

    [Fact]
    public Task NoDiagnosticsForAnyKindOfUseUnderAJustifiedAllowance() =>
        VerifyAsync("[DataScience]\n[AllowRoleCrossing(\"Production\", Justification = \"Serving adapter under migration\")]\n" + EveryKindOfUse);

    [Fact]
    public Task NoDiagnosticsForAnyKindOfUseWhenTheUserIsUnowned() =>
        VerifyAsync(EveryKindOfUse);

    [Fact]
    public Task NoDiagnosticsWhenTheUsedCodeIsAContract() =>
        VerifyCS.VerifyAnalyzerAsync("using MlAtScale;\n[DataScience]\n" + EveryKindOfUse + ProductionApi.Replace("[Production]", "[Production, RoleContract]"));
}
