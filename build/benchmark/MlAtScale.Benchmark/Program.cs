using System;
using System.Globalization;
using System.IO;
using System.Linq;
using MlAtScale.Benchmark;

// dotnet run -c Release --project build/benchmark/MlAtScale.Benchmark [-- --smoke] [--sizes 250,500] [--repeats 3]
//   [--ide-repeats 30] [--report-types 10000] [--report-repeats 5] [--no-msbuild] [--out file.md] [--work dir]
//   [--only report] [--reuse-report-build] [--profile N [--profile-banned] [--profile-dump file]]
var work = Path.Combine(Path.GetTempPath(), "mlatscale-benchmark");
var options = args.Contains("--smoke") ? BenchmarkOptions.Smoke(work) : BenchmarkOptions.Full(work);
string? output = null;
int? profile = null;
var profileBanned = false;
string? profileDump = null;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException("missing value after " + args[i]);
    switch (args[i])
    {
        case "--smoke":
            break;
        case "--sizes":
            var sizes = Next().Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            options = options with { Sizes = sizes, TargetSize = sizes.Contains(options.TargetSize) ? options.TargetSize : sizes[0] };
            break;
        case "--target-size":
            options = options with { TargetSize = int.Parse(Next(), CultureInfo.InvariantCulture) };
            break;
        case "--repeats":
            options = options with { Repeats = int.Parse(Next(), CultureInfo.InvariantCulture) };
            break;
        case "--ide-repeats":
            options = options with { IdeRepeats = int.Parse(Next(), CultureInfo.InvariantCulture) };
            break;
        case "--report-types":
            options = options with { ReportTypes = int.Parse(Next(), CultureInfo.InvariantCulture) };
            break;
        case "--report-repeats":
            options = options with { ReportRepeats = int.Parse(Next(), CultureInfo.InvariantCulture) };
            break;
        case "--only":
            var only = Next();
            if (only != "report")
            {
                throw new ArgumentException("--only takes 'report'");
            }

            options = options with { OnlyReport = true };
            break;
        case "--reuse-report-build":
            options = options with { ReuseReportBuild = true };
            break;
        case "--profile":
            profile = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--profile-dump":
            profileDump = Path.GetFullPath(Next());
            break;
        case "--profile-banned":
            profileBanned = true;
            break;
        case "--no-msbuild":
            options = options with { MsBuild = false };
            break;
        case "--work":
            options = options with { WorkDirectory = Path.GetFullPath(Next()) };
            break;
        case "--out":
            output = Path.GetFullPath(Next());
            break;
        default:
            Console.Error.WriteLine("unknown argument " + args[i]);
            return 2;
    }
}

if (profile is { } profileFiles)
{
    await ProfileRun.RunAsync(profileFiles, options.Repeats, profileBanned, profileDump, Console.Out, default);
    return 0;
}

var result = await Pipeline.RunAsync(options, Console.Out);
Console.WriteLine();
Console.WriteLine("Machine: " + result.Machine + "; load average at the end " + File.ReadAllText("/proc/loadavg").Trim());
Console.WriteLine();
Console.WriteLine(result.Table);
if (output is not null)
{
    File.WriteAllText(output, "Machine: " + result.Machine + "\n\n" + result.Table);
}

return 0;
