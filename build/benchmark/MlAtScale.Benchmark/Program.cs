using System;
using System.Globalization;
using System.IO;
using System.Linq;
using MlAtScale.Benchmark;

// dotnet run -c Release --project build/benchmark/MlAtScale.Benchmark [-- --smoke] [--sizes 250,500] [--repeats 3]
//   [--ide-repeats 30] [--report-types 10000] [--report-repeats 5] [--no-msbuild] [--out file.md] [--work dir]
//   [--only report] [--reuse-report-build] [--profile N [--profile-banned] [--profile-dump file]]
//   [--builds [--build-sizes 500,1000] [--build-repeats 3] [--document-repeats 20] [--shape-divisor 4]]
var work = Path.Combine(Path.GetTempPath(), "mlatscale-benchmark");
var options = args.Contains("--smoke") ? BenchmarkOptions.Smoke(work) : BenchmarkOptions.Full(work);
string? output = null;
int? profile = null;
var profileBanned = false;
string? profileDump = null;
BuildOptions? builds = null;
BuildOptions Builds() => builds ??= new BuildOptions(new[] { 500, 1000 }, 3, 20, 4, options.WorkDirectory);
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
            if (builds is not null)
            {
                builds = builds with { WorkDirectory = options.WorkDirectory };
            }

            break;
        case "--builds":
            Builds();
            break;
        case "--build-sizes":
            builds = Builds() with { Sizes = Next().Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray() };
            break;
        case "--build-repeats":
            builds = Builds() with { Repeats = int.Parse(Next(), CultureInfo.InvariantCulture) };
            break;
        case "--document-repeats":
            builds = Builds() with { DocumentRepeats = int.Parse(Next(), CultureInfo.InvariantCulture) };
            break;
        case "--package-version":
            builds = Builds() with { PackageVersion = Next() };
            break;
        case "--shape-divisor":
            builds = Builds() with { ShapeDivisor = int.Parse(Next(), CultureInfo.InvariantCulture) };
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

if (builds is not null)
{
    // The whole-build view: fresh `dotnet build` processes, CPU and Csc time, the targets' ratios in one table.
    var (buildTable, _) = await BuildBenchmark.RunAsync(builds, Console.Out);
    var machine = FormattableString.Invariant($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
    Console.WriteLine();
    Console.WriteLine("Machine: " + machine);
    Console.WriteLine();
    Console.WriteLine(buildTable);
    if (output is not null)
    {
        File.WriteAllText(output, "Machine: " + machine + "\n\n" + buildTable);
    }

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
