using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace MlAtScale.Build.Tasks.IO;

/// <summary>Wall-clock milliseconds per phase of one task run, for the low-importance log line (<c>-v:detailed</c>).</summary>
internal sealed class PhaseTimes
{
    private readonly List<KeyValuePair<string, double>> _phases = new();
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly Stopwatch _since = Stopwatch.StartNew();

    /// <summary>Ends the phase that ran on the task's thread since the previous mark.</summary>
    public void Mark(string phase)
    {
        Add(phase, _since.Elapsed.TotalMilliseconds);
        _since.Restart();
    }

    /// <summary>Records a phase that ran on another thread (measured there).</summary>
    public void Add(string phase, double milliseconds)
    {
        lock (_phases)
        {
            _phases.Add(new KeyValuePair<string, double>(phase, milliseconds));
        }
    }

    public override string ToString()
    {
        lock (_phases)
        {
            return string.Format(CultureInfo.InvariantCulture, "{0:F0} ms: ", _total.Elapsed.TotalMilliseconds) +
                   string.Join(", ", _phases.Select(p => p.Key + " " + p.Value.ToString("F0", CultureInfo.InvariantCulture)));
        }
    }
}
