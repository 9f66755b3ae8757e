using System;
using System.Collections.Generic;

namespace MlAtScale.Analyzers.Model;

/// <summary>
/// A few values computed from file contents, kept across compilations and looked up by those contents:
/// the IDE creates a new compilation on every edit, and the policy and baseline files rarely change
/// between two of them, so they are parsed again only when their text changed. The key is the whole
/// content (paths and texts), compared as strings: no hash that could collide. The most recently used
/// entries are kept, so a long IDE session that edits a policy file does not accumulate old versions.
/// </summary>
internal sealed class ContentCache<T>
    where T : class
{
    private readonly int _capacity;
    private readonly object _gate = new();
    private readonly LinkedList<KeyValuePair<string, T>> _entries = new();
    private int _misses;

    public ContentCache(int capacity) => _capacity = capacity;

    /// <summary>How many times a value was computed (a test hook: equal before and after means reused).</summary>
    public int Misses => _misses;

    public T GetOrAdd(string key, Func<T> create)
    {
        lock (_gate)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (string.Equals(node.Value.Key, key, StringComparison.Ordinal))
                {
                    _entries.Remove(node);
                    _entries.AddFirst(node);
                    return node.Value.Value;
                }
            }
        }

        // Computed outside the lock; two threads that miss at once may both compute, and the first stored wins.
        var value = create();
        lock (_gate)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (string.Equals(node.Value.Key, key, StringComparison.Ordinal))
                {
                    return node.Value.Value;
                }
            }

            _misses++;
            _entries.AddFirst(new KeyValuePair<string, T>(key, value));
            while (_entries.Count > _capacity)
            {
                _entries.RemoveLast();
            }

            return value;
        }
    }
}
