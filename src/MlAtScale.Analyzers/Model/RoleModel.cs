using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using MlAtScale.Core.Policy;
using MlAtScale.Core.Precedence;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlAtScale.Analyzers.Model;

/// <summary>
/// Everything the rules need about roles in one compilation: the project's policy and baseline files,
/// its options, and the memoised symbol → ownership and allowance lookups (the precedence itself is
/// the shared rule engine's, through <see cref="RoslynOwnership"/>). Built once per compilation; thread-safe.
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

    private readonly RoslynOwnership _ownership;
    private readonly ConcurrentDictionary<ISymbol, ImmutableArray<Allowance>> _allowances = new(32, 1024, SymbolEqualityComparer.Default);
    private readonly Dictionary<string, (BaselineSource Source, BaselineEntry Entry)> _baselineEntries = new(StringComparer.Ordinal);
    private string? _knownRolesList;

    private RoleModel(Compilation compilation, ImmutableArray<PolicyFile> policyFiles, PolicySet policy, RoslynOwnership ownership, bool includeGeneratedCode)
    {
        Compilation = compilation;
        PolicyFiles = policyFiles;
        Policy = policy;
        _ownership = ownership;
        KnownRoles = ImmutableHashSet.CreateRange(StringComparer.Ordinal, policy.KnownRoles);
        IncludeGeneratedCode = includeGeneratedCode;
    }

    /// <summary>The policy files of this project, in the order they apply (outermost first).</summary>
    public ImmutableArray<PolicyFile> PolicyFiles { get; }

    /// <summary>The merged policy: its documents, declared roles and allowed edges.</summary>
    public PolicySet Policy { get; }

    /// <summary>Built-in roles and the roles declared in the policy files.</summary>
    public ImmutableHashSet<string> KnownRoles { get; }

    /// <summary>The known roles, built-in ones first in their documented order, then custom roles by name, comma-separated (computed once).</summary>
    public string KnownRolesList => _knownRolesList ??= string.Join(
        ",",
        KnownRoles.OrderBy(r => Array.IndexOf(PolicyParser.BuiltInRoles, r) is var i && i >= 0 ? i : int.MaxValue).ThenBy(r => r, StringComparer.Ordinal));

    /// <summary>Whether any code of this compilation can be owned at all; when not, the rules have nothing to check.</summary>
    public bool CanOwnSourceCode { get; private set; }

    public bool IncludeGeneratedCode { get; }

    public Compilation Compilation { get; }

    /// <summary>The baseline files of this project (usually one).</summary>
    public ImmutableArray<BaselineSource> Baselines { get; private set; } = ImmutableArray<BaselineSource>.Empty;

    /// <summary>
    /// Today's date as the build passed it in (MlAtScaleCurrentDate), or null. The analyzer never reads
    /// the clock, so that its output depends only on its inputs; the date is one of them.
    /// </summary>
    public DateTime? CurrentDate { get; private set; }

    public bool HasBaseline => _baselineEntries.Count > 0;

    public IEnumerable<(BaselineSource Source, BaselineEntry Entry)> BaselineEntries => _baselineEntries.Values;

    public static RoleModel Create(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var texts = options.AdditionalFiles.Where(IsPolicyFile).ToList();
        var codeOwnersPath = PathOwnership.PickCodeOwners(options.AdditionalFiles.Select(t => t.Path));
        var codeOwnersText = codeOwnersPath is null ? null : options.AdditionalFiles.First(t => t.Path == codeOwnersPath);
        var shared = ParsedPolicy.Get(
            texts.Select(t => (t.Path, t.GetText(cancellationToken)?.ToString() ?? string.Empty)).ToList(),
            codeOwnersText is null ? null : (codeOwnersText.Path, codeOwnersText.GetText(cancellationToken)?.ToString() ?? string.Empty));
        var set = shared.Set;
        var files = ImmutableArray.CreateBuilder<PolicyFile>();
        foreach (var document in set.Documents)
        {
            files.Add(new PolicyFile(texts.First(t => t.Path == document.Path), document));
        }

        var globalOptions = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        var catalogOn =
            set.CatalogEnabled &&
            !(globalOptions.TryGetValue(CatalogProperty, out var catalogValue) && string.Equals(catalogValue.Trim(), "false", StringComparison.OrdinalIgnoreCase));
        var policy = shared.Layer;
        var catalog = MappingLayer.ForCatalog(catalogOn);

        var includeGenerated =
            (globalOptions.TryGetValue(IncludeGeneratedCodeOption, out var value) && IsTrue(value)) ||
            (globalOptions.TryGetValue(IncludeGeneratedCodeProperty, out value) && IsTrue(value));

        var baselines = ImmutableArray.CreateBuilder<BaselineSource>();
        foreach (var text in options.AdditionalFiles.Where(IsBaselineFile).OrderBy(t => t.Path, StringComparer.Ordinal))
        {
            var content = text.GetText(cancellationToken)?.ToString() ?? string.Empty;
            var (entries, errors) = BaselineCache.GetOrAdd(content, () => Tuple.Create(BaselineFile.Parse(content))).Item1;
            baselines.Add(new BaselineSource(text, entries, errors));
        }

        var ownership = new RoslynOwnership(compilation, shared, catalog, catalogOn);
        var model = new RoleModel(compilation, files.ToImmutable(), set, ownership, includeGenerated)
        {
            Shared = shared,
            CodeOwnersText = codeOwnersText,
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
            !shared.Paths.IsEmpty ||
            catalog.HasDerivedEntries;
        return model;
    }

    // Baseline files by content, shared across compilations like the policy (see ParsedPolicy).
    private static readonly ContentCache<Tuple<(IReadOnlyList<BaselineEntry> Entries, IReadOnlyList<PolicyError> Errors)>> BaselineCache = new(8);

    /// <summary>The CODEOWNERS file that reached the analyzer as an additional file (parsed in <see cref="ParsedPolicy.Paths"/>), or null.</summary>
    public AdditionalText? CodeOwnersText { get; private set; }

    /// <summary>The parsed policy files, shared with every compilation that has the same files.</summary>
    public ParsedPolicy Shared { get; private set; } = null!;

    private static DateTime? ReadDate(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && TryParseDate(value, out var date) ? date : null;

    /// <summary>Dates in allowances and options are ISO 8601 calendar dates: yyyy-MM-dd.</summary>
    public static bool TryParseDate(string? value, out DateTime date) =>
        DateTime.TryParseExact(value?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date);

    public static bool IsBaselineFile(AdditionalText text) =>
        string.Equals(System.IO.Path.GetFileName(text.Path), BaselineFile.FileName, StringComparison.OrdinalIgnoreCase);

    public static bool IsPolicyFile(AdditionalText text) =>
        string.Equals(System.IO.Path.GetFileName(text.Path), PolicyFileName, StringComparison.OrdinalIgnoreCase);

    private static bool IsTrue(string value) => string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    public bool TryGetBaselineEntry(string key, out (BaselineSource Source, BaselineEntry Entry) entry) => _baselineEntries.TryGetValue(key, out entry);

    public bool IsEdgeAllowed(string from, string to) => Policy.IsEdgeAllowed(from, to);

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
        return normalized switch
        {
            null => Ownership.Unowned,
            INamespaceSymbol ns => GetNamespaceOwnership(ns),
            IAssemblySymbol assembly => GetNamespaceOwnership(assembly.GlobalNamespace),
            IModuleSymbol module => GetNamespaceOwnership(module.GlobalNamespace),
            ITypeParameterSymbol or ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or IDiscardSymbol or IErrorTypeSymbol or IPreprocessingSymbol => Ownership.Unowned,
            INamedTypeSymbol { IsAnonymousType: true } => Ownership.Unowned,
            IArrayTypeSymbol or IPointerTypeSymbol or IDynamicTypeSymbol or IFunctionPointerTypeSymbol => Ownership.Unowned,
            _ => _ownership.GetOwnership(normalized),
        };
    }

    private Ownership GetNamespaceOwnership(INamespaceSymbol ns) => _ownership.GetNamespaceOwnership(ns.ContainingAssembly, GetNamespaceName(ns));

    /// <summary>The roles given to an assembly by more than one assembly-level role attribute (MLR0002).</summary>
    public ImmutableArray<string> GetAssemblyConflicts(IAssemblySymbol assembly) => _ownership.GetAssemblyOwnership(assembly).ConflictingRoles;

    public string GetNamespaceName(INamespaceSymbol ns) => _ownership.GetNamespaceName(ns);

    /// <inheritdoc cref="RoslynOwnership.Classify"/>
    public AttributeKind Classify(AttributeData attribute, out string? role) => _ownership.Classify(attribute, out role);

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
