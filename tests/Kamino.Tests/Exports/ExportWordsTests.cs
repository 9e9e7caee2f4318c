using System.Globalization;
using Kamino.Exports;

namespace Kamino.Tests.Exports;

/// <summary>Download headers worded once for web, API and CLI, in English and Spanish.</summary>
public sealed class ExportWordsTests
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo Es = CultureInfo.GetCultureInfo("es-ES");

    public static TheoryData<string> Lists() => ["key-accounts", "tasks", "activities", "orders"];

    private static ExportTable Empty(string name) => name switch
    {
        "key-accounts" => ExportLists.KeyAccounts([]),
        "tasks" => ExportLists.Tasks([]),
        "activities" => ExportLists.Activities("C1", "Customer", []),
        _ => ExportLists.Orders([]),
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void EveryHeader_IsWordedInBothLanguages_NoTwoAlike(string list)
    {
        var table = Empty(list);
        var en = ExportWords.For(table, En);
        var es = ExportWords.For(table, Es);

        Assert.All(table.Headers, h => Assert.Contains(h, ExportWords.Fields));
        Assert.Equal(table.Headers.Count, en.Headers.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(table.Headers.Count, es.Headers.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.NotEqual(table.Headers, en.Headers);
        Assert.NotEqual(en.Headers, es.Headers);
        Assert.Equal(list, en.Name);
        Assert.NotEqual(list, es.Name);
    }

    [Fact]
    public void CustomersHeaders_AndValues_SayThemselves()
    {
        var table = new ExportTable("customers", ["rank", "key", "revenue", "share", "owner"], [[1, "C1", 1234.5m, 0.25m, "Karl"]]);

        var es = ExportWords.For(table, Es);

        Assert.Equal(["Posición", "Clave", "Facturación", "Parte de la facturación", "Responsable"], es.Headers);
        Assert.Equal(["Rank", "Key", "Revenue", "Share of revenue", "Owner"], ExportWords.For(table, En).Headers);
        Assert.Same(table.Rows, es.Rows);
        Assert.Equal("clientes", es.Name);
    }
}
