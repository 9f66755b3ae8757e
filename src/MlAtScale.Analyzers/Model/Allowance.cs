using MlAtScale.Core.Edges;
using Microsoft.CodeAnalysis;

namespace MlAtScale.Analyzers.Model;

/// <summary>One [AllowRoleCrossing] attribute read from source or metadata, with the symbol that carries it.</summary>
internal sealed class Allowance : CrossingAllowance
{
    private Allowance(string? role, string? justification, string? expires, ISymbol owner, AttributeData attribute)
        : base(role, justification, expires)
    {
        Owner = owner;
        Attribute = attribute;
    }

    public ISymbol Owner { get; }

    public AttributeData Attribute { get; }

    public static Allowance From(AttributeData attribute, ISymbol owner)
    {
        var role = attribute.ConstructorArguments.Length >= 1 ? attribute.ConstructorArguments[0].Value as string : null;
        string? justification = null;
        string? expires = null;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "Justification")
            {
                justification = named.Value.Value as string;
            }
            else if (named.Key == "Expires")
            {
                expires = named.Value.Value as string;
            }
        }

        return new Allowance(role, justification, expires, owner, attribute);
    }
}
