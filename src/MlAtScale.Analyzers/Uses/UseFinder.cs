using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using MlAtScale.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MlAtScale.Analyzers.Uses;

/// <summary>
/// Finds every use of a symbol by code of a role: each simple name (types in any position, members,
/// method groups, attributes, extension methods), plus the uses that have no name of their own:
/// operators, user-defined conversions, <c>new()</c>, indexers, foreach, await, deconstruction,
/// collection initialisers and query clauses. Declarations (signatures, base lists, constraints,
/// attributes) are read from their syntax; bodies and initializers from the bound operation blocks.
/// What a use means is not its business: each one goes to <see cref="OnUse"/>.
/// </summary>
internal abstract class UseFinder
{
    private static readonly SyntaxKind[] OperatorKinds =
    {
        SyntaxKind.AddExpression, SyntaxKind.SubtractExpression, SyntaxKind.MultiplyExpression, SyntaxKind.DivideExpression,
        SyntaxKind.ModuloExpression, SyntaxKind.LeftShiftExpression, SyntaxKind.RightShiftExpression, SyntaxKind.UnsignedRightShiftExpression,
        SyntaxKind.LogicalOrExpression, SyntaxKind.LogicalAndExpression, SyntaxKind.BitwiseOrExpression, SyntaxKind.BitwiseAndExpression,
        SyntaxKind.ExclusiveOrExpression, SyntaxKind.EqualsExpression, SyntaxKind.NotEqualsExpression, SyntaxKind.LessThanExpression,
        SyntaxKind.LessThanOrEqualExpression, SyntaxKind.GreaterThanExpression, SyntaxKind.GreaterThanOrEqualExpression,
        SyntaxKind.UnaryPlusExpression, SyntaxKind.UnaryMinusExpression, SyntaxKind.BitwiseNotExpression, SyntaxKind.LogicalNotExpression,
        SyntaxKind.PreIncrementExpression, SyntaxKind.PreDecrementExpression, SyntaxKind.PostIncrementExpression, SyntaxKind.PostDecrementExpression,
        SyntaxKind.AddAssignmentExpression, SyntaxKind.SubtractAssignmentExpression, SyntaxKind.MultiplyAssignmentExpression,
        SyntaxKind.DivideAssignmentExpression, SyntaxKind.ModuloAssignmentExpression, SyntaxKind.AndAssignmentExpression,
        SyntaxKind.ExclusiveOrAssignmentExpression, SyntaxKind.OrAssignmentExpression, SyntaxKind.LeftShiftAssignmentExpression,
        SyntaxKind.RightShiftAssignmentExpression, SyntaxKind.UnsignedRightShiftAssignmentExpression,
    };

    private static readonly SyntaxKind[] QueryKinds =
    {
        SyntaxKind.FromClause, SyntaxKind.LetClause, SyntaxKind.JoinClause, SyntaxKind.WhereClause, SyntaxKind.AscendingOrdering,
        SyntaxKind.DescendingOrdering, SyntaxKind.SelectClause, SyntaxKind.GroupClause, SyntaxKind.QueryContinuation,
    };

    private static readonly SyntaxKind[] OtherKinds =
    {
        SyntaxKind.IdentifierName, SyntaxKind.GenericName, SyntaxKind.ImplicitObjectCreationExpression, SyntaxKind.ElementAccessExpression,
        SyntaxKind.ElementBindingExpression, SyntaxKind.ForEachStatement, SyntaxKind.ForEachVariableStatement, SyntaxKind.AwaitExpression,
        SyntaxKind.SimpleAssignmentExpression, SyntaxKind.CollectionInitializerExpression, SyntaxKind.BaseConstructorInitializer,
        SyntaxKind.ThisConstructorInitializer,
    };

    /// <summary>Every syntax kind the rule looks at, indexed by kind (a lookup per node of a declaration).</summary>
    private static readonly bool[] IsNodeKind = KindTable(OtherKinds.Concat(OperatorKinds).Concat(QueryKinds));

    /// <summary>
    /// The declarations whose own syntax (attributes, signatures, base lists, constraints, accessors'
    /// attributes; not bodies, initializers or nested members) is checked from one syntax-node action
    /// each, and the compilation unit for assembly attributes. One callback per declaration instead of
    /// one per name: the driver's and telemetry's cost per callback was a good part of the rule's time.
    /// </summary>
    public static readonly SyntaxKind[] DeclarationKinds =
    {
        SyntaxKind.ClassDeclaration, SyntaxKind.StructDeclaration, SyntaxKind.InterfaceDeclaration, SyntaxKind.RecordDeclaration,
        SyntaxKind.RecordStructDeclaration, SyntaxKind.EnumDeclaration, SyntaxKind.DelegateDeclaration, SyntaxKind.EnumMemberDeclaration,
        SyntaxKind.FieldDeclaration, SyntaxKind.EventFieldDeclaration, SyntaxKind.MethodDeclaration, SyntaxKind.OperatorDeclaration,
        SyntaxKind.ConversionOperatorDeclaration, SyntaxKind.ConstructorDeclaration, SyntaxKind.DestructorDeclaration,
        SyntaxKind.PropertyDeclaration, SyntaxKind.EventDeclaration, SyntaxKind.IndexerDeclaration, SyntaxKind.IncompleteMember,
        SyntaxKind.CompilationUnit,
    };

    private static readonly bool[] IsOperatorKind = KindTable(OperatorKinds);

    private static readonly bool[] IsQueryKind = KindTable(QueryKinds);

    private static bool[] KindTable(IEnumerable<SyntaxKind> kinds)
    {
        var table = new bool[ushort.MaxValue + 1];
        foreach (var kind in kinds)
        {
            table[(ushort)kind] = true;
        }

        return table;
    }

    private readonly RoleModel _model;

    protected UseFinder(RoleModel model) => _model = model;

    /// <summary>A use of <paramref name="used"/> by <paramref name="user"/>, whose role is <paramref name="userRole"/>, at <paramref name="location"/>.</summary>
    /// <remarks>The location is the node or token of the use; a <see cref="Location"/> is made only for a diagnostic.</remarks>
    protected abstract void OnUse(ISymbol user, string userRole, ISymbol used, SyntaxNodeOrToken location, Compilation compilation, System.Action<Diagnostic> report);

    /// <summary>
    /// The names and other uses in one declaration outside its bodies and initializers: in its
    /// attributes, signature, base list, constraints and accessors' attributes (nested declarations
    /// have their own callback); for the compilation unit, in assembly and module attributes.
    /// </summary>
    public void AnalyzeDeclaration(SyntaxNodeAnalysisContext context)
    {
        var declaration = context.Node;
        if (declaration is CompilationUnitSyntax unit)
        {
            foreach (var list in unit.AttributeLists)
            {
                AnalyzeDeclarationPart(list, context);
            }

            return;
        }

        AnalyzeDeclarationPart(declaration, context);
    }

    private void AnalyzeDeclarationPart(SyntaxNode part, in SyntaxNodeAnalysisContext context)
    {
        var declaration = context.Node;
        ISymbol? primaryConstructor = null;
        System.Action<Diagnostic>? report = null;
        var generics = DeclaredTypes.RentMemo();
        try
        {
            AnalyzeDeclarationNodes(part, context, generics, ref primaryConstructor, ref report);
        }
        finally
        {
            DeclaredTypes.ReturnMemo(generics);
        }
    }

    private void AnalyzeDeclarationNodes(SyntaxNode part, in SyntaxNodeAnalysisContext context, Dictionary<SyntaxNode, ITypeSymbol?> generics, ref ISymbol? primaryConstructor, ref System.Action<Diagnostic>? report)
    {
        var declaration = context.Node;
        foreach (var node in part.DescendantNodesAndSelf(n => n == declaration || !(ExecutableCode.IsRoot(n) || n is MemberDeclarationSyntax)))
        {
            if (IsNodeKind[(ushort)node.Kind()] && !ExecutableCode.IsRoot(node) && (node == declaration || node is not MemberDeclarationSyntax))
            {
                context.CancellationToken.ThrowIfCancellationRequested();

                // A primary constructor's parameters and base-constructor arguments are code of the constructor, not of the type;
                // assembly and module attributes (the compilation unit's attribute lists) are the assembly's.
                var containing = declaration is CompilationUnitSyntax ? context.Compilation.Assembly : context.ContainingSymbol;
                if (declaration is TypeDeclarationSyntax { ParameterList: { } parameters } type && IsInPrimaryConstructor(node, type, parameters))
                {
                    containing = primaryConstructor ??= PrimaryConstructor(type, context.ContainingSymbol) ?? context.ContainingSymbol;
                }

                report ??= context.ReportDiagnostic;
                Analyze(new NodeContext(node, context.SemanticModel, containing, context.Compilation, context.Options, context.IsGeneratedCode, report, context.CancellationToken, generics: generics));
            }
        }
    }

    private static bool IsInPrimaryConstructor(SyntaxNode node, TypeDeclarationSyntax type, ParameterListSyntax parameters)
    {
        if (parameters.FullSpan.Contains(node.Span))
        {
            return true;
        }

        return type.BaseList is { } baseList && baseList.Types.Count > 0 &&
               baseList.Types[0] is PrimaryConstructorBaseTypeSyntax { ArgumentList: { } arguments } && arguments.FullSpan.Contains(node.Span);
    }

    private static ISymbol? PrimaryConstructor(TypeDeclarationSyntax type, ISymbol? declared)
    {
        if (declared is not INamedTypeSymbol named)
        {
            return null;
        }

        foreach (var constructor in named.InstanceConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == type.SyntaxTree && reference.Span == type.Span)
                {
                    return constructor;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The bodies and initializers of one member, after the driver has bound them: every use in
    /// their syntax is checked here (names are then looked up in the bound tree, not bound again).
    /// </summary>
    public void AnalyzeBlocks(OperationBlockAnalysisContext context)
    {
        if (context.OperationBlocks.IsEmpty || context.OperationBlocks[0].SemanticModel is not { } semanticModel)
        {
            return;
        }

        // Every use in the blocks is made by the same member: without a role it crosses no boundary.
        var user = ResolveUser(context.OwningSymbol);
        var userRole = user is null ? null : _model.GetOwnership(user).Role;
        if (userRole is null)
        {
            return;
        }

        var roots = new List<SyntaxNode>();
        foreach (var block in context.OperationBlocks)
        {
            ExecutableCode.CollectRoots(block.Syntax, roots);
        }

        var cancellationToken = context.CancellationToken;
        System.Action<Diagnostic> report = context.ReportDiagnostic;
        var bound = BoundSymbols.Create(context.OperationBlocks, user!, userRole);
        try
        {
            var seen = roots.Count > 1 ? new HashSet<SyntaxNode>() : null;
            foreach (var root in roots)
            {
                if (seen is not null && !seen.Add(root))
                {
                    continue;
                }

                // The block's model may belong to another tree only in broken code; names are bound in their own tree.
                if (root.SyntaxTree != semanticModel.SyntaxTree)
                {
                    continue;
                }

                foreach (var node in root.DescendantNodesAndSelf())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Analyze(new NodeContext(node, semanticModel, context.OwningSymbol, context.Compilation, context.Options, context.IsGeneratedCode, report, cancellationToken, bound));
                }
            }

            foreach (var operation in bound.OperatorUses)
            {
                if (context.IsGeneratedCode && !IncludeGenerated(operation.Syntax.SyntaxTree, context.Options))
                {
                    continue;
                }

                if (OperatorUse(operation) is ({ } used, var location))
                {
                    OnUse(bound.User, bound.UserRole, used, location, context.Compilation, report);
                }
            }
        }
        finally
        {
            bound.Free();
        }
    }

    private void Analyze(in NodeContext context)
    {
        var kind = context.Node.Kind();
        switch (kind)
        {
            case SyntaxKind.IdentifierName or SyntaxKind.GenericName:
                AnalyzeName(context);
                break;
            case SyntaxKind.ImplicitObjectCreationExpression:
                AnalyzeImplicitCreation(context);
                break;
            case SyntaxKind.ElementAccessExpression or SyntaxKind.ElementBindingExpression:
                AnalyzeElementAccess(context);
                break;
            case SyntaxKind.ForEachStatement or SyntaxKind.ForEachVariableStatement:
                AnalyzeForEach(context);
                break;
            case SyntaxKind.AwaitExpression:
                AnalyzeAwait(context);
                break;
            case SyntaxKind.CollectionInitializerExpression:
                AnalyzeCollectionInitializer(context);
                break;
            case SyntaxKind.BaseConstructorInitializer or SyntaxKind.ThisConstructorInitializer:
                AnalyzeConstructorInitializer(context);
                break;
            default:
                if (kind == SyntaxKind.SimpleAssignmentExpression)
                {
                    AnalyzeDeconstruction(context);
                }

                if (IsOperatorKind[(ushort)kind])
                {
                    AnalyzeOperator(context);
                }
                else if (IsQueryKind[(ushort)kind])
                {
                    AnalyzeQueryClause(context);
                }

                break;
        }
    }

    public void AnalyzeName(NodeContext context)
    {
        if (Skip(context))
        {
            return;
        }

        // Names in using directives, namespace declarations and extern aliases are not uses by code;
        // neither walk reaches them (declarations are walked from member declarations and the
        // compilation unit's attribute lists, code from operation blocks). The left part of a
        // qualified name (`Ns` or `Outer` in `Ns.Outer.Inner`) is a namespace, a type or an alias: a
        // qualifier, not a use of its own (see IsQualifierOfMember), so it is not bound at all
        // (binding it again inside nested lambdas cost time in proportion to their depth).
        var name = (SimpleNameSyntax)context.Node;
        if (name is IdentifierNameSyntax { IsVar: true } || IsLeftOfQualifiedName(name))
        {
            return;
        }

        // `new Foo(...)` uses Foo's constructor, which may be owned differently from Foo itself.
        var creation = GetCreation(name);
        var symbol = creation is not null && context.Bound?.Get(creation) is IMethodSymbol boundConstructor
            ? boundConstructor
            : GetNameSymbol(name, context);
        if (!IsCheckable(symbol) || (symbol is INamedTypeSymbol && IsQualifierOfMember(name)))
        {
            return;
        }

        if (symbol is INamedTypeSymbol && creation is not null &&
            context.SemanticModel.GetSymbolInfo(creation, context.CancellationToken).Symbol is IMethodSymbol constructor)
        {
            symbol = constructor;
        }

        if (IsMemberOfInitializedType(name, symbol!, context.SemanticModel, context))
        {
            return;
        }

        Check(context, symbol!, name);
    }

    /// <summary>
    /// The symbol a name binds to. For the method name of an invocation (<c>M(...)</c>, <c>x.M(...)</c>)
    /// the invocation is asked instead: it binds to the same method, while asking the name also
    /// makes the compiler collect the whole method group, including every extension method in
    /// scope, which dominated the analyzer's time. A delegate invocation (<c>f(...)</c> binds to
    /// Invoke) or an invocation that does not bind to a method falls back to the name.
    /// </summary>
    private static ISymbol? GetNameSymbol(SimpleNameSyntax name, in NodeContext context)
    {
        var invoked = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : (ExpressionSyntax)name;
        if (invoked.Parent is InvocationExpressionSyntax invocation && invocation.Expression == invoked &&
            SymbolOf(context, invocation) is IMethodSymbol { MethodKind: not MethodKind.DelegateInvoke } method)
        {
            return method;
        }

        // A member reference (x.P, x.F, x.E, a method group) is bound at the member access; a local,
        // a parameter or `this` is bound with no symbol; a type named inside a created type's
        // generic arguments is read from the created type.
        if (context.Bound is { } bound)
        {
            if (bound.TryGet(invoked, out var fromOperations))
            {
                return fromOperations;
            }

            if ((bound.GetNamedType(name) ?? DeclaredTypes.Find(name, bound.SlotTypeOf, bound.GenericTypes)) is { } fromTypes)
            {
                return fromTypes;
            }

            // A qualifier with no operation of its own (`Foo` in `Foo.Bar()`, when the access is bound)
            // is a type or a namespace: not a use of its own (see IsQualifierOfMember).
            if (IsQualifierOfMember(name) && IsBoundAccess(name, bound))
            {
                return null;
            }
        }

        // A type in a signature is the declared member's parameter, return, property or field type; an
        // attribute's name is its constructor, as the compiler bound it for the declared member.
        if (context.Bound is null && (DeclaredTypes.Find(name, context.ContainingSymbol, context.GenericTypes) ?? DeclaredTypes.FindInAttribute(name, context.ContainingSymbol)) is { } declared)
        {
            return declared;
        }

        return context.SemanticModel.GetSymbolInfo(name, context.CancellationToken).Symbol;
    }

    /// <summary>What a node binds to: from the operation tree when the block has one for it, else from the semantic model.</summary>
    private static ISymbol? SymbolOf(in NodeContext context, SyntaxNode node) =>
        context.Bound is { } bound && bound.TryGet(node, out var symbol) ? symbol : context.SemanticModel.GetSymbolInfo(node, context.CancellationToken).Symbol;

    /// <summary>Whether the member access (or the invocation of it) that <paramref name="qualifier"/> qualifies is bound to a symbol in the block.</summary>
    private static bool IsBoundAccess(SimpleNameSyntax qualifier, BoundSymbols bound)
    {
        SyntaxNode node = qualifier;
        if (node.Parent is MemberAccessExpressionSyntax { Name: var accessName } inner && accessName == node)
        {
            node = inner;
        }

        if (node.Parent is not MemberAccessExpressionSyntax outer || outer.Expression != node)
        {
            return false;
        }

        return bound.Get(outer) is not null ||
               (outer.Parent is InvocationExpressionSyntax invocation && invocation.Expression == outer && bound.Get(invocation) is not null);
    }

    public void AnalyzeOperator(NodeContext context)
    {
        if (Skip(context))
        {
            return;
        }

        if (SymbolOf(context, context.Node) is IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator } op)
        {
            var token = context.Node switch
            {
                BinaryExpressionSyntax binary => binary.OperatorToken,
                PrefixUnaryExpressionSyntax prefix => prefix.OperatorToken,
                PostfixUnaryExpressionSyntax postfix => postfix.OperatorToken,
                AssignmentExpressionSyntax assignment => assignment.OperatorToken,
                _ => context.Node.GetFirstToken(),
            };
            Check(context, op, token);
        }
    }

    public void AnalyzeImplicitCreation(NodeContext context)
    {
        if (!Skip(context) && SymbolOf(context, context.Node) is IMethodSymbol constructor)
        {
            Check(context, constructor, context.Node);
        }
    }

    public void AnalyzeElementAccess(NodeContext context)
    {
        if (Skip(context) || SymbolOf(context, context.Node) is not IPropertySymbol { IsIndexer: true } indexer)
        {
            return;
        }

        var brackets = context.Node switch
        {
            ElementAccessExpressionSyntax access => access.ArgumentList,
            ElementBindingExpressionSyntax binding => binding.ArgumentList,
            _ => context.Node,
        };
        Check(context, indexer, brackets);
    }

    public void AnalyzeForEach(NodeContext context)
    {
        if (Skip(context))
        {
            return;
        }

        var statement = (CommonForEachStatementSyntax)context.Node;
        var info = context.SemanticModel.GetForEachStatementInfo(statement);
        if (info.GetEnumeratorMethod is { } getEnumerator)
        {
            Check(context, getEnumerator, statement.ForEachKeyword);
        }

        if (statement is ForEachVariableStatementSyntax variable)
        {
            CheckDeconstruction(context, context.SemanticModel.GetDeconstructionInfo(variable), variable.Variable);
        }
    }

    public void AnalyzeAwait(NodeContext context)
    {
        if (Skip(context))
        {
            return;
        }

        var await = (AwaitExpressionSyntax)context.Node;
        if (context.SemanticModel.GetAwaitExpressionInfo(await).GetAwaiterMethod is { } getAwaiter)
        {
            Check(context, getAwaiter, await.AwaitKeyword);
        }
    }

    public void AnalyzeDeconstruction(NodeContext context)
    {
        var assignment = (AssignmentExpressionSyntax)context.Node;
        if (assignment.Left is not (TupleExpressionSyntax or DeclarationExpressionSyntax) || Skip(context))
        {
            return;
        }

        CheckDeconstruction(context, context.SemanticModel.GetDeconstructionInfo(assignment), assignment.Left);
    }

    private void CheckDeconstruction(NodeContext context, DeconstructionInfo info, SyntaxNodeOrToken location)
    {
        if (info.Method is { } deconstruct)
        {
            Check(context, deconstruct, location);
        }

        foreach (var nested in info.Nested)
        {
            CheckDeconstruction(context, nested, location);
        }
    }

    public void AnalyzeCollectionInitializer(NodeContext context)
    {
        if (Skip(context))
        {
            return;
        }

        var initializer = (InitializerExpressionSyntax)context.Node;
        var createdType = initializer.Parent is BaseObjectCreationExpressionSyntax creation
            ? context.SemanticModel.GetTypeInfo(creation, context.CancellationToken).Type?.OriginalDefinition
            : null;
        foreach (var element in initializer.Expressions)
        {
            if (context.SemanticModel.GetCollectionInitializerSymbolInfo(element, context.CancellationToken).Symbol is IMethodSymbol add &&
                !(add.MethodKind != MethodKind.ReducedExtension && SymbolEqualityComparer.Default.Equals(add.ContainingType?.OriginalDefinition, createdType)))
            {
                // Add on the created type itself is covered by the creation; an extension Add is a use of its own.
                Check(context, add, element);
            }
        }
    }

    public void AnalyzeConstructorInitializer(NodeContext context)
    {
        var initializer = (ConstructorInitializerSyntax)context.Node;
        if (!Skip(context) && context.SemanticModel.GetSymbolInfo(initializer, context.CancellationToken).Symbol is IMethodSymbol constructor)
        {
            Check(context, constructor, initializer.ThisOrBaseKeyword);
        }
    }

    /// <summary>Query syntax calls Select, Where, SelectMany, Join, ... by pattern: each clause is a use of the method it binds to.</summary>
    public void AnalyzeQueryClause(NodeContext context)
    {
        if (Skip(context))
        {
            return;
        }

        var node = context.Node;
        var semanticModel = context.SemanticModel;
        SyntaxNodeOrToken location = node.GetFirstToken();
        if (node is QueryClauseSyntax clause)
        {
            var info = semanticModel.GetQueryClauseInfo(clause, context.CancellationToken);
            CheckQueryMethod(context, info.CastInfo.Symbol, location);
            CheckQueryMethod(context, info.OperationInfo.Symbol, location);
        }

        if (node is SelectClauseSyntax or GroupClauseSyntax or OrderingSyntax)
        {
            CheckQueryMethod(context, semanticModel.GetSymbolInfo(node, context.CancellationToken).Symbol, location);
        }
    }

    private void CheckQueryMethod(NodeContext context, ISymbol? symbol, SyntaxNodeOrToken location)
    {
        if (symbol is IMethodSymbol method)
        {
            Check(context, method, location);
        }
    }

    /// <summary>
    /// The method a user-defined conversion or a positional pattern uses where no name stands for it, and
    /// where to report it; nothing when a name in the syntax is already that use.
    /// </summary>
    private static (ISymbol? Used, SyntaxNodeOrToken Location) OperatorUse(IOperation operation)
    {
        switch (operation)
        {
            case IConversionOperation { OperatorMethod: { } op } conversion:
                // `(Foo)x` names Foo already; its own conversion operator is the same use.
                return conversion.Syntax is CastExpressionSyntax && SymbolEqualityComparer.Default.Equals(op.ContainingType, conversion.Type)
                    ? default
                    : (op, conversion.Syntax);
            case IRecursivePatternOperation { DeconstructSymbol: { } deconstruct, Syntax: RecursivePatternSyntax { PositionalPatternClause: { } clause } syntax } pattern:
                // `Point(var x, var y)` names Point already; Point's own Deconstruct is the same use.
                return syntax.Type is not null && SymbolEqualityComparer.Default.Equals(deconstruct.ContainingType, pattern.MatchedType)
                    ? default
                    : (deconstruct, clause);
            default:
                return default;
        }
    }

    private void Check(NodeContext context, ISymbol used, SyntaxNodeOrToken location)
    {
        if (context.Bound is { } bound)
        {
            // Operation blocks: the user and its role were resolved once for the whole block.
            OnUse(bound.User, bound.UserRole, used, location, context.Compilation, context.Report);
            return;
        }

        CheckUse(context.ContainingSymbol, used, location, context.Compilation, context.Report);
    }

    private void CheckUse(ISymbol? containingSymbol, ISymbol used, SyntaxNodeOrToken location, Compilation compilation, System.Action<Diagnostic> report)
    {
        var user = ResolveUser(containingSymbol);
        if (user is not null && _model.GetOwnership(user).Role is { } userRole)
        {
            OnUse(user, userRole, used, location, compilation, report);
        }
    }

    /// <summary>The member or type whose role counts for code at this place (lambdas and local functions belong to what encloses them).</summary>
    private static ISymbol? ResolveUser(ISymbol? symbol)
    {
        while (symbol is IParameterSymbol or ITypeParameterSymbol or ILocalSymbol or IMethodSymbol { MethodKind: MethodKind.LambdaMethod or MethodKind.LocalFunction or MethodKind.AnonymousFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return RoleModel.Normalize(symbol) is { } user and not INamespaceSymbol ? user : null;
    }

    private bool Skip(NodeContext context) =>
        context.IsGeneratedCode && !IncludeGenerated(context.Node.SyntaxTree, context.Options);

    private bool IncludeGenerated(SyntaxTree tree, AnalyzerOptions options) =>
        _model.IncludeGeneratedCode ||
        (options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(RoleModel.IncludeGeneratedCodeOption, out var value) &&
         string.Equals(value.Trim(), "true", System.StringComparison.OrdinalIgnoreCase));

    private static bool IsCheckable(ISymbol? symbol) => symbol switch
    {
        INamedTypeSymbol type => type.TypeKind != TypeKind.Error && !type.IsAnonymousType,
        IMethodSymbol method => method.MethodKind is not (MethodKind.LambdaMethod or MethodKind.LocalFunction or MethodKind.AnonymousFunction or MethodKind.BuiltinOperator),
        IPropertySymbol or IFieldSymbol or IEventSymbol => true,
        _ => false,
    };

    /// <summary>Whether the name is the left part of a qualified name, or the last part of that left part (`B` in `A.B.C`).</summary>
    private static bool IsLeftOfQualifiedName(SimpleNameSyntax name)
    {
        SyntaxNode node = name;
        if (node.Parent is QualifiedNameSyntax { Right: var right } qualified && right == node)
        {
            node = qualified;
        }
        else if (node.Parent is AliasQualifiedNameSyntax { Name: var aliasName } alias && aliasName == node)
        {
            node = alias;
        }

        return node.Parent is QualifiedNameSyntax outer && outer.Left == node;
    }

    /// <summary>
    /// In <c>Foo.Bar</c> (also <c>Ns.Foo.Bar</c>) the use is of Bar, whose owner includes Foo's;
    /// Foo as a qualifier is not a use of its own.
    /// </summary>
    private static bool IsQualifierOfMember(SimpleNameSyntax name)
    {
        SyntaxNode node = name;
        if (node.Parent is MemberAccessExpressionSyntax { Name: var accessName } access && accessName == node)
        {
            node = access;
        }
        else if (node.Parent is QualifiedNameSyntax { Right: var right } qualified && right == node)
        {
            node = qualified;
        }
        else if (node.Parent is AliasQualifiedNameSyntax { Name: var aliasName } alias && aliasName == node)
        {
            node = alias;
        }

        return node.Parent switch
        {
            MemberAccessExpressionSyntax outer => outer.Expression == node,
            QualifiedNameSyntax outer => outer.Left == node,
            _ => false,
        };
    }

    private static BaseObjectCreationExpressionSyntax? GetCreation(SimpleNameSyntax name)
    {
        SyntaxNode type = name;
        while (type.Parent is QualifiedNameSyntax qualified && qualified.Right == type)
        {
            type = qualified;
        }

        if (type.Parent is AliasQualifiedNameSyntax alias && alias.Name == type)
        {
            type = alias;
        }

        return type.Parent is ObjectCreationExpressionSyntax creation && creation.Type == type ? creation : null;
    }

    /// <summary>
    /// <c>new Foo { Bar = 1 }</c> and <c>[Foo(Bar = 1)]</c>: Bar is a member of the created type,
    /// whose use is already the creation's.
    /// </summary>
    private static bool IsMemberOfInitializedType(SimpleNameSyntax name, ISymbol symbol, SemanticModel semanticModel, NodeContext context)
    {
        SyntaxNode? created = null;
        if (name.Parent is AssignmentExpressionSyntax assignment && assignment.Left == name &&
            assignment.Parent is InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax creation } initializer &&
            initializer.IsKind(SyntaxKind.ObjectInitializerExpression))
        {
            created = creation;
        }
        else if (name.Parent is NameEqualsSyntax { Parent: AttributeArgumentSyntax { Parent: AttributeArgumentListSyntax { Parent: AttributeSyntax attribute } } })
        {
            created = attribute;
        }

        if (created is null || symbol is INamedTypeSymbol)
        {
            return false;
        }

        var createdType = created is AttributeSyntax attributeSyntax
            ? (DeclaredTypes.AttributeConstructor(attributeSyntax, context.ContainingSymbol) ?? semanticModel.GetSymbolInfo(attributeSyntax, context.CancellationToken).Symbol as IMethodSymbol)?.ContainingType
            : semanticModel.GetTypeInfo(created, context.CancellationToken).Type;
        return SymbolEqualityComparer.Default.Equals(symbol.ContainingType?.OriginalDefinition, createdType?.OriginalDefinition);
    }
}

/// <summary>What a check needs to know about one node, whether it came from a syntax-node action or from an operation block.</summary>
internal readonly struct NodeContext
{
    private readonly System.Action<Diagnostic> _report;

    public NodeContext(SyntaxNode node, SemanticModel semanticModel, ISymbol? containingSymbol, Compilation compilation, AnalyzerOptions options, bool isGeneratedCode, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken, BoundSymbols? bound = null, Dictionary<SyntaxNode, ITypeSymbol?>? generics = null)
    {
        Bound = bound;
        GenericTypes = generics;
        Node = node;
        SemanticModel = semanticModel;
        ContainingSymbol = containingSymbol;
        Compilation = compilation;
        Options = options;
        IsGeneratedCode = isGeneratedCode;
        _report = report;
        CancellationToken = cancellationToken;
    }

    public SyntaxNode Node { get; }

    /// <summary>The memo of generic names' types for the declaration being walked (see <see cref="DeclaredTypes.RentMemo"/>); null in blocks.</summary>
    public Dictionary<SyntaxNode, ITypeSymbol?>? GenericTypes { get; }

    /// <summary>What the nodes of the operation block being walked bind to, read from its operation tree; null for declaration syntax.</summary>
    public BoundSymbols? Bound { get; }

    public SemanticModel SemanticModel { get; }

    public ISymbol? ContainingSymbol { get; }

    public Compilation Compilation { get; }

    public AnalyzerOptions Options { get; }

    public bool IsGeneratedCode { get; }

    public System.Threading.CancellationToken CancellationToken { get; }

    public System.Action<Diagnostic> Report => _report;
}
