using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using MlAtScale.Analyzers.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlAtScale.Analyzers.Model;

/// <summary>
/// Everything the rules need about roles in one compilation: the merged policy, the catalog and the
/// memoised symbol → ownership lookups. Built once per compilation; thread-safe.
/// </summary>
internal sealed class RoleModel
{
    public const string PolicyFileName = "MlRoles.txt";
    public const string RoleAttributeMetadataName = RoleAttributeNames.RoleAttribute;
    public const string ContractAttributeMetadataName = RoleAttributeNames.ContractAttribute;
    public const string AllowAttributeMetadataName = RoleAttributeNames.AllowAttribute;
    public const string IncludeGeneratedCodeOption = "mlatscale.include_generated_code";
    public const string IncludeGeneratedCodeProperty = "build_property.MlAtScaleIncludeGeneratedCode";
    public const string CatalogProperty = "build_property.MlAtScaleCatalog";
    public const string CurrentDateProperty = "build_property.MlAtScaleCurrentDate";
    public const string CurrentDateOption = "mlatscale.current_date";

    // The catalog is the same for every compilation: index it once per process.
    private static readonly Lazy<PolicyLayer> CatalogLayer = new(() => new PolicyLayer(RoleCatalog.Index, OwnershipSource.CatalogSymbol, OwnershipSource.CatalogNamespace));
    private static readonly Lazy<PolicyLayer> EmptyLayer = new(() => new PolicyLayer(new MappingIndex(ImmutableArray<PolicyDocument>.Empty), OwnershipSource.CatalogSymbol, OwnershipSource.CatalogNamespace));

    private readonly Compilation _compilation;
    private readonly PolicyLayer _policy;
    private readonly PolicyLayer _catalog;
    private readonly PolicySet _set;
    // The caches are written once per symbol and read for every use. Many lock stripes and a starting
    // capacity in the thousands keep concurrent first lookups from waiting on each other or on a resize
    // (the profile showed analyzer threads waiting in GetOrAdd on the default two stripes).
    private const int CacheConcurrency = 32;
    private readonly ConcurrentDictionary<ISymbol, Ownership> _ownership = new(CacheConcurrency, 4096, SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamespaceSymbol, Ownership> _namespaceOwnership = new(CacheConcurrency, 256, SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ISymbol, ImmutableArray<Allowance>> _allowances = new(CacheConcurrency, 1024, SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, AttributeKind> _attributeKinds = new(CacheConcurrency, 256, SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamespaceSymbol, string> _namespaceNames = new(CacheConcurrency, 256, SymbolEqualityComparer.Default);

    private RoleModel(
        Compilation compilation,
        ImmutableArray<PolicyFile> policyFiles,
        PolicyLayer policy,
        PolicyLayer catalog,
        PolicySet set,
        bool includeGeneratedCode)
    {
        _compilation = compilation;
        PolicyFiles = policyFiles;
        _policy = policy;
        _catalog = catalog;
        _set = set;
        KnownRoles = ImmutableHashSet.CreateRange(StringComparer.Ordinal, set.KnownRoles);
        IncludeGeneratedCode = includeGeneratedCode;
    }

    /// <summary>The policy files of this project, in the order they apply (outermost first).</summary>
    public ImmutableArray<PolicyFile> PolicyFiles { get; }

    /// <summary>Built-in roles and the roles declared in the policy files.</summary>
    public ImmutableHashSet<string> KnownRoles { get; }

    private string? _knownRolesList;

    /// <summary>The known roles, built-in ones first in their documented order, then custom roles by name, comma-separated (computed once).</summary>
    public string KnownRolesList => _knownRolesList ??= string.Join(
        ",",
        KnownRoles.OrderBy(r => Array.IndexOf(PolicyParser.BuiltInRoles, r) is var i && i >= 0 ? i : int.MaxValue).ThenBy(r => r, StringComparer.Ordinal));

    /// <summary>Whether any code of this compilation can be owned at all; when not, the rules have nothing to check.</summary>
    public bool CanOwnSourceCode { get; private set; }

    public bool IncludeGeneratedCode { get; }

    public Compilation Compilation => _compilation;

    public static RoleModel Create(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var texts = options.AdditionalFiles.Where(IsPolicyFile).ToList();
        var parsed = ParsedPolicy.Get(texts.Select(t => (t.Path, t.GetText(cancellationToken)?.ToString() ?? string.Empty)).ToList());
        var set = parsed.Set;
        var files = ImmutableArray.CreateBuilder<PolicyFile>();
        foreach (var document in set.Documents)
        {
            files.Add(new PolicyFile(texts.First(t => t.Path == document.Path), document));
        }

        var policy = parsed.Layer;
        var globalOptions = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        var catalogOn =
            set.CatalogEnabled &&
            !(globalOptions.TryGetValue(CatalogProperty, out var catalogValue) && string.Equals(catalogValue.Trim(), "false", StringComparison.OrdinalIgnoreCase));
        var catalog = catalogOn ? CatalogLayer.Value : EmptyLayer.Value;

        var includeGenerated =
            (globalOptions.TryGetValue(IncludeGeneratedCodeOption, out var value) && IsTrue(value)) ||
            (globalOptions.TryGetValue(IncludeGeneratedCodeProperty, out value) && IsTrue(value));

        var baselines = ImmutableArray.CreateBuilder<BaselineSource>();
        foreach (var text in options.AdditionalFiles.Where(IsBaselineFile).OrderBy(t => t.Path, StringComparer.Ordinal))
        {
            var content = text.GetText(cancellationToken)?.ToString() ?? string.Empty;
            var parsedBaseline = BaselineCache.GetOrAdd(content, () => Tuple.Create(BaselineFile.Parse(content)));
            baselines.Add(new BaselineSource(text, parsedBaseline.Item1.Entries, parsedBaseline.Item1.Errors));
        }

        var model = new RoleModel(compilation, files.ToImmutable(), policy, catalog, set, includeGenerated)
        {
            Policy = parsed,
            _catalogOn = catalogOn,
            Baselines = baselines.ToImmutable(),
            CurrentDate = ReadDate(globalOptions, CurrentDateProperty) ?? ReadDate(globalOptions, CurrentDateOption),
        };
        foreach (var baseline in model.Baselines)
        {
            foreach (var entry in baseline.Entries)
            {
                model._baselineEntries[entry.Key] = (baseline, entry);
            }
        }

        model.CanOwnSourceCode =
            compilation.GetTypeByMetadataName(RoleAttributeMetadataName) is not null ||
            !policy.IsEmpty ||
            catalog.HasDerivedEntries;
        return model;
    }

    // Baseline files by content, shared across compilations like the policy (ParsedPolicy).
    private static readonly ContentCache<Tuple<(IReadOnlyList<BaselineEntry> Entries, IReadOnlyList<PolicyError> Errors)>> BaselineCache = new(8);

    private bool _catalogOn;

    /// <summary>The parsed policy files, shared with every compilation that has the same files.</summary>
    public ParsedPolicy Policy { get; private set; } = null!;

    private static DateTime? ReadDate(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && TryParseDate(value, out var date) ? date : null;

    /// <summary>Dates in allowances and options are ISO 8601 calendar dates: yyyy-MM-dd.</summary>
    public static bool TryParseDate(string? value, out DateTime date) =>
        DateTime.TryParseExact(value?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date);

    public static bool IsBaselineFile(AdditionalText text) =>
        string.Equals(System.IO.Path.GetFileName(text.Path), BaselineFile.FileName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The baseline files of this project (usually one).</summary>
    public ImmutableArray<BaselineSource> Baselines { get; private set; } = ImmutableArray<BaselineSource>.Empty;

    /// <summary>
    /// Today's date as the build passed it in (MlAtScaleCurrentDate), or null. The analyzer never reads
    /// the clock, so that its output depends only on its inputs; the date is one of them.
    /// </summary>
    public DateTime? CurrentDate { get; private set; }

    private readonly Dictionary<string, (BaselineSource Source, BaselineEntry Entry)> _baselineEntries = new(StringComparer.Ordinal);

    public bool HasBaseline => _baselineEntries.Count > 0;

    public IEnumerable<(BaselineSource Source, BaselineEntry Entry)> BaselineEntries => _baselineEntries.Values;

    public bool TryGetBaselineEntry(string key, out (BaselineSource Source, BaselineEntry Entry) entry) => _baselineEntries.TryGetValue(key, out entry);

    public static bool IsPolicyFile(AdditionalText text) =>
        string.Equals(System.IO.Path.GetFileName(text.Path), PolicyFileName, StringComparison.OrdinalIgnoreCase);

    private static bool IsTrue(string value) => string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    public bool IsEdgeAllowed(string from, string to) => _set.IsEdgeAllowed(from, to);

    /// <summary>
    /// The symbol whose ownership counts for a use or a user: the original definition, the extension
    /// method as declared, the property or event of an accessor, and what encloses a lambda or local function.
    /// </summary>
    public static ISymbol? Normalize(ISymbol? symbol)
    {
        while (symbol is not null)
        {
            switch (symbol)
            {
                case IMethodSymbol { MethodKind: MethodKind.LambdaMethod or MethodKind.LocalFunction or MethodKind.AnonymousFunction }:
                    symbol = symbol.ContainingSymbol;
                    continue;
                case IMethodSymbol { MethodKind: MethodKind.ReducedExtension } reduced:
                    symbol = reduced.ReducedFrom ?? reduced.OriginalDefinition;
                    continue;
                case IMethodSymbol { AssociatedSymbol: { } associated } accessor when accessor.MethodKind is MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise:
                    symbol = associated;
                    continue;
                case IAliasSymbol alias:
                    symbol = alias.Target;
                    continue;
                case IFieldSymbol { CorrespondingTupleField: { } tupleField } field when !SymbolEqualityComparer.Default.Equals(tupleField, field):
                    symbol = tupleField;
                    continue;
            }

            return SymbolEqualityComparer.Default.Equals(symbol, symbol.OriginalDefinition) ? symbol : symbol.OriginalDefinition;
        }

        return null;
    }

    /// <summary>The ownership of a type or member (normalised first). Memoised.</summary>
    public Ownership GetOwnership(ISymbol symbol)
    {
        var normalized = Normalize(symbol);
        switch (normalized)
        {
            case null:
                return Ownership.Unowned;
            case INamespaceSymbol ns:
                return GetNamespaceOwnership(ns);
            case IAssemblySymbol assembly:
                return GetNamespaceOwnership(assembly.GlobalNamespace);
            case IModuleSymbol module:
                return GetNamespaceOwnership(module.GlobalNamespace);
            case ITypeParameterSymbol or ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or IDiscardSymbol or IErrorTypeSymbol or IPreprocessingSymbol:
                return Ownership.Unowned;
            case INamedTypeSymbol { IsAnonymousType: true }:
                return Ownership.Unowned;
            case IArrayTypeSymbol or IPointerTypeSymbol or IDynamicTypeSymbol or IFunctionPointerTypeSymbol:
                return Ownership.Unowned;
        }

        if (_ownership.TryGetValue(normalized, out var cached))
        {
            return cached;
        }

        var result = IsFromMetadata(normalized) ? Policy.GetMetadataOwnership(normalized, _catalogOn, Resolve) : Resolve(normalized);
        return _ownership.GetOrAdd(normalized, result);
    }

    /// <summary>
    /// Whether the symbol was read from a metadata reference (not this compilation's source, nor a
    /// referenced compilation's): its ownership then depends only on the symbol, the policy and the
    /// catalog switch, and is shared across compilations (see <see cref="ParsedPolicy"/>).
    /// </summary>
    private bool IsFromMetadata(ISymbol symbol) =>
        symbol.ContainingAssembly is { } assembly &&
        !SymbolEqualityComparer.Default.Equals(assembly, _compilation.Assembly) &&
        symbol.Locations is { Length: > 0 } locations && locations[0].IsInMetadata;

    private Ownership Resolve(ISymbol symbol)
    {
        var parent = symbol.ContainingType is { } containingType
            ? GetOwnership(containingType)
            : symbol.ContainingNamespace is { } ns
                ? GetNamespaceOwnership(ns)
                : Ownership.Unowned;

        var role = parent.RoleClaim.Further();
        var contract = parent.ContractClaim.Further();

        // Role attributes on the symbol itself.
        var roles = ImmutableArray<string>.Empty;
        var conflicting = ImmutableArray<string>.Empty;
        foreach (var attribute in symbol.GetAttributes())
        {
            switch (Classify(attribute, out var roleName))
            {
                case AttributeKind.Role when roleName is not null && IsAcceptedRole(symbol, roleName):
                    if (!roles.Contains(roleName))
                    {
                        roles = roles.Add(roleName);
                    }

                    break;
                case AttributeKind.Contract:
                    contract = Claim.Strongest(contract, new Claim(PolicyParser.ContractTarget, OwnershipSource.Attribute, 0));
                    break;
            }
        }

        if (roles.Length == 1)
        {
            role = Claim.Strongest(role, new Claim(roles[0], OwnershipSource.Attribute, 0));
        }
        else if (roles.Length > 1)
        {
            conflicting = roles.Sort(StringComparer.Ordinal);
        }

        ApplyLayer(_policy, symbol, ref role, ref contract);
        ApplyLayer(_catalog, symbol, ref role, ref contract);
        return new Ownership(role, contract, conflicting);
    }

    private void ApplyLayer(PolicyLayer layer, ISymbol symbol, ref Claim role, ref Claim contract)
    {
        if (layer.IsEmpty)
        {
            return;
        }

        if (layer.FindSymbolMapping(symbol) is { } exact)
        {
            Offer(exact, layer.SymbolSource, 0, ref role, ref contract);
        }

        if (!layer.HasDerivedEntries)
        {
            return;
        }

        if (symbol is INamedTypeSymbol type)
        {
            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (layer.FindSymbolMapping(baseType.OriginalDefinition) is { IncludesDerived: true } derived)
                {
                    Offer(derived, layer.SymbolSource, 1, ref role, ref contract);
                    break;
                }
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (layer.FindSymbolMapping(implemented.OriginalDefinition) is { IncludesDerived: true } derived)
                {
                    Offer(derived, layer.SymbolSource, 1, ref role, ref contract);
                    break;
                }
            }

            return;
        }

        foreach (var baseMember in OverriddenAndImplemented(symbol, layer))
        {
            if (layer.FindSymbolMapping(baseMember.OriginalDefinition) is { IncludesDerived: true } derived)
            {
                Offer(derived, layer.SymbolSource, 1, ref role, ref contract);
                return;
            }
        }
    }

    /// <summary>The members a method, property or event overrides or implements (nearest first).</summary>
    private static IEnumerable<ISymbol> OverriddenAndImplemented(ISymbol member, PolicyLayer layer)
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

        for (var overridden = Overridden(member); overridden is not null; overridden = Overridden(overridden))
        {
            yield return overridden;
        }

        foreach (var implemented in explicitImplementations)
        {
            yield return implemented;
        }

        if (member.ContainingType is not { } containingType || member.IsStatic)
        {
            yield break;
        }

        foreach (var @interface in containingType.AllInterfaces)
        {
            foreach (var candidate in @interface.GetMembers(member.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(containingType.FindImplementationForInterfaceMember(candidate), member))
                {
                    yield return candidate;
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

    private static void Offer(PolicyMapping mapping, OwnershipSource source, int distance, ref Claim role, ref Claim contract)
    {
        var claim = new Claim(mapping.Target, source, distance);
        if (mapping.IsContract)
        {
            contract = Claim.Strongest(contract, claim);
        }
        else
        {
            role = Claim.Strongest(role, claim);
        }
    }

    private bool IsAcceptedRole(ISymbol symbol, string role) =>
        KnownRoles.Contains(role) || !symbol.Locations.Any(l => l.IsInSource);

    private Ownership GetNamespaceOwnership(INamespaceSymbol ns)
    {
        if (_namespaceOwnership.TryGetValue(ns, out var cached))
        {
            return cached;
        }

        if (ns.NamespaceKind == NamespaceKind.Module && IsFromMetadata(ns))
        {
            return _namespaceOwnership.GetOrAdd(ns, Policy.GetMetadataOwnership(ns, _catalogOn, symbol => ResolveNamespace((INamespaceSymbol)symbol)));
        }

        return _namespaceOwnership.GetOrAdd(ns, ResolveNamespace(ns));
    }

    private Ownership ResolveNamespace(INamespaceSymbol ns)
    {
        var name = GetNamespaceName(ns);
        var role = Claim.None;
        var contract = Claim.None;

        foreach (var layer in new[] { _policy, _catalog })
        {
            if (layer.FindNamespaceMapping(name, isContract: false, out var mapping, out var distance))
            {
                role = Claim.Strongest(role, new Claim(mapping!.Target, layer.NamespaceSource, distance));
            }

            if (layer.FindNamespaceMapping(name, isContract: true, out mapping, out distance))
            {
                contract = Claim.Strongest(contract, new Claim(mapping!.Target, layer.NamespaceSource, distance));
            }
        }

        var assemblyOwnership = GetAssemblyClaims(ns.ContainingAssembly);
        role = Claim.Strongest(role, assemblyOwnership.RoleClaim);
        contract = Claim.Strongest(contract, assemblyOwnership.ContractClaim);
        return new Ownership(role, contract, ImmutableArray<string>.Empty);
    }

    private Ownership GetAssemblyClaims(IAssemblySymbol? assembly)
    {
        if (assembly is null)
        {
            return Ownership.Unowned;
        }

        var roles = new List<string>();
        var contract = Claim.None;
        foreach (var attribute in assembly.GetAttributes())
        {
            switch (Classify(attribute, out var roleName))
            {
                case AttributeKind.Role when roleName is not null && (KnownRoles.Contains(roleName) || !SymbolEqualityComparer.Default.Equals(assembly, _compilation.Assembly)):
                    if (!roles.Contains(roleName))
                    {
                        roles.Add(roleName);
                    }

                    break;
                case AttributeKind.Contract:
                    contract = new Claim(PolicyParser.ContractTarget, OwnershipSource.AssemblyAttribute, 0);
                    break;
            }
        }

        var role = roles.Count == 1 ? new Claim(roles[0], OwnershipSource.AssemblyAttribute, 0) : Claim.None;
        return new Ownership(role, contract, roles.Count > 1 ? roles.OrderBy(r => r, StringComparer.Ordinal).ToImmutableArray() : ImmutableArray<string>.Empty);
    }

    /// <summary>The roles given to an assembly by more than one assembly-level role attribute (MLR0002).</summary>
    public ImmutableArray<string> GetAssemblyConflicts(IAssemblySymbol assembly) => GetAssemblyClaims(assembly).ConflictingRoles;

    public string GetNamespaceName(INamespaceSymbol ns)
    {
        if (ns.IsGlobalNamespace)
        {
            return string.Empty;
        }

        return _namespaceNames.GetOrAdd(ns, n => n.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)));
    }

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
            role = RoleOf(attribute, attributeClass);
        }

        return kind;
    }

    private static AttributeKind ClassifyType(INamedTypeSymbol attributeClass)
    {
        var name = attributeClass.ToDisplayString();
        if (name == ContractAttributeMetadataName)
        {
            return AttributeKind.Contract;
        }

        if (name == AllowAttributeMetadataName)
        {
            return AttributeKind.Allow;
        }

        for (INamedTypeSymbol? t = attributeClass; t is not null; t = t.BaseType)
        {
            if (t.ToDisplayString() == RoleAttributeMetadataName)
            {
                return AttributeKind.Role;
            }
        }

        return AttributeKind.None;
    }

    private static string? RoleOf(AttributeData attribute, INamedTypeSymbol attributeClass) =>
        RoleAttributeNames.RoleOf(
            attributeClass.ToDisplayString(),
            attributeClass.Name,
            attribute.ConstructorArguments.Length >= 1 ? attribute.ConstructorArguments[0].Value as string : null);

    /// <summary>The [AllowRoleCrossing] allowances that cover code in <paramref name="user"/>: its own and its enclosing types'.</summary>
    public ImmutableArray<Allowance> GetAllowances(ISymbol user)
    {
        var normalized = Normalize(user);
        if (normalized is null or INamespaceSymbol or IAssemblySymbol or IModuleSymbol)
        {
            return ImmutableArray<Allowance>.Empty;
        }

        if (_allowances.TryGetValue(normalized, out var cached))
        {
            return cached;
        }

        var result = normalized.ContainingType is { } containing ? GetAllowances(containing) : ImmutableArray<Allowance>.Empty;
        foreach (var attribute in normalized.GetAttributes())
        {
            if (Classify(attribute, out _) == AttributeKind.Allow)
            {
                result = result.Add(Allowance.From(attribute, normalized));
            }
        }

        return _allowances.GetOrAdd(normalized, result);
    }
}

internal enum AttributeKind
{
    None,
    Role,
    Contract,
    Allow,
}

/// <summary>One [AllowRoleCrossing] attribute, read from source or metadata.</summary>
internal sealed class Allowance
{
    public const string PlaceholderPrefix = "TODO";

    private Allowance(string? role, string? justification, string? expires, ISymbol owner, AttributeData attribute)
    {
        Role = role;
        Justification = justification;
        Expires = expires;
        Owner = owner;
        Attribute = attribute;
    }

    public string? Role { get; }

    public string? Justification { get; }

    /// <summary>The optional expiry date as written (<c>Expires = "2027-03-31"</c>).</summary>
    public string? Expires { get; }

    public ISymbol Owner { get; }

    public AttributeData Attribute { get; }

    public bool HasJustification => !string.IsNullOrWhiteSpace(Justification);

    /// <summary>The code fix's placeholder ("TODO: ...") must be replaced before the allowance counts as justified.</summary>
    public bool IsPlaceholder => HasJustification && Justification!.TrimStart().StartsWith(PlaceholderPrefix, StringComparison.OrdinalIgnoreCase);

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

/// <summary>A baseline file of this project and its parsed content.</summary>
internal sealed class BaselineSource
{
    public BaselineSource(AdditionalText text, IReadOnlyList<BaselineEntry> entries, IReadOnlyList<PolicyError> errors)
    {
        Text = text;
        Entries = entries;
        Errors = errors;
    }

    public AdditionalText Text { get; }

    public IReadOnlyList<BaselineEntry> Entries { get; }

    public IReadOnlyList<PolicyError> Errors { get; }
}

/// <summary>A policy file of this project and its parsed content.</summary>
internal sealed class PolicyFile
{
    public PolicyFile(AdditionalText text, PolicyDocument document)
    {
        Text = text;
        Document = document;
    }

    public AdditionalText Text { get; }

    public PolicyDocument Document { get; }
}
