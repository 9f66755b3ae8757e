using MlAtScale;

namespace Churn.Contracts;

/// <summary>
/// A trained churn model as Data Science hands it over: the saved ML.NET model (a zip that
/// <c>MLContext.Model.Load</c> reads) and the evaluation it was signed off with.
/// </summary>
/// <param name="Version">Unique model version, e.g. <c>churn-2025-05-sdca</c>.</param>
/// <param name="Path">The model zip.</param>
/// <param name="Trainer">The ML.NET trainer that produced it.</param>
/// <param name="SnapshotPeriod">The <see cref="CleanDataSet.SnapshotPeriod"/> it was trained on.</param>
/// <param name="DataSetSha256">The <see cref="CleanDataSet.Sha256"/> it was trained on.</param>
/// <param name="TestAuc">Area under the ROC curve on the held-out split.</param>
/// <param name="TestF1">F1 score at the 0.5 threshold on the held-out split.</param>
/// <param name="TestPositiveRate">Share of churners in the held-out split (the drift baseline).</param>
[DataScience, RoleContract]
public sealed record ModelArtifact(
    string Version,
    string Path,
    string Trainer,
    string SnapshotPeriod,
    string DataSetSha256,
    double TestAuc,
    double TestF1,
    double TestPositiveRate);
