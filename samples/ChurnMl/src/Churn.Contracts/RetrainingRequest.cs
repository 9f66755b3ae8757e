using MlAtScale;

namespace Churn.Contracts;

/// <summary>
/// Production asks Data Science for a new model: the monitoring saw drift, or new data landed.
/// Data Science answers with a new <see cref="ModelArtifact"/>, which Production rolls out in stages.
/// </summary>
/// <param name="CurrentModelVersion">The model in production now.</param>
/// <param name="Reason">Why, in words a reviewer understands.</param>
/// <param name="ObservedPositiveRate">Mean predicted churn probability on live traffic.</param>
/// <param name="BaselinePositiveRate">The churn rate the current model was evaluated on.</param>
[Production, RoleContract]
public sealed record RetrainingRequest(string CurrentModelVersion, string Reason, double ObservedPositiveRate, double BaselinePositiveRate);

/// <summary>A labelled outcome that arrived after a customer was scored (did they churn?).</summary>
[Production, RoleContract]
public sealed record ChurnOutcome(string CustomerId, bool Churned);
