using System;
using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using MlAtScale.Analyzers.CodeFixes;
using MlAtScale.Analyzers.CodeFixes.Editing;
using MlAtScale.Analyzers.Model;
using MlAtScale.Core.Policy;

namespace MlAtScale.Analyzers.Tests.CodeFixes;

/// <summary>Every code fix is exported, shared and fixable in bulk; the fixes agree with the analyzer on names and formats.</summary>
public sealed class CodeFixConventionTests
{
    private static IEnumerable<Type> ProviderTypes() =>
        typeof(AllowRoleCrossingCodeFixProvider).Assembly.GetTypes().Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract);

    [Fact]
    public void EveryProviderIsPublicSealedExportedAndShared()
    {
        var types = ProviderTypes().ToList();
        Assert.NotEmpty(types);
        foreach (var type in types)
        {
            Assert.True(type.IsPublic && type.IsSealed, type.Name);
            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            Assert.NotNull(export);
            Assert.Equal(new[] { LanguageNames.CSharp }, export!.Languages);
            Assert.Equal(type.Name, export.Name);
            Assert.NotNull(type.GetCustomAttribute<SharedAttribute>());
        }
    }

    [Fact]
    public void EveryProviderFixesAllInDocumentProjectAndSolution()
    {
        foreach (var type in ProviderTypes())
        {
            var provider = (CodeFixProvider)Activator.CreateInstance(type)!;
            var fixAll = provider.GetFixAllProvider();
            Assert.NotNull(fixAll);
            Assert.Subset(fixAll!.GetSupportedFixAllScopes().ToHashSet(), new HashSet<FixAllScope> { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution });
            Assert.All(provider.FixableDiagnosticIds, id => Assert.Matches("^MLR[0-9]{4}$", id));
        }
    }

    /// <summary>
    /// `dotnet format analyzers` applies every fix of an ID in the order the assembly defines them; the
    /// allowance is the documented command-line fix of MLR0001, so it must come first.
    /// </summary>
    [Fact]
    public void AllowanceIsTheFirstFixOfMLR0001ForDotnetFormat()
    {
        var first = ProviderTypes()
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .First(p => p.FixableDiagnosticIds.Contains(RuleIdentifiers.RoleBoundaryCrossed));
        Assert.IsType<AllowRoleCrossingCodeFixProvider>(first);
    }
}
