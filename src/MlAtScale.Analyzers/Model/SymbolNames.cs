using Microsoft.CodeAnalysis;

namespace MlAtScale.Analyzers.Model;

/// <summary>How symbols are named in messages: short, unambiguous within a project, no namespace noise.</summary>
internal static class SymbolNames
{
    private const string TopLevelEntryPoint = "<Main>$";

    private static readonly SymbolDisplayFormat Format = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeExplicitInterface,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    public static string Display(ISymbol symbol) => symbol switch
    {
        IMethodSymbol { Name: TopLevelEntryPoint } => "top-level statements",
        IAssemblySymbol assembly => "assembly " + assembly.Name,
        IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => "new " + constructor.ContainingType.ToDisplayString(Format) + "(…)",
        IMethodSymbol { MethodKind: MethodKind.StaticConstructor } constructor => "static " + constructor.ContainingType.ToDisplayString(Format) + "()",
        IPropertySymbol { IsIndexer: true } indexer => indexer.ContainingType.ToDisplayString(Format) + ".this[]",
        _ => symbol.ToDisplayString(Format),
    };
}
