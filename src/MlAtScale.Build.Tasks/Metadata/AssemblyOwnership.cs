using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using MlAtScale.Core.Policy;
using MlAtScale.Core.Precedence;

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

    /// <summary>The CODEOWNERS owner (team or user) whose <c>@owner = Role</c> line gives the role; null otherwise.</summary>
    public string? Team { get; set; }

    /// <summary>For a type owned by a path line or CODEOWNERS: its source file (from the PDB); null otherwise.</summary>
    public string? File { get; set; }
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
    /// <param name="pathMap">MSBuild's <c>PathMap</c> of the compile, to map the PDB's source paths back (see <see cref="SourceDocuments"/>).</param>
    public static AssemblyOwnership Read(string assemblyPath, ReportPolicy policy, IEnumerable<string> referencePaths, string? pathMap = null)
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
            using var sources = policy.Paths.IsEmpty ? null : SourceDocuments.Open(pe, reader, assemblyPath, pathMap);
            return new Walker(reader, policy, resolver, MemberMaps.Read(reader, pe.GetMetadata()), sources).Run();
        }
        catch (Exception e) when (e is InvalidOperationException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            // System.Reflection.Metadata reports some malformed tables this way, and a damaged table can
            // point a row index past the end of another: the file is not a readable assembly (MLRB002).
            throw new BadImageFormatException(e.Message, e);
        }
    }

    /// <summary>Walks the types and members a project declares and asks the shared precedence for each one's owner.</summary>
    internal sealed class Walker
    {
        private readonly MetadataReader _reader;
        private readonly MemberMaps _maps;
        private readonly MetadataOwnership _ownership;
        private readonly DocIdTypeProvider _provider;

        public Walker(MetadataReader reader, ReportPolicy policy, MetadataResolver resolver, MemberMaps maps, SourceDocuments? sources = null)
        {
            _reader = reader;
            _maps = maps;
            _ownership = new MetadataOwnership(reader, policy, resolver, maps) { Sources = sources };
            _provider = _ownership.Provider;
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
                var ns = NamespaceOf(handle);
                var typeOwnership = _ownership.GetOwnership(new MetadataSymbol(_reader, handle));
                var typeRecord = Record("T:" + typeName, ns, typeOwnership);
                if (typeOwnership.RoleClaim.Source is OwnershipSource.CodeOwners or OwnershipSource.PolicyPath && typeOwnership.RoleClaim.Distance == 0)
                {
                    typeRecord.File = _ownership.Sources?.PathOf(handle);
                }

                types.Add(typeRecord);

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

                    var propertyName = _reader.GetString(property.Name);
                    if (IsUserMember(propertyName, property.GetCustomAttributes(), false))
                    {
                        var symbol = new MetadataSymbol(_reader, propertyHandle);
                        members.Add(Record(_ownership.DeclarationId(symbol)!, ns, _ownership.GetOwnership(symbol)));
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

                    var eventName = _reader.GetString(@event.Name);
                    if (IsUserMember(eventName, @event.GetCustomAttributes(), false))
                    {
                        var id = _ownership.MemberId('E', typeName, eventName, 0, ImmutableArray<string>.Empty);
                        members.Add(Record(id, ns, _ownership.GetOwnership(new MetadataSymbol(_reader, eventHandle))));
                    }
                }

                foreach (var fieldHandle in type.GetFields())
                {
                    var field = _reader.GetFieldDefinition(fieldHandle);
                    var special = (field.Attributes & FieldAttributes.RTSpecialName) != 0;
                    var fieldName = _reader.GetString(field.Name);
                    if (IsUserMember(fieldName, field.GetCustomAttributes(), special))
                    {
                        var id = _ownership.MemberId('F', typeName, fieldName, 0, ImmutableArray<string>.Empty);
                        members.Add(Record(id, ns, _ownership.GetOwnership(new MetadataSymbol(_reader, fieldHandle))));
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

                    var symbol = new MetadataSymbol(_reader, methodHandle);
                    members.Add(Record(_ownership.DeclarationId(symbol)!, ns, _ownership.GetOwnership(symbol)));
                }
            }

            var assemblyName = _reader.IsAssembly ? _reader.GetString(_reader.GetAssemblyDefinition().Name) : string.Empty;
            return new AssemblyOwnership(assemblyName, types, members);
        }

        private static void Add(HashSet<MethodDefinitionHandle> set, MethodDefinitionHandle handle)
        {
            if (!handle.IsNil)
            {
                set.Add(handle);
            }
        }

        private static SymbolOwnership Record(string id, string ns, Ownership ownership) =>
            new(id, ns, ownership.Role, ownership.RoleClaim.Source, ownership.IsContract, ownership.ContractClaim.Source)
            {
                Team = ownership.RoleClaim.Source == OwnershipSource.CodeOwners ? ownership.RoleClaim.Entry?.Id : null,
            };

        private bool IsUserType(TypeDefinitionHandle handle)
        {
            for (var current = handle; !current.IsNil; current = _reader.GetTypeDefinition(current).GetDeclaringType())
            {
                var type = _reader.GetTypeDefinition(current);
                if (_reader.GetString(type.Name).IndexOf('<') >= 0 || _ownership.IsCompilerGenerated(type.GetCustomAttributes()))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Compiler-generated names start with '&lt;'; an explicit implementation of a generic interface has one inside.</summary>
        private bool IsUserMember(string name, CustomAttributeHandleCollection attributes, bool specialName) =>
            !specialName && !name.StartsWith("<", StringComparison.Ordinal) && !_ownership.IsCompilerGenerated(attributes);

        private string NamespaceOf(TypeDefinitionHandle handle)
        {
            var type = _reader.GetTypeDefinition(handle);
            while (!type.GetDeclaringType().IsNil)
            {
                type = _reader.GetTypeDefinition(type.GetDeclaringType());
            }

            return _reader.GetString(type.Namespace);
        }
    }
}
