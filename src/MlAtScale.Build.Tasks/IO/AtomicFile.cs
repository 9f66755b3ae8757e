using System;
using System.IO;
using System.Threading;

namespace MlAtScale.Build.Tasks.IO;

/// <summary>Writes files so that readers only ever see the old or the new complete content.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/> unless it already holds exactly
    /// that (then the file, and its timestamp, stay untouched). Returns true when the file was written.
    /// The content goes to a temporary file in the same folder first and is then renamed over the target.
    /// </summary>
    public static bool WriteIfChanged(string path, byte[] content)
    {
        if (HasContent(path, content))
        {
            return false;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content, 0, content.Length);
                stream.Flush(true);
            }

            Replace(temp, path);
            return true;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static void Replace(string source, string destination)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (File.Exists(destination))
                {
                    File.Replace(source, destination, null, ignoreMetadataErrors: true);
                }
                else
                {
                    File.Move(source, destination);
                }

                return;
            }
            catch (Exception e) when (attempt < 10 && (e is IOException || e is UnauthorizedAccessException) && Directory.Exists(Path.GetDirectoryName(destination)))
            {
                // Another build (or a virus scanner) may hold the file for a moment on Windows.
                Thread.Sleep(50 * (attempt + 1));
            }
        }
    }

    private static bool HasContent(string path, byte[] content)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length != content.Length)
            {
                return false;
            }

            var existing = File.ReadAllBytes(path);
            return new ReadOnlySpan<byte>(existing).SequenceEqual(content);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary file is harmless and ignored by every reader.
        }
    }
}
