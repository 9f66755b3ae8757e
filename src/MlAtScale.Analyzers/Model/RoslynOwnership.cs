using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using MlAtScale.Core.Policy;
using MlAtScale.Core.Precedence;
using Microsoft.CodeAnalysis;

namespace MlAtScale.Analyzers.Model;

/// <summary>
/// The Roslyn front end of the ownership precedence: answers <see cref="OwnershipRules{TSymbol, TAssembly}"/>'s
/// questions from Roslyn symbols of one compilation. Decides nothing about precedence itself.
/// </summary>
internal sealed class RoslynOwnership : OwnershipRules<ISymbol, IAssemblySymbol>
{
    private readonly Compilation _compilation;
    private readonly ParsedPolicy _shared;
    private readonly bool _catalogOn;
    private readonly ConcurrentDictionary<INamedTypeSymbol, AttributeKind> _attributeKinds = new(32, 256, SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamespaceSymbol, string> _namespaceNames = new(32, 256, SymbolEqualityComparer.Default);

    /// <summary>
    /// Ownership for one compilation whose metadata symbols' ownership is shared, through
    /// <paramref name="shared"/>, with every other compilation that has the same policy files.
    /// </summary>
    public RoslynOwnership(Compilation compilation, ParsedPolicy shared, MappingLayer catalog, bool catalogOn)
        : base(shared.Layer, catalog, shared.Set.KnownRoles, SymbolEqualityComparer.Default, SymbolEqualityComparer.Default, shared.Paths)
    {
        _compilation = compilation;
        _shared = shared;
        _catalogOn = catalogOn;
    }

    protected override Ownership ResolveUnseen(ISymbol symbol) =>
        IsFromMetadata(symbol) ? _shared.GetMetadataOwnership(symbol, _catalogOn, Resolve) : Resolve(symbol);

    /// <summary>
    /// Whether the symbol was read from a metadata reference (not this compilation's source, nor a
    /// referenced compilation's): its ownership then depends only on the symbol, the policy and the
    /// catalog switch, so it can be shared across compilations.
    /// </summary>
    private bool IsFromMetadata(ISymbol symbol) =>
        symbol.ContainingAssembly is { } assembly &&
        !SymbolEqualityComparer.Default.Equals(assembly, _compilation.Assembly) &&
        symbol.Locations is { Length: > 0 } locations && locations[0].IsInMetadata;

    public string GetNamespaceName(INamespaceSymbol ns) =>
        ns.IsGlobalNamespace
            ? string.Empty
            : _namespaceNames.GetOrAdd(ns, n => n.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)));

    /// <summary>What an attribute means to the role model; for a role attribute also its role name.</summary>
    public AttributeKind Classify(AttributeData attribute, out string? role)
    {
        role = null;
        var attributeClass = attribute.AttributeClass;
        if (attributeClass is null || attributeClass.TypeKind == TypeKind.Error)
        {
            return AttributeKind.None;
        }

        var kind = _attributeKinds.GetOrAdd(attributeClass, ClassifyType);
        if (kind == AttributeKind.Role)
        {
            role = RoleAttributeNames.RoleOf(
                attributeClass.ToDisplayString(),
                attributeClass.Name,
                attribute.ConstructorArguments.Length >= 1 ? attribute.ConstructorArguments[0].Value as string : null);
        }

        return kind;
    }

    private static AttributeKind ClassifyType(INamedTypeSymbol attributeClass)
    {
        var name = attributeClass.ToDisplayString();
        if (name == RoleAttributeNames.ContractAttribute)
        {
            return AttributeKind.Contract;
        }

        if (name == RoleAttributeNames.AllowAttribute)
        {
            return AttributeKind.Allow;
        }

        for (INamedTypeSymbol? t = attributeClass; t is not null; t = t.BaseType)
        {
            if (t.ToDisplayString() == RoleAttributeNames.RoleAttribute)
            {
                return AttributeKind.Role;
            }
        }

        return AttributeKind.None;
    }

    /// <summary>The first of the type's declaring files in ordinal path order; null for a type of another assembly.</summary>
    protected override string? GetSourcePath(ISymbol type)
    {
        if (!SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _compilation.Assembly))
        {
            return null;
        }

        string? first = null;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var path = reference.SyntaxTree.FilePath;
            if (!string.IsNullOrEmpty(path) && (first is null || string.CompareOrdinal(path, first) < 0))
            {
                first = path;
            }
        }

        return first;
    }

    protected override bool TryGetContainingType(ISymbol symbol, out ISymbol containingType)
    {
        containingType = symbol.ContainingType;
        return containingType is not null;
    }

    protected override IAssemblySymbol? GetAssembly(ISymbol topLevelType) => topLevelType.ContainingNamespace?.ContainingAssembly;

    protected override string GetNamespace(ISymbol topLevelType) =>
        topLevelType.ContainingNamespace is { } ns ? GetNamespaceName(ns) : string.Empty;

    protected override bool IsType(ISymbol symbol) => symbol is INamedTypeSymbol;

    protected override string? GetLookupName(ISymbol symbol) => symbol.Name;

    protected override string? GetDeclarationId(ISymbol symbol, out string? alternateId) => SymbolIds.GetDeclarationId(symbol, out alternateId);

    protected override void ReadRoleAttributes(ISymbol symbol, RoleAttributes found) => Read(symbol.GetAttributes(), found);

    protected override void ReadRoleAttributes(IAssemblySymbol assembly, RoleAttributes found) => Read(assembly.GetAttributes(), found);

    private void Read(ImmutableArray<AttributeData> attributes, RoleAttributes found)
    {
        foreach (var attribute in attributes)
        {
            switch (Classify(attribute, out var roleName))
            {
                case AttributeKind.Role:
                    found.AddRole(roleName);
                    break;
                case AttributeKind.Contract:
                    found.AddContract();
                    break;
            }
        }
    }

    protected override bool AcceptsUndeclaredRoles(ISymbol symbol) => !symbol.Locations.Any(l => l.IsInSource);

    protected override bool AcceptsUndeclaredRoles(IAssemblySymbol assembly) => !SymbolEqualityComparer.Default.Equals(assembly, _compilation.Assembly);

    protected override IEnumerable<ISymbol> GetBaseTypes(ISymbol type)
    {
        for (var baseType = ((INamedTypeSymbol)type).BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            yield return baseType.OriginalDefinition;
        }
    }

    protected override IEnumerable<ISymbol> GetAllInterfaces(ISymbol type) =>
        ((INamedTypeSymbol)type).AllInterfaces.Select(i => (ISymbol)i.OriginalDefinition);

    protected override IEnumerable<ISymbol> GetOverriddenAndImplemented(ISymbol member, MappingLayer layer)
    {
        ImmutableArray<ISymbol> explicitImplementations = member switch
        {
            IMethodSymbol m => m.ExplicitInterfaceImplementations.CastArray<ISymbol>(),
            IPropertySymbol p => p.ExplicitInterfaceImplementations.CastArray<ISymbol>(),
            IEventSymbol e => e.ExplicitInterfaceImplementations.CastArray<ISymbol>(),
            _ => ImmutableArray<ISymbol>.Empty,
        };
        if (explicitImplementations.IsEmpty && !layer.HasName(member.Name))
        {
            yield break;
        }

        // An override implements what the member it overrides implements: Roslyn names the overridden
        // member as the implementation, so the chain is kept for the interface check below.
        var chain = new List<ISymbol> { member };
        for (var overridden = Overridden(member); overridden is not null; overridden = Overridden(overridden))
        {
            chain.Add(overridden);
            yield return overridden.OriginalDefinition;
        }

        foreach (var implemented in explicitImplementations)
        {
            yield return implemented.OriginalDefinition;
        }

        if (member.ContainingType is not { } containingType || member.IsStatic)
        {
            yield break;
        }

        foreach (var @interface in containingType.AllInterfaces)
        {
            foreach (var candidate in @interface.GetMembers(member.Name))
            {
                if (containingType.FindImplementationForInterfaceMember(candidate) is { } implementation &&
                    chain.Exists(m => SymbolEqualityComparer.Default.Equals(m, implementation) || SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, implementation.OriginalDefinition)))
                {
                    yield return candidate.OriginalDefinition;
                }
            }
        }
    }

    private static ISymbol? Overridden(ISymbol member) => member switch
    {
        IMethodSymbol m => m.OverriddenMethod,
        IPropertySymbol p => p.OverriddenProperty,
        IEventSymbol e => e.OverriddenEvent,
        _ => null,
    };
}

/// <summary>What an attribute means to the role model.</summary>
internal enum AttributeKind
{
    None,
    Role,
    Contract,
    Allow,
}
