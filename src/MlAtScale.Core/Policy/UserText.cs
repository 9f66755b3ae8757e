using System.Globalization;
using System.Text;

namespace MlAtScale.Core.Policy;

/// <summary>
/// How a message quotes what the user wrote. A policy line can be a megabyte long, and a message
/// that repeats it whole makes the build log (and the IDE's error list) unusable, so every quote goes
/// through <see cref="Quote"/>.
/// </summary>
internal static class UserText
{
    /// <summary>The longest quote a message holds, in UTF-16 characters, the ellipsis included.</summary>
    public const int MaxQuotedLength = 100;

    /// <summary>Marks a quote that was cut.</summary>
    public const string Ellipsis = "\u2026";

    /// <summary>
    /// The text itself when it has at most <see cref="MaxQuotedLength"/> characters, else its first
    /// 99 characters and an ellipsis (one character less when the cut would split a surrogate pair).
    /// </summary>
    public static string Quote(string text)
    {
        if (text.Length <= MaxQuotedLength)
        {
            return text;
        }

        var keep = MaxQuotedLength - Ellipsis.Length;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return text.Substring(0, keep) + Ellipsis;
    }

    /// <summary>A character as a message names it: <c>U+0000 (NUL)</c>, <c>'а' (U+0430)</c>.</summary>
    public static string Describe(char c)
    {
        var code = "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
        if (char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
        {
            return c == '\0' ? code + " (NUL)" : code;
        }

        return new StringBuilder().Append('\'').Append(c).Append("' (").Append(code).Append(')').ToString();
    }
}
