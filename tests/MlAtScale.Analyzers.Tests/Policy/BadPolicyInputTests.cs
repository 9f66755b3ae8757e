using System.Linq;
using MlAtScale.Core.Policy;

namespace MlAtScale.Analyzers.Tests.Policy;

/// <summary>Policy text no editor shows as it is: control characters, huge names, look-alike letters.</summary>
public sealed class BadPolicyInputTests
{
    private const string BuiltIns = "DataEngineering, DataScience, Production, BusinessAnalysis";

    [Theory]
    [InlineData("\0\0\0", 0, "U+0000 (NUL)", 1)]
    [InlineData("N:Churn = Data\u0007Science", 14, "U+0007", 15)]
    [InlineData("  \u001Brole Labeling", 2, "U+001B", 3)]
    [InlineData("DataScience -> Production\u007F", 25, "U+007F", 26)]
    public void A_control_character_is_an_error_at_its_column_and_the_line_is_ignored(string text, int column, string character, int oneBasedColumn)
    {
        var document = PolicyParser.Parse("MlRoles.txt", "N:Ok = Production\n" + text);

        var error = Assert.Single(document.Errors);
        Assert.Equal(
            (1, column, 1, $"the line contains the control character {character} at column {oneBasedColumn}; a policy file is plain text: delete the character"),
            (error.Span.Line, error.Span.Column, error.Span.Length, error.Message));
        Assert.Equal(new[] { "N:Ok" }, document.Mappings.Select(m => m.Id));
        Assert.Empty(document.Edges);
        Assert.Empty(document.DeclaredRoles);
    }

    [Fact]
    public void Control_characters_in_a_comment_and_tabs_between_tokens_are_allowed()
    {
        var document = PolicyParser.Parse("MlRoles.txt", "N:Churn\t=\tDataScience   # note \0\u0007\n\t# \u001B\n");

        Assert.Empty(document.Errors);
        Assert.Equal("N:Churn", Assert.Single(document.Mappings).Id);
    }

    [Fact]
    public void A_role_name_of_201_characters_is_too_long_and_the_message_says_so()
    {
        var name = "R" + new string('x', 200);
        var document = PolicyParser.Parse("MlRoles.txt", "role " + name);

        var error = Assert.Single(document.Errors);
        Assert.Equal(
            (0, 5, 201, $"the role name '{name.Substring(0, 99)}\u2026' is too long: 201 characters, at most 200; use a shorter name"),
            (error.Span.Line, error.Span.Column, error.Span.Length, error.Message));
        Assert.Equal(200, PolicyParser.MaxRoleNameLength);
    }

    [Fact]
    public void A_role_name_of_200_characters_is_accepted()
    {
        var name = "R" + new string('x', 199);
        var document = PolicyParser.Parse("MlRoles.txt", $"role {name}\nN:A = {name}\n");

        Assert.Empty(document.Errors);
        Assert.Equal(new[] { name }, document.DeclaredRoles);
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("role {0}!")]
    [InlineData("option {0} = on")]
    [InlineData("option catalog = {0}")]
    [InlineData("N:A = R{0}")]
    [InlineData("X:{0} = Production")]
    [InlineData("T:A.{0}. = Production")]
    [InlineData("N:A.{0}+ = Production")]
    [InlineData("T:A.{0}(*) = Production")]
    [InlineData("M:A.B{0}(x)(*) = Production")]
    [InlineData("T:{0}( = Production")]
    [InlineData("N:{0} = Production\nN:{0} = DataScience")]
    [InlineData("R{0} -> Production")]
    public void Every_message_quotes_at_most_100_characters_of_user_text(string template)
    {
        var huge = new string('a', 1_000_000);
        var document = PolicyParser.Parse("MlRoles.txt", string.Format(System.Globalization.CultureInfo.InvariantCulture, template, huge));

        Assert.NotEmpty(document.Errors);
        foreach (var error in document.Errors)
        {
            Assert.True(error.Message.Length < 600, $"{error.Message.Length} characters: {error.Message.Substring(0, System.Math.Min(300, error.Message.Length))}");
            Assert.Contains(new string('a', 90) + "\u2026", error.Message, System.StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("short", "short")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789", "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890", "012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678\u2026")]
    public void Quote_keeps_100_characters_and_cuts_longer_text_with_an_ellipsis(string text, string expected)
    {
        Assert.Equal(expected, UserText.Quote(text));
    }

    [Fact]
    public void Quote_does_not_split_a_surrogate_pair()
    {
        var text = new string('a', 98) + "\U0001F600" + "tail";

        Assert.Equal(new string('a', 98) + "\u2026", UserText.Quote(text));
    }

    [Fact]
    public void A_declared_role_that_mixes_Latin_and_Cyrillic_letters_is_an_error()
    {
        // 'Lаbeling' with a Cyrillic 'а' (U+0430).
        var document = PolicyParser.Parse("MlRoles.txt", "role L\u0430beling\n");

        var error = Assert.Single(document.Errors);
        Assert.Equal(
            (0, 5, 8, "the role name 'L\u0430beling' mixes Latin and Cyrillic letters: '\u0430' (U+0430) at character 2 is Cyrillic; write the name in one script"),
            (error.Span.Line, error.Span.Column, error.Span.Length, error.Message));
        Assert.Empty(document.DeclaredRoles);
    }

    [Fact]
    public void A_declared_role_that_looks_like_another_one_is_an_error()
    {
        // Cyrillic 'АВС' after Latin 'ABC'.
        var document = PolicyParser.Parse("MlRoles.txt", "role ABC\nrole \u0410\u0412\u0421\n");

        var error = Assert.Single(document.Errors);
        Assert.Equal(
            (1, 5, 3, "'\u0410\u0412\u0421' looks like 'ABC' but is not the same name: its '\u0410' (U+0410) at character 1 is Cyrillic, where 'ABC' has 'A' (U+0041); use that role, or choose a name that looks different"),
            (error.Span.Line, error.Span.Column, error.Span.Length, error.Message));
        Assert.Equal(new[] { "ABC" }, document.DeclaredRoles);
    }

    [Fact]
    public void A_role_name_in_one_other_script_is_accepted()
    {
        var document = PolicyParser.Parse("MlRoles.txt", "role \u0420\u0430\u0437\u043C\u0435\u0442\u043A\u0430\nN:A = \u0420\u0430\u0437\u043C\u0435\u0442\u043A\u0430\n");

        Assert.Empty(document.Errors);
        Assert.Equal("\u0420\u0430\u0437\u043C\u0435\u0442\u043A\u0430", Assert.Single(document.Mappings).Target);
    }

    [Fact]
    public void An_unknown_role_that_looks_like_a_built_in_one_says_which_letter_differs_instead_of_suggesting_the_same_looking_name()
    {
        // 'Prоduction' with a Cyrillic 'о' (U+043E).
        var document = PolicyParser.Parse("MlRoles.txt", "N:A = Pr\u043Eduction\n");

        var error = Assert.Single(document.Errors);
        Assert.Equal(
            (0, 6, 10, $"unknown role 'Pr\u043Eduction'; 'Pr\u043Eduction' looks like 'Production' but is not the same name: its '\u043E' (U+043E) at character 3 is Cyrillic, where 'Production' has 'o' (U+006F); retype it. use a built-in role ({BuiltIns}) or declare it with 'role <Name>'"),
            (error.Span.Line, error.Span.Column, error.Span.Length, error.Message));
        Assert.Empty(document.Mappings);
    }

    [Fact]
    public void An_unknown_mixed_script_role_says_so_and_still_suggests_the_closest_role()
    {
        // 'Prоdution': a Cyrillic 'о' and a missing 'c'.
        var document = PolicyParser.Parse("MlRoles.txt", "DataScience -> Pr\u043Edution\n");

        var error = Assert.Single(document.Errors);
        Assert.Equal(
            $"unknown role 'Pr\u043Edution'; the name mixes Latin and Cyrillic letters: '\u043E' (U+043E) at character 3 is Cyrillic. Did you mean 'Production'? use a built-in role ({BuiltIns}) or declare it with 'role <Name>'",
            error.Message);
    }
}
