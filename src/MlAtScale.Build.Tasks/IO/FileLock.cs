using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace MlAtScale.Build.Tasks.IO;

/// <summary>
/// An exclusive lock between processes (and between threads of one process) on a lock file:
/// builds of different projects under <c>dotnet build -m</c> merge the repository report one at a time.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    /// <summary>Waits up to <paramref name="timeout"/>; returns null when the lock could not be taken.</summary>
    public static FileLock? Acquire(string path, TimeSpan timeout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var clock = Stopwatch.StartNew();
        var delay = 10;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive lock on Windows and an advisory flock on Unix.
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 200);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
