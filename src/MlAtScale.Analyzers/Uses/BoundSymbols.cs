using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MlAtScale.Analyzers.Uses;

/// <summary>
/// What the syntax of one operation block binds to, read from the operation tree that the analyzer
/// driver has already built: invoked methods, created constructors, referenced members and
/// user-defined operators, keyed by the syntax node of the operation. Every other explicit operation
/// is recorded too, without a symbol: a name that is a local, a parameter or <c>this</c>, or an operator
/// that is built in, is then known to use nothing that has an owner. Asking the semantic model
/// instead can bind the code a second time (field and property initializers are bound again on each
/// question), so the rule asks here first and the model only for what has no operation of its own
/// (type names, which are not operations).
/// </summary>
internal sealed class BoundSymbols
{
    // One instance per analyzer thread, cleared after each block: the blocks of a compilation are many
    // and small, and their tables were a good part of the rule's allocations.
    [System.ThreadStatic]
    private static BoundSymbols? s_free;

    private readonly Dictionary<SyntaxNode, ISymbol?> _symbols = new();
    private readonly Dictionary<SyntaxNode, ITypeSymbol> _slotTypes = new();

    /// <summary>
    /// User-defined conversions and positional patterns with a <c>Deconstruct</c> in the blocks, implicit
    /// ones included: they use a method that no name in the syntax stands for, so the rule checks them
    /// from here (one walk of the tree it makes anyway, instead of a driver callback per conversion).
    /// </summary>
    public List<IOperation> OperatorUses { get; } = new();

    /// <summary>The memo of generic names' types for this block (see <see cref="DeclaredTypes.RentMemo"/>).</summary>
    public Dictionary<SyntaxNode, ITypeSymbol?> GenericTypes { get; } = new();

    private BoundSymbols()
    {
        SlotTypeOf = node => _slotTypes.TryGetValue(node, out var type) ? type : null;
    }

    /// <summary>The member or type whose role counts for every use in the blocks.</summary>
    public ISymbol User { get; private set; } = null!;

    /// <summary>The role of <see cref="User"/>.</summary>
    public string UserRole { get; private set; } = string.Empty;

    /// <summary>
    /// The type that a type syntax in the blocks stands for, where an operation names it: the type of
    /// a local declaration, a cast, <c>typeof</c>, <c>default</c>, <c>is</c>, a pattern, an array creation,
    /// an <c>out</c> declaration or a <c>foreach</c> variable; null for any other syntax.
    /// </summary>
    public System.Func<SyntaxNode, ITypeSymbol?> SlotTypeOf { get; }

    /// <summary>Reads the blocks; give the instance back with <see cref="Free"/> when the blocks are checked.</summary>
    public static BoundSymbols Create(ImmutableArray<IOperation> blocks, ISymbol user, string userRole)
    {
        var bound = s_free ?? new BoundSymbols();
        s_free = null;
        bound.User = user;
        bound.UserRole = userRole;
        foreach (var block in blocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                if (operation is IConversionOperation { OperatorMethod: not null } or IRecursivePatternOperation { DeconstructSymbol: not null })
                {
                    bound.OperatorUses.Add(operation);
                }

                // Implicit operations share their syntax with an explicit one (a collection
                // initializer's Add is keyed by the element); they are left to the semantic model.
                if (operation.IsImplicit)
                {
                    continue;
                }

                bound.AddSlotType(operation);
                var symbol = operation switch
                {
                    IInvocationOperation invocation => invocation.TargetMethod,
                    IObjectCreationOperation creation => creation.Constructor,
                    IMemberReferenceOperation reference => reference.Member,
                    IBinaryOperation binary => binary.OperatorMethod,
                    IUnaryOperation unary => unary.OperatorMethod,
                    ICompoundAssignmentOperation compound => compound.OperatorMethod,
                    IIncrementOrDecrementOperation increment => increment.OperatorMethod,
                    _ => null,
                };

                // Operations that never stand for an owned symbol are recorded without one (invalid
                // operations and the rest are left out: the semantic model is asked about them).
                if (symbol is null && operation is not (ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation or
                        ILiteralOperation or IDiscardOperation or IArrayElementReferenceOperation or IBinaryOperation or IUnaryOperation or
                        ICompoundAssignmentOperation or IIncrementOrDecrementOperation))
                {
                    continue;
                }

                // The outermost explicit operation of a node with a symbol wins (the walk is pre-order).
                if (!bound._symbols.TryGetValue(operation.Syntax, out var existing) || (existing is null && symbol is not null))
                {
                    bound._symbols[operation.Syntax] = symbol;
                }
            }
        }

        return bound;
    }

    /// <summary>Clears the tables and keeps the instance for the next block on this thread.</summary>
    public void Free()
    {
        _symbols.Clear();
        _slotTypes.Clear();
        OperatorUses.Clear();
        GenericTypes.Clear();
        User = null!;
        UserRole = string.Empty;
        s_free = this;
    }

    private void AddSlotType(IOperation operation)
    {
        switch (operation)
        {
            case IVariableDeclarationOperation { Syntax: VariableDeclarationSyntax { Type: { IsVar: false } type } } declaration when declaration.Declarators.Length > 0:
                AddSlotType(type, declaration.Declarators[0].Symbol.Type);
                break;
            case IConversionOperation { Syntax: CastExpressionSyntax cast } conversion:
                AddSlotType(cast.Type, conversion.Type);
                break;
            case ITypeOfOperation { Syntax: TypeOfExpressionSyntax typeOfSyntax } typeOf:
                AddSlotType(typeOfSyntax.Type, typeOf.TypeOperand);
                break;
            case IDefaultValueOperation { Syntax: DefaultExpressionSyntax defaultSyntax } defaultValue:
                AddSlotType(defaultSyntax.Type, defaultValue.Type);
                break;
            case IIsTypeOperation { Syntax: BinaryExpressionSyntax isSyntax } isType:
                AddSlotType(isSyntax.Right, isType.TypeOperand);
                break;
            case IArrayCreationOperation { Syntax: ArrayCreationExpressionSyntax arraySyntax } array:
                AddSlotType(arraySyntax.Type, array.Type);
                break;
            case IDeclarationPatternOperation { Syntax: DeclarationPatternSyntax patternSyntax } pattern:
                AddSlotType(patternSyntax.Type, pattern.MatchedType);
                break;
            case ITypePatternOperation { Syntax: TypePatternSyntax patternSyntax } pattern:
                AddSlotType(patternSyntax.Type, pattern.MatchedType);
                break;
            case ITypePatternOperation { Syntax: ConstantPatternSyntax constantSyntax } pattern:
                // `case Foo:` and `Foo =>` are parsed as constants and bound as type patterns.
                AddSlotType(constantSyntax.Expression, pattern.MatchedType);
                break;
            case IDeclarationExpressionOperation { Syntax: DeclarationExpressionSyntax { Type: { IsVar: false } type } } declaration:
                AddSlotType(type, declaration.Type);
                break;
            case IForEachLoopOperation { Syntax: ForEachStatementSyntax { Type: { IsVar: false } type }, LoopControlVariable: IVariableDeclaratorOperation variable }:
                AddSlotType(type, variable.Symbol.Type);
                break;
        }
    }

    private void AddSlotType(SyntaxNode syntax, ITypeSymbol? type)
    {
        if (type is not null && type.TypeKind != TypeKind.Error)
        {
            _slotTypes[syntax] = type;
        }
    }

    /// <summary>The symbol the operation at this node binds to, or null when there is none.</summary>
    public ISymbol? Get(SyntaxNode node) => _symbols.TryGetValue(node, out var symbol) ? symbol : null;

    /// <summary>
    /// Whether an explicit operation of the block starts at this node; <paramref name="symbol"/> is
    /// what it invokes, creates or references (null for a local, a parameter, a built-in operator, ...).
    /// </summary>
    public bool TryGet(SyntaxNode node, out ISymbol? symbol) => _symbols.TryGetValue(node, out symbol);

    /// <summary>
    /// A type named as a generic argument of a created type (<c>Foo</c> in <c>new List&lt;Foo&gt;()</c>,
    /// at any depth), read from the constructor the creation binds to; null otherwise.
    /// </summary>
    public ITypeSymbol? GetNamedType(SimpleNameSyntax name) => TypeOf(DeclaredTypes.FullName(name));

    private ITypeSymbol? TypeOf(SyntaxNode type)
    {
        if (type.Parent is BaseObjectCreationExpressionSyntax creation && creation is ObjectCreationExpressionSyntax { Type: var created } && created == type)
        {
            return (Get(creation) as IMethodSymbol)?.ContainingType;
        }

        if (type.Parent is TypeArgumentListSyntax arguments && arguments.Parent is GenericNameSyntax generic &&
            TypeOf(DeclaredTypes.FullName(generic)) is INamedTypeSymbol outer)
        {
            var index = arguments.Arguments.IndexOf((TypeSyntax)type);
            return index >= 0 && index < outer.TypeArguments.Length ? outer.TypeArguments[index] : null;
        }

        return null;
    }
}
