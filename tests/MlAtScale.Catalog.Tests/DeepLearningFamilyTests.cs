using System.Threading.Tasks;
using VerifyCS = MlAtScale.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<MlAtScale.Analyzers.Rules.RoleBoundaryAnalyzer>;

namespace MlAtScale.Catalog.Tests;

/// <summary>The deep-learning runtimes (TorchSharp, ONNX Runtime): training loops, inference on saved models, and the mistakes between them.</summary>
public sealed class DeepLearningFamilyTests
{
    [Fact]
    public Task TrainingLoopsAndInferenceHaveNoDiagnostics() => RealCode.VerifyAsync("""
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;
        using MlAtScale;
        using TorchSharp;
        using static TorchSharp.torch;

        namespace Churn.Deep
        {
            [DataScience]
            public sealed class ChurnNetTrainer
            {
                public float Train(Tensor features, Tensor labels, string weightsPath, int epochs)
                {
                    var model = nn.Sequential(("hidden", nn.Linear(3, 8)), ("relu", nn.ReLU()), ("out", nn.Linear(8, 1)));
                    var optimizer = optim.Adam(model.parameters(), lr: 0.01);
                    var criterion = nn.BCEWithLogitsLoss();
                    model.train();
                    var last = 0f;
                    for (var epoch = 0; epoch < epochs; epoch++)
                    {
                        optimizer.zero_grad();
                        using var loss = criterion.forward(model.forward(features), labels);
                        loss.backward();
                        optimizer.step();
                        last = loss.item<float>();
                    }

                    model.save(weightsPath);
                    return last;
                }
            }

            [Production]
            public sealed class ChurnNetScorer
            {
                public float ScoreTorch(string weightsPath, float[] row)
                {
                    var model = nn.Sequential(("hidden", nn.Linear(3, 8)), ("relu", nn.ReLU()), ("out", nn.Linear(8, 1)));
                    model.load(weightsPath);
                    model.eval();
                    using var noGrad = torch.no_grad();
                    return model.forward(torch.tensor(row).reshape(1, 3)).item<float>();
                }

                public float ScoreOnnx(string onnxPath, float[] row)
                {
                    using var session = new InferenceSession(onnxPath);
                    var input = NamedOnnxValue.CreateFromTensor("features", new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(row, new[] { 1, row.Length }));
                    using var results = session.Run(new[] { input });
                    return results.First().AsTensor<float>()[0, 0];
                }
            }
        }
        """);

    [Fact]
    public Task CrossRoleUsesOfDeepLearningRuntimesAreReported() => RealCode.VerifyAsync("""
        using Microsoft.ML.OnnxRuntime;
        using MlAtScale;
        using TorchSharp;
        using static TorchSharp.torch;

        namespace Churn.Mixed
        {
            // A scoring service that keeps learning from live traffic (TorchSharp's nested types are named with
            // their enclosing class, torch; Dispose is SafeHandle's, not the checkpoint's).
            [Production]
            public sealed class OnlineLearner
            {
                public void Learn(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Tensor loss)
                {
                    model.{|#0:train|}();
                    loss.{|#1:backward|}();
                    optimizer.{|#2:step|}();
                }

                public void ResumeOnDevice(string checkpointPath) =>
                    CheckpointState.{|#3:LoadCheckpoint|}(checkpointPath).Dispose();
            }
        }
        """,
        VerifyCS.Diagnostic("MLR0001").WithLocation(0).WithArguments("OnlineLearner.Learn", "Production", "torch.nn.Module.train", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(1).WithArguments("OnlineLearner.Learn", "Production", "torch.Tensor.backward", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(2).WithArguments("OnlineLearner.Learn", "Production", "torch.optim.Optimizer.step", "DataScience"),
        VerifyCS.Diagnostic("MLR0001").WithLocation(3).WithArguments("OnlineLearner.ResumeOnDevice", "Production", "CheckpointState.LoadCheckpoint", "DataScience"));
}
