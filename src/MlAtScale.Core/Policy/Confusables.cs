using System.Collections.Generic;
using System.Text;

namespace MlAtScale.Core.Policy;

/// <summary>
/// Role names that look alike but are not equal: a Cyrillic 'а' (U+0430) in <c>DаtaScience</c> makes
/// a different role that no reader can tell from the real one. Letters are sorted into the three
/// scripts whose letters are commonly mistaken for each other (Latin, Greek, Cyrillic); a name that
/// mixes two of them, or that differs from a known name only by look-alike letters, is reported.
/// </summary>
internal static class Confusables
{
    public const string Latin = "Latin";
    public const string Greek = "Greek";
    public const string Cyrillic = "Cyrillic";

    // Cyrillic and Greek letters that look like a Latin letter, and that letter.
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['\u0430'] = 'a', ['\u0432'] = 'b', ['\u0435'] = 'e', ['\u043E'] = 'o', ['\u0440'] = 'p', ['\u0441'] = 'c',
        ['\u0443'] = 'y', ['\u0445'] = 'x', ['\u0456'] = 'i', ['\u0458'] = 'j', ['\u0455'] = 's', ['\u0501'] = 'd',
        ['\u051B'] = 'q', ['\u051D'] = 'w', ['\u04BB'] = 'h', ['\u04CF'] = 'l', ['\u043A'] = 'k', ['\u043C'] = 'm',
        ['\u043D'] = 'h', ['\u0442'] = 't', ['\u0433'] = 'r', ['\u043F'] = 'n', ['\u0410'] = 'A', ['\u0412'] = 'B',
        ['\u0415'] = 'E', ['\u041A'] = 'K', ['\u041C'] = 'M', ['\u041D'] = 'H', ['\u041E'] = 'O', ['\u0420'] = 'P',
        ['\u0421'] = 'C', ['\u0422'] = 'T', ['\u0423'] = 'Y', ['\u0425'] = 'X', ['\u0406'] = 'I', ['\u0408'] = 'J',
        ['\u0405'] = 'S', ['\u0391'] = 'A', ['\u0392'] = 'B', ['\u0395'] = 'E', ['\u0396'] = 'Z', ['\u0397'] = 'H',
        ['\u0399'] = 'I', ['\u039A'] = 'K', ['\u039C'] = 'M', ['\u039D'] = 'N', ['\u039F'] = 'O', ['\u03A1'] = 'P',
        ['\u03A4'] = 'T', ['\u03A5'] = 'Y', ['\u03A7'] = 'X', ['\u03BF'] = 'o', ['\u03BD'] = 'v', ['\u03B9'] = 'i',
        ['\u03B1'] = 'a', ['\u03C1'] = 'p', ['\u03BA'] = 'k', ['\u03C5'] = 'u',
    };

    /// <summary>The script of a letter, or null for digits, '_' and letters of other scripts.</summary>
    public static string? ScriptOf(char c)
    {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '\u00C0' && c <= '\u024F' && c != '\u00D7' && c != '\u00F7') || (c >= '\u1E00' && c <= '\u1EFF'))
        {
            return Latin;
        }

        if ((c >= '\u0370' && c <= '\u03FF') || (c >= '\u1F00' && c <= '\u1FFF'))
        {
            return Greek;
        }

        if ((c >= '\u0400' && c <= '\u052F') || (c >= '\u1C80' && c <= '\u1C8F') || (c >= '\u2DE0' && c <= '\u2DFF') || (c >= '\uA640' && c <= '\uA69F'))
        {
            return Cyrillic;
        }

        return null;
    }

    /// <summary>
    /// When <paramref name="name"/> mixes letters of two of the scripts, what a message says about it:
    /// the first letter of the script the name's first letter is not in, e.g.
    /// "mixes Latin and Cyrillic letters: 'а' (U+0430) at character 2 is Cyrillic". Else null.
    /// </summary>
    public static string? DescribeMixedScripts(string name)
    {
        string? first = null;
        for (var i = 0; i < name.Length; i++)
        {
            var script = ScriptOf(name[i]);
            if (script is null)
            {
                continue;
            }

            if (first is null)
            {
                first = script;
            }
            else if (script != first)
            {
                return $"mixes {first} and {script} letters: {UserText.Describe(name[i])} at character {i + 1} is {script}";
            }
        }

        return null;
    }

    /// <summary>The name with every look-alike letter replaced by the Latin letter it looks like.</summary>
    public static string Skeleton(string name)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < name.Length; i++)
        {
            if (LookAlikes.TryGetValue(name[i], out var latin))
            {
                builder ??= new StringBuilder(name);
                builder[i] = latin;
            }
        }

        return builder?.ToString() ?? name;
    }

    /// <summary>
    /// A known name that <paramref name="name"/> is not, but looks exactly like (the same after
    /// look-alike letters are replaced), and what a message says about the difference; else null.
    /// </summary>
    public static string? DescribeLookAlike(string name, IEnumerable<string> known, out string? lookAlike)
    {
        lookAlike = null;
        var skeleton = Skeleton(name);
        foreach (var candidate in known)
        {
            if (candidate == name || candidate.Length != name.Length || Skeleton(candidate) != skeleton)
            {
                continue;
            }

            for (var i = 0; i < name.Length; i++)
            {
                if (name[i] != candidate[i])
                {
                    lookAlike = candidate;
                    return $"'{UserText.Quote(name)}' looks like '{candidate}' but is not the same name: its {UserText.Describe(name[i])} at character {i + 1} is {ScriptOf(name[i]) ?? "another script"}, where '{candidate}' has {UserText.Describe(candidate[i])}";
                }
            }
        }

        return null;
    }
}
