using System.Collections.Immutable;
using MlAtScale.Analyzers.Model;
using MlAtScale.Analyzers.Reporting;
using MlAtScale.Analyzers.Uses;
using MlAtScale.Core.Edges;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MlAtScale.Analyzers.Rules;

/// <summary>
/// MLR0001: code of one role uses code owned by another role and the policy does not allow it; MLR0010:
/// the same, hidden behind unowned code of the compilation (<see cref="UnownedCallGraph"/>, <see cref="HiddenCrossings"/>);
/// MLR0006 counts the permitted uses for the report; MLR0008 names the baseline entries no violation matched;
/// MLR0012 names the [AllowRoleCrossing] allowances that permitted no use.
/// The parts: <see cref="UseFinder"/> finds the uses, the shared <see cref="EdgeJudge"/> judges them, and
/// <see cref="EdgeDiagnostics"/>, <see cref="PermittedUseTally"/> and <see cref="StaleBaselineEntries"/> report them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RoleBoundaryAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.RoleBoundaryCrossed, Descriptors.RoleEdgeRecorded, Descriptors.StaleBaselineEntry, Descriptors.HiddenCrossing, Descriptors.UnusedAllowance);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();

        // Generated code is analysed only when the user opts in; the check is per node below.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var model = RoleModelCache.Get(start.Compilation, start.Options, start.CancellationToken);
            if (!model.CanOwnSourceCode)
            {
                // Nothing in this compilation can be owned, so nothing can cross a boundary.
                return;
            }

            var checker = new BoundaryCheck(model);

            // Code in bodies and initializers is checked from the operation blocks, after the driver has
            // bound them (the binding is shared with every operation analyzer, and the names are then
            // looked up in the bound tree); declarations (signatures, base lists, constraints,
            // attributes) from their syntax. User-defined conversions and positional patterns, which no
            // name stands for, are read from the same blocks' operation trees: no callback per operation.
            start.RegisterSyntaxNodeAction(checker.AnalyzeDeclaration, UseFinder.DeclarationKinds);
            start.RegisterOperationBlockAction(checker.AnalyzeBlocks);
            // MLR0010: calls into unowned code recorded per block, judged once at the end (before the stale
            // baseline entries are named: a hidden crossing can match a baseline entry too).
            var unowned = new UnownedCallGraph(model);
            start.RegisterOperationBlockAction(unowned.Record);
            // Allowances that permitted nothing (MLR0012), once every use is judged, hidden crossings included.
            start.RegisterSymbolAction(checker.UnusedAllowances.CollectDeclared, SymbolKind.NamedType, SymbolKind.Method, SymbolKind.Property, SymbolKind.Event, SymbolKind.Field);
            start.RegisterCompilationEndAction(end =>
            {
                HiddenCrossings.Report(end, model, unowned, checker.StaleBaseline, checker.UnusedAllowances);
                UnownedTypeSuggestions.Report(end, unowned, tree => checker.RecordsPermitted(tree, end.Compilation));
                if (model.HasBaseline)
                {
                    checker.StaleBaseline.Report(end);
                }

                checker.UnusedAllowances.Report(end);
            });

            // The report data (MLR0006), counted while the uses are checked and reported once.
            start.RegisterCompilationEndAction(checker.ReportPermittedUses);
        });
    }

    /// <summary>The boundary rule for one compilation: the uses the finder finds, judged and reported.</summary>
    private sealed class BoundaryCheck : UseFinder
    {
        private readonly RoleModel _model;

        // Baseline entries that matched a violation in this compilation (the rest are stale: MLR0008).
        private readonly StaleBaselineEntries _staleBaseline;

        // Whether MLR0006 (hidden by default) is on for a tree: the report's build raises it; in the IDE it
        // is off, and then permitted crossings are not turned into diagnostics at all.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<SyntaxTree, bool> _recordsPermitted = new();

        // Permitted uses counted per edge and allowance, and baselined violations, for MLR0006.
        private readonly PermittedUseTally _permitted = new();

        public BoundaryCheck(RoleModel model)
            : base(model)
        {
            _model = model;
            _staleBaseline = new StaleBaselineEntries(model);
            UnusedAllowances = new UnusedAllowances(model);
        }

        public StaleBaselineEntries StaleBaseline => _staleBaseline;

        /// <summary>MLR0012: the allowances of this compilation and which of them permitted a use.</summary>
        public UnusedAllowances UnusedAllowances { get; }

        private bool RecordsPermitted(SyntaxNodeOrToken location, Compilation compilation) =>
            location.SyntaxTree is { } tree && RecordsPermitted(tree, compilation);

        /// <summary>Whether MLR0006 records are on for <paramref name="tree"/> (the report's build raises them).</summary>
        public bool RecordsPermitted(SyntaxTree tree, Compilation compilation)
        {
            return _recordsPermitted.TryGetValue(tree, out var cached) ? cached : _recordsPermitted.GetOrAdd(tree, t => IsRecordEnabled(t, compilation));
        }

        // How options suppress MLR0001 in a tree (null: they do not), cached per tree.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<SyntaxTree, string> _violationSuppressedBy = new();

        /// <summary>
        /// editorconfig, globalconfig or nowarn when an option turns MLR0001 off where <paramref name="location"/>
        /// is; null otherwise. The compiler then drops the diagnostic without a trace, so the report learns of
        /// the violation from an MLR0006 record instead (#pragma and [SuppressMessage] it reads from the log).
        /// </summary>
        private string? ViolationSuppressedBy(SyntaxNodeOrToken location, Compilation compilation)
        {
            if (location.SyntaxTree is not { } tree)
            {
                return null;
            }

            var how = _violationSuppressedBy.TryGetValue(tree, out var cached)
                ? cached
                : _violationSuppressedBy.GetOrAdd(tree, t => SuppressingOption(t, compilation) ?? string.Empty);
            return how.Length == 0 ? null : how;
        }

        private static string? SuppressingOption(SyntaxTree tree, Compilation compilation) =>
            ConfiguredSeverity.Of(compilation, tree, RuleIdentifiers.RoleBoundaryCrossed) is { Value: ReportDiagnostic.Suppress } configured ? configured.Source : null;

        private static bool IsRecordEnabled(SyntaxTree tree, Compilation compilation) =>
            ConfiguredSeverity.Of(compilation, tree, RuleIdentifiers.RoleEdgeRecorded)?.Value is ReportDiagnostic.Error or ReportDiagnostic.Warn or ReportDiagnostic.Info;

        public void ReportPermittedUses(CompilationAnalysisContext context) => _permitted.Report(context);

        /// <summary>Judges one use with the shared verdict and reports it.</summary>
        protected override void OnUse(ISymbol user, string userRole, ISymbol used, SyntaxNodeOrToken location, Compilation compilation, System.Action<Diagnostic> report)
        {
            var usedOwnership = _model.GetOwnership(used);
            var verdict = EdgeJudge.Judge(userRole, usedOwnership, _model.Policy, static s => s.Model.GetAllowances(s.User), (Model: _model, User: user), out var allowance);
            if (verdict == EdgeVerdict.NotAnEdge)
            {
                return;
            }

            var usedRole = usedOwnership.Role;
            var usedSymbol = RoleModel.Normalize(used)!;
            if (usedSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor)
            {
                usedSymbol = ctor.ContainingType;
            }

            if (verdict == EdgeVerdict.AllowedByAllowance && allowance is not null)
            {
                UnusedAllowances.MarkUsed(allowance);
            }

            if (verdict != EdgeVerdict.Violation)
            {
                if (RecordsPermitted(location, compilation))
                {
                    _permitted.Add(EdgeJudge.KindOf(verdict)!, userRole, usedRole, usedSymbol, allowance is null ? null : user, allowance?.Justification, allowance?.Expires);
                }

                return;
            }

            UnusedAllowances.MarkViolation(user, userRole, usedSymbol);
            var properties = EdgeDiagnostics.ViolationProperties(user, userRole, usedSymbol, usedRole, usedOwnership);
            if (_model.HasBaseline)
            {
                var key = EdgeDiagnostics.BaselineKey(properties);
                if (_model.TryGetBaselineEntry(key, out _))
                {
                    _staleBaseline.MarkMatched(key);
                    if (RecordsPermitted(location, compilation))
                    {
                        _permitted.AddBaselined(location.GetLocation()!, user, userRole, usedSymbol, usedRole!);
                    }

                    return;
                }
            }

            if (ViolationSuppressedBy(location, compilation) is { } suppressedBy)
            {
                if (RecordsPermitted(location, compilation))
                {
                    _permitted.AddSuppressed(suppressedBy, location.GetLocation()!, user, userRole, usedSymbol, usedRole!);
                }

                return;
            }

            report(EdgeDiagnostics.Violation(location.GetLocation(), properties, user, userRole, usedSymbol, usedRole, usedOwnership));
        }
    }
}
