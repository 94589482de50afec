using Descent.Data;
using Descent.Tests.Cli;

namespace Descent.Tests.Data;

public class CsvDatasetTests
{
    private const string Houses = "area,rooms,price\n50,2,100\n80,3,150\n";

    private static Dataset<double> Parse(string text, string[] targets, string[]? features = null) =>
        CsvDataset.Parse<double>(new StringReader(text), "data.csv", targets, features);

    private static void AssertDataset<T>(Dataset<T> d, string[] featureNames, T[,] features, string[] targetNames, T[,] targets)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Assert.Equal(featureNames, d.FeatureNames);
        Assert.Equal(targetNames, d.TargetNames);
        Assert.Equal([features.GetLength(0), features.GetLength(1)], d.Features.Shape.ToArray());
        Assert.Equal([targets.GetLength(0), targets.GetLength(1)], d.Targets.Shape.ToArray());
        Assert.Equal(features.Cast<T>(), d.Features.ToArray());
        Assert.Equal(targets.Cast<T>(), d.Targets.ToArray());
    }

    [Fact]
    public void TargetLastAndEveryOtherColumnAsAFeature() =>
        AssertDataset(Parse(Houses, ["price"]), ["area", "rooms"], new double[,] { { 50, 2 }, { 80, 3 } }, ["price"], new double[,] { { 100 }, { 150 } });

    [Fact]
    public void TargetFirst() =>
        AssertDataset(Parse("price,area,rooms\n100,50,2\n150,80,3\n", ["price"]),
            ["area", "rooms"], new double[,] { { 50, 2 }, { 80, 3 } }, ["price"], new double[,] { { 100 }, { 150 } });

    [Fact]
    public void SeveralTargetsInTheGivenOrder() =>
        AssertDataset(Parse(Houses, ["price", "area"]), ["rooms"], new double[,] { { 2 }, { 3 } }, ["price", "area"], new double[,] { { 100, 50 }, { 150, 80 } });

    [Fact]
    public void NamedFeaturesInTheGivenOrderAndOtherColumnsIgnoredUnparsed() =>
        AssertDataset(Parse("id,area,note,rooms,price\nA1,50,not a number,2,100\nB2,80,,3,150\n", ["price"], ["rooms", "area"]),
            ["rooms", "area"], new double[,] { { 2, 50 }, { 3, 80 } }, ["price"], new double[,] { { 100 }, { 150 } });

    [Fact]
    public void QuotedFieldsWithSeparatorsDoubledQuotesAndLineBreaks()
    {
        string text = "\"area, m2\",\"say \"\"hi\"\"\",note,price\n\"50\",\"2\",\"a, \"\"b\"\"\nc\",\"1e2\"\n  \"80\"  , 3 ,x,150\n";
        AssertDataset(Parse(text, ["price"], ["area, m2", "say \"hi\""]),
            ["area, m2", "say \"hi\""], new double[,] { { 50, 2 }, { 80, 3 } }, ["price"], new double[,] { { 100 }, { 150 } });
    }

    [Theory]
    [InlineData("area,rooms,price\r\n50,2,100\r\n80,3,150\r\n")]
    [InlineData("area,rooms,price\r50,2,100\r80,3,150")]
    [InlineData("\uFEFFarea,rooms,price\n50,2,100\n80,3,150")]
    [InlineData("\n\narea,rooms,price\n\n50,2,100\n   \n\t\n80,3,150\n\n\n")]
    [InlineData("\r\n area , rooms\t,\tprice \r\n\r\n 50 ,\t2, 100 \r\n  80,3 ,150\t\r\n\r\n")]
    [InlineData("area,rooms,price\n5e1,2.0,1E+2\n+8.0e+1,.3e1,1500e-1\n")]
    public void LayoutAndNumberSpellingsThatAreAccepted(string text) =>
        AssertDataset(Parse(text, ["price"]), ["area", "rooms"], new double[,] { { 50, 2 }, { 80, 3 } }, ["price"], new double[,] { { 100 }, { 150 } });

    [Fact]
    public void NegativeNumbers() =>
        AssertDataset(Parse("a,b\n-1.5e-3,-0.25\n", ["b"]), ["a"], new double[,] { { -1.5e-3 } }, ["b"], new double[,] { { -0.25 } });

    [Fact]
    public void FloatAndDoubleReadTheSameText()
    {
        const string text = "x,y\n0.1,1e-30\n3.25,-7\n";
        var f = CsvDataset.Parse<float>(new StringReader(text), "data.csv", ["y"]);
        AssertDataset(f, ["x"], new float[,] { { 0.1f }, { 3.25f } }, ["y"], new float[,] { { 1e-30f }, { -7f } });
        var d = CsvDataset.Parse<double>(new StringReader(text), "data.csv", ["y"]);
        AssertDataset(d, ["x"], new double[,] { { 0.1 }, { 3.25 } }, ["y"], new double[,] { { 1e-30 }, { -7 } });
    }

    [Fact]
    public void ALargeFileAcrossManyReadBuffers()
    {
        var text = new System.Text.StringBuilder("x,\"y\"\r\n");
        for (int i = 0; i < 30_000; i++) text.Append(i).Append(",\"").Append(i * 0.5).Append("\"\r\n");
        var d = Parse(text.ToString(), ["y"]);
        Assert.Equal(30_000, d.Count);
        Assert.Equal(29_999.0, d.Features[29_999, 0]);
        Assert.Equal(14_999.5, d.Targets[29_999, 0]);

        var e = Assert.Throws<CsvException>(() => Parse(text.Append("1,2,3\r\n").ToString(), ["y"]));
        Assert.Equal("data.csv line 30002: expected 2 fields, found 3", e.Message);
    }

    [Fact]
    public void ASingleColumnFileHasNoFeatures()
    {
        var d = Parse("y\n1\n2\n", ["y"]);
        Assert.Equal([2, 0], d.Features.Shape.ToArray());
        Assert.Equal([1.0, 2.0], d.Targets.ToArray());
    }

    /// <summary>CSV text, the target, the expected line and field, and the whole message or a fragment of it.</summary>
    public static TheoryData<string, string, int, int?, string> BadFiles() => new()
    {
        { "", "price", 1, null, "data.csv is empty: expected a header row of column names" },
        { "\uFEFF\n  \n\r\n", "price", 1, null, "data.csv is empty: expected a header row of column names" },
        { "area,rooms,price\n", "price", 2, null, "data.csv has no data rows" },
        { "area,rooms,price\n\n\n", "price", 2, null, "data.csv has no data rows" },
        { "area,rooms,price\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2\n", "price", 7, null, "data.csv line 7: expected 3 fields, found 2" },
        { "area,rooms,price\n1,2,3,4\n", "price", 2, null, "data.csv line 2: expected 3 fields, found 4" },
        { "area,rooms,price\n1,2,3\n\n1,abc,3\n", "price", 4, 2, "data.csv line 4, column 2 ('rooms'): 'abc' is not a number" },
        { "area,rooms,price\n1,2,3\n1,2,3\n1,2,3\n1,2,\n", "price", 5, 3, "data.csv line 5, column 3 ('price'): missing value" },
        { "area,rooms,price\n1,  ,3\n", "price", 2, 2, "data.csv line 2, column 2 ('rooms'): missing value" },
        { "area,rooms,price\n1,\"\",3\n", "price", 2, 2, "data.csv line 2, column 2 ('rooms'): missing value" },
        { "area,rooms,price\n1,2,nan\n", "price", 2, 3, "data.csv line 2, column 3 ('price'): 'nan' is not a finite number" },
        { "area,rooms,price\n1,2, NaN \n", "price", 2, 3, "'NaN' is not a finite number" },
        { "area,rooms,price\n-Infinity,2,3\n", "price", 2, 1, "data.csv line 2, column 1 ('area'): '-Infinity' is not a finite number" },
        { "area,rooms,price\n1,2,-inf\n", "price", 2, 3, "'-inf' is not a finite number" },
        { "area,rooms,price\n1,2,Infinity\n", "price", 2, 3, "'Infinity' is not a finite number" },
        { "area,rooms,price\n1,2,1e400\n", "price", 2, 3, "'1e400' is not a finite number" },
        { "area,rooms,price\n1,2,3.5.1\n", "price", 2, 3, "'3.5.1' is not a number" },
        { "area,rooms,price\n1,\"2,5\",3\n", "price", 2, 2, "'2,5' is not a number" },
        { "area,rooms,area\n", "price", 1, 3, "data.csv line 1, column 3: duplicate column name 'area' (also column 1)" },
        { "area, area ,price\n", "price", 1, 2, "duplicate column name 'area' (also column 1)" },
        { "area,,price\n", "price", 1, 2, "data.csv line 1, column 2: empty column name" },
        { "area,rooms,price,\n1,2,3,\n", "price", 1, 4, "data.csv line 1, column 4: empty column name" },
        { "area,\" \",price\n", "price", 1, 2, "empty column name" },
        { "area,rooms,price\n1,\"2,3\n4,5,6\n", "price", 2, 2, "data.csv line 2, column 2: a quoted field is not closed" },
        { "area,rooms,price\n1,\"2\"x,3\n", "price", 2, 2, "data.csv line 2, column 2: unexpected 'x' after a closing quote" },
        { "\n\narea,rooms,price\n1,2,3\n\n1,2,x\n", "price", 6, 3, "data.csv line 6, column 3 ('price'): 'x' is not a number" },
        { "note,area,price\n\"two\nlines\",1\n", "price", 2, null, "data.csv line 2: expected 3 fields, found 2" },
        { "area,price\n\"1\n2\",3\n", "price", 2, 1, "data.csv line 2, column 1 ('area'): '1\\n2' is not a number" },
        { "area,price\n" + new string('9', 30) + "x" + new string('9', 30) + ",1\n", "price", 2, 1, $"'{new string('9', 30)}x{new string('9', 9)}...' is not a number" },
        { "\"area\nm2\",price\nx,1\n", "price", 3, 1, "data.csv line 3, column 1 ('area\\nm2'): 'x' is not a number" },
        { Houses, "prise", 1, null, "unknown column 'prise' in data.csv; did you mean 'price'? (columns: area, rooms, price)" },
        { Houses, "zzz", 1, null, "unknown column 'zzz' in data.csv (columns: area, rooms, price)" },
        { "area,rooms,price\n1,2\0,3\n", "price", 2, 2, "data.csv line 2, column 2 ('rooms'): '2\\u0000' is not a number" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadFilesNameTheFileLineAndField(string text, string target, int line, int? column, string message)
    {
        var e = Assert.Throws<CsvException>(() => Parse(text, [target]));
        Assert.Contains(message, e.Message);
        Assert.Equal("data.csv", e.Path);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.DoesNotContain('\n', e.Message);
        Assert.IsAssignableFrom<InputException>(e);
    }

    [Theory]
    [InlineData("note,area,price\n\"two\nlines\",1,2\n\"three\r\nmore\rlines\",1,\n", 6, 3, "data.csv line 6, column 3 ('price'): missing value")]
    [InlineData("note,area,price\n\"two\nlines\",1,2\n\"three\nlines\n\",x,2\n", 6, 2, "data.csv line 6, column 2 ('area'): 'x' is not a number")]
    [InlineData("note,area,price\n\"two\r\nlines\",1,2\n\"three\nlines\"x,1,2\n", 5, 1, "data.csv line 5, column 1: unexpected 'x' after a closing quote")]
    public void LineBreaksInQuotedFieldsCountAsLines(string text, int line, int column, string message)
    {
        var e = Assert.Throws<CsvException>(() => Parse(text, ["price"], ["area"]));
        Assert.StartsWith(message, e.Message);
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    [Fact]
    public void TheExceptionSeparatesProblemPositionAndColumnName()
    {
        var e = Assert.Throws<CsvException>(() => Parse("area,rooms,price\n1,2,3\n1,2,3\n1,abc,3\n", ["price"]));
        Assert.Equal("data.csv line 4, column 2 ('rooms'): 'abc' is not a number", e.Message);
        Assert.Equal("'abc' is not a number", e.Problem);
        Assert.Equal("rooms", e.ColumnName);
    }

    [Fact]
    public void AnUnknownFeatureIsReportedLikeAnUnknownTarget()
    {
        var e = Assert.Throws<CsvException>(() => Parse(Houses, ["price"], ["rooms", "aera"]));
        Assert.Equal("unknown column 'aera' in data.csv; did you mean 'area'? (columns: area, rooms, price)", e.Message);
    }

    [Fact]
    public void AValueTooLargeForFloatIsOutOfRange()
    {
        var e = Assert.Throws<CsvException>(() => CsvDataset.Parse<float>(new StringReader("x,y\n1e300,1\n"), "data.csv", ["y"]));
        Assert.Equal("data.csv line 2, column 1 ('x'): '1e300' is out of range for float32", e.Message);
    }

    [Theory]
    [InlineData(new string[0], null, "no target column given for data.csv")]
    [InlineData(new[] { "price" }, new[] { "area", "price" }, "column 'price' of data.csv is named both as a target and as a feature")]
    [InlineData(new[] { "price", "price" }, null, "column 'price' of data.csv is named twice as a target")]
    [InlineData(new[] { "price" }, new[] { "area", " area" }, "column 'area' of data.csv is named twice as a feature")]
    public void InvalidColumnSelectionsAreInputErrors(string[] targets, string[]? features, string message)
    {
        var e = Assert.Throws<InputException>(() => Parse(Houses, targets, features));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void LoadsAFile()
    {
        string path = Path.Combine(CliRunner.TempDirectory(), "houses.csv");
        File.WriteAllText(path, "area,rooms,price\r\n50,2,100\r\n80,3,150\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var d = CsvDataset.Load<float>(path, ["price"]);
        AssertDataset(d, ["area", "rooms"], new float[,] { { 50, 2 }, { 80, 3 } }, ["price"], new float[,] { { 100 }, { 150 } });
    }

    [Fact]
    public void ErrorsInAFileNameThePathAsGiven()
    {
        string path = Path.Combine(CliRunner.TempDirectory(), "bad.csv");
        File.WriteAllText(path, "a,b\n1,2\n1\n");
        var e = Assert.Throws<CsvException>(() => CsvDataset.Load<double>(path, ["b"]));
        Assert.Equal($"{path} line 3: expected 2 fields, found 1", e.Message);
    }

    [Fact]
    public void AMissingFileIsAnInputError()
    {
        string path = Path.Combine(CliRunner.TempDirectory(), "x.csv");
        var e = Assert.Throws<InputException>(() => CsvDataset.Load<double>(path, ["y"]));
        Assert.Equal($"cannot read '{path}': file not found", e.Message);
        var inMissingDirectory = Path.Combine(path, "y.csv");
        Assert.Equal($"cannot read '{inMissingDirectory}': file not found",
            Assert.Throws<InputException>(() => CsvDataset.Load<double>(inMissingDirectory, ["y"])).Message);
    }

    [Fact]
    public void ADirectoryIsAnInputError()
    {
        string directory = CliRunner.TempDirectory();
        var e = Assert.Throws<InputException>(() => CsvDataset.Load<double>(directory, ["y"]));
        Assert.StartsWith($"cannot read '{directory}': ", e.Message);
    }

    [Fact]
    public void ControlCharactersInColumnNamesAreNeverEchoedRaw()
    {
        string dir = Descent.Tests.Cli.CliRunner.TempDirectory(), csv = Path.Combine(dir, "esc.csv");
        File.WriteAllText(csv, "a\u001b[31m,b,price\n1,2,3\n4,5,6\n");
        var r = Descent.Tests.Cli.CliRunner.Run("train", "--data", csv, "--target", "price", "--epochs", "1", "--out", Path.Combine(dir, "out"));
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.DoesNotContain('\u001b', r.Output);
        Assert.Contains("a\\u001b[31m", r.Output);
    }

    /// <summary>The same houses with other separators, detected from the header or given.</summary>
    public static TheoryData<string, char?> Separators() => new()
    {
        { "area;rooms;price\n50;2;100\n80;3;150\n", null },
        { "area\trooms\tprice\n50\t2\t100\n80\t3\t150\n", null },
        { "\n\n  \narea\trooms\tprice\n50\t2\t100\n80\t3\t150\n", null },
        { "\"area;m2\";rooms;price\n50;2;100\n80;3;150\n", null }, // a quoted ';' is part of a name...
        { "\"a,r,e,a\";rooms;price\n50;2;100\n80;3;150\n", null }, // ...and quoted commas do not count
        { "area|rooms|price\n50|2|100\n80|3|150\n", '|' },
        { "area;rooms;price\n50;2;100\n80;3;150\n", ';' },
        { "area rooms price\n50 2 100\n80 3 150\n", ' ' },
    };

    [Theory]
    [MemberData(nameof(Separators))]
    public void SemicolonsAndTabsAreDetectedAndOtherDelimitersGiven(string text, char? delimiter)
    {
        Dataset<double> d = CsvDataset.Parse<double>(new StringReader(text), "data.csv", ["price"], null, null, delimiter);
        Assert.Equal(new double[] { 50, 2, 80, 3 }, d.Features.ToArray());
        Assert.Equal(new double[] { 100, 150 }, d.Targets.ToArray());
        Assert.Equal("rooms", d.FeatureNames[1]);
    }

    [Fact]
    public void ATabSeparatedFieldMayBeEmptyAndIsThenMissing()
    {
        var e = Assert.Throws<CsvException>(() => Parse("area\trooms\tprice\n50\t\t100\n", ["price"]));
        Assert.Equal("data.csv line 2, column 2 ('rooms'): missing value", e.Message);
    }

    [Theory]
    [InlineData('"', "the delimiter cannot be '\"' (it quotes fields)")]
    [InlineData('\n', "the delimiter cannot be a line break")]
    public void ADelimiterThatCannotSeparateIsAnInputError(char delimiter, string message) =>
        Assert.Equal(message, Assert.Throws<InputException>(() => CsvDataset.Parse<double>(new StringReader(Houses), "data.csv", ["price"], null, null, delimiter)).Message);

    [Fact]
    public void TextInAFeatureColumnNamesTheColumnAndTheOtherFeatures()
    {
        var e = Assert.Throws<CsvException>(() => Parse("area,city,rooms,price\n50,Paris,2,100\n", ["price"]));
        Assert.Equal("data.csv line 2, column 2 ('city'): 'Paris' is not a number (column 'city' holds text)", e.Message);
        Assert.Equal("city", e.TextColumn);
        Assert.Equal(["area", "rooms"], e.OtherFeatures);
    }

    [Theory]
    [InlineData("area,rooms,price\n50,2,100\n50,2x,100\n", "'2x' is not a number")] // a later row: a bad value, not a text column
    [InlineData("area,rooms,price\n50,2,cheap\n", "'cheap' is not a number")] // a target
    [InlineData("area;rooms;price\n50,5;2;100\n", "'50,5' is not a number (the decimal point must be '.')")]
    public void OtherBadValuesAreNotTakenForTextColumns(string text, string problem)
    {
        var e = Assert.Throws<CsvException>(() => Parse(text, ["price"]));
        Assert.Equal(problem, e.Problem);
        Assert.Null(e.TextColumn);
    }

    [Fact]
    public void CategoricalColumnsAreOneHotEncodedOverTheirSortedValues()
    {
        Dataset<double> d = CsvDataset.Parse<double>(new StringReader("city,area,kind,price\nRome,50,1,100\nParis,80,2,150\n Rome ,60,1,120\n"),
            "data.csv", ["price"], null, ["city", "kind"]);
        AssertDataset(d, ["city=Paris", "city=Rome", "area", "kind=1", "kind=2"],
            new double[,] { { 0, 1, 50, 1, 0 }, { 1, 0, 80, 0, 1 }, { 0, 1, 60, 1, 0 } }, ["price"], new double[,] { { 100 }, { 150 }, { 120 } });
        Assert.Equal(new FeatureColumn[] { new("city", d.Columns[0].Categories), new("area"), new("kind", d.Columns[2].Categories) }, d.Columns);
        Assert.Equal(["Paris", "Rome"], d.Columns[0].Categories!);
        Assert.Equal(["1", "2"], d.Columns[2].Categories!);
        // Subsets and conversions keep the columns.
        Assert.Same(d.Columns, d.Subset([1]).Columns);
        Assert.Same(d.Columns, d.To<float>().Columns);
    }

    [Theory]
    [InlineData(new[] { "town" }, null, "unknown column 'town' in data.csv (columns: city, area, price)")]
    [InlineData(new[] { "price" }, null, "column 'price' of data.csv is a target; only features can be categorical")]
    [InlineData(new[] { "city" }, new[] { "area" }, "column 'city' of data.csv is categorical but not among the features (area)")]
    [InlineData(new[] { "city", "city" }, null, "column 'city' of data.csv is named twice as categorical")]
    public void InvalidCategoricalColumnsAreInputErrors(string[] categorical, string[]? features, string message) =>
        Assert.Equal(message, Assert.ThrowsAny<InputException>(() =>
            CsvDataset.Parse<double>(new StringReader("city,area,price\nRome,50,100\n"), "data.csv", ["price"], features, categorical)).Message);

    [Fact]
    public void AMissingCategoryIsAMissingValue()
    {
        var e = Assert.Throws<CsvException>(() => CsvDataset.Parse<double>(new StringReader("city,area,price\nRome,50,100\n  ,60,120\n"), "data.csv", ["price"], null, ["city"]));
        Assert.Equal("data.csv line 3, column 1 ('city'): missing value", e.Message);
    }

    [Fact]
    public void FeaturesForPredictionAreReadByNameWithTheTrainedCategories()
    {
        FeatureColumn[] columns = [new("area"), new("city", ["Paris", "Rome"])];
        var x = CsvDataset.ParseFeatures<double>(new StringReader("id;city;area;price\n1;Rome;50;9\n2;Paris;80;9\n"), "new.csv", columns);
        Assert.Equal([2, 3], x.Shape.ToArray());
        Assert.Equal(new double[] { 50, 0, 1, 80, 1, 0 }, x.ToArray());
    }

    [Theory]
    [InlineData("id,area\n1,50\n", 1, "new.csv has no column 'city', which the model reads (it reads area, city; the file has id, area)")]
    [InlineData("area,city\n50,Rome\n60,Lyon\n", 3, "new.csv line 3, column 2 ('city'): 'Lyon' is not a category the model was trained on (Paris, Rome)")]
    [InlineData("area,city\nx,Rome\n", 2, "new.csv line 2, column 1 ('area'): 'x' is not a number")]
    public void FeaturesForPredictionThatDoNotFitTheModelAreErrors(string text, int line, string message)
    {
        FeatureColumn[] columns = [new("area"), new("city", ["Paris", "Rome"])];
        var e = Assert.Throws<CsvException>(() => CsvDataset.ParseFeatures<double>(new StringReader(text), "new.csv", columns));
        Assert.StartsWith(message, e.Message);
        Assert.Equal(line, e.Line);
    }
}
