using Kamino.Exports;

namespace Kamino.Tests.Exports;

public sealed class SpreadsheetTextTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")")]
    [InlineData("+34 600 000 000", "'+34 600 000 000")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    public void Neutralise_FormulaLookingText_GetsAnApostropheInFront(string value, string expected) => Assert.Equal(expected, SpreadsheetText.Neutralise(value));

    [Theory]
    [InlineData("Acme Foods")]
    [InlineData("a=b")]
    [InlineData("")]
    [InlineData(" =1")]
    [InlineData("'already quoted")]
    public void Neutralise_OtherText_IsUnchanged(string value) => Assert.Equal(value, SpreadsheetText.Neutralise(value));
}
