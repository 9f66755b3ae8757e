using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace MlAtScale.Build.Tasks.Metadata;

/// <summary>
/// The properties and events of every type, from one pass over the PropertyMap and EventMap tables.
/// <see cref="TypeDefinition.GetProperties"/> and <see cref="TypeDefinition.GetEvents"/> search those
/// tables linearly when the metadata does not mark them sorted (the C# compiler does not), which makes
/// a walk over all types quadratic: about 70 ms at 10,000 types, growing with the square.
/// When the tables cannot be read this way (indirection tables of edit-and-continue metadata, an
/// unexpected row layout), the per-type lookups of System.Reflection.Metadata are used.
/// </summary>
internal sealed class MemberMaps
{
    private readonly Dictionary<TypeDefinitionHandle, (int First, int Last)>? _properties;
    private readonly Dictionary<TypeDefinitionHandle, (int First, int Last)>? _events;
    private readonly MetadataReader _reader;

    /// <summary>The TypeDef row that declares each MethodDef row (0: none), filled from each type's method list.</summary>
    private readonly int[] _methodOwners;

    /// <summary>The TypeDef row that declares each Field row (0: none).</summary>
    private readonly int[] _fieldOwners;

    private MemberMaps(MetadataReader reader, Dictionary<TypeDefinitionHandle, (int First, int Last)>? properties, Dictionary<TypeDefinitionHandle, (int First, int Last)>? events)
    {
        _reader = reader;
        _properties = properties;
        _events = events;

        // MethodDefinition.GetDeclaringType and FieldDefinition.GetDeclaringType binary-search the TypeDef
        // table on every call, and the report asks for each member's type several times (its ID, its
        // policy lookup name, its containing type's ownership): one pass over the types answers them all.
        _methodOwners = new int[reader.GetTableRowCount(TableIndex.MethodDef) + 1];
        _fieldOwners = new int[reader.GetTableRowCount(TableIndex.Field) + 1];
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            var row = MetadataTokens.GetRowNumber(handle);
            foreach (var method in type.GetMethods())
            {
                _methodOwners[RowWithin(MetadataTokens.GetRowNumber(method), _methodOwners, "method")] = row;
            }

            foreach (var field in type.GetFields())
            {
                _fieldOwners[RowWithin(MetadataTokens.GetRowNumber(field), _fieldOwners, "field")] = row;
            }
        }
    }

    /// <summary>A member row of a type's member list, which a damaged assembly can point past the end of its table.</summary>
    private static int RowWithin(int row, int[] owners, string kind) =>
        row > 0 && row < owners.Length
            ? row
            : throw new BadImageFormatException($"a type's {kind} list points to row {row}, outside the {kind} table ({owners.Length - 1} rows)");

    public static MemberMaps Read(MetadataReader reader, PEMemoryBlock metadata) => new(
        reader,
        ReadMap(reader, metadata, TableIndex.PropertyMap, TableIndex.Property, TableIndex.PropertyPtr),
        ReadMap(reader, metadata, TableIndex.EventMap, TableIndex.Event, TableIndex.EventPtr));

    /// <summary>The type that declares <paramref name="method"/> of the mapped assembly (<see cref="MethodDefinition.GetDeclaringType"/> without its search).</summary>
    public TypeDefinitionHandle DeclaringType(MethodDefinitionHandle method) =>
        Owner(_methodOwners, MetadataTokens.GetRowNumber(method)) is var row and > 0 ? MetadataTokens.TypeDefinitionHandle(row) : _reader.GetMethodDefinition(method).GetDeclaringType();

    /// <summary>The type that declares <paramref name="field"/> of the mapped assembly.</summary>
    public TypeDefinitionHandle DeclaringType(FieldDefinitionHandle field) =>
        Owner(_fieldOwners, MetadataTokens.GetRowNumber(field)) is var row and > 0 ? MetadataTokens.TypeDefinitionHandle(row) : _reader.GetFieldDefinition(field).GetDeclaringType();

    private static int Owner(int[] owners, int row) => row > 0 && row < owners.Length ? owners[row] : 0;

    public IEnumerable<PropertyDefinitionHandle> Properties(TypeDefinition type, TypeDefinitionHandle handle)
    {
        if (_properties is null)
        {
            foreach (var property in type.GetProperties())
            {
                yield return property;
            }

            yield break;
        }

        if (_properties.TryGetValue(handle, out var range))
        {
            for (var row = range.First; row <= range.Last; row++)
            {
                yield return MetadataTokens.PropertyDefinitionHandle(row);
            }
        }
    }

    public IEnumerable<EventDefinitionHandle> Events(TypeDefinition type, TypeDefinitionHandle handle)
    {
        if (_events is null)
        {
            foreach (var @event in type.GetEvents())
            {
                yield return @event;
            }

            yield break;
        }

        if (_events.TryGetValue(handle, out var range))
        {
            for (var row = range.First; row <= range.Last; row++)
            {
                yield return MetadataTokens.EventDefinitionHandle(row);
            }
        }
    }

    /// <summary>
    /// Parent type → (first, last) member row of a map table (ECMA-335 II.22.35 PropertyMap, II.22.12 EventMap):
    /// rows of (Parent: TypeDef index, List: index of the first member); a type's members run up to the next row's first.
    /// </summary>
    private static Dictionary<TypeDefinitionHandle, (int First, int Last)>? ReadMap(MetadataReader reader, PEMemoryBlock metadata, TableIndex map, TableIndex members, TableIndex pointers)
    {
        var rows = reader.GetTableRowCount(map);
        var result = new Dictionary<TypeDefinitionHandle, (int First, int Last)>(rows);
        if (rows == 0)
        {
            return result;
        }

        if (reader.GetTableRowCount(pointers) > 0)
        {
            return null;
        }

        var parentSize = reader.GetTableRowCount(TableIndex.TypeDef) < 0x10000 ? 2 : 4;
        var memberCount = reader.GetTableRowCount(members);
        var listSize = memberCount < 0x10000 ? 2 : 4;
        var rowSize = reader.GetTableRowSize(map);
        var offset = reader.GetTableMetadataOffset(map);
        if (rowSize != parentSize + listSize || offset < 0 || (long)offset + ((long)rows * rowSize) > metadata.Length)
        {
            return null;
        }

        var table = metadata.GetContent(offset, rows * rowSize);
        var parents = new int[rows];
        var firsts = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            parents[i] = ReadIndex(table, i * rowSize, parentSize);
            firsts[i] = ReadIndex(table, (i * rowSize) + parentSize, listSize);
        }

        for (var i = 0; i < rows; i++)
        {
            var first = firsts[i];
            var last = i + 1 < rows ? firsts[i + 1] - 1 : memberCount;
            if (parents[i] <= 0 || first <= 0 || first > memberCount + 1 || last > memberCount)
            {
                return null;
            }

            var parent = MetadataTokens.TypeDefinitionHandle(parents[i]);
            if (first <= last && !result.ContainsKey(parent))
            {
                result.Add(parent, (first, last));
            }
        }

        return result;
    }

    private static int ReadIndex(ImmutableArray<byte> table, int at, int size) =>
        size == 2 ? table[at] | (table[at + 1] << 8) : table[at] | (table[at + 1] << 8) | (table[at + 2] << 16) | (table[at + 3] << 24);
}
