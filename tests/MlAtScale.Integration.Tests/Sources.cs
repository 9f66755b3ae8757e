namespace MlAtScale.Integration.Tests;

/// <summary>Consumer code shared by several tests; each test locates its expected diagnostics in this text.</summary>
internal static class Sources
{
    /// <summary>Data Science code that deploys a model itself: one crossing into Production, at <see cref="UseMarker"/>.</summary>
    public const string AttributedCrossing = """
        using MlAtScale;

        namespace Contoso.Ml;

        public static class ModelHost
        {
            [Production]
            public static void Deploy(string model) { }
        }

        [DataScience]
        public static class Trainer
        {
            public static void Train()
            {
                // Deliberate: a role boundary crossed.
                ModelHost.Deploy("churn.onnx");
            }
        }
        """;

    public const string UseMarker = "Deploy(\"churn.onnx\")";

    /// <summary>The same crossing with no attribute at all: roles come only from a policy file's namespace mappings.</summary>
    public const string UnattributedCrossing = """
        using static Contoso.Serving.ModelHost;

        namespace Contoso.Serving
        {
            public static class ModelHost
            {
                public static void Deploy(string model) { }
            }
        }

        namespace Contoso.Training
        {
            public static class Trainer
            {
                public static void Train() => Deploy("churn.onnx");
            }
        }
        """;
}
