using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using MlAtScale.Analyzers.Model;
using MlAtScale.Analyzers.Policy;

namespace MlAtScale.Build.Tasks.Metadata;

/// <summary>The resolved ownership of one type or member of the built assembly.</summary>
internal sealed class SymbolOwnership
{
    public SymbolOwnership(string id, string ns, string? role, OwnershipSource roleSource, bool isContract, OwnershipSource contractSource)
    {
        Id = id;
        Namespace = ns;
        Role = role;
        RoleSource = roleSource;
        IsContract = isContract;
        ContractSource = contractSource;
    }

    /// <summary>The documentation-comment ID, e.g. <c>T:Contoso.Ingestion.RawLoader</c>.</summary>
    public string Id { get; }

    public string Namespace { get; }

    public string? Role { get; }

    public OwnershipSource RoleSource { get; }

    public bool IsContract { get; }

    public OwnershipSource ContractSource { get; }
}

/// <summary>The ownership of every type and member a project declares, read from its built assembly.</summary>
internal sealed class AssemblyOwnership
{
    public AssemblyOwnership(string assemblyName, IReadOnlyList<SymbolOwnership> types, IReadOnlyList<SymbolOwnership> members)
    {
        AssemblyName = assemblyName;
        Types = types;
        Members = members;
    }

    public string AssemblyName { get; }

    public IReadOnlyList<SymbolOwnership> Types { get; }

    public IReadOnlyList<SymbolOwnership> Members { get; }

    /// <summary>
    /// Reads <paramref name="assemblyPath"/>. Throws <see cref="BadImageFormatException"/> when the file is
    /// not a .NET assembly and <see cref="IOException"/> when it cannot be read.
    /// </summary>
    public static AssemblyOwnership Read(string assemblyPath, ReportPolicy policy, IEnumerable<string> referencePaths)
    {
        using var stream = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        using var pe = new PEReader(stream, PEStreamOptions.PrefetchEntireImage);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException("the file has no .NET metadata");
        }

        using var resolver = new MetadataResolver(referencePaths);
        try
        {
            var reader = pe.GetMetadataReader();
            return new Walker(reader, policy, resolver, MemberMaps.Read(reader, pe.GetMetadata())).Run();
        }
        catch (InvalidOperationException e)
        {
            // System.Reflection.Metadata reports some malformed tables this way.
            throw new BadImageFormatException(e.Message, e);
        }
    }

    /// <summary>Applies the analyzer's precedence (DESIGN.md "Ownership") to metadata.</summary>
    internal sealed class Walker
    {
        private const string RoleAttribute = RoleAttributeNames.RoleAttribute;
        private const string ContractAttribute = RoleAttributeNames.ContractAttribute;
        private const string CompilerGenerated = "System.Runtime.CompilerServices.CompilerGeneratedAttribute";

        private readonly MetadataReader _reader;
        private readonly ReportPolicy _policy;
        private readonly MetadataResolver _resolver;
        private readonly Dictionary<TypeDefinitionHandle, Ownership> _types = new();
        private readonly Dictionary<string, Ownership> _namespaces = new(StringComparer.Ordinal);
        private readonly Dictionary<string, bool> _isRoleAttribute = new(StringComparer.Ordinal);
        private readonly Dictionary<EntityHandle, string> _attributeTypeNames = new();
        private readonly MemberMaps _maps;
        private readonly DocIdTypeProvider _provider;
        private readonly IdLayer[] _layers;
        private static readonly char[] EscapedInNames = { '.', '<', '>', ',' };

        /// <summary>Characters at which <see cref="PolicyParser.LookupName"/> cuts an ID.</summary>
        private static readonly char[] CutInIds = { '(', '~' };

        /// <summary>Characters of a member name that make its lookup name differ from it (escaped, cut at, or turned into '.').</summary>
        private static readonly char[] NotPlainInMemberNames = { '<', '>', ',', '(', '~', '`', '#' };
        private readonly System.Text.StringBuilder _id = new(256);
        private Ownership? _assembly;

        public Walker(MetadataReader reader, ReportPolicy policy, MetadataResolver resolver, MemberMaps maps)
        {
            _reader = reader;
            _policy = policy;
            _resolver = resolver;
            _maps = maps;
            _provider = new DocIdTypeProvider(reader);
            _layers = new[] { policy.Policy, policy.Catalog };
        }

        public AssemblyOwnership Run()
        {
            var types = new List<SymbolOwnership>();
            var members = new List<SymbolOwnership>();
            var accessors = new HashSet<MethodDefinitionHandle>();
            foreach (var handle in _reader.TypeDefinitions)
            {
                if (!IsUserType(handle))
                {
                    continue;
                }

                var type = _reader.GetTypeDefinition(handle);
                var typeName = _provider.FullName(handle);
                var plainTypeName = IsPlainTypeName(typeName);
                var ns = NamespaceOf(handle);
                var ownership = TypeOwnership(handle);
                types.Add(Record("T:" + typeName, ns, ownership));

                accessors.Clear();
                foreach (var propertyHandle in _maps.Properties(type, handle))
                {
                    var property = _reader.GetPropertyDefinition(propertyHandle);
                    var propertyAccessors = property.GetAccessors();
                    Add(accessors, propertyAccessors.Getter);
                    Add(accessors, propertyAccessors.Setter);
                    foreach (var other in propertyAccessors.Others)
                    {
                        accessors.Add(other);
                    }

                    if (IsUserMember(_reader.GetString(property.Name), property.GetCustomAttributes(), false))
                    {
                        var signature = property.DecodeSignature(_provider, null);
                        var propertyName = _reader.GetString(property.Name);
                        var id = MemberId('P', typeName, propertyName, 0, signature.ParameterTypes);
                        members.Add(Record(id, ns, MemberOwnership(ownership, property.GetCustomAttributes(), id, LookupName(plainTypeName, propertyName), null)));
                    }
                }

                foreach (var eventHandle in _maps.Events(type, handle))
                {
                    var @event = _reader.GetEventDefinition(eventHandle);
                    var eventAccessors = @event.GetAccessors();
                    Add(accessors, eventAccessors.Adder);
                    Add(accessors, eventAccessors.Remover);
                    Add(accessors, eventAccessors.Raiser);
                    foreach (var other in eventAccessors.Others)
                    {
                        accessors.Add(other);
                    }

                    if (IsUserMember(_reader.GetString(@event.Name), @event.GetCustomAttributes(), false))
                    {
                        var eventName = _reader.GetString(@event.Name);
                        var id = MemberId('E', typeName, eventName, 0, ImmutableArray<string>.Empty);
                        members.Add(Record(id, ns, MemberOwnership(ownership, @event.GetCustomAttributes(), id, LookupName(plainTypeName, eventName), null)));
                    }
                }

                foreach (var fieldHandle in type.GetFields())
                {
                    var field = _reader.GetFieldDefinition(fieldHandle);
                    var special = (field.Attributes & FieldAttributes.RTSpecialName) != 0;
                    if (IsUserMember(_reader.GetString(field.Name), field.GetCustomAttributes(), special))
                    {
                        var fieldName = _reader.GetString(field.Name);
                        var id = MemberId('F', typeName, fieldName, 0, ImmutableArray<string>.Empty);
                        members.Add(Record(id, ns, MemberOwnership(ownership, field.GetCustomAttributes(), id, LookupName(plainTypeName, fieldName), null)));
                    }
                }

                foreach (var methodHandle in type.GetMethods())
                {
                    if (accessors.Contains(methodHandle))
                    {
                        continue;
                    }

                    var method = _reader.GetMethodDefinition(methodHandle);
                    var name = _reader.GetString(method.Name);
                    if (!IsUserMember(name, method.GetCustomAttributes(), false))
                    {
                        continue;
                    }

                    var signature = method.DecodeSignature(_provider, null);
                    var arity = method.GetGenericParameters().Count;
                    var id = MemberId('M', typeName, name, arity, signature.ParameterTypes);

                    // Conversion operators are only told apart by the return type: their ID has it. Every other
                    // method may also be mapped with "~" and its return type appended (the alternate ID).
                    string? returnType = signature.ReturnType;
                    if (name is "op_Implicit" or "op_Explicit")
                    {
                        id = id + "~" + returnType;
                        returnType = null;
                    }

                    members.Add(Record(id, ns, MemberOwnership(ownership, method.GetCustomAttributes(), id, LookupName(plainTypeName, name), returnType)));
                }
            }

            var name0 = _reader.IsAssembly ? _reader.GetString(_reader.GetAssemblyDefinition().Name) : string.Empty;
            return new AssemblyOwnership(name0, types, members);
        }

        private static void Add(HashSet<MethodDefinitionHandle> set, MethodDefinitionHandle handle)
        {
            if (!handle.IsNil)
            {
                set.Add(handle);
            }
        }

        private static SymbolOwnership Record(string id, string ns, Ownership ownership) =>
            new(id, ns, ownership.Role, ownership.RoleClaim.Source, ownership.IsContract, ownership.ContractClaim.Source);

        /// <summary>
        /// <c>K:Type.Name``arity(P1,P2)</c> built in one reused buffer: one string per ID instead of one for the
        /// escaped name, one for the parameter list and one for the whole. The name's '.', '&lt;', '&gt;' and ','
        /// become '#', '{', '}' and '@' (as the documentation-ID format escapes them).
        /// </summary>
        private string MemberId(char kind, string typeName, string name, int arity, ImmutableArray<string> parameters) =>
            MemberId(_id, kind, typeName, name, arity, parameters);

        /// <summary><see cref="MemberId(char, string, string, int, ImmutableArray{string})"/> in <paramref name="buffer"/> (cleared first).</summary>
        internal static string MemberId(System.Text.StringBuilder buffer, char kind, string typeName, string name, int arity, ImmutableArray<string> parameters)
        {
            var builder = buffer.Clear().Append(kind).Append(':').Append(typeName).Append('.');
            if (name.IndexOfAny(EscapedInNames) < 0)
            {
                builder.Append(name);
            }
            else
            {
                foreach (var c in name)
                {
                    builder.Append(c switch
                    {
                        '.' => '#',
                        '<' => '{',
                        '>' => '}',
                        ',' => '@',
                        _ => c,
                    });
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

        private bool IsUserType(TypeDefinitionHandle handle)
        {
            for (var current = handle; !current.IsNil; current = _reader.GetTypeDefinition(current).GetDeclaringType())
            {
                var type = _reader.GetTypeDefinition(current);
                var name = _reader.GetString(type.Name);
                if (name.IndexOf('<') >= 0 || HasAttribute(type.GetCustomAttributes(), CompilerGenerated))
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsUserMember(string name, CustomAttributeHandleCollection attributes, bool specialName) =>
            !specialName && name.IndexOf('<') < 0 && !HasAttribute(attributes, CompilerGenerated);

        private string NamespaceOf(TypeDefinitionHandle handle)
        {
            var type = _reader.GetTypeDefinition(handle);
            while (!type.GetDeclaringType().IsNil)
            {
                type = _reader.GetTypeDefinition(type.GetDeclaringType());
            }

            return _reader.GetString(type.Namespace);
        }

        private Ownership TypeOwnership(TypeDefinitionHandle handle)
        {
            if (_types.TryGetValue(handle, out var cached))
            {
                return cached;
            }

            var type = _reader.GetTypeDefinition(handle);
            var declaring = type.GetDeclaringType();
            var parent = declaring.IsNil ? NamespaceOwnership(NamespaceOf(handle)) : TypeOwnership(declaring);
            var role = parent.RoleClaim.Further();
            var contract = parent.ContractClaim.Further();
            var conflicting = ApplyAttributes(type.GetCustomAttributes(), ref role, ref contract);

            var id = "T:" + _provider.FullName(handle);
            foreach (var layer in _layers)
            {
                if (layer.IsEmpty)
                {
                    continue;
                }

                if (layer.FindSymbol(id) is { } exact)
                {
                    Offer(exact, layer.SymbolSource, 0, ref role, ref contract);
                }

                if (layer.HasDerivedEntries)
                {
                    ApplyDerived(layer, new TypeDef(_reader, handle), ref role, ref contract);
                }
            }

            var result = new Ownership(role, contract, conflicting);
            _types[handle] = result;
            return result;
        }

        /// <summary>
        /// The member's policy lookup name (<see cref="PolicyParser.LookupName"/> of its ID) without taking the ID
        /// apart: when neither the type name nor the member name has a character that the ID escapes or cuts at,
        /// the lookup name is the member's metadata name itself. Null: ask <see cref="PolicyParser.LookupName"/>.
        /// </summary>
        internal static bool IsPlainTypeName(string typeName) => typeName.IndexOfAny(CutInIds) < 0;

        /// <inheritdoc cref="LookupName(bool, string)"/>
        internal static string? LookupName(bool plainTypeName, string memberName) =>
            plainTypeName && memberName.IndexOfAny(NotPlainInMemberNames) < 0 ? memberName : null;

        /// <param name="lookupName"><see cref="PolicyParser.LookupName"/> of <paramref name="id"/>, or null to compute it.</param>
        /// <param name="returnType">For a method that may also be mapped by its alternate ID (the ID, "~" and this return type); else null.</param>
        private Ownership MemberOwnership(Ownership type, CustomAttributeHandleCollection attributes, string id, string? lookupName, string? returnType)
        {
            var role = type.RoleClaim.Further();
            var contract = type.ContractClaim.Further();
            var conflicting = ApplyAttributes(attributes, ref role, ref contract);
            var name = lookupName ?? PolicyParser.LookupName(id);

            // The alternate ID has the same lookup name unless the ID has a '~' or the return type a '('
            // (then the cut points differ). It is built only for a layer that maps that name at all, which
            // almost no layer does for almost any member.
            string? alternateId = null;
            string? alternateName = null;
            if (returnType is not null)
            {
                if (id.IndexOf('~') < 0 && returnType.IndexOf('(') < 0)
                {
                    alternateName = name;
                }
                else
                {
                    alternateId = id + "~" + returnType;
                    alternateName = PolicyParser.LookupName(alternateId);
                }
            }

            foreach (var layer in _layers)
            {
                PolicyMapping? exact = null;
                if (layer.HasName(name))
                {
                    exact = layer.Find(id, name);
                }

                if (exact is null && alternateName is not null && layer.HasName(alternateName))
                {
                    alternateId ??= id + "~" + returnType;
                    exact = layer.Find(alternateId, alternateName);
                }

                if (exact is not null)
                {
                    Offer(exact, layer.SymbolSource, 0, ref role, ref contract);
                }
            }

            return new Ownership(role, contract, conflicting);
        }

        /// <summary>A <c>T:X+</c> entry covers types derived from X or implementing it: first match on the base chain, then on the interfaces.</summary>
        private void ApplyDerived(IdLayer layer, TypeDef type, ref Claim role, ref Claim contract)
        {
            var baseHandle = type.Definition.BaseType;
            var reader = type.Reader;
            for (var depth = 0; !baseHandle.IsNil && depth < 64; depth++)
            {
                if (layer.FindSymbol("T:" + DefinitionName(reader, baseHandle)) is { IncludesDerived: true } derived)
                {
                    Offer(derived, layer.SymbolSource, 1, ref role, ref contract);
                    break;
                }

                if (_resolver.Resolve(reader, baseHandle) is not { } resolved)
                {
                    break;
                }

                reader = resolved.Reader;
                baseHandle = resolved.Definition.BaseType;
            }

            foreach (var name in AllInterfaces(type))
            {
                if (layer.FindSymbol("T:" + name) is { IncludesDerived: true } derived)
                {
                    Offer(derived, layer.SymbolSource, 1, ref role, ref contract);
                    break;
                }
            }
        }

        private List<string> AllInterfaces(TypeDef type)
        {
            var result = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Queue<TypeDef>();
            pending.Enqueue(type);
            var guard = 0;
            while (pending.Count > 0 && guard++ < 512)
            {
                var current = pending.Dequeue();
                foreach (var implementation in current.Definition.GetInterfaceImplementations())
                {
                    var handle = current.Reader.GetInterfaceImplementation(implementation).Interface;
                    var name = DefinitionName(current.Reader, handle);
                    if (seen.Add(name))
                    {
                        result.Add(name);
                        if (_resolver.Resolve(current.Reader, handle) is { } resolved)
                        {
                            pending.Enqueue(resolved);
                        }
                    }
                }

                var baseHandle = current.Definition.BaseType;
                if (!baseHandle.IsNil && _resolver.Resolve(current.Reader, baseHandle) is { } baseType)
                {
                    pending.Enqueue(baseType);
                }
            }

            return result;
        }

        private static string DefinitionName(MetadataReader reader, EntityHandle handle)
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

        private Ownership NamespaceOwnership(string ns)
        {
            if (_namespaces.TryGetValue(ns, out var cached))
            {
                return cached;
            }

            var role = Claim.None;
            var contract = Claim.None;
            foreach (var layer in _layers)
            {
                if (layer.FindNamespace(ns, isContract: false, out var mapping, out var distance))
                {
                    role = Claim.Strongest(role, new Claim(mapping!.Target, layer.NamespaceSource, distance));
                }

                if (layer.FindNamespace(ns, isContract: true, out mapping, out distance))
                {
                    contract = Claim.Strongest(contract, new Claim(mapping!.Target, layer.NamespaceSource, distance));
                }
            }

            var assembly = AssemblyClaims();
            var result = new Ownership(Claim.Strongest(role, assembly.RoleClaim), Claim.Strongest(contract, assembly.ContractClaim), ImmutableArray<string>.Empty);
            _namespaces.Add(ns, result);
            return result;
        }

        private Ownership AssemblyClaims()
        {
            if (_assembly is null)
            {
                var role = Claim.None;
                var contract = Claim.None;
                if (_reader.IsAssembly)
                {
                    var conflicting = ApplyAttributes(_reader.GetAssemblyDefinition().GetCustomAttributes(), ref role, ref contract);
                    role = role.IsNone ? role : new Claim(role.Value, OwnershipSource.AssemblyAttribute, 0);
                    contract = contract.IsNone ? contract : new Claim(contract.Value, OwnershipSource.AssemblyAttribute, 0);
                    _ = conflicting;
                }

                _assembly = new Ownership(role, contract, ImmutableArray<string>.Empty);
            }

            return _assembly;
        }

        /// <summary>Role and contract attributes on one symbol; returns the roles when more than one is given (no claim then).</summary>
        private ImmutableArray<string> ApplyAttributes(CustomAttributeHandleCollection attributes, ref Claim role, ref Claim contract)
        {
            if (attributes.Count == 0)
            {
                return ImmutableArray<string>.Empty;
            }

            var roles = new List<string>();
            foreach (var handle in attributes)
            {
                var attribute = _reader.GetCustomAttribute(handle);
                if (!TryGetAttributeType(attribute, out var typeHandle, out var fullName))
                {
                    continue;
                }

                if (fullName == ContractAttribute)
                {
                    contract = Claim.Strongest(contract, new Claim(PolicyParser.ContractTarget, OwnershipSource.Attribute, 0));
                    continue;
                }

                if (!IsRoleAttribute(typeHandle, fullName))
                {
                    continue;
                }

                var roleName = RoleOf(attribute, fullName);
                if (roleName != null && _policy.KnownRoles.Contains(roleName) && !roles.Contains(roleName))
                {
                    roles.Add(roleName);
                }
            }

            if (roles.Count == 0)
            {
                return ImmutableArray<string>.Empty;
            }

            if (roles.Count == 1)
            {
                role = Claim.Strongest(role, new Claim(roles[0], OwnershipSource.Attribute, 0));
                return ImmutableArray<string>.Empty;
            }

            return roles.OrderBy(r => r, StringComparer.Ordinal).ToImmutableArray();
        }

        private bool HasAttribute(CustomAttributeHandleCollection attributes, string fullName)
        {
            foreach (var handle in attributes)
            {
                if (TryGetAttributeType(_reader.GetCustomAttribute(handle), out _, out var name) && name == fullName)
                {
                    return true;
                }
            }

            return false;
        }

        private bool TryGetAttributeType(CustomAttribute attribute, out EntityHandle type, out string fullName)
        {
            type = default;
            fullName = string.Empty;
            switch (attribute.Constructor.Kind)
            {
                case HandleKind.MethodDefinition:
                    type = _reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
                    break;
                case HandleKind.MemberReference:
                    type = _reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                    break;
                default:
                    return false;
            }

            if (!_attributeTypeNames.TryGetValue(type, out var name))
            {
                name = DefinitionName(_reader, type);
                _attributeTypeNames.Add(type, name);
            }

            fullName = name;
            return fullName.Length > 0;
        }

        private bool IsRoleAttribute(EntityHandle type, string fullName)
        {
            if (_isRoleAttribute.TryGetValue(fullName, out var known))
            {
                return known;
            }

            var result = false;
            var reader = _reader;
            var current = type;
            var name = fullName;
            for (var depth = 0; depth < 32 && !current.IsNil; depth++)
            {
                if (name == RoleAttribute || RoleAttributeNames.BuiltIn.ContainsKey(name))
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

        private string? RoleOf(CustomAttribute attribute, string fullName)
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
}
