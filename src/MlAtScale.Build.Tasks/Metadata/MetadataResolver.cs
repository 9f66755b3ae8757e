using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace MlAtScale.Build.Tasks.Metadata;

/// <summary>A type definition in one of the loaded assemblies.</summary>
internal readonly struct TypeDef
{
    public TypeDef(MetadataReader reader, TypeDefinitionHandle handle)
    {
        Reader = reader;
        Handle = handle;
    }

    public MetadataReader Reader { get; }

    public TypeDefinitionHandle Handle { get; }

    public TypeDefinition Definition => Reader.GetTypeDefinition(Handle);
}

/// <summary>
/// Resolves type references of the built assembly into the referenced assemblies (the project's
/// reference paths), following type forwarders, so that base types of attributes and of mapped types
/// can be walked across assemblies. Best effort: what cannot be resolved stays unresolved.
/// </summary>
internal sealed class MetadataResolver : IDisposable
{
    private readonly Dictionary<string, string> _pathsByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, MetadataReader?> _readers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<MetadataReader, Dictionary<string, TypeDefinitionHandle>> _typeIndex = new();

    /// <summary>Resolved type references per reader: every type's base chain names the same few types (System.Object, ...).</summary>
    private readonly Dictionary<MetadataReader, Dictionary<TypeReferenceHandle, TypeDef?>> _resolved = new();
    private readonly List<PEReader> _open = new();

    public MetadataResolver(IEnumerable<string> referencePaths)
    {
        foreach (var path in referencePaths)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (!_pathsByName.ContainsKey(name))
            {
                _pathsByName.Add(name, path);
            }
        }
    }

    public TypeDef? Resolve(MetadataReader reader, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                return new TypeDef(reader, (TypeDefinitionHandle)handle);
            case HandleKind.TypeReference:
                return ResolveReference(reader, (TypeReferenceHandle)handle);
            case HandleKind.TypeSpecification:
                var generic = GenericTypeOf(reader, (TypeSpecificationHandle)handle);
                return generic.IsNil ? null : Resolve(reader, generic);
            default:
                return null;
        }
    }

    /// <summary>The generic type of a generic instantiation (<c>List&lt;int&gt;</c> → <c>List`1</c>), else nil.</summary>
    public static EntityHandle GenericTypeOf(MetadataReader reader, TypeSpecificationHandle handle)
    {
        var blob = reader.GetBlobReader(reader.GetTypeSpecification(handle).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
        {
            return default;
        }

        blob.ReadSignatureTypeCode();
        return blob.ReadTypeHandle();
    }

    private TypeDef? ResolveReference(MetadataReader reader, TypeReferenceHandle handle)
    {
        if (!_resolved.TryGetValue(reader, out var resolved))
        {
            _resolved.Add(reader, resolved = new Dictionary<TypeReferenceHandle, TypeDef?>());
        }

        if (!resolved.TryGetValue(handle, out var type))
        {
            type = ResolveReference(reader, handle, 0);
            resolved.Add(handle, type);
        }

        return type;
    }

    private TypeDef? ResolveReference(MetadataReader reader, TypeReferenceHandle handle, int depth)
    {
        if (depth > 16)
        {
            return null;
        }

        var reference = reader.GetTypeReference(handle);
        var scope = reference.ResolutionScope;
        var name = reader.GetString(reference.Name);
        var ns = reader.GetString(reference.Namespace);
        switch (scope.Kind)
        {
            case HandleKind.TypeReference:
                var outer = ResolveReference(reader, (TypeReferenceHandle)scope, depth + 1);
                return outer is { } o ? FindNested(o, name) : null;
            case HandleKind.AssemblyReference:
                var target = Load(reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name));
                return target is null ? null : FindTopLevel(target, ns, name, depth);
            case HandleKind.ModuleDefinition:
            case HandleKind.ModuleReference:
                return FindTopLevel(reader, ns, name, depth);
            default:
                return null;
        }
    }

    private TypeDef? FindTopLevel(MetadataReader reader, string ns, string name, int depth)
    {
        var fullName = ns.Length == 0 ? name : ns + "." + name;
        if (Index(reader).TryGetValue(fullName, out var found))
        {
            return new TypeDef(reader, found);
        }

        foreach (var exportedHandle in reader.ExportedTypes)
        {
            var exported = reader.GetExportedType(exportedHandle);
            if (exported.Implementation.Kind == HandleKind.AssemblyReference &&
                reader.StringComparer.Equals(exported.Name, name) &&
                reader.StringComparer.Equals(exported.Namespace, ns))
            {
                var target = Load(reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)exported.Implementation).Name));
                return target is null || depth > 16 ? null : FindTopLevel(target, ns, name, depth + 1);
            }
        }

        return null;
    }

    private static TypeDef? FindNested(TypeDef outer, string name)
    {
        foreach (var nested in outer.Definition.GetNestedTypes())
        {
            if (outer.Reader.StringComparer.Equals(outer.Reader.GetTypeDefinition(nested).Name, name))
            {
                return new TypeDef(outer.Reader, nested);
            }
        }

        return null;
    }

    private Dictionary<string, TypeDefinitionHandle> Index(MetadataReader reader)
    {
        if (!_typeIndex.TryGetValue(reader, out var index))
        {
            index = new Dictionary<string, TypeDefinitionHandle>(StringComparer.Ordinal);
            foreach (var handle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(handle);
                if (type.GetDeclaringType().IsNil)
                {
                    index[DocIdTypeProvider.FullName(reader, handle)] = handle;
                }
            }

            _typeIndex.Add(reader, index);
        }

        return index;
    }

    private MetadataReader? Load(string assemblyName)
    {
        if (_readers.TryGetValue(assemblyName, out var cached))
        {
            return cached;
        }

        MetadataReader? reader = null;
        if (_pathsByName.TryGetValue(assemblyName, out var path))
        {
            try
            {
                var pe = new PEReader(File.OpenRead(path));
                _open.Add(pe);
                reader = pe.HasMetadata ? pe.GetMetadataReader() : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException)
            {
                // A reference that cannot be read only limits how far base types can be followed.
                reader = null;
            }
        }

        _readers.Add(assemblyName, reader);
        return reader;
    }

    public void Dispose()
    {
        foreach (var pe in _open)
        {
            pe.Dispose();
        }
    }
}
