using System;
using System.Threading.Tasks;

namespace MlAtScale.Robustness;

public static class Program
{
    public static Task<int> Main(string[] args) => Harness.RunAsync(args);
}
