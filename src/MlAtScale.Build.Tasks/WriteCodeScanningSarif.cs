using System;
using System.IO;
using System.Text.Json;
using MlAtScale.Build.Tasks.IO;
using MlAtScale.Build.Tasks.Sarif;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace MlAtScale.Build.Tasks;

/// <summary>
/// Writes the SARIF log to upload to code scanning (docs/ci-github-actions.md): the compiler's log
/// with only the role rules' warnings and errors (<see cref="CodeScanningSarif"/>). Without a log,
/// an old copy is removed, so an upload never shows another build's results.
/// </summary>
public sealed class WriteCodeScanningSarif : Task
{
    [Required]
    public string SarifPath { get; set; } = string.Empty;

    [Required]
    public string OutputPath { get; set; } = string.Empty;

    public override bool Execute()
    {
        if (!File.Exists(SarifPath))
        {
            AtomicFile.TryDelete(OutputPath);
            return true;
        }

        try
        {
            AtomicFile.WriteIfChanged(OutputPath, CodeScanningSarif.Filter(File.ReadAllBytes(SarifPath), "MLR"));
        }
        catch (Exception e) when (e is JsonException or MalformedSarifException or InvalidOperationException)
        {
            AtomicFile.TryDelete(OutputPath);
            Log.LogWarning(null, BuildWarnings.SarifMalformed, null, SarifPath, 0, 0, 0, 0, $"no code-scanning log: the compiler's SARIF log is malformed ({e.Message}). Rebuild the project to let the compiler rewrite it.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.LogWarning(null, BuildWarnings.ReportNotWritable, null, OutputPath, 0, 0, 0, 0, $"the code-scanning log '{OutputPath}' cannot be written ({e.Message}).");
        }

        return !Log.HasLoggedErrors;
    }
}
