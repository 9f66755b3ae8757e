using System;
using System.IO;
using Churn.Contracts;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace Churn.Modelling;

/// <summary>What one training run produced: the artifact to hand over and the full evaluation.</summary>
public sealed record TrainingResult(ModelArtifact Artifact, ModelEvaluation Evaluation);

/// <summary>
/// Trains a churn model on a published clean data set, evaluates it on a held-out split and saves it.
/// Reads only the <see cref="CleanDataSet"/> contract: the raw sources are Data Engineering's.
/// </summary>
public sealed class ChurnTrainer
{
    private const int Seed = 42;
    private const double TestFraction = 0.25;

    /// <summary>The trainer: logistic regression (SDCA), calibrated, interpretable, and quick to re-train monthly.</summary>
    public const string Algorithm = "SdcaLogisticRegression";

    public TrainingResult Train(CleanDataSet dataSet, string modelDirectory)
    {
        var ml = new MLContext(Seed);
        var data = ml.Data.LoadFromTextFile<CustomerRow>(dataSet.Path, separatorChar: ',', hasHeader: true);
        var split = ml.Data.TrainTestSplit(data, TestFraction, seed: Seed);

        var trainer = ml.BinaryClassification.Trainers.SdcaLogisticRegression(
            new SdcaLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1, MaximumNumberOfIterations = 100 });
        var pipeline = ChurnFeatures.Build(ml).Append(trainer);
        var model = pipeline.Fit(split.TrainSet);
        var evaluation = ChurnEvaluator.Evaluate(ml, model, split.TestSet);

        var version = $"churn-{dataSet.SnapshotPeriod}";
        Directory.CreateDirectory(modelDirectory);
        var path = Path.GetFullPath(Path.Combine(modelDirectory, version + ".zip"));
        ml.Model.Save(model, data.Schema, path);

        var artifact = new ModelArtifact(version, path, Algorithm, dataSet.SnapshotPeriod, dataSet.Sha256, evaluation.Auc, evaluation.F1, evaluation.PositiveRate);
        return new TrainingResult(artifact, evaluation);
    }

    /// <summary>
    /// Answers Production's re-training request with a model trained on the newest snapshot. Whether
    /// it replaces the current model is for Production's staged roll-out to decide.
    /// </summary>
    public TrainingResult Retrain(RetrainingRequest request, CleanDataSet newestSnapshot, string modelDirectory)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = Train(newestSnapshot, modelDirectory);
        if (result.Artifact.Version == request.CurrentModelVersion)
        {
            throw new InvalidOperationException($"{request.CurrentModelVersion} was trained on snapshot {newestSnapshot.SnapshotPeriod} already; a re-train needs newer data.");
        }

        return result;
    }
}
