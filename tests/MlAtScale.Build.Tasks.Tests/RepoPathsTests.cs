using System;
using System.IO;
using MlAtScale.Build.Tasks.IO;
using Xunit;

namespace MlAtScale.Build.Tasks.Tests;

/// <summary>The prefix that leads from an HTML report's folder to the repository root its file paths are relative to.</summary>
public sealed class RepoPathsTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "mlroles-paths", "repo");

    [Fact]
    public void A_page_in_the_root_links_files_by_their_repository_relative_path()
    {
        Assert.Equal(string.Empty, RepoPaths.UrlToRoot(Root, Root));
        Assert.Equal(string.Empty, RepoPaths.UrlToRoot(Root + Path.DirectorySeparatorChar, Root));
    }

    [Fact]
    public void A_page_below_the_root_climbs_one_level_per_folder()
    {
        // A project report (src/Churn.Serving/obj/Debug/net10.0) and the repository report (artifacts/mlroles).
        Assert.Equal("../../../../../", RepoPaths.UrlToRoot(Path.Combine(Root, "src", "Churn.Serving", "obj", "Debug", "net10.0"), Root));
        Assert.Equal("../../", RepoPaths.UrlToRoot(Path.Combine(Root, "artifacts", "mlroles"), Root));

        // MSBuild's folders end in a separator ($(IntermediateOutputPath), $(MSBuildThisFileDirectory)).
        var separator = Path.DirectorySeparatorChar.ToString();
        Assert.Equal("../../../", RepoPaths.UrlToRoot(Path.Combine(Root, "src", "App", "obj") + separator, Root + separator));
    }

    [Fact]
    public void A_page_outside_the_repository_links_to_the_root_by_its_file_url()
    {
        var outside = Path.Combine(Path.GetTempPath(), "mlroles-paths", "reports");
        var prefix = RepoPaths.UrlToRoot(outside, Root);
        Assert.Equal(new Uri(Root + Path.DirectorySeparatorChar).AbsoluteUri, prefix);
        Assert.Equal(Path.Combine(Root, "src", "A.cs"), new Uri(new Uri(prefix), "src/A.cs").LocalPath);

        // A sibling whose name starts like the root's is outside it too.
        Assert.StartsWith("file:", RepoPaths.UrlToRoot(Root + "-other", Root), StringComparison.Ordinal);
    }
}
