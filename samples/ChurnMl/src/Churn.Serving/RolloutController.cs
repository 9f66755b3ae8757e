using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Churn.Contracts;
using Microsoft.ML;

namespace Churn.Serving;

/// <summary>Where a staged roll-out stands.</summary>
public enum RolloutStage
{
    /// <summary>One model serves every request.</summary>
    Stable,

    /// <summary>A candidate serves <see cref="RolloutStatus.CanaryPercent"/>% of customers while evidence is collected.</summary>
    Canary,
}

/// <summary>What the gate decided about a canary.</summary>
public enum RolloutVerdict
{
    /// <summary>Not enough labelled outcomes yet: the canary keeps running.</summary>
    Pending,

    /// <summary>The candidate is not worse: it now serves everyone.</summary>
    Promoted,

    /// <summary>The candidate is worse, or was stopped: the stable model serves everyone again.</summary>
    RolledBack,
}

public sealed record RolloutEvent(int Sequence, string Kind, string Detail);

public sealed record RolloutDecision(RolloutVerdict Verdict, string Reason, double? StableAuc, double? CandidateAuc, int LabelledOutcomes);

public sealed record RolloutStatus(
    RolloutStage Stage,
    string StableVersion,
    string? CandidateVersion,
    int CanaryPercent,
    int ServedByStable,
    int ServedByCandidate,
    int LabelledOutcomes,
    IReadOnlyList<RolloutEvent> History);

/// <summary>
/// The staged roll-out of re-trained models, as a small state machine:
/// <c>Stable --BeginCanary--> Canary --Decide/Rollback--> Stable</c>. During a canary, a fixed share
/// of customers (sticky: the same customer always gets the same model) is served by the candidate;
/// labelled outcomes are collected for every customer served; <see cref="Decide"/> asks the
/// <see cref="CanaryGate"/> to compare both models on that same traffic and promotes the candidate
/// only when its AUC is not worse. Thread-safe: requests arrive concurrently.
/// </summary>
public sealed class RolloutController
{
    private readonly MLContext _ml;
    private readonly CanaryGate _gate;
    private readonly object _lock = new();
    private readonly List<RolloutEvent> _history = new();
    private readonly Dictionary<string, CustomerRow> _servedInCanary = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _outcomes = new(StringComparer.Ordinal);
    private ModelSlot _stable;
    private ModelSlot? _candidate;
    private int _canaryPercent;
    private int _servedByStable;
    private int _servedByCandidate;
    private double _probabilitySum;
    private long _scored;

    public RolloutController(MLContext ml, ModelArtifact initial, CanaryGate gate)
    {
        _ml = ml;
        _gate = gate;
        _stable = new ModelSlot(ml, initial);
        Record("deployed", $"{initial.Version} serves 100% (offline AUC {initial.TestAuc:0.000})");
    }

    public RolloutStage Stage => _candidate is null ? RolloutStage.Stable : RolloutStage.Canary;

    /// <summary>The artifact of the model that serves everyone outside a canary.</summary>
    public ModelArtifact? StableArtifact
    {
        get
        {
            lock (_lock)
            {
                return _stable.Artifact;
            }
        }
    }

    /// <summary>Scores one customer with the model the customer is routed to.</summary>
    public ChurnScore Score(CustomerRow customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (string.IsNullOrWhiteSpace(customer.CustomerId))
        {
            throw new ArgumentException("A customer id is required: it routes the request and joins the outcome later.", nameof(customer));
        }

        ModelSlot slot;
        lock (_lock)
        {
            slot = _candidate is not null && Bucket(customer.CustomerId) < _canaryPercent ? _candidate : _stable;
            if (_candidate is not null)
            {
                _servedInCanary[customer.CustomerId] = Copy(customer);
            }

            if (slot == _stable)
            {
                _servedByStable++;
            }
            else
            {
                _servedByCandidate++;
            }
        }

        var score = slot.Score(customer);
        lock (_lock)
        {
            _probabilitySum += score.Probability;
            _scored++;
        }

        return score;
    }

    /// <summary>Stable → Canary: <paramref name="candidate"/> starts serving <paramref name="percent"/>% of customers.</summary>
    /// <exception cref="InvalidOperationException">A canary is already running, or the candidate is the stable model.</exception>
    public RolloutStatus BeginCanary(ModelArtifact candidate, int percent)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (percent is < 1 or > 50)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "A canary serves 1 to 50 percent of customers.");
        }

        var slot = new ModelSlot(_ml, candidate);
        lock (_lock)
        {
            if (_candidate is not null)
            {
                throw new InvalidOperationException($"Canary of {_candidate.Version} is still running: decide or roll it back first.");
            }

            if (candidate.Version == _stable.Version)
            {
                throw new InvalidOperationException($"{candidate.Version} is already the stable model.");
            }

            _candidate = slot;
            _canaryPercent = percent;
            _servedByStable = _servedByCandidate = 0;
            _servedInCanary.Clear();
            _outcomes.Clear();
            Record("canary-started", $"{candidate.Version} serves {percent}% (offline AUC {candidate.TestAuc:0.000}); {_stable.Version} serves the rest");
            return StatusLocked();
        }
    }

    /// <summary>Labelled outcomes that arrived for customers served during the canary. Returns how many were accepted.</summary>
    public int RecordOutcomes(IEnumerable<ChurnOutcome> outcomes)
    {
        lock (_lock)
        {
            if (_candidate is null)
            {
                throw new InvalidOperationException("No canary is running: outcomes are collected only to judge a candidate.");
            }

            var accepted = 0;
            foreach (var outcome in outcomes)
            {
                if (_servedInCanary.ContainsKey(outcome.CustomerId))
                {
                    _outcomes[outcome.CustomerId] = outcome.Churned;
                    accepted++;
                }
            }

            return accepted;
        }
    }

    /// <summary>Canary → Stable when the evidence suffices: promote the candidate if not worse, else roll back.</summary>
    public RolloutDecision Decide()
    {
        ModelSlot stable, candidate;
        List<CustomerRow> labelled;
        int servedByCandidate;
        lock (_lock)
        {
            candidate = _candidate ?? throw new InvalidOperationException("No canary is running.");
            stable = _stable;
            servedByCandidate = _servedByCandidate;
            labelled = _outcomes.Select(o => WithLabel(_servedInCanary[o.Key], o.Value)).OrderBy(r => r.CustomerId, StringComparer.Ordinal).ToList();
        }

        var decision = _gate.Judge(_ml, stable.Model, candidate.Model, labelled, servedByCandidate);
        lock (_lock)
        {
            if (_candidate != candidate)
            {
                throw new InvalidOperationException("The canary changed while it was being judged.");
            }

            switch (decision.Verdict)
            {
                case RolloutVerdict.Promoted:
                    Record("promoted", $"{candidate.Version} serves 100%: {decision.Reason}");
                    _stable = candidate;
                    EndCanaryLocked();
                    break;
                case RolloutVerdict.RolledBack:
                    Record("rolled-back", $"{stable.Version} serves 100% again: {decision.Reason}");
                    EndCanaryLocked();
                    break;
                default:
                    Record("pending", decision.Reason);
                    break;
            }
        }

        return decision;
    }

    /// <summary>Canary → Stable at once (an operator or a guardrail stops the candidate).</summary>
    public RolloutStatus Rollback(string reason)
    {
        lock (_lock)
        {
            var candidate = _candidate ?? throw new InvalidOperationException("No canary is running.");
            Record("rolled-back", $"{_stable.Version} serves 100% again, {candidate.Version} stopped: {reason}");
            EndCanaryLocked();
            return StatusLocked();
        }
    }

    /// <summary>Replaces the stable model in place, outside any roll-out (see <see cref="OnlineRecalibrator"/>).</summary>
    public void HotSwapStable(ModelSlot replacement, string reason)
    {
        lock (_lock)
        {
            if (_candidate is not null)
            {
                throw new InvalidOperationException("A canary is running.");
            }

            Record("hot-swapped", $"{replacement.Version} replaced {_stable.Version} without a roll-out: {reason}");
            _stable = replacement;
        }
    }

    /// <summary>Labelled rows of the customers served during the running canary (for <see cref="OnlineRecalibrator"/>).</summary>
    public IReadOnlyList<CustomerRow> LabelledCanaryTraffic()
    {
        lock (_lock)
        {
            return _outcomes.Select(o => WithLabel(_servedInCanary[o.Key], o.Value)).ToList();
        }
    }

    /// <summary>Mean predicted churn probability of everything served since start-up (the drift signal).</summary>
    public double MeanServedProbability()
    {
        lock (_lock)
        {
            return _scored == 0 ? double.NaN : _probabilitySum / _scored;
        }
    }

    public RolloutStatus Status()
    {
        lock (_lock)
        {
            return StatusLocked();
        }
    }

    /// <summary>A stable 0..99 bucket per customer (FNV-1a), so routing survives restarts and is the same on every replica.</summary>
    public static int Bucket(string customerId)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(customerId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % 100);
    }

    private RolloutStatus StatusLocked() => new(
        Stage, _stable.Version, _candidate?.Version, _candidate is null ? 0 : _canaryPercent,
        _servedByStable, _servedByCandidate, _outcomes.Count, _history.ToList());

    private void EndCanaryLocked()
    {
        _candidate = null;
        _canaryPercent = 0;
    }

    private void Record(string kind, string detail) => _history.Add(new RolloutEvent(_history.Count + 1, kind, detail));

    private static CustomerRow WithLabel(CustomerRow row, bool churned)
    {
        var copy = Copy(row);
        copy.Churned = churned;
        return copy;
    }

    private static CustomerRow Copy(CustomerRow r) => new()
    {
        CustomerId = r.CustomerId,
        TenureMonths = r.TenureMonths,
        Contract = r.Contract,
        PaymentMethod = r.PaymentMethod,
        HasFiber = r.HasFiber,
        SupportCalls = r.SupportCalls,
        MonthlyCharges = r.MonthlyCharges,
        TotalCharges = r.TotalCharges,
        LatePayments = r.LatePayments,
        Churned = r.Churned,
    };
}
