using System.Collections.Generic;

namespace Churn.Operations.Alerts;

/// <summary>Pages the on-call engineer of the serving platform. Production's, through CODEOWNERS.</summary>
public static class OnCallPager
{
    private static readonly List<string> Sent = new();

    /// <summary>The pages sent so far (the sample has no real pager).</summary>
    public static IReadOnlyList<string> Pages => Sent;

    public static void Page(string severity, string text) => Sent.Add(severity + ": " + text);
}
