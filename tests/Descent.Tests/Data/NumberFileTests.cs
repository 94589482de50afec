using Descent.Data;

namespace Descent.Tests.Data;

public class NumberFileTests
{
    [Theory]
    [InlineData("1\n2\n3\n", new[] { 1.0, 2, 3 })]
    [InlineData("1, 2, 3", new[] { 1.0, 2, 3 })]
    [InlineData("1 2\t3\r\n\r\n4;5\n", new[] { 1.0, 2, 3, 4, 5 })]
    [InlineData("-1e-3, .5\n", new[] { -0.001, 0.5 })]
    public void ReadsNumbersSeparatedByCommasSemicolonsSpacesOrLines(string text, double[] expected) =>
        Assert.Equal(expected, NumberFile.Parse(text, "start.csv"));

    [Theory]
    [InlineData("1\n2\nabc\n", "start.csv line 3, column 1: 'abc' is not a finite number")]
    [InlineData("1, 2\n3, x4, 5\n", "start.csv line 2, column 2: 'x4' is not a finite number")]
    [InlineData("1,,2\n", "start.csv line 1, column 2: missing value")]
    [InlineData("1 inf\n", "start.csv line 1, column 2: 'inf' is not a finite number")]
    [InlineData("1e999\n", "start.csv line 1, column 1: '1e999' is not a finite number")]
    [InlineData("\n \n", "start.csv holds no numbers")]
    public void ABadCellIsNamedByLineAndColumn(string text, string message) =>
        Assert.Equal(message, Assert.ThrowsAny<InputException>(() => NumberFile.Parse(text, "start.csv")).Message);

    [Fact]
    public void AMissingFileIsNamed() =>
        Assert.Equal("cannot read 'no-such-start.csv': file not found", Assert.Throws<InputException>(() => NumberFile.Read("no-such-start.csv")).Message);
}
