using System;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Churn.Modelling;

/// <summary>
/// Data Science's evaluation of a model on labelled data. Not a contract: Business Analysis reads it
/// along the allowed edge <c>BusinessAnalysis -> DataScience</c>; serving gets only the headline
/// numbers in <see cref="Contracts.ModelArtifact"/>.
/// </summary>
public sealed record ModelEvaluation(
    double Auc,
    double F1,
    double Accuracy,
    double Precision,
    double Recall,
    int Rows,
    int Positives,
    long TruePositives,
    long FalsePositives)
{
    public double PositiveRate => Rows == 0 ? 0 : (double)Positives / Rows;
}

/// <summary>Evaluates a churn model the one way Data Science signs off on.</summary>
public static class ChurnEvaluator
{
    /// <summary>Scores <paramref name="labelled"/> with <paramref name="model"/> and computes the metrics.</summary>
    /// <exception cref="ArgumentException">The data holds only one class, so AUC is undefined.</exception>
    public static ModelEvaluation Evaluate(MLContext ml, ITransformer model, IDataView labelled)
    {
        var scored = model.Transform(labelled);
        var labels = ml.Data.CreateEnumerable<LabelOnly>(labelled, reuseRowObject: false);
        int rows = 0, positives = 0;
        foreach (var row in labels)
        {
            rows++;
            positives += row.Label ? 1 : 0;
        }

        if (positives == 0 || positives == rows)
        {
            throw new ArgumentException($"AUC needs both classes; the {rows} labelled rows have {positives} churners.", nameof(labelled));
        }

        var metrics = ml.BinaryClassification.Evaluate(scored);
        var confusion = metrics.ConfusionMatrix;
        return new ModelEvaluation(
            metrics.AreaUnderRocCurve,
            metrics.F1Score,
            metrics.Accuracy,
            metrics.PositivePrecision,
            metrics.PositiveRecall,
            rows,
            positives,
            (long)confusion.Counts[0][0],
            (long)confusion.Counts[1][0]);
    }

    private sealed class LabelOnly
    {
        public bool Label { get; set; }
    }
}
