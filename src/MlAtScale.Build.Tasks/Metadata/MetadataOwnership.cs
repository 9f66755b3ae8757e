using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Reflection.Metadata;
using System.Text;
using MlAtScale.Core.Policy;
using MlAtScale.Core.Precedence;

namespace MlAtScale.Build.Tasks.Metadata;

/// <summary>
/// A type or member in metadata: a definition of the built assembly or of a referenced one, or a
/// reference that could not be resolved (a base type or an implemented interface member, named only).
/// </summary>
internal readonly struct MetadataSymbol : IEquatable<MetadataSymbol>
{
    public MetadataSymbol(MetadataReader reader, EntityHandle handle)
    {
        Reader = reader;
        Handle = handle;
    }

    public MetadataReader Reader { get; }

    public EntityHandle Handle { get; }

    public bool Equals(MetadataSymbol other) => ReferenceEquals(Reader, other.Reader) && Handle == other.Handle;

    public override bool Equals(object? obj) => obj is MetadataSymbol other && Equals(other);

    public override int GetHashCode() => Handle.GetHashCode();
}

/// <summary>
/// The System.Reflection.Metadata front end of the ownership precedence: answers
/// <see cref="OwnershipRules{TSymbol, TAssembly}"/>'s questions from the built assembly's metadata
/// (and the referenced assemblies', for base types and implemented members). Decides nothing about precedence.
/// </summary>
internal sealed class MetadataOwnership : OwnershipRules<MetadataSymbol, MetadataReader>
{

    /// <summary>Characters at which <see cref="PolicyParser.LookupName"/> cuts an ID.</summary>
    private static readonly char[] CutInIds = { '(', '~' };

    /// <summary>Characters of a member name that make its lookup name differ from it (escaped, cut at, or turned into '.').</summary>
    private static readonly char[] NotPlainInMemberNames = { '<', '>', ',', '(', '~', '`', '#' };

    private readonly MetadataReader _reader;
    private readonly MetadataResolver _resolver;
    private readonly DocIdTypeProvider _provider;
    private readonly Dictionary<MetadataReader, DocIdTypeProvider> _providers = new();
    private readonly Dictionary<string, bool> _isRoleAttribute = new(StringComparer.Ordinal);
    private readonly Dictionary<EntityHandle, string> _attributeTypeNames = new();
    private readonly StringBuilder _id = new(256);

    /// <summary>The declaring types of the built assembly's members, without a search per member (null: ask the reader).</summary>
    private readonly MemberMaps? _maps;

    /// <summary>Lookup names of types: the same base types and interfaces are asked for by every type that derives from them.</summary>
    private readonly Dictionary<MetadataSymbol, string?> _typeLookupNames = new();

    /// <summary>Every interface of a type: asked for the type itself and for each of its public methods, once per mapping layer.</summary>
    private readonly Dictionary<MetadataSymbol, List<TypeInstance>> _interfaces = new();

    /// <summary>The last symbol whose lookup name was computed: each mapping layer asks for it in turn.</summary>
    private MetadataSymbol _lastLookup;
    private string? _lastLookupName;

    public MetadataOwnership(MetadataReader reader, ReportPolicy policy, MetadataResolver resolver, MemberMaps? maps = null)
        : base(policy.Policy, policy.Catalog, policy.KnownRoles, EqualityComparer<MetadataSymbol>.Default, ReferenceEqualityComparer.Instance, policy.Paths)
    {
        _reader = reader;
        _resolver = resolver;
        _maps = maps;
        _provider = new DocIdTypeProvider(reader);
        _providers.Add(reader, _provider);
    }

    /// <summary>Members are asked for once each by the report: only types (asked for by their members) are worth remembering.</summary>
    protected override bool MemoizesMembers => false;

    /// <summary>The type-name provider of the built assembly, which remembers every name it computes.</summary>
    public DocIdTypeProvider Provider => _provider;

    /// <summary>
    /// <c>K:Type.Name``arity(P1,P2)</c> built in one reused buffer: one string per ID instead of one for the
    /// escaped name, one for the parameter list and one for the whole. The name's '.' becomes '#', and
    /// nothing else is escaped: exactly what Roslyn's <c>DocumentationCommentId</c> writes for the analyzer
    /// (an explicit implementation of a generic interface keeps its '&lt;' and '&gt;').
    /// </summary>
    public string MemberId(char kind, string typeName, string name, int arity, ImmutableArray<string> parameters) =>
        MemberId(_id, kind, typeName, name, arity, parameters);

    /// <summary><see cref="MemberId(char, string, string, int, ImmutableArray{string})"/> in <paramref name="buffer"/> (cleared first).</summary>
    internal static string MemberId(StringBuilder buffer, char kind, string typeName, string name, int arity, ImmutableArray<string> parameters)
    {
        var builder = buffer.Clear().Append(kind).Append(':').Append(typeName).Append('.');
        if (name.IndexOf('.') < 0)
        {
            builder.Append(name);
        }
        else
        {
            foreach (var c in name)
            {
                builder.Append(c == '.' ? '#' : c);
            }
        }

        if (arity > 0)
        {
            builder.Append("``").Append(arity.ToString(CultureInfo.InvariantCulture));
        }

        if (!parameters.IsDefaultOrEmpty)
        {
            builder.Append('(');
            for (var i = 0; i < parameters.Length; i++)
            {
                if (i > 0)
                {
                    builder.Append(',');
                }

                builder.Append(parameters[i]);
            }

            builder.Append(')');
        }

        return builder.ToString();
    }

    /// <summary>Whether a type name has no character at which <see cref="PolicyParser.LookupName"/> cuts an ID.</summary>
    internal static bool IsPlainTypeName(string typeName) => typeName.IndexOfAny(CutInIds) < 0;

    /// <summary>
    /// The member's policy lookup name (<see cref="PolicyParser.LookupName"/> of its ID) without taking the ID
    /// apart: when neither the type name nor the member name has a character that the ID escapes or cuts at,
    /// the lookup name is the member's metadata name itself. Null: ask <see cref="PolicyParser.LookupName"/>.
    /// </summary>
    internal static string? LookupName(bool plainTypeName, string memberName) =>
        plainTypeName && memberName.IndexOfAny(NotPlainInMemberNames) < 0 ? memberName : null;

    /// <summary>Whether a member or type carries <c>[CompilerGenerated]</c>.</summary>
    public bool IsCompilerGenerated(CustomAttributeHandleCollection attributes)
    {
        foreach (var handle in attributes)
        {
            if (TryGetAttributeType(_reader, _reader.GetCustomAttribute(handle), out _, out var name) && name == "System.Runtime.CompilerServices.CompilerGeneratedAttribute")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Source files of the built assembly's types, from its portable PDB (null: none read).</summary>
    public SourceDocuments? Sources { get; set; }

    protected override string? GetSourcePath(MetadataSymbol type) =>
        Sources is { } sources && ReferenceEquals(type.Reader, _reader) && type.Handle.Kind == HandleKind.TypeDefinition
            ? sources.PathOf((TypeDefinitionHandle)type.Handle)
            : null;

    protected override bool TryGetContainingType(MetadataSymbol symbol, out MetadataSymbol containingType)
    {
        var declaring = DeclaringType(symbol);
        containingType = new MetadataSymbol(symbol.Reader, declaring);
        return !declaring.IsNil;
    }

    private TypeDefinitionHandle DeclaringType(MetadataSymbol symbol)
    {
        var reader = symbol.Reader;
        switch (symbol.Handle.Kind)
        {
            case HandleKind.TypeDefinition:
                return reader.GetTypeDefinition((TypeDefinitionHandle)symbol.Handle).GetDeclaringType();
            case HandleKind.MethodDefinition:
                return MethodOwner(reader, (MethodDefinitionHandle)symbol.Handle);
            case HandleKind.FieldDefinition:
                return _maps is not null && ReferenceEquals(reader, _reader)
                    ? _maps.DeclaringType((FieldDefinitionHandle)symbol.Handle)
                    : reader.GetFieldDefinition((FieldDefinitionHandle)symbol.Handle).GetDeclaringType();
            case HandleKind.PropertyDefinition:
                var property = reader.GetPropertyDefinition((PropertyDefinitionHandle)symbol.Handle).GetAccessors();
                return DeclaringTypeOf(reader, property.Getter, property.Setter);
            case HandleKind.EventDefinition:
                var @event = reader.GetEventDefinition((EventDefinitionHandle)symbol.Handle).GetAccessors();
                return DeclaringTypeOf(reader, @event.Adder, @event.Remover);
            default:
                return default;
        }
    }

    private TypeDefinitionHandle DeclaringTypeOf(MetadataReader reader, MethodDefinitionHandle first, MethodDefinitionHandle second)
    {
        var accessor = first.IsNil ? second : first;
        return accessor.IsNil ? default : MethodOwner(reader, accessor);
    }

    /// <summary>The type that declares a method (of the built assembly: without searching the TypeDef table).</summary>
    private TypeDefinitionHandle MethodOwner(MetadataReader reader, MethodDefinitionHandle method) =>
        _maps is not null && ReferenceEquals(reader, _reader) ? _maps.DeclaringType(method) : reader.GetMethodDefinition(method).GetDeclaringType();

    protected override MetadataReader? GetAssembly(MetadataSymbol topLevelType) => topLevelType.Reader;

    protected override string GetNamespace(MetadataSymbol topLevelType) =>
        topLevelType.Handle.Kind == HandleKind.TypeDefinition
            ? topLevelType.Reader.GetString(topLevelType.Reader.GetTypeDefinition((TypeDefinitionHandle)topLevelType.Handle).Namespace)
            : string.Empty;

    protected override bool IsType(MetadataSymbol symbol) => symbol.Handle.Kind is HandleKind.TypeDefinition or HandleKind.TypeReference;

    protected override string? GetLookupName(MetadataSymbol symbol)
    {
        if (_lastLookup.Reader is not null && _lastLookup.Equals(symbol))
        {
            return _lastLookupName;
        }

        string? name;
        if (!IsType(symbol))
        {
            name = ComputeLookupName(symbol);
        }
        else if (!_typeLookupNames.TryGetValue(symbol, out name))
        {
            name = ComputeLookupName(symbol);
            _typeLookupNames.Add(symbol, name);
        }

        _lastLookup = symbol;
        _lastLookupName = name;
        return name;
    }

    private string? ComputeLookupName(MetadataSymbol symbol)
    {
        var reader = symbol.Reader;
        switch (symbol.Handle.Kind)
        {
            case HandleKind.TypeDefinition:
                return WithoutArity(reader.GetString(reader.GetTypeDefinition((TypeDefinitionHandle)symbol.Handle).Name));
            case HandleKind.TypeReference:
                return WithoutArity(reader.GetString(reader.GetTypeReference((TypeReferenceHandle)symbol.Handle).Name));
            default:
                var (typeName, name) = MemberNames(symbol);
                return LookupName(IsPlainTypeName(typeName), name) ?? (GetDeclarationId(symbol, out _) is { } id ? PolicyParser.LookupName(id) : null);
        }
    }

    private static string WithoutArity(string name)
    {
        var tick = name.IndexOf('`');
        return tick < 0 ? name : name.Substring(0, tick);
    }

    /// <summary>The declaring type's ID name and the member's metadata name.</summary>
    private (string TypeName, string Name) MemberNames(MetadataSymbol symbol)
    {
        var reader = symbol.Reader;
        switch (symbol.Handle.Kind)
        {
            case HandleKind.MemberReference:
                var reference = reader.GetMemberReference((MemberReferenceHandle)symbol.Handle);
                return (DefinitionName(reader, reference.Parent), reader.GetString(reference.Name));
            case HandleKind.MethodDefinition:
                return (TypeName(symbol), reader.GetString(reader.GetMethodDefinition((MethodDefinitionHandle)symbol.Handle).Name));
            case HandleKind.FieldDefinition:
                return (TypeName(symbol), reader.GetString(reader.GetFieldDefinition((FieldDefinitionHandle)symbol.Handle).Name));
            case HandleKind.PropertyDefinition:
                return (TypeName(symbol), reader.GetString(reader.GetPropertyDefinition((PropertyDefinitionHandle)symbol.Handle).Name));
            case HandleKind.EventDefinition:
                return (TypeName(symbol), reader.GetString(reader.GetEventDefinition((EventDefinitionHandle)symbol.Handle).Name));
            default:
                return (string.Empty, string.Empty);
        }
    }

    private string TypeName(MetadataSymbol member) => ProviderFor(member.Reader).FullName(DeclaringType(member));

    private DocIdTypeProvider ProviderFor(MetadataReader reader)
    {
        if (!_providers.TryGetValue(reader, out var provider))
        {
            _providers.Add(reader, provider = new DocIdTypeProvider(reader));
        }

        return provider;
    }

    // Each symbol's documentation ID, built once: the ownership rules ask for it, and the report lists it.
    private readonly Dictionary<MetadataSymbol, (string? Id, string? Alternate)> _declarationIds = new();

    /// <summary>The documentation ID of <paramref name="symbol"/> (built once per symbol and run).</summary>
    public string? DeclarationId(MetadataSymbol symbol) => GetDeclarationId(symbol, out _);

    protected override string? GetDeclarationId(MetadataSymbol symbol, out string? alternateId)
    {
        if (!_declarationIds.TryGetValue(symbol, out var ids))
        {
            ids.Id = BuildDeclarationId(symbol, out ids.Alternate);
            _declarationIds.Add(symbol, ids);
        }

        alternateId = ids.Alternate;
        return ids.Id;
    }

    private string? BuildDeclarationId(MetadataSymbol symbol, out string? alternateId)
    {
        alternateId = null;
        var reader = symbol.Reader;
        var provider = ProviderFor(reader);
        switch (symbol.Handle.Kind)
        {
            case HandleKind.TypeDefinition:
                return "T:" + provider.FullName((TypeDefinitionHandle)symbol.Handle);
            case HandleKind.TypeReference:
                return "T:" + DocIdTypeProvider.FullName(reader, (TypeReferenceHandle)symbol.Handle);
            case HandleKind.FieldDefinition:
            case HandleKind.EventDefinition:
            {
                var (typeName, name) = MemberNames(symbol);
                return MemberId(symbol.Handle.Kind == HandleKind.FieldDefinition ? 'F' : 'E', typeName, name, 0, ImmutableArray<string>.Empty);
            }

            case HandleKind.PropertyDefinition:
            {
                var (typeName, name) = MemberNames(symbol);
                var signature = reader.GetPropertyDefinition((PropertyDefinitionHandle)symbol.Handle).DecodeSignature(provider, null);
                return MemberId('P', typeName, name, 0, signature.ParameterTypes);
            }

            case HandleKind.MethodDefinition:
            {
                var (typeName, name) = MemberNames(symbol);
                var method = reader.GetMethodDefinition((MethodDefinitionHandle)symbol.Handle);
                return MethodId(typeName, name, method.GetGenericParameters().Count, method.DecodeSignature(provider, null), out alternateId);
            }

            case HandleKind.MemberReference:
            {
                var (typeName, name) = MemberNames(symbol);
                var reference = reader.GetMemberReference((MemberReferenceHandle)symbol.Handle);
                if (reference.GetKind() != MemberReferenceKind.Method)
                {
                    return null;
                }

                var signature = reference.DecodeMethodSignature(provider, null);
                return MethodId(typeName, name, signature.GenericParameterCount, signature, out alternateId);
            }

            default:
                return null;
        }
    }

    /// <summary>
    /// A method's ID. Conversion operators are only told apart by the return type: their ID has it. Every
    /// other non-void method may also be mapped with "~" and its return type appended (the alternate ID).
    /// </summary>
    public string MethodId(string typeName, string name, int arity, MethodSignature<string> signature, out string? alternateId)
    {
        var id = MemberId('M', typeName, name, arity, signature.ParameterTypes);
        alternateId = null;
        if (name is "op_Implicit" or "op_Explicit")
        {
            return id + "~" + signature.ReturnType;
        }

        if (signature.ReturnType != "System.Void")
        {
            alternateId = id + "~" + signature.ReturnType;
        }

        return id;
    }

    protected override void ReadRoleAttributes(MetadataSymbol symbol, RoleAttributes found)
    {
        var reader = symbol.Reader;
        var attributes = symbol.Handle.Kind switch
        {
            HandleKind.TypeDefinition => reader.GetTypeDefinition((TypeDefinitionHandle)symbol.Handle).GetCustomAttributes(),
            HandleKind.MethodDefinition => reader.GetMethodDefinition((MethodDefinitionHandle)symbol.Handle).GetCustomAttributes(),
            HandleKind.FieldDefinition => reader.GetFieldDefinition((FieldDefinitionHandle)symbol.Handle).GetCustomAttributes(),
            HandleKind.PropertyDefinition => reader.GetPropertyDefinition((PropertyDefinitionHandle)symbol.Handle).GetCustomAttributes(),
            HandleKind.EventDefinition => reader.GetEventDefinition((EventDefinitionHandle)symbol.Handle).GetCustomAttributes(),
            _ => default,
        };
        Read(reader, attributes, found);
    }

    protected override void ReadRoleAttributes(MetadataReader assembly, RoleAttributes found)
    {
        if (assembly.IsAssembly)
        {
            Read(assembly, assembly.GetAssemblyDefinition().GetCustomAttributes(), found);
        }
    }

    private void Read(MetadataReader reader, CustomAttributeHandleCollection attributes, RoleAttributes found)
    {
        if (attributes.Count == 0)
        {
            return;
        }

        foreach (var handle in attributes)
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (!TryGetAttributeType(reader, attribute, out var typeHandle, out var fullName))
            {
                continue;
            }

            if (fullName == RoleAttributeNames.ContractAttribute)
            {
                found.AddContract();
            }
            else if (IsRoleAttribute(reader, typeHandle, fullName))
            {
                found.AddRole(RoleOf(attribute, fullName));
            }
        }
    }

    /// <summary>Everything the report reads attributes from is its own project's code.</summary>
    protected override bool AcceptsUndeclaredRoles(MetadataSymbol symbol) => false;

    /// <inheritdoc cref="AcceptsUndeclaredRoles(MetadataSymbol)"/>
    protected override bool AcceptsUndeclaredRoles(MetadataReader assembly) => false;

    protected override IEnumerable<MetadataSymbol> GetBaseTypes(MetadataSymbol type)
    {
        if (type.Handle.Kind != HandleKind.TypeDefinition)
        {
            yield break;
        }

        var reader = type.Reader;
        var baseHandle = reader.GetTypeDefinition((TypeDefinitionHandle)type.Handle).BaseType;
        for (var depth = 0; !baseHandle.IsNil && depth < 64; depth++)
        {
            if (_resolver.Resolve(reader, baseHandle) is not { } resolved)
            {
                var named = Named(reader, baseHandle);
                if (!named.IsNil)
                {
                    yield return new MetadataSymbol(reader, named);
                }

                yield break;
            }

            yield return new MetadataSymbol(resolved.Reader, resolved.Handle);
            reader = resolved.Reader;
            baseHandle = resolved.Definition.BaseType;
        }
    }

    /// <summary>The type definition or reference a base-type or interface handle names (a generic instantiation's generic type).</summary>
    private static EntityHandle Named(MetadataReader reader, EntityHandle handle) =>
        handle.Kind == HandleKind.TypeSpecification ? MetadataResolver.GenericTypeOf(reader, (TypeSpecificationHandle)handle) : handle;

    protected override IEnumerable<MetadataSymbol> GetAllInterfaces(MetadataSymbol type)
    {
        foreach (var instance in AllInterfaceInstances(type))
        {
            yield return instance.Symbol;
        }
    }

    /// <summary>A type a type derives from or implements, with its generic arguments in the deriving type's terms.</summary>
    private readonly struct TypeInstance
    {
        public TypeInstance(MetadataSymbol symbol, string[]? arguments)
        {
            Symbol = symbol;
            Arguments = arguments;
        }

        public MetadataSymbol Symbol { get; }

        public string[]? Arguments { get; }

        public bool IsDefinition => Symbol.Handle.Kind == HandleKind.TypeDefinition;
    }

    /// <summary>The type a base or interface handle of <paramref name="owner"/> names, resolved when possible, with its arguments.</summary>
    private TypeInstance Instance(MetadataReader reader, EntityHandle handle, string[]? ownerArguments)
    {
        string[]? arguments = null;
        var named = handle;
        if (handle.Kind == HandleKind.TypeSpecification)
        {
            named = MetadataResolver.GenericTypeOf(reader, (TypeSpecificationHandle)handle);
            var blob = reader.GetBlobReader(reader.GetTypeSpecification((TypeSpecificationHandle)handle).Signature);
            var decoder = new System.Reflection.Metadata.Ecma335.SignatureDecoder<string, object?>(ProviderFor(reader), reader, ownerArguments);
            if (blob.ReadSignatureTypeCode() == SignatureTypeCode.GenericTypeInstance)
            {
                blob.ReadSignatureTypeCode();
                blob.ReadTypeHandle();
                var count = blob.ReadCompressedInteger();
                arguments = new string[count];
                for (var i = 0; i < count; i++)
                {
                    arguments[i] = decoder.DecodeType(ref blob);
                }
            }
        }

        if (named.IsNil)
        {
            return default;
        }

        return _resolver.Resolve(reader, named) is { } resolved
            ? new TypeInstance(new MetadataSymbol(resolved.Reader, resolved.Handle), arguments)
            : new TypeInstance(new MetadataSymbol(reader, named), arguments);
    }

    private List<TypeInstance> AllInterfaceInstances(MetadataSymbol type)
    {
        if (!_interfaces.TryGetValue(type, out var result))
        {
            result = ComputeAllInterfaceInstances(type);
            _interfaces.Add(type, result);
        }

        return result;
    }

    private List<TypeInstance> ComputeAllInterfaceInstances(MetadataSymbol type)
    {
        var result = new List<TypeInstance>();
        if (type.Handle.Kind != HandleKind.TypeDefinition)
        {
            return result;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<TypeInstance>();
        pending.Enqueue(new TypeInstance(type, null));
        var guard = 0;
        while (pending.Count > 0 && guard++ < 512)
        {
            var current = pending.Dequeue();
            if (!current.IsDefinition)
            {
                continue;
            }

            var reader = current.Symbol.Reader;
            var definition = reader.GetTypeDefinition((TypeDefinitionHandle)current.Symbol.Handle);
            foreach (var implementation in definition.GetInterfaceImplementations())
            {
                var handle = reader.GetInterfaceImplementation(implementation).Interface;
                var instance = Instance(reader, handle, current.Arguments);
                if (instance.Symbol.Reader is not null && seen.Add(DefinitionName(reader, handle)))
                {
                    result.Add(instance);
                    pending.Enqueue(instance);
                }
            }

            if (!definition.BaseType.IsNil && Instance(reader, definition.BaseType, current.Arguments) is { IsDefinition: true } baseType)
            {
                pending.Enqueue(baseType);
            }
        }

        return result;
    }

    protected override IEnumerable<MetadataSymbol> GetOverriddenAndImplemented(MetadataSymbol member, MappingLayer layer)
    {
        var reader = member.Reader;
        switch (member.Handle.Kind)
        {
            case HandleKind.MethodDefinition:
                return OverriddenAndImplemented((MethodDefinitionHandle)member.Handle, reader, layer);
            case HandleKind.PropertyDefinition:
            {
                var accessors = reader.GetPropertyDefinition((PropertyDefinitionHandle)member.Handle).GetAccessors();
                return AccessorOwners(reader, accessors.Getter.IsNil ? accessors.Setter : accessors.Getter, layer, HandleKind.PropertyDefinition, reader.GetString(reader.GetPropertyDefinition((PropertyDefinitionHandle)member.Handle).Name));
            }

            case HandleKind.EventDefinition:
            {
                var accessors = reader.GetEventDefinition((EventDefinitionHandle)member.Handle).GetAccessors();
                return AccessorOwners(reader, accessors.Adder.IsNil ? accessors.Remover : accessors.Adder, layer, HandleKind.EventDefinition, reader.GetString(reader.GetEventDefinition((EventDefinitionHandle)member.Handle).Name));
            }

            default:
                return Array.Empty<MetadataSymbol>();
        }
    }

    /// <summary>A property or event overrides or implements what its accessor's method does: the properties or events those methods belong to.</summary>
    private IEnumerable<MetadataSymbol> AccessorOwners(MetadataReader reader, MethodDefinitionHandle accessor, MappingLayer layer, HandleKind kind, string name)
    {
        if (accessor.IsNil || (!layer.HasName(name) && !HasExplicitImplementation(reader, accessor)))
        {
            yield break;
        }

        foreach (var method in OverriddenAndImplemented(accessor, reader, layer, checkName: false))
        {
            if (method.Handle.Kind == HandleKind.MethodDefinition && OwnerOfAccessor(method, kind) is { } owner)
            {
                yield return owner;
            }
        }
    }

    private static MetadataSymbol? OwnerOfAccessor(MetadataSymbol accessor, HandleKind kind)
    {
        var reader = accessor.Reader;
        var method = (MethodDefinitionHandle)accessor.Handle;
        var type = reader.GetTypeDefinition(reader.GetMethodDefinition(method).GetDeclaringType());
        if (kind == HandleKind.PropertyDefinition)
        {
            foreach (var handle in type.GetProperties())
            {
                var accessors = reader.GetPropertyDefinition(handle).GetAccessors();
                if (accessors.Getter == method || accessors.Setter == method)
                {
                    return new MetadataSymbol(reader, handle);
                }
            }
        }
        else
        {
            foreach (var handle in type.GetEvents())
            {
                var accessors = reader.GetEventDefinition(handle).GetAccessors();
                if (accessors.Adder == method || accessors.Remover == method)
                {
                    return new MetadataSymbol(reader, handle);
                }
            }
        }

        return null;
    }

    private bool HasExplicitImplementation(MetadataReader reader, MethodDefinitionHandle method)
    {
        var type = reader.GetTypeDefinition(MethodOwner(reader, method));
        foreach (var handle in type.GetMethodImplementations())
        {
            if (reader.GetMethodImplementation(handle).MethodBody == method)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The methods <paramref name="handle"/> overrides (nearest first), then the interface methods it implements explicitly, then implicitly.</summary>
    private IEnumerable<MetadataSymbol> OverriddenAndImplemented(MethodDefinitionHandle handle, MetadataReader reader, MappingLayer layer, bool checkName = true)
    {
        var method = reader.GetMethodDefinition(handle);
        var name = reader.GetString(method.Name);
        var hasExplicit = HasExplicitImplementation(reader, handle);
        if (checkName && !hasExplicit && !layer.HasName(name))
        {
            yield break;
        }

        var declaring = MethodOwner(reader, handle);
        var provider = ProviderFor(reader);
        var signature = method.DecodeSignature(provider, null);
        var arity = method.GetGenericParameters().Count;
        var attributes = method.Attributes;

        // An override (virtual, not a new slot) overrides the nearest base method of the same name and
        // signature, which may itself override one further up.
        if ((attributes & MethodAttributes.Virtual) != 0 && (attributes & MethodAttributes.NewSlot) == 0)
        {
            var current = new TypeInstance(new MetadataSymbol(reader, declaring), null);
            for (var depth = 0; depth < 64; depth++)
            {
                var definition = current.Symbol.Reader.GetTypeDefinition((TypeDefinitionHandle)current.Symbol.Handle);
                if (definition.BaseType.IsNil || Instance(current.Symbol.Reader, definition.BaseType, current.Arguments) is not { IsDefinition: true } baseType)
                {
                    break;
                }

                if (FindMethod(baseType, name, arity, signature.ParameterTypes, virtualOnly: true) is { } overridden)
                {
                    yield return overridden;
                    if ((overridden.Reader.GetMethodDefinition((MethodDefinitionHandle)overridden.Handle).Attributes & MethodAttributes.NewSlot) != 0)
                    {
                        break;
                    }
                }

                current = baseType;
            }
        }

        if (hasExplicit)
        {
            foreach (var implementationHandle in reader.GetTypeDefinition(declaring).GetMethodImplementations())
            {
                var implementation = reader.GetMethodImplementation(implementationHandle);
                if (implementation.MethodBody == handle && implementation.MethodDeclaration.Kind is HandleKind.MemberReference or HandleKind.MethodDefinition)
                {
                    yield return new MetadataSymbol(reader, implementation.MethodDeclaration);
                }
            }
        }

        if ((attributes & MethodAttributes.Static) != 0 || (attributes & MethodAttributes.Public) != MethodAttributes.Public)
        {
            yield break;
        }

        foreach (var @interface in AllInterfaceInstances(new MetadataSymbol(reader, declaring)))
        {
            if (@interface.IsDefinition && FindMethod(@interface, name, arity, signature.ParameterTypes, virtualOnly: false) is { } implemented)
            {
                yield return implemented;
            }
        }
    }

    /// <summary>The method of <paramref name="type"/> with this name, arity and parameter types (read in the deriving type's terms).</summary>
    private MetadataSymbol? FindMethod(TypeInstance type, string name, int arity, ImmutableArray<string> parameters, bool virtualOnly)
    {
        var reader = type.Symbol.Reader;
        var provider = ProviderFor(reader);
        foreach (var candidateHandle in reader.GetTypeDefinition((TypeDefinitionHandle)type.Symbol.Handle).GetMethods())
        {
            var candidate = reader.GetMethodDefinition(candidateHandle);
            if (!reader.StringComparer.Equals(candidate.Name, name) ||
                candidate.GetGenericParameters().Count != arity ||
                (virtualOnly && (candidate.Attributes & MethodAttributes.Virtual) == 0))
            {
                continue;
            }

            var candidateParameters = candidate.DecodeSignature(provider, type.Arguments).ParameterTypes;
            if (candidateParameters.Length == parameters.Length && SameTypes(candidateParameters, parameters))
            {
                return new MetadataSymbol(reader, candidateHandle);
            }
        }

        return null;
    }

    private static bool SameTypes(ImmutableArray<string> a, ImmutableArray<string> b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    internal static string DefinitionName(MetadataReader reader, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                return DocIdTypeProvider.FullName(reader, (TypeDefinitionHandle)handle);
            case HandleKind.TypeReference:
                return DocIdTypeProvider.FullName(reader, (TypeReferenceHandle)handle);
            case HandleKind.TypeSpecification:
                var generic = MetadataResolver.GenericTypeOf(reader, (TypeSpecificationHandle)handle);
                return generic.IsNil ? string.Empty : DefinitionName(reader, generic);
            default:
                return string.Empty;
        }
    }

    private bool TryGetAttributeType(MetadataReader reader, CustomAttribute attribute, out EntityHandle type, out string fullName)
    {
        type = default;
        fullName = string.Empty;
        switch (attribute.Constructor.Kind)
        {
            case HandleKind.MethodDefinition:
                type = reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
                break;
            case HandleKind.MemberReference:
                type = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                break;
            default:
                return false;
        }

        if (!ReferenceEquals(reader, _reader))
        {
            fullName = DefinitionName(reader, type);
        }
        else if (!_attributeTypeNames.TryGetValue(type, out fullName!))
        {
            fullName = DefinitionName(reader, type);
            _attributeTypeNames.Add(type, fullName);
        }

        return fullName.Length > 0;
    }

    private bool IsRoleAttribute(MetadataReader reader, EntityHandle type, string fullName)
    {
        if (_isRoleAttribute.TryGetValue(fullName, out var known))
        {
            return known;
        }

        var result = false;
        var current = type;
        var name = fullName;
        for (var depth = 0; depth < 32 && !current.IsNil; depth++)
        {
            if (name == RoleAttributeNames.RoleAttribute || RoleAttributeNames.BuiltIn.ContainsKey(name))
            {
                result = true;
                break;
            }

            if (_resolver.Resolve(reader, current) is not { } resolved)
            {
                break;
            }

            reader = resolved.Reader;
            current = resolved.Definition.BaseType;
            name = current.IsNil ? string.Empty : DefinitionName(reader, current);
        }

        _isRoleAttribute[fullName] = result;
        return result;
    }

    private static string? RoleOf(CustomAttribute attribute, string fullName)
    {
        string? fromArgument = null;
        if (!RoleAttributeNames.BuiltIn.ContainsKey(fullName))
        {
            try
            {
                var value = attribute.DecodeValue(AttributeTypeProvider.Instance);
                if (value.FixedArguments.Length >= 1)
                {
                    fromArgument = value.FixedArguments[0].Value as string;
                }
            }
            catch (BadImageFormatException)
            {
                // An argument we cannot decode (e.g. an enum from an unresolved assembly): fall back to the name.
            }
        }

        return RoleAttributeNames.RoleOf(fullName, fullName.Substring(fullName.LastIndexOf('.') + 1), fromArgument);
    }

    /// <summary>Just enough of a type provider to decode attribute arguments; enums are read as Int32.</summary>
    private sealed class AttributeTypeProvider : ICustomAttributeTypeProvider<string>
    {
        public static readonly AttributeTypeProvider Instance = new();

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => DocIdTypeProvider.FullName(reader, handle);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => DocIdTypeProvider.FullName(reader, handle);

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(string type) => type == "System.Type";
    }

    /// <summary>Assemblies are compared by their reader: one per loaded assembly.</summary>
    private sealed class ReferenceEqualityComparer : IEqualityComparer<MetadataReader>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public bool Equals(MetadataReader? x, MetadataReader? y) => ReferenceEquals(x, y);

        public int GetHashCode(MetadataReader obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
