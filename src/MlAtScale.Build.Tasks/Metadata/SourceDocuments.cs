using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace MlAtScale.Build.Tasks.Metadata;

/// <summary>
/// The source file of each type of the built assembly, read from its portable PDB (beside the assembly or
/// embedded in it), so that <c>path</c> lines and CODEOWNERS give the report the owners the analyzer gives:
/// the documents of the type's method bodies (sequence points), and for declarations without a method body
/// (interfaces, enums, a partial part with only fields) the compiler's <c>TypeDefinitionDocuments</c>
/// record. Of several documents the first in ordinal order counts, as in the analyzer. A nested type with
/// no document of its own takes its enclosing type's. A path the build rewrote with <c>PathMap</c> (e.g.
/// <c>/_/</c> in CI builds) is mapped back. Without a portable PDB no type has a source file, and path
/// lines and CODEOWNERS do not apply to the report's ownership (the violations still come from the analyzer).
/// </summary>
internal sealed class SourceDocuments : IDisposable
{
    /// <summary>The compiler's custom debug information that lists the documents of a type without method bodies in them.</summary>
    private static readonly Guid TypeDefinitionDocumentsKind = new("932E74BC-DBA9-4478-8D46-0F32A7BAB3D3");

    private readonly MetadataReaderProvider _provider;
    private readonly MetadataReader _pdb;
    private readonly MetadataReader _assembly;
    private readonly (string From, string To)[] _pathMap;
    private readonly Dictionary<TypeDefinitionHandle, string?> _paths = new();
    private readonly Dictionary<DocumentHandle, string> _names = new();

    private SourceDocuments(MetadataReaderProvider provider, MetadataReader assembly, (string From, string To)[] pathMap)
    {
        _provider = provider;
        _pdb = provider.GetMetadataReader();
        _assembly = assembly;
        _pathMap = pathMap;
    }

    /// <summary>The PDB of the assembly <paramref name="pe"/> read from <paramref name="assemblyPath"/>, or null when it has no portable PDB.</summary>
    public static SourceDocuments? Open(PEReader pe, MetadataReader assembly, string assemblyPath, string? pathMap)
    {
        try
        {
            if (!pe.TryOpenAssociatedPortablePdb(assemblyPath, path => File.Exists(path) ? File.OpenRead(path) : null, out var provider, out _) || provider is null)
            {
                return null;
            }

            return new SourceDocuments(provider, assembly, ParsePathMap(pathMap));
        }
        catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // A Windows PDB, a damaged or locked file: no source paths, as without a PDB.
            return null;
        }
    }

    /// <summary>The first source file (ordinal order) that declares the type, or null.</summary>
    public string? PathOf(TypeDefinitionHandle type)
    {
        if (_paths.TryGetValue(type, out var known))
        {
            return known;
        }

        string? first = null;
        var definition = _assembly.GetTypeDefinition(type);
        foreach (var method in definition.GetMethods())
        {
            var info = _pdb.GetMethodDebugInformation(method.ToDebugInformationHandle());
            if (!info.Document.IsNil)
            {
                first = First(first, info.Document);
                continue;
            }

            if (info.SequencePointsBlob.IsNil)
            {
                continue;
            }

            foreach (var point in info.GetSequencePoints())
            {
                first = First(first, point.Document);
            }
        }

        foreach (var handle in _pdb.GetCustomDebugInformation(type))
        {
            var record = _pdb.GetCustomDebugInformation(handle);
            if (_pdb.GetGuid(record.Kind) != TypeDefinitionDocumentsKind)
            {
                continue;
            }

            var blob = _pdb.GetBlobReader(record.Value);
            while (blob.RemainingBytes > 0)
            {
                first = First(first, MetadataTokens.DocumentHandle(blob.ReadCompressedInteger()));
            }
        }

        if (first is null && !definition.GetDeclaringType().IsNil)
        {
            first = PathOf(definition.GetDeclaringType());
        }

        _paths[type] = first;
        return first;
    }

    private string? First(string? first, DocumentHandle document)
    {
        if (document.IsNil)
        {
            return first;
        }

        if (!_names.TryGetValue(document, out var name))
        {
            name = Unmap(_pdb.GetString(_pdb.GetDocument(document).Name));
            _names.Add(document, name);
        }

        return first is null || string.CompareOrdinal(name, first) < 0 ? name : first;
    }

    /// <summary>A path the compiler wrote through <c>PathMap</c> (<c>from=to</c>), back to the file on disk.</summary>
    private string Unmap(string path)
    {
        foreach (var (from, to) in _pathMap)
        {
            if (to.Length > 0 && path.StartsWith(to, StringComparison.Ordinal))
            {
                return from + path.Substring(to.Length);
            }
        }

        return path;
    }

    /// <summary>MSBuild's <c>PathMap</c>: <c>from1=to1,from2=to2</c>.</summary>
    internal static (string From, string To)[] ParsePathMap(string? pathMap)
    {
        if (string.IsNullOrWhiteSpace(pathMap))
        {
            return Array.Empty<(string, string)>();
        }

        var pairs = ImmutableArray.CreateBuilder<(string, string)>();
        foreach (var pair in pathMap!.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals > 0)
            {
                pairs.Add((pair.Substring(0, equals).Trim(), pair.Substring(equals + 1).Trim()));
            }
        }

        return pairs.ToArray();
    }

    public void Dispose() => _provider.Dispose();
}
