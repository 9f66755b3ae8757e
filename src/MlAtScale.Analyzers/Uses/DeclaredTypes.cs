using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MlAtScale.Analyzers.Uses;

/// <summary>
/// The type a name in a member's signature stands for, read from the declared member instead of
/// binding the name again: parameter, return, property, indexer, event and field types, and the types
/// nested in them (generic arguments, array elements, nullable and tuple elements). Anything else, or
/// anything whose shape does not line up with the declared symbol (an alias, an error type, a partial
/// declaration elsewhere), returns null and is left to the semantic model.
/// </summary>
internal static class DeclaredTypes
{
    private enum StepKind
    {
        GenericArgument,
        ArrayElement,
        Nullable,
        TupleElement,
    }

    // One memo per analyzer thread, lent to one declaration walk at a time (see RentMemo).
    [System.ThreadStatic]
    private static Dictionary<SyntaxNode, ITypeSymbol?>? s_freeMemo;

    /// <summary>
    /// A memo for the generic names of one declaration or block walk: the types of generic names
    /// already resolved there. Names are visited outermost first, so a name nested in generic arguments
    /// finds its enclosing generic's type in it after one step up instead of walking to the declaration
    /// slot again: linear in the nesting depth instead of quadratic. Give it back with <see cref="ReturnMemo"/>.
    /// </summary>
    public static Dictionary<SyntaxNode, ITypeSymbol?> RentMemo()
    {
        var memo = s_freeMemo ?? new Dictionary<SyntaxNode, ITypeSymbol?>();
        s_freeMemo = null;
        return memo;
    }

    public static void ReturnMemo(Dictionary<SyntaxNode, ITypeSymbol?> memo)
    {
        memo.Clear();
        s_freeMemo = memo;
    }

    public static ISymbol? Find(SimpleNameSyntax name, ISymbol? member, Dictionary<SyntaxNode, ITypeSymbol?>? generics = null) =>
        member is null ? null : Find(name, slot => SlotType(slot, member), generics);

    /// <summary>
    /// The type a name stands for, given the type that fills the slot its type syntax is in
    /// (<paramref name="slotType"/>: the declared member's, or the operation tree's in a body).
    /// </summary>
    public static ISymbol? Find(SimpleNameSyntax name, System.Func<SyntaxNode, ITypeSymbol?> slotType, Dictionary<SyntaxNode, ITypeSymbol?>? generics = null)
    {
        // From the name out to the type syntax that fills a declaration slot (or to a generic name whose
        // type is known already), remembering the path.
        List<(StepKind Kind, int Index, SyntaxNode? Generic)>? path = null;
        var full = FullName(name);
        var node = full;
        ITypeSymbol? type = null;
        var known = false;
        while (!known)
        {
            switch (node.Parent)
            {
                case TypeArgumentListSyntax arguments when arguments.Parent is GenericNameSyntax generic:
                    var genericName = FullName(generic);
                    (path ??= new()).Add((StepKind.GenericArgument, arguments.Arguments.IndexOf((TypeSyntax)node), genericName));
                    node = genericName;
                    known = generics is not null && generics.TryGetValue(genericName, out type);
                    continue;
                case ArrayTypeSyntax array when array.ElementType == node:
                    (path ??= new()).Add((StepKind.ArrayElement, 0, null));
                    node = array;
                    continue;
                case NullableTypeSyntax nullable:
                    (path ??= new()).Add((StepKind.Nullable, 0, null));
                    node = nullable;
                    continue;
                case TupleElementSyntax { Parent: TupleTypeSyntax tuple } element:
                    (path ??= new()).Add((StepKind.TupleElement, tuple.Elements.IndexOf(element), null));
                    node = tuple;
                    continue;
                case RefTypeSyntax reference:
                    node = reference;
                    continue;
            }

            break;
        }

        if (!known)
        {
            type = slotType(node);
        }

        for (var i = (path?.Count ?? 0) - 1; type is not null && i >= 0; i--)
        {
            var (kind, index, genericNode) = path![i];
            if (genericNode is not null && generics is not null)
            {
                generics[genericNode] = type;
            }

            type = kind switch
            {
                StepKind.GenericArgument => type is INamedTypeSymbol { IsTupleType: false } generic && index >= 0 && index < generic.TypeArguments.Length ? generic.TypeArguments[index] : null,
                StepKind.ArrayElement => (type as IArrayTypeSymbol)?.ElementType,
                StepKind.Nullable => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type,
                StepKind.TupleElement => type is INamedTypeSymbol { IsTupleType: true } tuple && index >= 0 && index < tuple.TupleElements.Length ? tuple.TupleElements[index].Type : null,
                _ => null,
            };
        }

        if (name is GenericNameSyntax && generics is not null)
        {
            generics[full] = type;
        }

        // The name must really be that type's name (an alias or `Foo` naming `Bar` is left to the model).
        return type switch
        {
            INamedTypeSymbol { TypeKind: not TypeKind.Error, IsTupleType: false } named when IsNamed(named, name) => named,
            ITypeParameterSymbol parameter when parameter.Name == name.Identifier.ValueText && name is IdentifierNameSyntax => parameter,
            _ => null,
        };
    }

    /// <summary>
    /// For the name of an attribute on a declaration (<c>Foo</c> in <c>[Foo(...)]</c>), the attribute's
    /// constructor, and for a named argument's name (<c>Bar</c> in <c>[Foo(Bar = 1)]</c>) the property or
    /// field it sets, read from the attributes the compiler has already bound for the declared symbol;
    /// null when the attribute is not found there (it is then left to the semantic model).
    /// </summary>
    public static ISymbol? FindInAttribute(SimpleNameSyntax name, ISymbol? member)
    {
        AttributeSyntax? attribute;
        string? argumentName = null;
        var full = FullName(name);
        if (full.Parent is AttributeSyntax named && named.Name == full)
        {
            attribute = named;
        }
        else if (name.Parent is NameEqualsSyntax { Parent: AttributeArgumentSyntax { Parent: AttributeArgumentListSyntax { Parent: AttributeSyntax owner } } } equals && equals.Name == name)
        {
            attribute = owner;
            argumentName = name.Identifier.ValueText;
        }
        else
        {
            return null;
        }

        if (member is null || FindAttributeData(attribute, member) is not { AttributeConstructor: { } constructor })
        {
            return null;
        }

        if (argumentName is null)
        {
            return constructor;
        }

        for (var type = constructor.ContainingType; type is not null; type = type.BaseType)
        {
            foreach (var candidate in type.GetMembers(argumentName))
            {
                if (candidate is IPropertySymbol or IFieldSymbol && !candidate.IsStatic)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The constructor of an attribute on <paramref name="member"/>'s declaration, as the compiler bound it; null when not found.</summary>
    public static IMethodSymbol? AttributeConstructor(AttributeSyntax attribute, ISymbol? member) =>
        member is null ? null : FindAttributeData(attribute, member)?.AttributeConstructor;

    private static AttributeData? FindAttributeData(AttributeSyntax attribute, ISymbol member)
    {
        var list = attribute.Parent as AttributeListSyntax;
        var owners = list?.Target?.Identifier.ValueText switch
        {
            "return" when member is IMethodSymbol method => Find(method.GetReturnTypeAttributes(), attribute),
            _ => Find(member.GetAttributes(), attribute),
        };
        if (owners is not null)
        {
            return owners;
        }

        // An attribute on a parameter or type parameter of the member.
        var parameters = member switch
        {
            IMethodSymbol method => method.Parameters,
            IPropertySymbol property => property.Parameters,
            INamedTypeSymbol { DelegateInvokeMethod: { } invoke } => invoke.Parameters,
            _ => default,
        };
        if (!parameters.IsDefaultOrEmpty && list?.Parent is ParameterSyntax)
        {
            foreach (var parameter in parameters)
            {
                if (Find(parameter.GetAttributes(), attribute) is { } found)
                {
                    return found;
                }
            }
        }

        var typeParameters = member switch
        {
            IMethodSymbol method => method.TypeParameters,
            INamedTypeSymbol type => type.TypeParameters,
            _ => default,
        };
        if (!typeParameters.IsDefaultOrEmpty && list?.Parent is TypeParameterSyntax)
        {
            foreach (var typeParameter in typeParameters)
            {
                if (Find(typeParameter.GetAttributes(), attribute) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static AttributeData? Find(System.Collections.Immutable.ImmutableArray<AttributeData> attributes, AttributeSyntax attribute)
    {
        foreach (var data in attributes)
        {
            if (data.ApplicationSyntaxReference is { } reference && reference.Span == attribute.Span && reference.SyntaxTree == attribute.SyntaxTree)
            {
                return data;
            }
        }

        return null;
    }

    /// <summary>The declared type that the type syntax <paramref name="type"/> fills in <paramref name="member"/>'s declaration.</summary>
    private static ITypeSymbol? SlotType(SyntaxNode type, ISymbol member)
    {
        switch (type.Parent)
        {
            case ParameterSyntax { Parent: BaseParameterListSyntax list } parameter when parameter.Type == type:
                if (member is IParameterSymbol declared)
                {
                    return declared.Name == parameter.Identifier.ValueText && Declares(declared, parameter) ? declared.Type : null;
                }

                var parameters = member switch
                {
                    IMethodSymbol method when Declares(method, list.Parent) => method.Parameters,
                    IPropertySymbol { IsIndexer: true } indexer when Declares(indexer, list.Parent) => indexer.Parameters,
                    INamedTypeSymbol { DelegateInvokeMethod: { } invoke } when list.Parent is DelegateDeclarationSyntax => invoke.Parameters,
                    _ => default,
                };
                var index = list.Parameters.IndexOf(parameter);
                return !parameters.IsDefault && index >= 0 && index < parameters.Length && parameters[index].Name == parameter.Identifier.ValueText
                    ? parameters[index].Type
                    : null;
            case MethodDeclarationSyntax declaration when declaration.ReturnType == type && member is IMethodSymbol method && Declares(method, declaration):
                return method.ReturnType;
            case OperatorDeclarationSyntax declaration when declaration.ReturnType == type && member is IMethodSymbol method && Declares(method, declaration):
                return method.ReturnType;
            case ConversionOperatorDeclarationSyntax declaration when declaration.Type == type && member is IMethodSymbol method && Declares(method, declaration):
                return method.ReturnType;
            case DelegateDeclarationSyntax declaration when declaration.ReturnType == type && member is INamedTypeSymbol { DelegateInvokeMethod: { } invoke }:
                return invoke.ReturnType;
            case BasePropertyDeclarationSyntax declaration when declaration.Type == type:
                return member switch
                {
                    IPropertySymbol property when Declares(property, declaration) => property.Type,
                    IEventSymbol @event when Declares(@event, declaration) => @event.Type,
                    _ => null,
                };
            case VariableDeclarationSyntax { Parent: BaseFieldDeclarationSyntax field } variables when variables.Type == type:
                return member switch
                {
                    IFieldSymbol f when Declares(f, variables) => f.Type,
                    IEventSymbol e when Declares(e, variables) => e.Type,
                    _ => null,
                };
            case BaseTypeSyntax { Parent: BaseListSyntax { Parent: TypeDeclarationSyntax declaration } } when member is INamedTypeSymbol { TypeKind: not TypeKind.Enum } declaredType && Declares(declaredType, declaration):
                // A base class or interface: the declared type's own, matched by name (the final check
                // in Find compares the name again; an alias or an ambiguous match is left to the model).
                var interfaces = System.Collections.Immutable.ImmutableArray<ITypeSymbol>.CastUp(declaredType.Interfaces);
                return Unique(type, declaredType.BaseType is { } baseType ? interfaces.Insert(0, baseType) : interfaces);
            case TypeConstraintSyntax { Parent: TypeParameterConstraintClauseSyntax clause }:
                var typeParameters = member switch
                {
                    INamedTypeSymbol named => named.TypeParameters,
                    IMethodSymbol method when clause.Parent is MethodDeclarationSyntax methodDeclaration && Declares(method, methodDeclaration) => method.TypeParameters,
                    _ => default,
                };
                if (typeParameters.IsDefault)
                {
                    return null;
                }

                foreach (var typeParameter in typeParameters)
                {
                    if (typeParameter.Name == clause.Name.Identifier.ValueText)
                    {
                        return Unique(type, typeParameter.ConstraintTypes);
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>The one named type among <paramref name="candidates"/> with the name and arity of the type syntax, or null.</summary>
    private static ITypeSymbol? Unique(SyntaxNode type, System.Collections.Immutable.ImmutableArray<ITypeSymbol> candidates)
    {
        var name = type switch
        {
            SimpleNameSyntax simple => simple,
            QualifiedNameSyntax qualified => qualified.Right,
            AliasQualifiedNameSyntax alias => alias.Name,
            _ => null,
        };
        if (name is null)
        {
            return null;
        }

        ITypeSymbol? found = null;
        foreach (var candidate in candidates)
        {
            if (candidate is INamedTypeSymbol named && IsNamed(named, name))
            {
                if (found is not null)
                {
                    return null;
                }

                found = candidate;
            }
        }

        return found;
    }

    /// <summary>Whether <paramref name="name"/> spells the type's own name and arity (an alias does not).</summary>
    private static bool IsNamed(INamedTypeSymbol type, SimpleNameSyntax name) =>
        type.Name == name.Identifier.ValueText && type.Arity == (name is GenericNameSyntax generic ? generic.TypeArgumentList.Arguments.Count : 0);

    /// <summary>Whether <paramref name="declaration"/> is (or contains) one of the symbol's declarations.</summary>
    private static bool Declares(ISymbol symbol, SyntaxNode? declaration)
    {
        if (declaration is null)
        {
            return false;
        }

        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(reference.Span))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name with its qualifier (<c>A.B.Foo</c> for <c>Foo</c>), the node that stands for the type.</summary>
    internal static SyntaxNode FullName(SimpleNameSyntax name)
    {
        SyntaxNode node = name;
        while (node.Parent is QualifiedNameSyntax qualified && qualified.Right == node)
        {
            node = qualified;
        }

        if (node.Parent is AliasQualifiedNameSyntax alias && alias.Name == node)
        {
            node = alias;
        }

        return node;
    }
}
