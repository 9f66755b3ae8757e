using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using MlAtScale.Core.Policy;
using MlAtScale.Core.Precedence;
using Microsoft.CodeAnalysis;

namespace MlAtScale.Analyzers.Model;

/// <summary>
/// The policy files of a project, parsed and indexed once per content and shared by every compilation
/// with the same files (the IDE makes a new compilation on every edit; the policy files rarely change).
/// It also keeps the ownership of symbols read from metadata (reference assemblies), which depends only
/// on the symbol, the policy and whether the catalog is on: while a project's references do not change,
/// Roslyn hands each new compilation the same metadata symbols, so their ownership is resolved once.
/// </summary>
internal sealed class ParsedPolicy
{
    private static readonly ContentCache<ParsedPolicy> Cache = new(8);

    // Per metadata symbol (by reference: the same object across compilations that share the reference);
    // weak, so that symbols of references that were dropped can be collected. Index 1: catalog on.
    private readonly ConditionalWeakTable<ISymbol, Ownership>[] _metadataOwnership = { new(), new() };
    private int _metadataResolutions;

    private ParsedPolicy(PolicySet set, CodeOwnersFile? codeOwners)
    {
        Set = set;
        Layer = MappingLayer.ForPolicy(set);
        Paths = new PathOwnership(set.Documents, codeOwners);
    }

    /// <summary>The path lines and the CODEOWNERS file, compiled once per content; each file path is matched once.</summary>
    public PathOwnership Paths { get; }

    public PolicySet Set { get; }

    /// <summary>The policy's mappings, indexed.</summary>
    public MappingLayer Layer { get; }

    /// <summary>How many metadata symbols' ownership was resolved for this policy (a test hook: unchanged means reused).</summary>
    public int MetadataResolutions => _metadataResolutions;

    /// <summary>The parsed policy for these files (path and text), from the cache when the same files were parsed before.</summary>
    public static ParsedPolicy Get(IReadOnlyList<(string Path, string Text)> files, (string Path, string Text)? codeOwners = null)
    {
        var key = string.Join("\0\0", files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => f.Path + "\0" + f.Text));
        if (codeOwners is { } owners)
        {
            key += "\0\0\0" + owners.Path + "\0" + owners.Text;
        }

        return Cache.GetOrAdd(key, () => new ParsedPolicy(PolicySet.Parse(files), codeOwners is { } c ? CodeOwnersFile.Parse(c.Path, c.Text) : null));
    }

    /// <summary>The shared ownership of a metadata symbol, resolved by <paramref name="resolve"/> the first time.</summary>
    public Ownership GetMetadataOwnership(ISymbol symbol, bool catalogOn, Func<ISymbol, Ownership> resolve)
    {
        var table = _metadataOwnership[catalogOn ? 1 : 0];
        if (table.TryGetValue(symbol, out var shared))
        {
            return shared;
        }

        var resolved = resolve(symbol);
        Interlocked.Increment(ref _metadataResolutions);
        return table.GetValue(symbol, _ => resolved);
    }
}
