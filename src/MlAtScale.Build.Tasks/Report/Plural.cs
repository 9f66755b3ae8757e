using System.Globalization;

namespace MlAtScale.Build.Tasks.Report;

/// <summary>Counts in words: "1 violation", "2 violations", "1 policy entry".</summary>
internal static class Plural
{
    public static string Of(int count, string singular, string? plural = null) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural ?? singular + "s");
}
