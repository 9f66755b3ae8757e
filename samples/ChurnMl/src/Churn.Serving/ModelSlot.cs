using System;
using Churn.Contracts;
using Microsoft.ML;

namespace Churn.Serving;

/// <summary>One loaded model that serves predictions. PredictionEngine is not thread-safe, so calls are serialised.</summary>
public sealed class ModelSlot
{
    private readonly PredictionEngine<CustomerRow, ChurnPrediction> _engine;
    private readonly object _gate = new();

    public ModelSlot(MLContext ml, ModelArtifact artifact)
        : this(ml, artifact.Version, ml.Model.Load(artifact.Path, out _), artifact)
    {
    }

    public ModelSlot(MLContext ml, string version, ITransformer model, ModelArtifact? artifact)
    {
        Version = version;
        Model = model;
        Artifact = artifact;
        _engine = ml.Model.CreatePredictionEngine<CustomerRow, ChurnPrediction>(model);
    }

    public string Version { get; }

    public ITransformer Model { get; }

    /// <summary>The artifact the model was loaded from; null for a model built in this process.</summary>
    public ModelArtifact? Artifact { get; }

    public ChurnScore Score(CustomerRow customer)
    {
        ChurnPrediction prediction;
        lock (_gate)
        {
            prediction = _engine.Predict(customer);
        }

        if (float.IsNaN(prediction.Probability))
        {
            throw new InvalidOperationException($"Model {Version} returned no probability for customer {customer.CustomerId}.");
        }

        return new ChurnScore(customer.CustomerId, prediction.Probability, prediction.PredictedChurn, Version);
    }
}
