using System.Collections.Generic;
using System.Linq;
using MlAtScale.Build.Tasks.Report;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>How an MLR0007 (owner, role, expiry properties) is matched to the exception records of its allowance.</summary>
public sealed class ExpiredAllowancesTests
{
    [Theory]
    [InlineData("M:Ns.Outer.Inner.Run(System.String)", "M:Ns.Outer.Inner.Run(System.String)", true)]
    [InlineData("T:Ns.Outer", "M:Ns.Outer.Inner.Run(System.String)", true)]
    [InlineData("T:Ns.Outer.Inner", "M:Ns.Outer.Inner.Run(System.String)", true)]
    [InlineData("T:Ns.Box`1", "M:Ns.Box`1.#ctor(`0)", true)]
    [InlineData("T:Ns.Out", "M:Ns.Outer.Run", false)]
    [InlineData("T:Ns.Outer", "M:Ns.Other.Run(Ns.Outer)", false)]
    [InlineData("M:Ns.Outer.Run", "M:Ns.Outer.Run2", false)]
    public void An_allowance_covers_its_owner_and_the_members_of_an_owning_type(string owner, string user, bool covers) =>
        Assert.Equal(covers, ExpiredAllowances.Covers(owner, user));

    [Fact]
    public void Reads_the_MLR0007_properties()
    {
        var properties = new Dictionary<string, string> { ["owner"] = "T:Ns.Outer", ["usedRole"] = "Production", ["expires"] = "2027-03-31 " };
        Assert.Equal(new ExpiredAllowances.Expired("T:Ns.Outer", "Production", "2027-03-31"), ExpiredAllowances.From(properties));
        Assert.Null(ExpiredAllowances.From(new Dictionary<string, string> { ["owner"] = "T:Ns.Outer" }));
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

        ExpiredAllowances.Mark(uses, new[] { new ExpiredAllowances.Expired("T:Ns.Outer", "Production", "2027-03-31") });

        Assert.Equal(new[] { true, false, false, false, false }, uses.Select(u => u.Expired));
    }
}
