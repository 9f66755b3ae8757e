using System;
using System.Collections.Generic;
using System.Linq;

namespace MlAtScale.Core.Policy;

/// <summary>
/// Parses the line-based policy syntax (docs/policy-file.md). Every malformed line becomes a
/// <see cref="PolicyError"/> located at the offending token; every valid line still applies.
/// Linear in the input: no regular expressions, no backtracking.
/// </summary>
internal static class PolicyParser
{
    public const string ContractTarget = "contract";

    /// <summary>Ends a method ID that stands for every overload: <c>M:Ns.Type.Method(*)</c>.</summary>
    public const string AllOverloadsSuffix = "(*)";

    public static readonly string[] BuiltInRoles =
    {
        RoleNames.DataEngineering, RoleNames.DataScience, RoleNames.Production, RoleNames.BusinessAnalysis,
    };

    /// <summary>Options the policy file may set with <c>option name = value</c>, and their allowed values.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> KnownOptions = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["catalog"] = new[] { "on", "off" },
    };

    private const string Syntax = "expected 'role <Name>', '<ID> = <Role>', '<ID> = contract', '<Role> -> <Role>' or 'option <name> = <value>'";

    /// <summary>Parses one file. <paramref name="extraKnownRoles"/> are roles declared in other policy files of the same project.</summary>
    public static PolicyDocument Parse(string path, string text, IEnumerable<string>? extraKnownRoles = null)
    {
        var lines = SplitLines(text);
        var errors = new List<PolicyError>();
        var declared = new List<string>();
        var known = new HashSet<string>(BuiltInRoles, StringComparer.Ordinal);
        if (extraKnownRoles != null)
        {
            known.UnionWith(extraKnownRoles);
        }

        // Roles may be declared anywhere in the file, so collect declarations first.
        var declaredAt = new Dictionary<string, int>(StringComparer.Ordinal);
        var tokenized = new List<Token>[lines.Count];
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
            var tokens = Tokenize(line, out var control);
            if (control >= 0)
            {
                // The whole line is ignored: what looks like a name around an invisible character is not one.
                var c = line.Text[control];
                errors.Add(Error(line, new Token(control, c.ToString()), $"the line contains the control character {UserText.Describe(c)} at column {control + 1}; a policy file is plain text: delete the character"));
                continue;
            }

            tokenized[index] = tokens;
            if (tokens.Count >= 1 && tokens[0].Text == "role")
            {
                if (tokens.Count != 2)
                {
                    errors.Add(Error(line, tokens.Count > 2 ? tokens[2] : tokens[0], "a role declaration takes exactly one name, e.g. 'role Labeling'; remove the extra text"));
                    continue;
                }

                var name = tokens[1];
                if (name.Text.Length > MaxRoleNameLength)
                {
                    errors.Add(Error(line, name, $"the role name '{UserText.Quote(name.Text)}' is too long: {name.Text.Length} characters, at most {MaxRoleNameLength}; use a shorter name"));
                }
                else if (!IsIdentifier(name.Text))
                {
                    errors.Add(Error(line, name, $"'{UserText.Quote(name.Text)}' is not a valid role name; use letters, digits and '_' and start with a letter"));
                }
                else if (Confusables.DescribeMixedScripts(name.Text) is { } mixed)
                {
                    errors.Add(Error(line, name, $"the role name '{UserText.Quote(name.Text)}' {mixed}; write the name in one script"));
                }
                else if (Confusables.DescribeLookAlike(name.Text, known, out _) is { } lookAlike)
                {
                    errors.Add(Error(line, name, $"{lookAlike}; use that role, or choose a name that looks different"));
                }
                else if (Array.IndexOf(BuiltInRoles, name.Text) >= 0)
                {
                    errors.Add(Error(line, name, $"'{UserText.Quote(name.Text)}' is a built-in role and needs no declaration; remove this line"));
                }
                else if (declaredAt.TryGetValue(name.Text, out var first))
                {
                    errors.Add(Error(line, name, $"role '{UserText.Quote(name.Text)}' is already declared on line {first + 1}; remove this line"));
                }
                else
                {
                    declaredAt.Add(name.Text, line.Number);
                    declared.Add(name.Text);
                    known.Add(name.Text);
                }
            }
        }

        var mappings = new List<PolicyMapping>();
        var mappedAt = new Dictionary<string, PolicyMapping>(StringComparer.Ordinal);
        var edges = new List<PolicyEdge>();
        var edgeAt = new Dictionary<string, PolicyEdge>(StringComparer.Ordinal);
        var options = new List<KeyValuePair<string, string>>();
        var optionAt = new Dictionary<string, int>(StringComparer.Ordinal);
        var paths = new List<PolicyMapping>();
        var owners = new List<PolicyMapping>();

        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
            var tokens = tokenized[index];
            if (tokens is null || tokens.Count == 0 || tokens[0].Text == "role")
            {
                continue;
            }

            if (tokens[0].Text == "option")
            {
                ParseOption(line, tokens, options, optionAt, errors);
                continue;
            }

            if (ArrowMistake(line, tokens, known) is { } arrowMistake)
            {
                errors.Add(arrowMistake);
                continue;
            }

            if (tokens.Count >= 2 && tokens[1].Text == "->")
            {
                ParseEdge(line, tokens, known, edges, edgeAt, errors);
                continue;
            }

            if (tokens[0].Text == PathKeyword)
            {
                ParsePath(line, tokens, known, paths, errors);
                continue;
            }

            if ((tokens[0].Text[0] == '@' || (tokens.Count >= 2 && tokens[1].Text == "=")) && IsOwnerToken(tokens[0].Text))
            {
                ParseOwner(line, tokens, known, owners, errors);
                continue;
            }

            if (tokens.Count >= 2 && tokens[1].Text == "=")
            {
                ParseMapping(line, tokens, known, mappings, mappedAt, errors);
                continue;
            }

            errors.Add(Error(line, tokens[0], $"unrecognised line '{UserText.Quote(line.Text.Trim())}'; {Syntax}"));
        }

        return new PolicyDocument(path, declared, mappings, edges, options, errors, paths, owners);
    }

    private static void ParseOption(Line line, List<Token> tokens, List<KeyValuePair<string, string>> options, Dictionary<string, int> optionAt, List<PolicyError> errors)
    {
        if (tokens.Count != 4 || tokens[2].Text != "=")
        {
            errors.Add(Error(line, tokens.Count > 1 ? tokens[1] : tokens[0], "an option line reads 'option <name> = <value>', e.g. 'option catalog = off'"));
            return;
        }

        var name = tokens[1];
        var value = tokens[3];
        if (!KnownOptions.TryGetValue(name.Text, out var allowed))
        {
            errors.Add(Error(line, name, $"unknown option '{UserText.Quote(name.Text)}'; known options: {string.Join(", ", KnownOptions.Keys)}"));
        }
        else if (Array.IndexOf(allowed, value.Text) < 0)
        {
            errors.Add(Error(line, value, $"option '{name.Text}' does not accept '{UserText.Quote(value.Text)}'; use one of: {string.Join(", ", allowed)}"));
        }
        else if (optionAt.TryGetValue(name.Text, out var first))
        {
            errors.Add(Error(line, name, $"option '{name.Text}' is already set on line {first + 1}; remove one of the two lines"));
        }
        else
        {
            optionAt.Add(name.Text, line.Number);
            options.Add(new KeyValuePair<string, string>(name.Text, value.Text));
        }
    }

    private static void ParseEdge(Line line, List<Token> tokens, HashSet<string> known, List<PolicyEdge> edges, Dictionary<string, PolicyEdge> edgeAt, List<PolicyError> errors)
    {
        if (tokens.Count != 3)
        {
            errors.Add(Error(line, tokens.Count > 3 ? tokens[3] : tokens[1], "an edge reads '<Role> -> <Role>', e.g. 'DataScience -> DataEngineering'; one edge per line"));
            return;
        }

        var from = tokens[0];
        var to = tokens[2];
        var ok = CheckRole(line, from, known, errors) & CheckRole(line, to, known, errors);
        if (!ok)
        {
            return;
        }

        if (from.Text == to.Text)
        {
            errors.Add(Error(line, to, $"'{UserText.Quote(from.Text)} -> {UserText.Quote(to.Text)}' allows a role to use itself, which is always allowed; remove this line"));
            return;
        }

        var key = from.Text + "->" + to.Text;
        if (edgeAt.TryGetValue(key, out var existing))
        {
            errors.Add(Error(line, from, $"the edge '{UserText.Quote(from.Text)} -> {UserText.Quote(to.Text)}' is already allowed on line {existing.Span.Line + 1}; remove this line"));
            return;
        }

        var edge = new PolicyEdge(from.Text, to.Text, Span(line, from, to));
        edgeAt.Add(key, edge);
        edges.Add(edge);
    }

    /// <summary>
    /// The common mistake of another arrow than '->' between two words (<c>Production => DataEngineering</c>): a specific
    /// message at the arrow; null for any other line.
    /// </summary>
    private static PolicyError? ArrowMistake(Line line, List<Token> tokens, HashSet<string> known)
    {
        if (tokens.Count < 3)
        {
            return null;
        }

        // The arrow may be split into tokens ('=' is one of its own): its parts must touch.
        var arrow = string.Empty;
        for (var i = 1; i < tokens.Count - 1; i++)
        {
            if (i > 1 && tokens[i].Column != tokens[i - 1].Column + tokens[i - 1].Text.Length)
            {
                return null;
            }

            arrow += tokens[i].Text;
        }

        if (arrow is not ("=>" or "==>" or "-->" or "->>" or "<-" or "<->" or "--" or ">" or "-"))
        {
            return null;
        }

        var from = UserText.Quote(tokens[0].Text);
        var to = UserText.Quote(tokens[tokens.Count - 1].Text);
        var at = new Token(tokens[1].Column, arrow);
        return Error(line, at, known.Contains(tokens[0].Text) && known.Contains(tokens[tokens.Count - 1].Text)
            ? $"'{arrow}' is not the edge arrow; write '{from} -> {to}' to let {from} code use {to} code (edges are directed)"
            : $"'{arrow}' is not an arrow of the policy file; an allowed edge reads '<Role> -> <Role>', e.g. 'DataScience -> DataEngineering'");
    }

    /// <summary>The keyword of a path line: <c>path src/Serving/** = Production</c>.</summary>
    public const string PathKeyword = "path";

    /// <summary>A CODEOWNERS owner where an ID would stand: <c>@user</c>, <c>@org/team</c>, or an e-mail address.</summary>
    private static bool IsOwnerToken(string text) =>
        text.Length > 0 && (text[0] == '@' || (text.IndexOf('@') > 0 && text.IndexOf(':') < 0));

    /// <summary><c>path &lt;glob&gt; = &lt;Role|contract&gt;</c>: files matching the glob, relative to the policy file's folder.</summary>
    private static void ParsePath(Line line, List<Token> tokens, HashSet<string> known, List<PolicyMapping> paths, List<PolicyError> errors)
    {
        if (tokens.Count != 4 || tokens[2].Text != "=")
        {
            errors.Add(Error(line, tokens.Count > 1 ? tokens[1] : tokens[0], "a path line reads 'path <glob> = <Role>' or 'path <glob> = contract', e.g. 'path src/Serving/** = Production'; a glob holds no spaces"));
            return;
        }

        var pattern = tokens[1];
        var glob = PathGlob.Compile(pattern.Text, anchored: true, backslashEscapes: false, out var error, out var at);
        if (glob is null)
        {
            errors.Add(Error(line, new Token(pattern.Column + at, pattern.Text.Substring(at, 1)), error!));
            return;
        }

        var target = tokens[3];
        var isContract = target.Text == ContractTarget;
        if (!isContract && !CheckRole(line, target, known, errors))
        {
            return;
        }

        foreach (var existing in paths)
        {
            if (existing.Id == pattern.Text)
            {
                errors.Add(existing.Target == target.Text
                    ? Error(line, pattern, $"'path {UserText.Quote(pattern.Text)}' is already mapped to {existing.Target} on line {existing.Span.Line + 1}; remove this duplicate line")
                    : Error(line, pattern, $"'path {UserText.Quote(pattern.Text)}' is mapped to {target.Text} here but to {existing.Target} on line {existing.Span.Line + 1}; keep only the mapping you mean"));
                return;
            }
        }

        paths.Add(new PolicyMapping(pattern.Text, PolicyMapping.PathKind, pattern.Text, target.Text, isContract, includesDerived: false, Span(line, tokens[0], target)) { Glob = glob });
    }

    /// <summary><c>@owner = &lt;Role&gt;</c>: the files CODEOWNERS gives that owner.</summary>
    private static void ParseOwner(Line line, List<Token> tokens, HashSet<string> known, List<PolicyMapping> owners, List<PolicyError> errors)
    {
        var owner = tokens[0];
        if (tokens.Count != 3 || tokens[1].Text != "=")
        {
            var at = tokens.Count >= 2 && tokens[1].Text != "=" ? tokens[1] : tokens[tokens.Count > 3 ? 3 : tokens.Count - 1];
            errors.Add(Error(line, at, "an owner line reads '@<owner> = <Role>' with one role, e.g. '@contoso/ml-platform = Production'"));
            return;
        }

        if (!CodeOwnersFile.IsOwner(owner.Text))
        {
            errors.Add(Error(line, owner, $"'{UserText.Quote(owner.Text)}' is not a CODEOWNERS owner; write @user, @org/team or an e-mail address, as in the CODEOWNERS file"));
            return;
        }

        var target = tokens[2];
        if (target.Text == ContractTarget)
        {
            errors.Add(Error(line, target, $"an owner maps to a role, not to 'contract'; to make files contracts write 'path <glob> = contract'"));
            return;
        }

        if (!CheckRole(line, target, known, errors))
        {
            return;
        }

        foreach (var existing in owners)
        {
            if (string.Equals(existing.Id, owner.Text, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(existing.Target == target.Text
                    ? Error(line, owner, $"'{UserText.Quote(owner.Text)}' is already mapped to {existing.Target} on line {existing.Span.Line + 1}; remove this duplicate line")
                    : Error(line, owner, $"'{UserText.Quote(owner.Text)}' is mapped to {target.Text} here but to {existing.Target} on line {existing.Span.Line + 1}; keep only the mapping you mean"));
                return;
            }
        }

        owners.Add(new PolicyMapping(owner.Text, PolicyMapping.OwnerKind, owner.Text, target.Text, isContract: false, includesDerived: false, Span(line, owner, target)));
    }

    private static void ParseMapping(Line line, List<Token> tokens, HashSet<string> known, List<PolicyMapping> mappings, Dictionary<string, PolicyMapping> mappedAt, List<PolicyError> errors)
    {
        var idToken = tokens[0];
        if (tokens.Count == 3 && known.Contains(idToken.Text))
        {
            // A role where an ID is expected: '=' between two roles (meant as an edge), or a role mapped to something.
            errors.Add(Error(line, tokens[1], known.Contains(tokens[2].Text)
                ? $"'=' maps an ID to a role, but '{idToken.Text}' is a role; to let {idToken.Text} code use {UserText.Quote(tokens[2].Text)} code write '{idToken.Text} -> {UserText.Quote(tokens[2].Text)}'"
                : $"'{idToken.Text}' is a role, but a mapping starts with an ID; write e.g. 'N:Contoso.Ingestion = {UserText.Quote(tokens[2].Text)}' (N: namespace, T: type, M: method)"));
            return;
        }

        if (tokens.Count != 3)
        {
            errors.Add(Error(line, tokens.Count > 3 ? tokens[3] : tokens[1], "a mapping reads '<ID> = <Role>' or '<ID> = contract' with one role; e.g. 'N:Contoso.Ingestion = DataEngineering'"));
            return;
        }

        var id = idToken.Text;
        var includesDerived = false;
        if (id.Length > 2 && id[id.Length - 1] == '+')
        {
            includesDerived = true;
            id = id.Substring(0, id.Length - 1);
        }

        var idError = ValidateId(id, includesDerived);
        if (idError != null)
        {
            errors.Add(Error(line, idToken, idError));
            return;
        }

        var target = tokens[2];
        var isContract = target.Text == ContractTarget;
        if (!isContract && !CheckRole(line, target, known, errors))
        {
            return;
        }

        if (mappedAt.TryGetValue(id, out var existing))
        {
            errors.Add(existing.Target == target.Text
                ? Error(line, idToken, $"'{UserText.Quote(id)}' is already mapped to {existing.Target} on line {existing.Span.Line + 1}; remove this duplicate line")
                : Error(line, idToken, $"'{UserText.Quote(id)}' is mapped to {target.Text} here but to {existing.Target} on line {existing.Span.Line + 1}; keep only the mapping you mean"));
            return;
        }

        var mapping = new PolicyMapping(id, id[0], LookupName(id), target.Text, isContract, includesDerived, Span(line, idToken, target));
        mappedAt.Add(id, mapping);
        mappings.Add(mapping);
    }

    private static bool CheckRole(Line line, Token token, HashSet<string> known, List<PolicyError> errors)
    {
        if (known.Contains(token.Text))
        {
            return true;
        }

        var hint = SuggestionHint(token.Text, known, out _);
        var declare = IsIdentifier(token.Text) && Confusables.DescribeMixedScripts(token.Text) is null ? UserText.Quote(token.Text) : "<Name>";
        var fix = $"{hint}use a built-in role ({string.Join(", ", BuiltInRoles)}) or declare it with 'role {declare}'";
        var error = Error(line, token, $"unknown role '{UserText.Quote(token.Text)}'; {fix}");
        error.UnknownRole = UserText.Quote(token.Text);
        error.Fix = fix;
        errors.Add(error);
        return false;
    }

    /// <summary>
    /// What an unknown-role message suggests, ending in a space, or an empty string: that the name
    /// looks like a known role but is spelled with letters of another script, that it mixes scripts,
    /// or "did you mean" the closest known role. <paramref name="suggestion"/> is the role to use instead.
    /// </summary>
    public static string SuggestionHint(string name, IEnumerable<string> known, out string? suggestion)
    {
        var candidates = known as ICollection<string> ?? known.ToList();
        if (Confusables.DescribeLookAlike(name, candidates, out suggestion) is { } lookAlike)
        {
            return lookAlike + "; retype it. ";
        }

        suggestion = Suggest(name, candidates);
        var mixed = Confusables.DescribeMixedScripts(name);
        if (mixed is not null)
        {
            return $"the name {mixed}. " + (suggestion is null ? string.Empty : $"Did you mean '{suggestion}'? ");
        }

        return suggestion is null ? string.Empty : $"did you mean '{suggestion}'? ";
    }

    /// <summary>
    /// Above this many known roles only case-insensitive matches are suggested: a hint is computed for
    /// every unknown-role error, so it must stay cheap, or a policy with thousands of roles and typos
    /// parses in quadratic time.
    /// </summary>
    public const int MaxFuzzySuggestionCandidates = 256;

    /// <summary>
    /// The closest known role by case-insensitive comparison or an edit distance of at most 2, if any
    /// (ties go to the ordinally first). Linear in the number of known roles, without sorting them.
    /// </summary>
    public static string? Suggest(string name, IEnumerable<string> known)
    {
        var candidates = known as ICollection<string> ?? known.ToList();
        var fuzzy = candidates.Count <= MaxFuzzySuggestionCandidates && name.Length <= 200;
        var upperName = fuzzy ? name.ToUpperInvariant() : string.Empty;
        string? sameIgnoringCase = null;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                if (sameIgnoringCase is null || string.CompareOrdinal(candidate, sameIgnoringCase) < 0)
                {
                    sameIgnoringCase = candidate;
                }

                continue;
            }

            if (!fuzzy || sameIgnoringCase is not null || Math.Abs(candidate.Length - name.Length) > 2)
            {
                continue;
            }

            var d = EditDistance(candidate.ToUpperInvariant(), upperName, 2);
            if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                bestDistance = d;
                best = candidate;
            }
        }

        return sameIgnoringCase ?? (bestDistance <= 2 ? best : null);
    }

    /// <summary>The edit distance of <paramref name="a"/> and <paramref name="b"/> if it is at most <paramref name="max"/>, else <c>max + 1</c>; only the diagonal band is computed.</summary>
    private static int EditDistance(string a, string b, int max)
    {
        var beyond = max + 1;
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return beyond;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = Math.Min(j, beyond);
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var from = Math.Max(1, i - max);
            var to = Math.Min(b.Length, i + max);
            current[0] = Math.Min(i, beyond);
            if (from > 1)
            {
                current[from - 1] = beyond;
            }

            var rowMinimum = from > 1 ? beyond : current[0];
            for (var j = from; j <= to; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(beyond, Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost));
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            if (to < b.Length)
            {
                current[to + 1] = beyond;
            }

            if (rowMinimum > max)
            {
                return beyond;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>Checks the shape of a documentation-comment ID; returns what is wrong and how to fix it, or null.</summary>
    private static bool IsDottedName(string text)
    {
        var parts = text.Split('.');
        return parts.Length > 0 && parts.All(p => p.Length > 0 && (char.IsLetter(p[0]) || p[0] == '_') && p.All(c => char.IsLetterOrDigit(c) || c is '_' or '`'));
    }

    public static string? ValidateId(string id, bool includesDerived)
    {
        const string Fix = "write a documentation-comment ID such as 'N:Contoso.Ingestion', 'T:Contoso.Serving.ModelHost' or 'M:Contoso.Serving.ModelHost.Deploy(System.String)'";
        if (id.IndexOf(':') < 0 && IsDottedName(id))
        {
            return $"'{UserText.Quote(id)}' has no prefix; write 'N:{UserText.Quote(id)}' for a namespace, 'T:{UserText.Quote(id)}' for a type or 'M:…' for a method";
        }

        if (id.IndexOf(':') < 0 && (id.IndexOf('/') >= 0 || id.IndexOf('*') >= 0))
        {
            return $"'{UserText.Quote(id)}' looks like a path, not a documentation-comment ID; to give the files a role write 'path {UserText.Quote(id)} = <Role>'";
        }

        if (id.Length < 3 || id[1] != ':' || "NTMPFE".IndexOf(id[0]) < 0)
        {
            return $"'{UserText.Quote(id)}' is not a documentation-comment ID: it must start with N:, T:, M:, P:, F: or E:; {Fix}";
        }

        if (includesDerived && "TMPE".IndexOf(id[0]) < 0)
        {
            return $"a trailing '+' (derived types, overrides and implementations count) applies to T:, M:, P: and E: IDs only; remove the '+' from '{UserText.Quote(id)}'";
        }

        if (id.EndsWith(AllOverloadsSuffix, StringComparison.Ordinal))
        {
            if (id[0] != 'M')
            {
                return $"'(*)' (every overload) only applies to a method ID (M:); write '{UserText.Quote(id.Substring(0, id.Length - AllOverloadsSuffix.Length))}' instead";
            }

            id = id.Substring(0, id.Length - AllOverloadsSuffix.Length);
            if (id.IndexOf('(') >= 0 || id.IndexOf('~') >= 0)
            {
                return $"'{UserText.Quote(id)}(*)' mixes a parameter list with '(*)'; write either the full signature or 'M:Namespace.Type.Method(*)'";
            }
        }

        var depth = 0;
        var segmentStart = true;
        var dotsOutsideParens = 0;
        for (var i = 2; i < id.Length; i++)
        {
            var c = id[i];
            switch (c)
            {
                case '(':
                case '[':
                case '{':
                    depth++;
                    segmentStart = true;
                    continue;
                case ')':
                case ']':
                case '}':
                    depth--;
                    if (depth < 0)
                    {
                        return $"'{UserText.Quote(id)}' has an unbalanced '{c}' at character {i + 1}; {Fix}";
                    }

                    segmentStart = false;
                    continue;
                case '.':
                    if (segmentStart && depth == 0)
                    {
                        return $"'{UserText.Quote(id)}' has an empty name before the '.' at character {i + 1}; {Fix}";
                    }

                    if (depth == 0)
                    {
                        dotsOutsideParens++;
                    }

                    segmentStart = true;
                    continue;
                case ',':
                    segmentStart = true;
                    continue;
            }

            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '`' || c == '#' || c == '@' || c == '*' || c == '^' || c == '&' || c == '~' || c == ':' || c == '<' || c == '>'))
            {
                return $"'{UserText.Quote(id)}' contains '{c}' at character {i + 1}, which a documentation-comment ID cannot contain; {Fix}";
            }

            if (segmentStart && depth == 0 && char.IsDigit(c))
            {
                return $"'{UserText.Quote(id)}' has a name starting with a digit at character {i + 1}; {Fix}";
            }

            segmentStart = false;
        }

        if (depth != 0)
        {
            return $"'{UserText.Quote(id)}' has an unclosed bracket; {Fix}";
        }

        if (segmentStart)
        {
            return $"'{UserText.Quote(id)}' ends with an empty name; {Fix}";
        }

        if ("MPFE".IndexOf(id[0]) >= 0 && dotsOutsideParens == 0)
        {
            return $"'{UserText.Quote(id)}' names a member without its type; write it as '{id[0]}:Namespace.Type.Member'";
        }

        return null;
    }

    /// <summary>The key used for the cheap name lookup: the namespace, or the symbol's simple name as Roslyn spells it.</summary>
    public static string LookupName(string id)
    {
        var body = id.Substring(2);
        if (id[0] == 'N')
        {
            return body;
        }

        body = WithoutSignature(body);
        var lastDot = body.LastIndexOf('.');
        var name = lastDot >= 0 ? body.Substring(lastDot + 1) : body;
        var tick = name.IndexOf('`');
        if (tick >= 0)
        {
            name = name.Substring(0, tick);
        }

        return name switch
        {
            "#ctor" => ".ctor",
            "#cctor" => ".cctor",
            _ => name.Replace('#', '.'),
        };
    }

    /// <summary>A member ID's body without its parameter list and return type: <c>Ns.Type.Method</c>.</summary>
    public static string WithoutSignature(string body)
    {
        var paren = body.IndexOf('(');
        if (paren >= 0)
        {
            body = body.Substring(0, paren);
        }

        var tilde = body.IndexOf('~');
        return tilde >= 0 ? body.Substring(0, tilde) : body;
    }

    /// <summary>The longest role name, in characters.</summary>
    public const int MaxRoleNameLength = 200;

    public static bool IsIdentifier(string text)
    {
        if (text.Length == 0 || text.Length > MaxRoleNameLength || !(char.IsLetter(text[0]) || text[0] == '_'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static PolicyError Error(Line line, Token token, string message) =>
        new(new PolicySpan(line.Number, token.Column, line.Start + token.Column, token.Text.Length), message);

    private static PolicySpan Span(Line line, Token first, Token last) =>
        new(line.Number, first.Column, line.Start + first.Column, last.Column + last.Text.Length - first.Column);

    /// <summary>One line of a text file: zero-based number, where it starts, its text without the line break.</summary>
    internal readonly struct Line
    {
        public Line(int number, int start, string text)
        {
            Number = number;
            Start = start;
            Text = text;
        }

        public int Number { get; }

        public int Start { get; }

        public string Text { get; }
    }

    /// <summary>One token of a line: its zero-based column and its text.</summary>
    internal readonly struct Token
    {
        public Token(int column, string text)
        {
            Column = column;
            Text = text;
        }

        public int Column { get; }

        public string Text { get; }
    }

    /// <summary>The lines of a file: every line ending works, a byte-order mark is not part of the first line.</summary>
    internal static List<Line> SplitLines(string text)
    {
        var lines = new List<Line>();
        var start = 0;
        var number = 0;

        // A byte-order mark is not part of the first line's text.
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            start = 1;
        }

        var lineStart = start;
        for (var i = start; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n' || text[i] == '\r' || text[i] == '\u2028' || text[i] == '\u2029' || text[i] == '\u0085')
            {
                lines.Add(new Line(number++, lineStart, text.Substring(lineStart, i - lineStart)));
                if (i < text.Length && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                lineStart = i + 1;
            }
        }

        return lines;
    }

    /// <summary>
    /// Splits a line into tokens on white space, dropping a comment: '#' at the start of a token
    /// begins one ('#' inside a token belongs to an ID, e.g. explicit interface members). '->' and '='
    /// are tokens of their own even without surrounding spaces.
    /// </summary>
    private static List<Token> Tokenize(Line line, out int controlColumn)
    {
        var tokens = new List<Token>();
        var text = line.Text;
        controlColumn = -1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsControl(c))
            {
                controlColumn = i;
                return tokens;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '#')
            {
                break;
            }

            if (c == '=')
            {
                tokens.Add(new Token(i, "="));
                i++;
                continue;
            }

            if (c == '-' && i + 1 < text.Length && text[i + 1] == '>')
            {
                tokens.Add(new Token(i, "->"));
                i += 2;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && !IsControl(text[i]) && text[i] != '=' && !(text[i] == '-' && i + 1 < text.Length && text[i + 1] == '>'))
            {
                i++;
            }

            tokens.Add(new Token(start, text.Substring(start, i - start)));
        }

        return tokens;
    }

    /// <summary>A control character other than a tab (line breaks end the line before it is tokenized).</summary>
    private static bool IsControl(char c) => c != '\t' && char.IsControl(c);
}
