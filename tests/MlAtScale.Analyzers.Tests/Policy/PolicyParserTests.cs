using System.Linq;
using MlAtScale.Core.Policy;

namespace MlAtScale.Analyzers.Tests.Policy;

public sealed class PolicyParserTests
{
    [Fact]
    public void ParsesEveryLineKind()
    {
        var document = PolicyParser.Parse("MlRoles.txt", """
            # comment line
            role Labeling   # trailing comment
            N:Churn.Ingestion = DataEngineering
            T:System.IO.Stream+ = DataEngineering
            M:System.IO.File.ReadAllText(System.String) = DataEngineering
            M:Churn.Api.#ctor(System.Int32)=Production
            M:Churn.Impl.Churn#IApi#Run = contract
            M:Churn.Model.Fit(*)+ = DataScience
            DataScience->DataEngineering
            option catalog = off
            """);

        Assert.Empty(document.Errors);
        Assert.Equal(new[] { "Labeling" }, document.DeclaredRoles);
        Assert.Equal(
            new[]
            {
                "N:Churn.Ingestion|Churn.Ingestion|DataEngineering|False",
                "T:System.IO.Stream|Stream|DataEngineering|True",
                "M:System.IO.File.ReadAllText(System.String)|ReadAllText|DataEngineering|False",
                "M:Churn.Api.#ctor(System.Int32)|.ctor|Production|False",
                "M:Churn.Impl.Churn#IApi#Run|Churn.IApi.Run|contract|False",
                "M:Churn.Model.Fit(*)|Fit|DataScience|True",
            },
            document.Mappings.Select(m => $"{m.Id}|{m.Name}|{m.Target}|{m.IncludesDerived}"));
        Assert.True(document.Mappings[4].IsContract);
        var edge = Assert.Single(document.Edges);
        Assert.True(document.Mappings[5].AllOverloads);
        Assert.Equal(("DataScience", "DataEngineering", 8, 0), (edge.From, edge.To, edge.Span.Line, edge.Span.Column));
        Assert.Equal(new[] { "catalog=off" }, document.Options.Select(o => $"{o.Key}={o.Value}"));
    }

    [Theory]
    [InlineData("frobnicate", 0, 0, 10, "unrecognised line 'frobnicate'; expected 'role <Name>', '<ID> = <Role>', '<ID> = contract', '<Role> -> <Role>' or 'option <name> = <value>'")]
    [InlineData("N:Churn = Datascience", 0, 10, 11, "unknown role 'Datascience'; did you mean 'DataScience'? use a built-in role (DataEngineering, DataScience, Production, BusinessAnalysis) or declare it with 'role Datascience'")]
    [InlineData("X:Churn = DataScience", 0, 0, 7, "'X:Churn' is not a documentation-comment ID: it must start with N:, T:, M:, P:, F: or E:; write a documentation-comment ID such as 'N:Contoso.Ingestion', 'T:Contoso.Serving.ModelHost' or 'M:Contoso.Serving.ModelHost.Deploy(System.String)'")]
    [InlineData("M:Deploy = Production", 0, 0, 8, "'M:Deploy' names a member without its type; write it as 'M:Namespace.Type.Member'")]
    [InlineData("T:Churn..Model = DataScience", 0, 0, 14, "'T:Churn..Model' has an empty name before the '.' at character 9; write a documentation-comment ID such as 'N:Contoso.Ingestion', 'T:Contoso.Serving.ModelHost' or 'M:Contoso.Serving.ModelHost.Deploy(System.String)'")]
    [InlineData("M:A.B.C(System.Int32 = Production", 0, 0, 20, "'M:A.B.C(System.Int32' has an unclosed bracket; write a documentation-comment ID such as 'N:Contoso.Ingestion', 'T:Contoso.Serving.ModelHost' or 'M:Contoso.Serving.ModelHost.Deploy(System.String)'")]
    [InlineData("N:A.B+ = Production", 0, 0, 6, "a trailing '+' (derived types, overrides and implementations count) applies to T:, M:, P: and E: IDs only; remove the '+' from 'N:A.B'")]
    [InlineData("T:A.B(*) = Production", 0, 0, 8, "'(*)' (every overload) only applies to a method ID (M:); write 'T:A.B' instead")]
    [InlineData("M:A.B(System.Int32)(*) = Production", 0, 0, 22, "'M:A.B(System.Int32)(*)' mixes a parameter list with '(*)'; write either the full signature or 'M:Namespace.Type.Method(*)'")]
    [InlineData("N:A = DataScience Production", 0, 18, 10, "a mapping reads '<ID> = <Role>' or '<ID> = contract' with one role; e.g. 'N:Contoso.Ingestion = DataEngineering'")]
    [InlineData("DataScience -> DataScience", 0, 15, 11, "'DataScience -> DataScience' allows a role to use itself, which is always allowed; remove this line")]
    [InlineData("DataScience -> Labelling", 0, 15, 9, "unknown role 'Labelling'; use a built-in role (DataEngineering, DataScience, Production, BusinessAnalysis) or declare it with 'role Labelling'")]
    [InlineData("role DataScience", 0, 5, 11, "'DataScience' is a built-in role and needs no declaration; remove this line")]
    [InlineData("role 9lives", 0, 5, 6, "'9lives' is not a valid role name; use letters, digits and '_' and start with a letter")]
    [InlineData("role A B", 0, 7, 1, "a role declaration takes exactly one name, e.g. 'role Labeling'; remove the extra text")]
    [InlineData("option colour = red", 0, 7, 6, "unknown option 'colour'; known options: catalog")]
    [InlineData("option catalog = maybe", 0, 17, 5, "option 'catalog' does not accept 'maybe'; use one of: on, off")]
    public void ReportsEachErrorAtItsToken(string line, int expectedLine, int column, int length, string message)
    {
        var document = PolicyParser.Parse("MlRoles.txt", line);
        var error = Assert.Single(document.Errors);
        Assert.Equal((expectedLine, column, length, message), (error.Span.Line, error.Span.Column, error.Span.Length, error.Message));
    }

    [Fact]
    public void DuplicateAndContradictoryMappingsAndEdges()
    {
        var document = PolicyParser.Parse("MlRoles.txt", "N:A = DataScience\r\nN:A = DataScience\r\nN:A = Production\r\nDataScience -> Production\r\nDataScience -> Production\r\nrole X\r\nrole X\n");
        Assert.Equal(
            new[]
            {
                "6:5 role 'X' is already declared on line 6; remove this line",
                "1:0 'N:A' is already mapped to DataScience on line 1; remove this duplicate line",
                "2:0 'N:A' is mapped to Production here but to DataScience on line 1; keep only the mapping you mean",
                "4:0 the edge 'DataScience -> Production' is already allowed on line 4; remove this line",
            },
            document.Errors.Select(e => $"{e.Span.Line}:{e.Span.Column} {e.Message}"));
        Assert.Single(document.Mappings);
        Assert.Single(document.Edges);
    }

    [Fact]
    public void GoodLinesStillApplyAfterBadOnes()
    {
        var document = PolicyParser.Parse("MlRoles.txt", "garbage here\nN:Churn = DataScience\n\u0000\u0000\nT:= x\nN:Churn.Serving = Production");

        // A line of NUL characters is not blank: it is an error (at its first NUL), like the two bad lines.
        Assert.Equal(new[] { 0, 2, 3 }, document.Errors.Select(e => e.Span.Line).OrderBy(l => l));
        Assert.Equal(new[] { "N:Churn", "N:Churn.Serving" }, document.Mappings.Select(m => m.Id));
    }

    [Fact]
    public void AbsoluteOffsetsAccountForLineEndingsAndByteOrderMark()
    {
        var text = "\uFEFFN:A = DataScience\r\n  bogus";
        var error = Assert.Single(PolicyParser.Parse("MlRoles.txt", text).Errors);
        Assert.Equal((1, 2, text.IndexOf("bogus", System.StringComparison.Ordinal), 5), (error.Span.Line, error.Span.Column, error.Span.Start, error.Span.Length));
    }

    [Theory]
    [InlineData("M:Microsoft.ML.ModelOperationsCatalog.Save``1(Microsoft.ML.ITransformer,System.String)", "M:Microsoft.ML.ModelOperationsCatalog.Save")]
    [InlineData("M:TorchSharp.torch.Tensor.backward", "M:TorchSharp.torch.Tensor.backward")]
    [InlineData("M:A.B.op_Implicit(A.B)~System.Int32", "M:A.B.op_Implicit")]
    public void OverloadGroupIds(string id, string group) =>
        Assert.Equal(group, MlAtScale.Core.Policy.MappingIndex.OverloadGroupId(id));

    [Fact]
    public void RolesDeclaredInAnotherFileAreKnown()
    {
        var document = PolicyParser.Parse("MlRoles.txt", "N:Churn.Labels = Labeling", new[] { "Labeling" });
        Assert.Empty(document.Errors);
    }
}
