using System;
using System.IO;

namespace MlAtScale.Build.Tasks.IO;

/// <summary>Repository-relative paths, so that reports do not depend on where the repository is cloned.</summary>
internal static class RepoPaths
{
    private static readonly StringComparison PathComparison =
        Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The directory holding the nearest <c>.git</c> (folder or worktree file) above <paramref name="start"/>, else <paramref name="fallback"/>, else <paramref name="start"/>.</summary>
    public static string FindRoot(string start, string? fallback)
    {
        for (var directory = new DirectoryInfo(start); directory != null; directory = directory.Parent)
        {
            var git = Path.Combine(directory.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return directory.FullName;
            }
        }

        return !string.IsNullOrEmpty(fallback) && fallback != "*Undefined*" && Directory.Exists(fallback)
            ? Path.GetFullPath(fallback)
            : Path.GetFullPath(start);
    }

    /// <summary><paramref name="path"/> relative to <paramref name="root"/> with '/' separators; absolute (with '/') when outside it.</summary>
    public static string Relative(string root, string path)
    {
        var full = Path.GetFullPath(path);
        var prefix = Path.GetFullPath(root).TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
        var relative = full.StartsWith(prefix, PathComparison) ? full.Substring(prefix.Length) : full;
        return relative.Replace('\\', '/');
    }

    /// <summary>
    /// The URL prefix that leads from a page in <paramref name="directory"/> to <paramref name="root"/>, for links to
    /// repository-relative files that work when the page is opened from disk: <c>../../</c> (empty when it is the root
    /// itself), or the root's <c>file:</c> URL ending in '/' when the page is not inside the repository.
    /// </summary>
    public static string UrlToRoot(string directory, string root)
    {
        var from = Path.GetFullPath(directory);
        var to = Path.GetFullPath(root);
        if (string.Equals(from.TrimEnd('/', '\\'), to.TrimEnd('/', '\\'), PathComparison))
        {
            return string.Empty;
        }

        var relative = Relative(to, from);
        if (Path.IsPathRooted(relative))
        {
            return new Uri(to.TrimEnd('/', '\\') + Path.DirectorySeparatorChar).AbsoluteUri;
        }

        var up = new System.Text.StringBuilder();
        foreach (var _ in relative.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
        {
            up.Append("../");
        }

        return up.ToString();
    }
}
