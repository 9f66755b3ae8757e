using System.Collections.Generic;
using System.Linq;
using MlAtScale.Build.Tasks.Report;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>How an MLR0007 message (which carries no properties) is matched to the exception records of its allowance.</summary>
public sealed class ExpiredAllowancesTests
{
    private static readonly Dictionary<string, string> Types = new()
    {
        ["T:Ns.Outer"] = "Ns",
        ["T:Ns.Outer.Inner"] = "Ns",
        ["T:Ns.Box`1"] = "Ns",
        ["T:Ns.Grid"] = "Ns",
        ["T:Ns.Sub.C"] = "Ns.Sub",
    };

    [Theory]
    [InlineData("M:Ns.Outer.Inner.Run(System.String)", "Outer.Inner.Run|Outer.Inner|Outer")]
    [InlineData("M:Ns.Box`1.#ctor(`0)", "Box.Box|Box")]
    [InlineData("P:Ns.Grid.Item(System.Int32)", "Grid.this[]|Grid")]
    [InlineData("P:Ns.Grid.Item", "Grid.Item|Grid")]
    [InlineData("M:Ns.Sub.C.Map``1(``0)~``0", "C.Map|C")]
    [InlineData("T:Ns.Outer.Inner", "Outer.Inner|Outer")]
    public void Owner_names_are_the_member_and_its_containing_types_as_the_analyzer_displays_them(string id, string expected)
    {
        Assert.Equal(
            expected.Split('|').OrderBy(s => s, System.StringComparer.Ordinal),
            ExpiredAllowances.OwnerNames(id, Types).OrderBy(s => s, System.StringComparer.Ordinal));
    }

    [Fact]
    public void Parses_the_MLR0007_message_and_normalizes_generic_owners()
    {
        Assert.Equal(
            ("DataEngineering", "Outer.Inner.Load", "2027-01-15"),
            ExpiredAllowances.Parse("[AllowRoleCrossing(\"DataEngineering\")] on 'Outer<T>.Inner<U, V>.Load<W>' expired on 2027-01-15 (build date 2027-04-02); remove the crossing, or renew the allowance with a new justification and date"));
        Assert.Null(ExpiredAllowances.Parse("something else"));
        Assert.Equal("Outer.Inner.class", ExpiredAllowances.Normalize("Outer<T>.Inner<U, V>.@class"));
    }

    [Fact]
    public void Only_exceptions_with_the_same_role_expiry_and_owner_are_marked()
    {
        RoleUse Use(string user, string to, string? expires) =>
            new("exception", "MLR0006", "note", "DataScience", to, user, "M:X.Y", "a.cs", 1, 1, "why", "m") { Expires = expires };
        var uses = new[]
        {
            Use("M:Ns.Outer.Inner.Run(System.String)", "Production", "2027-03-31"),
            Use("M:Ns.Outer.Inner.Run(System.String)", "DataEngineering", "2027-03-31"),
            Use("M:Ns.Grid.Item(System.Int32)", "Production", "2027-03-31"),
            Use("M:Ns.Outer.Inner.Run(System.String)", "Production", null),
            Use("M:Ns.Outer.Inner.Run(System.String)", "Production", "2027-12-31"),
        };

        ExpiredAllowances.Mark(uses, new[] { "[AllowRoleCrossing(\"Production\")] on 'Outer' expired on 2027-03-31 (build date 2027-04-02); ..." }, Types);

        Assert.Equal(new[] { true, false, false, false, false }, uses.Select(u => u.Expired));
    }
}
