using System;
using System.IO;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit;

namespace MlAtScale.Tests.Shared;

/// <summary>
/// Debian's chromium, headless, driven through its chromedriver (Selenium), for the HTML report's browser tests; and the
/// folder where those tests keep their screenshots, <c>artifacts/ui/</c> of the repository, which CI prints and keeps.
/// </summary>
internal static class HeadlessChromium
{
    private const string Binary = "/usr/bin/chromium";
    private const string Driver = "/usr/bin/chromedriver";

    /// <summary>A fresh browser with a window of the given size (what a screenshot shows).</summary>
    public static ChromeDriver Start(int width, int height)
    {
        Assert.True(
            File.Exists(Binary) && File.Exists(Driver),
            "the browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver (.ci/run installs them)");
        var options = new ChromeOptions { BinaryLocation = Binary };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", $"--window-size={width},{height}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    /// <summary>Saves what the browser shows as <c>artifacts/ui/&lt;name&gt;</c> of the repository and returns its path.</summary>
    public static string Screenshot(IWebDriver driver, string name)
    {
        var path = Path.Combine(RepositoryRoot(), "artifacts", "ui", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(path);
        return path;
    }

    /// <summary>The local file a link leads to (the href as the browser resolved it against the page), or null when it is not a file: URL.</summary>
    public static string? LinkedFile(IWebElement link)
    {
        var href = link.GetDomProperty("href");
        return href is not null && Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : null;
    }

    private static string RepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "MlAtScale.Analyzers.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? Path.GetTempPath();
    }
}
