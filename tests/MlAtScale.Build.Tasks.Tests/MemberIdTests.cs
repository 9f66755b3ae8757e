using System.Collections.Immutable;
using System.Linq;
using System.Text;
using MlAtScale.Core.Policy;
using MlAtScale.Build.Tasks.Metadata;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>Member IDs built in one buffer, and lookup names taken from the member name, equal the plain string way.</summary>
public sealed class MemberIdTests
{
    public static readonly TheoryData<string, string, int, string[]> Members = new()
    {
        { "Shop.Data.Orders", "Count", 0, new string[0] },
        { "Shop.Data.Orders", ".ctor", 0, new[] { "System.Int32", "System.String" } },
        { "Shop.Data.Orders", ".cctor", 0, new string[0] },
        { "Shop.Data.Generic`1", "op_Implicit", 0, new[] { "Shop.Data.Generic{`0}" } },
        { "Shop.Data.Orders", "Map", 2, new[] { "``0", "System.Func{``0,``1}", "``1[]@" } },
        { "Shop.Data.Outer`1.Inner`2", "Item", 0, new[] { "`0", "`2" } },
        { "Shop.Data.Orders", "System.IDisposable.Dispose", 0, new string[0] },
        { "Shop.Data.Orders", "System.Collections.Generic.IEnumerable<System.Int32>.GetEnumerator", 0, new string[0] },
        { "Shop.Data.Orders", "Odd,Name", 0, new string[0] },
        { "Shop.Data.Orders", "Odd`Name", 1, new string[0] },
        { "Shop.Data.Orders", "Odd#Name", 0, new string[0] },
        { "Shop.Data.Orders", "#ctor", 0, new string[0] },
        { "Shop.Data.Orders", "Odd~Name", 0, new[] { "System.Int32" } },
        { "Shop.Data.Orders", "Odd(Name", 0, new string[0] },
        { "Shop.We(ird", "Count", 0, new[] { "System.Int32" } },
        { "Shop.We~ird", "Count", 0, new string[0] },
        { "NoNamespace", "Run", 0, new string[0] },
    };

    [Theory]
    [MemberData(nameof(Members))]
    public void Built_id_and_lookup_name_equal_the_string_way(string typeName, string name, int arity, string[] parameters)
    {
        foreach (var kind in new[] { 'M', 'P', 'F', 'E' })
        {
            var plain = kind + ":" + typeName + "." + name.Replace('.', '#') +
                        (arity > 0 ? "``" + arity : string.Empty) +
                        (parameters.Length == 0 ? string.Empty : "(" + string.Join(",", parameters) + ")");
            var built = MetadataOwnership.MemberId(new StringBuilder(4), kind, typeName, name, arity, parameters.ToImmutableArray());
            Assert.Equal(plain, built);

            var fast = MetadataOwnership.LookupName(MetadataOwnership.IsPlainTypeName(typeName), name);
            Assert.Equal(PolicyParser.LookupName(plain), fast ?? PolicyParser.LookupName(plain));
        }
    }

    [Fact]
    public void Lookup_name_is_the_member_name_itself_only_for_plain_names()
    {
        Assert.Equal(".ctor", MetadataOwnership.LookupName(true, ".ctor"));
        Assert.Equal("System.IDisposable.Dispose", MetadataOwnership.LookupName(true, "System.IDisposable.Dispose"));
        Assert.Null(MetadataOwnership.LookupName(true, "IEnumerable<System.Int32>.GetEnumerator"));
        Assert.Null(MetadataOwnership.LookupName(true, "Odd#Name"));
        Assert.Null(MetadataOwnership.LookupName(false, "Count"));
        Assert.False(MetadataOwnership.IsPlainTypeName("Shop.We(ird"));
        Assert.True(MetadataOwnership.IsPlainTypeName("Shop.Data.Outer`1.Inner`2"));
    }

    [Fact]
    public void Primitive_type_names_are_the_enum_names_under_System()
    {
        var provider = new DocIdTypeProvider();
        Assert.Equal("System.Int32", provider.GetPrimitiveType(System.Reflection.Metadata.PrimitiveTypeCode.Int32));
        Assert.Equal("System.IntPtr", provider.GetPrimitiveType(System.Reflection.Metadata.PrimitiveTypeCode.IntPtr));
        Assert.Equal("System.UIntPtr", provider.GetPrimitiveType(System.Reflection.Metadata.PrimitiveTypeCode.UIntPtr));
        Assert.Equal("System.TypedReference", provider.GetPrimitiveType(System.Reflection.Metadata.PrimitiveTypeCode.TypedReference));
        Assert.Equal("System.Object", provider.GetPrimitiveType(System.Reflection.Metadata.PrimitiveTypeCode.Object));
        Assert.Equal("System.Void", provider.GetPrimitiveType(System.Reflection.Metadata.PrimitiveTypeCode.Void));
    }

    [Theory]
    [InlineData("Ns.List`1", "System.Int32")]
    [InlineData("Ns.Outer`1.Inner`2", "A,B,C")]
    [InlineData("Ns.Outer`1.Inner", "A")]
    [InlineData("Ns.Outer`2", "A")]
    [InlineData("Ns.Outer`1", "A,B")]
    [InlineData("Dict`x", "A")]
    [InlineData("A..B`1.", "A")]
    [InlineData(".Lead`1", "A")]
    [InlineData("", "A")]
    [InlineData("Ns.Odd`-1.Next`1", "A,B")]
    public void Generic_instantiation_equals_the_split_way(string genericType, string arguments)
    {
        var typeArguments = arguments.Split(',').ToImmutableArray();
        Assert.Equal(SplitWay(genericType, typeArguments), new DocIdTypeProvider().GetGenericInstantiation(genericType, typeArguments));
    }

    /// <summary>The former implementation.</summary>
    private static string SplitWay(string genericType, ImmutableArray<string> typeArguments)
    {
        var builder = new StringBuilder();
        var next = 0;
        var segments = genericType.Split('.');
        for (var s = 0; s < segments.Length; s++)
        {
            if (s > 0)
            {
                builder.Append('.');
            }

            var segment = segments[s];
            var tick = segment.IndexOf('`');
            if (tick < 0 || !int.TryParse(segment.Substring(tick + 1), out var arity))
            {
                builder.Append(segment);
                continue;
            }

            builder.Append(segment, 0, tick).Append('{');
            for (var i = 0; i < arity && next < typeArguments.Length; i++, next++)
            {
                builder.Append(i == 0 ? string.Empty : ",").Append(typeArguments[next]);
            }

            builder.Append('}');
        }

        return builder.ToString();
    }
}
