using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace MlAtScale.Robustness.Analysis;

/// <summary>An additional file (a policy file) with its text in memory, as the compiler host passes it to analyzers.</summary>
public sealed class TextFile : AdditionalText
{
    private readonly SourceText _text;

    public TextFile(string path, string text)
        : this(path, SourceText.From(text))
    {
    }

    public TextFile(string path, SourceText text)
    {
        Path = path;
        _text = text;
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
