using Kamino.Host.Cli;
using Kamino.Workspaces;

namespace Kamino.Host.Tests.Backup;

/// <summary><c>kamino backup</c> and <c>restore</c> in Spanish (issue 17 item 3).</summary>
public sealed class BackupCliSpanishTests : CliDatabaseTests
{
    protected override async Task SeedAsync(KaminoDatabase database)
    {
        await using var db = database.CreateDbContext();
        db.Workspaces.Add(new Workspace { Slug = "acme", Name = "Acme", Currency = "EUR", CreatedAt = TimeProvider.System.GetUtcNow() });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task BackupAndRestore_SayWhatTheyDidInSpanish()
    {
        var copy = Path.Combine(Dir, "copia.db");

        var backup = await CliRunner.RunInAsync("es", "backup", copy, "--db", Db);
        Assert.True(backup.Exit == 0, backup.Error);
        Assert.Contains($"Copia de ", backup.Out, StringComparison.Ordinal);
        Assert.Contains($" en {copy} (", backup.Out, StringComparison.Ordinal);
        Assert.Contains("bytes): comprobada, integridad correcta, ", backup.Out, StringComparison.Ordinal);
        Assert.Contains(" filas como en la base de datos en el momento de la copia, esquema ", backup.Out, StringComparison.Ordinal);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var restore = await CliRunner.RunInAsync("es", "restore", copy, "--db", Db);
        Assert.True(restore.Exit == 0, restore.Error);
        Assert.Contains($"Restaurada {copy} en ", restore.Out, StringComparison.Ordinal);
        Assert.Contains("La base de datos sustituida se conserva como ", restore.Out, StringComparison.Ordinal);
        Assert.Contains(": bórrela cuando compruebe que la restaurada es la que quería.", restore.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_AreSpanish()
    {
        var missing = Path.Combine(Dir, "nada.db");
        var backup = await CliRunner.RunInAsync("es", "backup", Path.Combine(Dir, "copia.db"), "--db", missing);
        Assert.Equal((ExitCodes.Failure, $"error: no hay base de datos en {missing}: revise --db o KAMINO_DB"), (backup.Exit, backup.Error.Trim()));

        var notACopy = Path.Combine(Dir, "texto.db");
        await File.WriteAllTextAsync(notACopy, "no es una base de datos");
        var restore = await CliRunner.RunInAsync("es", "restore", notACopy, "--db", Db);
        Assert.Equal(ExitCodes.Rejected, restore.Exit);
        Assert.StartsWith($"error: no se ha restaurado {notACopy} en ", restore.Error, StringComparison.Ordinal);
    }
}
