using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Text;

namespace MlAtScale.Build.Tasks.Metadata;

/// <summary>
/// Decodes metadata signatures into the type syntax of documentation-comment IDs
/// (<c>System.Int32</c>, <c>`0</c>, <c>``0</c>, <c>List{System.String}</c>, <c>T[]</c>, <c>T@</c>),
/// so that IDs computed from the built assembly equal the ones the analyzer writes into the SARIF log.
/// </summary>
internal sealed class DocIdTypeProvider : ISignatureTypeProvider<string, object?>
{
    public static readonly DocIdTypeProvider Instance = new();

    /// <summary>The reader whose type names this instance remembers (null: none).</summary>
    private readonly MetadataReader? _cached;
    private readonly Dictionary<TypeDefinitionHandle, string> _definitions = new();
    private readonly Dictionary<TypeReferenceHandle, string> _references = new();

    public DocIdTypeProvider()
    {
    }

    /// <summary>A provider that computes each type name of <paramref name="reader"/> once (signatures name the same types over and over).</summary>
    public DocIdTypeProvider(MetadataReader reader) => _cached = reader;

    /// <summary><see cref="FullName(MetadataReader, TypeDefinitionHandle)"/> of the cached reader, remembered.</summary>
    public string FullName(TypeDefinitionHandle handle)
    {
        if (!_definitions.TryGetValue(handle, out var name))
        {
            name = FullName(_cached!, handle);
            _definitions.Add(handle, name);
        }

        return name;
    }

    /// <summary>"System." + the primitive type's name, by <see cref="PrimitiveTypeCode"/> (0x01 to 0x1c): built once, not per signature.</summary>
    private static readonly string?[] PrimitiveNames = BuildPrimitiveNames();

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) =>
        (int)typeCode >= 0 && (int)typeCode < PrimitiveNames.Length && PrimitiveNames[(int)typeCode] is { } name ? name : PrimitiveName(typeCode);

    private static string PrimitiveName(PrimitiveTypeCode typeCode) => "System." + typeCode switch
    {
        PrimitiveTypeCode.IntPtr => "IntPtr",
        PrimitiveTypeCode.UIntPtr => "UIntPtr",
        _ => typeCode.ToString(),
    };

    private static string?[] BuildPrimitiveNames()
    {
        var names = new string?[(int)PrimitiveTypeCode.Object + 1];
        foreach (PrimitiveTypeCode code in System.Enum.GetValues(typeof(PrimitiveTypeCode)))
        {
            if ((int)code >= 0 && (int)code < names.Length)
            {
                names[(int)code] = PrimitiveName(code);
            }
        }

        return names;
    }

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        reader == _cached ? FullName(handle) : FullName(reader, handle);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        if (reader != _cached)
        {
            return FullName(reader, handle);
        }

        if (!_references.TryGetValue(handle, out var name))
        {
            name = FullName(reader, handle);
            _references.Add(handle, name);
        }

        return name;
    }

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetArrayType(string elementType, ArrayShape shape)
    {
        var builder = new StringBuilder(elementType).Append('[');
        for (var i = 0; i < shape.Rank; i++)
        {
            builder.Append(i == 0 ? "0:" : ",0:");
        }

        return builder.Append(']').ToString();
    }

    public string GetPointerType(string elementType) => elementType + "*";

    public string GetByReferenceType(string elementType) => elementType + "@";

    public string GetPinnedType(string elementType) => elementType;

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

    public string GetFunctionPointerType(MethodSignature<string> signature) => "=FUNC:" + signature.ReturnType;

    public string GetGenericMethodParameter(object? genericContext, int index) => "``" + index;

    /// <summary>
    /// <c>`i</c>, or with the type arguments of a generic instantiation as the context (a string array),
    /// the i-th of them: a base type's member signature read in the terms of the derived type.
    /// </summary>
    public string GetGenericTypeParameter(object? genericContext, int index) =>
        genericContext is string[] arguments && index < arguments.Length ? arguments[index] : "`" + index;

    /// <summary><c>Ns.Outer`1.Inner`1</c> with arguments (A, B) becomes <c>Ns.Outer{A}.Inner{B}</c>.</summary>
    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
    {
        var length = genericType.Length + 2;
        foreach (var argument in typeArguments)
        {
            length += argument.Length + 1;
        }

        // Segment by segment as string.Split('.') would give them, without the array and the segment strings.
        var builder = new StringBuilder(length);
        var next = 0;
        var start = 0;
        while (true)
        {
            var end = genericType.IndexOf('.', start);
            if (end < 0)
            {
                end = genericType.Length;
            }

            if (start > 0)
            {
                builder.Append('.');
            }

            var tick = genericType.IndexOf('`', start, end - start);
            if (tick < 0 || !int.TryParse(genericType.Substring(tick + 1, end - tick - 1), out var arity))
            {
                builder.Append(genericType, start, end - start);
            }
            else
            {
                builder.Append(genericType, start, tick - start).Append('{');
                for (var i = 0; i < arity && next < typeArguments.Length; i++, next++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    builder.Append(typeArguments[next]);
                }

                builder.Append('}');
            }

            if (end == genericType.Length)
            {
                break;
            }

            start = end + 1;
        }

        return builder.ToString();
    }

    public static string FullName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return FullName(reader, declaring) + "." + name;
        }

        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public static string FullName(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        var name = reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return FullName(reader, (TypeReferenceHandle)type.ResolutionScope) + "." + name;
        }

        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
