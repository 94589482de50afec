using Descent.Data;

namespace Descent.Tests.Data;

public class CsvDatasetTests
{
    private static Dataset<double> Parse(string text, string[] targets, string[]? features = null) =>
        CsvDataset.Parse<double>(new StringReader(text), "data.csv", targets, features);

    [Fact]
    public void ReadsFeaturesAndTargetsByName()
    {
        var d = Parse("area,rooms,price\n1.5,3,200\n2,4,310.5\n", ["price"]);
        Assert.Equal(["area", "rooms"], d.FeatureNames);
        Assert.Equal(["price"], d.TargetNames);
        Assert.Equal([1.5, 3, 2, 4], d.Features.ToArray());
        Assert.Equal([200, 310.5], d.Targets.ToArray());
    }

    [Fact]
    public void ChosenFeaturesComeInTheGivenOrderAndOtherColumnsAreIgnored()
    {
        var d = Parse("id,b,a,y,z\nx1,1,2,3,4\nx2,5,6,7,8\n", ["z", "y"], ["a", "b"]);
        Assert.Equal(["a", "b"], d.FeatureNames);
        Assert.Equal([2.0, 1, 6, 5], d.Features.ToArray());
        Assert.Equal([4.0, 3, 8, 7], d.Targets.ToArray());
    }

    [Fact]
    public void HandlesQuotesCrlfBomBlankLinesWhitespaceAndExponents()
    {
        var d = Parse("\uFEFF\"x, in m\",\"y \"\"raw\"\"\"\r\n\r\n 1e-3 , \"2.5\"\r\n-4E2,5\r\n\r\n", ["y \"raw\""]);
        Assert.Equal(["x, in m"], d.FeatureNames);
        Assert.Equal([0.001, -400], d.Features.ToArray());
        Assert.Equal([2.5, 5], d.Targets.ToArray());
    }

    [Fact]
    public void LoadsFloat32FromAFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"descent-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "a,b\n0.1,1\n");
        var d = CsvDataset.Load<float>(path, ["b"]);
        Assert.Equal([0.1f], d.Features.ToArray());
        File.Delete(path);
    }

    [Theory]
    [InlineData("", new[] { "y" }, 1, null, "data.csv is empty: expected a header row of column names")]
    [InlineData("x,y\n", new[] { "y" }, 1, null, "data.csv has no data rows")]
    [InlineData("x,y\n1,2\n3\n", new[] { "y" }, 3, null, "data.csv line 3: expected 2 fields, found 1")]
    [InlineData("x,y\n1,2\n3,4,5\n", new[] { "y" }, 3, null, "expected 2 fields, found 3")]
    [InlineData("x,rooms\n1,2\n3,abc\n", new[] { "rooms" }, 3, 2, "data.csv line 3, column 2 ('rooms'): 'abc' is not a number")]
    [InlineData("x,y\n1,2\n\n,4\n", new[] { "y" }, 4, 1, "data.csv line 4, column 1 ('x'): missing value")]
    [InlineData("x,y\n1,NaN\n", new[] { "y" }, 2, 2, "'NaN' is not a finite number")]
    [InlineData("x,y\n1,1,5e999\n", new[] { "y" }, 2, null, "expected 2 fields, found 3")]
    [InlineData("area,price\n1,2\n", new[] { "prise" }, 1, null, "unknown column 'prise' in data.csv; did you mean 'price'? (columns: area, price)")]
    [InlineData("x,x\n1,2\n", new[] { "x" }, 1, 2, "the column name 'x' appears twice")]
    [InlineData("x,\"unterminated\n", new[] { "x" }, 1, 2, "unterminated quoted field")]
    public void BadFilesAreReportedWithLineAndColumn(string text, string[] targets, int line, int? column, string message)
    {
        var e = Assert.Throws<CsvException>(() => Parse(text, targets));
        Assert.Contains(message, e.Message);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
    }

    [Fact]
    public void AMissingFileIsAnInputErrorNamingIt()
    {
        var e = Assert.Throws<InputException>(() => CsvDataset.Load<double>("/no/such/dir/data.csv", ["y"]));
        Assert.Contains("cannot read '/no/such/dir/data.csv'", e.Message);
    }

    [Fact]
    public void AColumnCannotBeBothFeatureAndTarget()
    {
        var e = Assert.Throws<InputException>(() => Parse("x,y\n1,2\n", ["y"], ["x", "y"]));
        Assert.Contains("both a feature and a target", e.Message);
    }
}
