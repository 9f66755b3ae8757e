using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using MlAtScale.Core.Policy;

namespace MlAtScale.Core.Precedence;

/// <summary>
/// Ownership by a type's source file: the policy files' <c>path &lt;glob&gt; = ...</c> lines (each glob
/// relative to its policy file's folder; the last matching line wins, a deeper file's lines after an
/// outer file's), else the CODEOWNERS file's last matching line, whose first owner mapped by an
/// <c>@owner = Role</c> line gives the role. Built once per policy content (the globs compiled once) and
/// answered once per file path: a compilation asks for each syntax tree at most once. Roslyn-free.
/// </summary>
internal sealed class PathOwnership
{
    public static readonly PathOwnership None = new(Array.Empty<PolicyDocument>(), null);

    private readonly List<(PolicyMapping Line, string Folder)> _paths = new();
    private readonly Dictionary<string, PolicyMapping> _owners = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, PathClaims> _byFile = new(StringComparer.Ordinal);

    public PathOwnership(IEnumerable<PolicyDocument> documents, CodeOwnersFile? codeOwners)
    {
        foreach (var document in documents)
        {
            var folder = System.IO.Path.GetDirectoryName(document.Path) ?? string.Empty;
            foreach (var line in document.Paths)
            {
                _paths.Add((line, folder));
            }

            foreach (var owner in document.Owners)
            {
                // A deeper file's line for the same owner replaces an outer file's, like an ID mapping.
                _owners[owner.Id] = owner;
            }
        }

        CodeOwners = codeOwners;
        IsEmpty = _paths.Count == 0 && (codeOwners is null || _owners.Count == 0);
    }

    /// <summary>The CODEOWNERS file that reached the build, if any.</summary>
    public CodeOwnersFile? CodeOwners { get; }

    /// <summary>No path line and no mapped owner with a CODEOWNERS file: no file gives a role.</summary>
    public bool IsEmpty { get; }

    /// <summary>Whether an owner is mapped to a role, case-insensitively as GitHub compares owners.</summary>
    public bool IsMapped(string owner) => _owners.ContainsKey(owner);

    /// <summary>The claims a source file makes on the types declared in it. Memoised per path.</summary>
    public PathClaims Find(string filePath)
    {
        if (IsEmpty)
        {
            return PathClaims.None;
        }

        if (_byFile.TryGetValue(filePath, out var cached))
        {
            return cached;
        }

        return _byFile.GetOrAdd(filePath, Resolve(filePath));
    }

    private PathClaims Resolve(string filePath)
    {
        var role = Claim.None;
        var contract = Claim.None;
        for (var i = _paths.Count - 1; i >= 0 && (role.IsNone || contract.IsNone); i--)
        {
            var (line, folder) = _paths[i];
            if ((line.IsContract ? contract : role).IsNone &&
                PathGlob.RelativePath(folder, filePath) is { } relative &&
                line.Glob!.Matches(relative))
            {
                var claim = new Claim(line.Target, OwnershipSource.PolicyPath, 0, line);
                if (line.IsContract)
                {
                    contract = claim;
                }
                else
                {
                    role = claim;
                }
            }
        }

        if (role.IsNone && CodeOwners?.RuleFor(filePath) is { } rule)
        {
            foreach (var owner in rule.Owners)
            {
                if (_owners.TryGetValue(owner, out var mapping))
                {
                    var entry = new PolicyMapping(owner, PolicyMapping.OwnerKind, owner, mapping.Target, isContract: false, includesDerived: false, rule.Span)
                    {
                        Path = CodeOwners.Path,
                        OwnerLine = mapping,
                    };
                    role = new Claim(mapping.Target, OwnershipSource.CodeOwners, 0, entry);
                    break;
                }
            }
        }

        return role.IsNone && contract.IsNone ? PathClaims.None : new PathClaims(role, contract);
    }

    /// <summary>The CODEOWNERS file GitHub would read among <paramref name="paths"/>: <c>.github/</c> first, then the root, then <c>docs/</c>.</summary>
    public static string? PickCodeOwners(IEnumerable<string> paths) =>
        paths.Where(CodeOwnersFile.IsCodeOwnersPath)
            .OrderBy(p => System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(p)) switch { ".github" => 0, "docs" => 2, _ => 1 })
            .ThenBy(p => p, StringComparer.Ordinal)
            .FirstOrDefault();
}

/// <summary>What a source file's path gives the types declared in it: a role claim and a contract claim (either may be none).</summary>
internal sealed class PathClaims
{
    public static readonly PathClaims None = new(Claim.None, Claim.None);

    public PathClaims(Claim role, Claim contract)
    {
        Role = role;
        Contract = contract;
    }

    public Claim Role { get; }

    public Claim Contract { get; }
}
