using System.Collections.Generic;
using MlAtScale.Core.Policy;
using Microsoft.CodeAnalysis;

namespace MlAtScale.Analyzers.Model;

/// <summary>A baseline file of this project and its parsed content.</summary>
internal sealed class BaselineSource
{
    public BaselineSource(AdditionalText text, IReadOnlyList<BaselineEntry> entries, IReadOnlyList<PolicyError> errors)
    {
        Text = text;
        Entries = entries;
        Errors = errors;
    }

    public AdditionalText Text { get; }

    public IReadOnlyList<BaselineEntry> Entries { get; }

    public IReadOnlyList<PolicyError> Errors { get; }
}

/// <summary>A policy file of this project and its parsed content.</summary>
internal sealed class PolicyFile
{
    public PolicyFile(AdditionalText text, PolicyDocument document)
    {
        Text = text;
        Document = document;
    }

    public AdditionalText Text { get; }

    public PolicyDocument Document { get; }
}
