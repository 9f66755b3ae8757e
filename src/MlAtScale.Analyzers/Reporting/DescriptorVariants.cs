using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace MlAtScale.Analyzers.Reporting;

/// <summary>
/// Copies of a rule's descriptor that render every message the same but hash apart, for rules that can be
/// reported thousands of times in one build (MLR0001, MLR0010).
/// </summary>
/// <remarks>
/// The command-line compiler removes duplicate diagnostics with a set of <see cref="Diagnostic"/>s. A diagnostic's
/// hash code combines its descriptor and its message arguments, but not its location, and for about half of all
/// locations not the arguments either (the location's hash ends up as the limit of how many arguments are
/// hashed). So half of the diagnostics of one descriptor share one hash code, and removing duplicates costs time
/// quadratic in their number: about 2 ms per warning at 14,500 MLR0001 warnings (docs/performance.md).
/// The copies differ only in their message format, where a placeholder <c>{3}</c> is written <c>{3,0}</c>,
/// <c>{3,00}</c> or <c>{3,000}</c>: an alignment of zero, which pads nothing, so every message reads the same.
/// The descriptor's hash code includes the message format, so the copies spread those diagnostics over
/// <see cref="Count"/> hash codes. The compiler's SARIF log still describes them as one rule (it does not
/// write the message format), and the ID, title, description, help link and severity are the same.
/// A location always gets the same copy (chosen from its position), so a diagnostic reported twice is still
/// one duplicate.
/// </remarks>
internal static class DescriptorVariants
{
    /// <summary>How many copies a descriptor with at least five placeholders gets (fewer placeholders: 4 per placeholder).</summary>
    public const int Count = 1024;

    private static readonly Regex Placeholder = new(@"\{(\d+)\}", RegexOptions.CultureInvariant);

    private static readonly ConcurrentDictionary<DiagnosticDescriptor, DiagnosticDescriptor[]> Cache = new();

    /// <summary>The copy of <paramref name="descriptor"/> for a diagnostic at <paramref name="location"/>.</summary>
    public static DiagnosticDescriptor For(DiagnosticDescriptor descriptor, Location? location)
    {
        var variants = Cache.GetOrAdd(descriptor, Create);
        if (variants.Length == 1 || location is null)
        {
            return variants[0];
        }

        var span = location.SourceSpan;
        var index = (uint)((span.Start * 31) + span.Length) % (uint)variants.Length;
        return variants[index];
    }

    /// <summary>The copies: copy k writes the placeholders with the zero alignments that k's base-4 digits give.</summary>
    internal static DiagnosticDescriptor[] Create(DiagnosticDescriptor descriptor)
    {
        var format = descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var placeholders = Placeholder.Matches(format).Count;
        var count = 1;
        for (var i = 0; i < placeholders && count < Count; i++)
        {
            count *= 4;
        }

        count = System.Math.Min(count, Count);
        var variants = new DiagnosticDescriptor[count];
        variants[0] = descriptor;
        for (var k = 1; k < count; k++)
        {
            var digits = k;
            var text = Placeholder.Replace(format, m =>
            {
                var zeros = digits % 4;
                digits /= 4;
                return zeros == 0 ? m.Value : "{" + m.Groups[1].Value + "," + new string('0', zeros) + "}";
            });
            variants[k] = new DiagnosticDescriptor(
                descriptor.Id,
                descriptor.Title,
                text,
                descriptor.Category,
                descriptor.DefaultSeverity,
                descriptor.IsEnabledByDefault,
                descriptor.Description,
                descriptor.HelpLinkUri,
                System.Linq.Enumerable.ToArray(descriptor.CustomTags));
        }

        return variants;
    }
}
