using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using MlAtScale.Analyzers.Model;
using MlAtScale.Core.Precedence;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MlAtScale.Analyzers.Uses;

/// <summary>
/// The facts MLR0010 needs, recorded while the operation blocks are analysed: which owned code calls unowned
/// code of this compilation (and where), which unowned member calls which, and which owned (non-contract) code
/// each unowned member uses directly. At the end of the compilation, <see cref="Summarize"/> computes for every
/// unowned member the roles it reaches, each with its shortest chain, in at most <see cref="MaxDepth"/> rounds
/// over the recorded edges: linear in the number of recorded calls, whatever the call graph's shape (cycles
/// and recursion included).
/// </summary>
internal sealed class UnownedCallGraph
{
    /// <summary>How many unowned members a chain may pass through (<c>Caller → H1 → … → H5 → Used</c>).</summary>
    public const int MaxDepth = 5;

    private readonly RoleModel _model;

    // Owned code's calls into unowned members of this compilation.
    private readonly ConcurrentBag<OwnedCall> _ownedCalls = new();

    // Per unowned member: the unowned members it calls, and the owned code it uses (first use per used symbol).
    private readonly ConcurrentDictionary<ISymbol, UnownedMember> _unowned = new(SymbolEqualityComparer.Default);

    public UnownedCallGraph(RoleModel model) => _model = model;

    /// <summary>Records the calls and uses of one member's bodies and initializers.</summary>
    public void Record(OperationBlockAnalysisContext context) =>
        Record(context.OwningSymbol, context.OperationBlocks, context.Compilation, context.IsGeneratedCode);

    /// <summary>Records the calls and uses of the operation blocks of <paramref name="owningSymbol"/>.</summary>
    public void Record(ISymbol owningSymbol, IEnumerable<IOperation> blocks, Compilation compilation, bool isGeneratedCode)
    {
        var user = RoleModel.Normalize(owningSymbol);
        if (user is null || user is INamedTypeSymbol)
        {
            return;
        }

        var userOwnership = _model.GetOwnership(user);
        var userRole = userOwnership.Role;
        UnownedMember? unowned = null;
        if (userRole is not null && isGeneratedCode && !_model.IncludeGeneratedCode)
        {
            // Owned generated code is not checked (MlAtScaleIncludeGeneratedCode turns it on).
            return;
        }

        if (userRole is null)
        {
            // A contract without a role is no role's code: it is unowned for this rule too.
            unowned = _unowned.GetOrAdd(user, static _ => new UnownedMember());
        }

        foreach (var block in blocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                var target = Target(operation);
                if (target is null)
                {
                    continue;
                }

                var used = RoleModel.Normalize(target);
                if (used is null)
                {
                    continue;
                }

                var usedOwnership = _model.GetOwnership(used);
                if (IsUnownedMemberOfThisCompilation(used, usedOwnership, compilation))
                {
                    if (unowned is not null)
                    {
                        unowned.AddCallee(used);
                    }
                    else
                    {
                        _ownedCalls.Add(new OwnedCall(user, userRole!, used, operation.Syntax.GetLocation()));
                    }
                }
                else if (unowned is not null && usedOwnership.Role is { } usedRole && !usedOwnership.IsContract)
                {
                    unowned.AddUse(usedRole, used);
                }
            }
        }
    }

    /// <summary>The owned calls into unowned code, in a stable order (by place).</summary>
    public IEnumerable<OwnedCall> OwnedCalls =>
        _ownedCalls.OrderBy(c => c.Location.SourceTree?.FilePath, System.StringComparer.Ordinal).ThenBy(c => c.Location.SourceSpan.Start).ThenBy(c => SymbolSortKey(c.Callee), System.StringComparer.Ordinal);

    /// <summary>
    /// For each unowned member, the roles its code reaches through unowned code, each with one shortest chain
    /// (the unowned members passed, then the used symbol). Ties go to the callee and used symbol with the
    /// smallest documentation ID, so the chain named in a diagnostic does not depend on thread timing.
    /// </summary>
    public Dictionary<ISymbol, SortedDictionary<string, Reach>> Summarize(System.Threading.CancellationToken cancellationToken)
    {
        var members = _unowned.OrderBy(p => SymbolSortKey(p.Key), System.StringComparer.Ordinal)
            .Select(p => (Member: p.Key, Callees: p.Value.Callees.OrderBy(SymbolSortKey, System.StringComparer.Ordinal).ToList(), p.Value.Uses))
            .ToList();
        var reach = new Dictionary<ISymbol, SortedDictionary<string, Reach>>(SymbolEqualityComparer.Default);
        foreach (var (member, _, uses) in members)
        {
            var direct = new SortedDictionary<string, Reach>(System.StringComparer.Ordinal);
            foreach (var use in uses)
            {
                direct[use.Key] = new Reach(use.Value.OrderBy(SymbolSortKey, System.StringComparer.Ordinal).First(), null);
            }

            reach.Add(member, direct);
        }

        // Round k adds what is reachable through k further unowned members: a role is taken from a callee's
        // result of the previous round only, so each chain is a shortest one and each round reads every edge once.
        for (var round = 1; round < MaxDepth; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var added = new List<(ISymbol Member, string Role, Reach Reach)>();
            foreach (var (member, callees, _) in members)
            {
                var own = reach[member];
                HashSet<string>? addedRoles = null;
                foreach (var callee in callees)
                {
                    if (!reach.TryGetValue(callee, out var calleeReach))
                    {
                        continue;
                    }

                    foreach (var role in calleeReach)
                    {
                        if (role.Value.Depth == round - 1 && !own.ContainsKey(role.Key) && (addedRoles ??= new HashSet<string>(System.StringComparer.Ordinal)).Add(role.Key))
                        {
                            added.Add((member, role.Key, new Reach(role.Value.Used, new ReachStep(callee, role.Value))));
                        }
                    }
                }
            }

            if (added.Count == 0)
            {
                break;
            }

            foreach (var (member, role, step) in added)
            {
                reach[member][role] = step;
            }
        }

        return reach;
    }

    /// <summary>
    /// Why each unowned type probably belongs to a role (<see cref="RoleEvidence"/>): the distinct code of the role
    /// that its members use directly, and the distinct types of the role whose code calls its members. A nested
    /// unowned type counts for the outermost unowned type around it, the one MLR0009 names.
    /// </summary>
    public Dictionary<INamedTypeSymbol, IReadOnlyList<RoleEvidence>> Evidence()
    {
        var uses = new Dictionary<INamedTypeSymbol, Dictionary<string, HashSet<ISymbol>>>(SymbolEqualityComparer.Default);
        var usedBy = new Dictionary<INamedTypeSymbol, Dictionary<string, HashSet<ISymbol>>>(SymbolEqualityComparer.Default);
        foreach (var pair in _unowned)
        {
            if (UnownedType(pair.Key) is not { } type)
            {
                continue;
            }

            foreach (var use in pair.Value.Uses)
            {
                foreach (var used in use.Value)
                {
                    Add(uses, type, use.Key, used);
                }
            }
        }

        foreach (var call in _ownedCalls)
        {
            if (UnownedType(call.Callee) is { } type && call.Caller.ContainingType is { } callerType)
            {
                Add(usedBy, type, call.CallerRole, callerType);
            }
        }

        var evidence = new Dictionary<INamedTypeSymbol, IReadOnlyList<RoleEvidence>>(SymbolEqualityComparer.Default);
        foreach (var type in uses.Keys.Union(usedBy.Keys, SymbolEqualityComparer.Default).OfType<INamedTypeSymbol>())
        {
            var typeUses = uses.TryGetValue(type, out var u) ? u : new Dictionary<string, HashSet<ISymbol>>();
            var typeUsers = usedBy.TryGetValue(type, out var b) ? b : new Dictionary<string, HashSet<ISymbol>>();
            evidence.Add(type, RoleEvidence.Rank(typeUses.Keys.Union(typeUsers.Keys).Select(r => new RoleEvidence(
                r,
                typeUses.TryGetValue(r, out var ru) ? ru.Count : 0,
                typeUsers.TryGetValue(r, out var rb) ? rb.Count : 0))));
        }

        return evidence;
    }

    /// <summary>The outermost unowned type around an unowned member (null when its type is owned).</summary>
    private INamedTypeSymbol? UnownedType(ISymbol member)
    {
        INamedTypeSymbol? outermost = null;
        for (var type = member.ContainingType; type is not null; type = type.ContainingType)
        {
            var ownership = _model.GetOwnership(type);
            if (ownership.Role is not null || ownership.IsContract)
            {
                break;
            }

            outermost = type;
        }

        return outermost;
    }

    private static void Add(Dictionary<INamedTypeSymbol, Dictionary<string, HashSet<ISymbol>>> map, INamedTypeSymbol type, string role, ISymbol symbol)
    {
        if (!map.TryGetValue(type, out var byRole))
        {
            map[type] = byRole = new Dictionary<string, HashSet<ISymbol>>(System.StringComparer.Ordinal);
        }

        if (!byRole.TryGetValue(role, out var set))
        {
            byRole[role] = set = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        }

        set.Add(symbol);
    }

    private static bool IsUnownedMemberOfThisCompilation(ISymbol used, Ownership ownership, Compilation compilation) =>
        ownership.Role is null && !ownership.IsContract &&
        used is IMethodSymbol or IPropertySymbol or IEventSymbol or IFieldSymbol &&
        SymbolEqualityComparer.Default.Equals(used.ContainingAssembly, compilation.Assembly) &&
        !used.IsImplicitlyDeclared;

    /// <summary>The member an operation calls or reads: what a chain passes through, and what evidence counts.</summary>
    internal static ISymbol? Target(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => invocation.TargetMethod,
        IObjectCreationOperation creation => creation.Constructor,
        IPropertyReferenceOperation property => property.Property,
        IMethodReferenceOperation method => method.Method,
        IEventReferenceOperation @event => @event.Event,
        IFieldReferenceOperation field => field.Field,
        IBinaryOperation { OperatorMethod: { } op } => op,
        IUnaryOperation { OperatorMethod: { } op } => op,
        IConversionOperation { OperatorMethod: { } op } => op,
        _ => null,
    };

    private static string SymbolSortKey(ISymbol symbol) => SymbolIds.GetDeclarationId(symbol) ?? symbol.ToDisplayString();

    private sealed class UnownedMember
    {
        private readonly object _gate = new();
        private readonly HashSet<ISymbol> _callees = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<string, HashSet<ISymbol>> _uses = new(System.StringComparer.Ordinal);

        public IEnumerable<ISymbol> Callees => _callees;

        public IReadOnlyDictionary<string, HashSet<ISymbol>> Uses => _uses;

        public void AddCallee(ISymbol callee)
        {
            lock (_gate)
            {
                _callees.Add(callee);
            }
        }

        public void AddUse(string role, ISymbol used)
        {
            lock (_gate)
            {
                if (!_uses.TryGetValue(role, out var set))
                {
                    _uses[role] = set = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                }

                set.Add(used);
            }
        }
    }
}

/// <summary>A call by owned code (<see cref="Caller"/>, of <see cref="CallerRole"/>) into an unowned member of the compilation.</summary>
internal sealed class OwnedCall
{
    public OwnedCall(ISymbol caller, string callerRole, ISymbol callee, Location location)
    {
        Caller = caller;
        CallerRole = callerRole;
        Callee = callee;
        Location = location;
    }

    public ISymbol Caller { get; }

    public string CallerRole { get; }

    public ISymbol Callee { get; }

    public Location Location { get; }
}

/// <summary>How an unowned member reaches a role's code: directly (<see cref="Next"/> null) or through a further unowned member.</summary>
internal sealed class Reach
{
    public Reach(ISymbol used, ReachStep? next)
    {
        Used = used;
        Next = next;
        Depth = next is null ? 0 : next.Reach.Depth + 1;
    }

    /// <summary>The owned symbol at the end of the chain.</summary>
    public ISymbol Used { get; }

    public ReachStep? Next { get; }

    /// <summary>How many further unowned members the chain passes (0: the member uses the code itself).</summary>
    public int Depth { get; }

    /// <summary>The unowned members after the first one, in order.</summary>
    public IEnumerable<ISymbol> Through()
    {
        for (var step = Next; step is not null; step = step.Reach.Next)
        {
            yield return step.Callee;
        }
    }
}

/// <summary>One further unowned member of a chain, and how that one reaches the role.</summary>
internal sealed class ReachStep
{
    public ReachStep(ISymbol callee, Reach reach)
    {
        Callee = callee;
        Reach = reach;
    }

    public ISymbol Callee { get; }

    public Reach Reach { get; }
}
