using System;
using System.Collections.Concurrent;
using MlAtScale.Analyzers.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace MlAtScale.Analyzers.Reporting;

/// <summary>
/// MLR0008: the baseline entries that no violation of the compilation matched. Which entries matched is
/// only known once every use has been judged, so this runs at the end of the same analysis pass as the
/// boundary rule (a separate analyzer has no guaranteed order relative to another one's actions, and
/// the IDE may run it in a pass of its own, where it would call every entry stale).
/// </summary>
internal sealed class StaleBaselineEntries
{
    private readonly RoleModel _model;
    private readonly ConcurrentDictionary<string, bool> _matched = new(StringComparer.Ordinal);

    public StaleBaselineEntries(RoleModel model) => _model = model;

    /// <summary>A violation with this baseline key was found: its entry is not stale.</summary>
    public void MarkMatched(string key) => _matched.TryAdd(key, true);

    public void Report(CompilationAnalysisContext context)
    {
        foreach (var (source, entry) in _model.BaselineEntries)
        {
            if (_matched.ContainsKey(entry.Key))
            {
                continue;
            }

            var span = new TextSpan(entry.Span.Start, entry.Span.Length);
            var lines = new LinePositionSpan(
                new LinePosition(entry.Span.Line, entry.Span.Column),
                new LinePosition(entry.Span.Line, entry.Span.Column + entry.Span.Length));
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.StaleBaselineEntry,
                Location.Create(source.Text.Path, span, lines),
                System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add(Core.Edges.EdgeKinds.BaselineKeyProperty, entry.Key),
                entry.Key,
                "remove this line, or refresh the baseline with -p:MlAtScaleUpdateBaseline=true"));
        }
    }
}
