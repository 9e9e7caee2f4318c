namespace Kamino.Host.Tests.Web;

/// <summary>
/// <c>kamino serve</c> in a Spanish run (issue 17 item 3, <c>KAMINO_LANGUAGE=es</c>), the real executable: the lines a
/// person reads on start-up (where it serves, how the first Director gets in, the demo users) are in Spanish.
/// </summary>
public sealed class ServeCliSpanishTests : IDisposable
{
    private static readonly Dictionary<string, string> Spanish = new() { ["KAMINO_LANGUAGE"] = "es" };

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("kamino-serve-es-");

    [Fact]
    [Trait("Category", "Slow")]
    public async Task AnEmptyDatabase_SaysWhereItServes_AndHowTheFirstDirectorGetsIn()
    {
        using var serve = KaminoProcess.Start(Spanish, "serve", "--db", Path.Combine(directory.FullName, "k.db"), "--urls", "http://127.0.0.1:0");

        var stderr = await ErrorOnceAsync(serve, "o usa kamino users add.");

        Assert.Matches(@"Kamino sirve .+ en http://127\.0\.0\.1:\d+", stderr);
        Assert.Matches(@"Aún no puede entrar nadie\. Abre http://127\.0\.0\.1:\d+/\S+ para crear el primer Director y su espacio de trabajo \(este código vale hasta que se pare el servidor\), o usa kamino users add\.", stderr);
        Assert.DoesNotContain("No one can sign in", stderr, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task TheDemo_IsAnnounced_WithItsUsers_InSpanish()
    {
        using var serve = KaminoProcess.Start(Spanish, "serve", "--demo", "--db", Path.Combine(directory.FullName, "k.db"), "--urls", "http://127.0.0.1:0");

        var stderr = await ErrorOnceAsync(serve, "Kamino sirve");

        Assert.Contains("Se ha creado el espacio de trabajo de demostración 'demo'.", stderr, StringComparison.Ordinal);
        Assert.Contains("Usuarios de demostración del espacio de trabajo 'demo' (las contraseñas solo se muestran ahora):", stderr, StringComparison.Ordinal);
        Assert.Contains("director@demo.kamino.test", stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }

    /// <summary>Standard error once it holds <paramref name="text"/> (at most 90 s).</summary>
    private static async Task<string> ErrorOnceAsync(KaminoProcess serve, string text)
    {
        for (var i = 0; i < 900; i++)
        {
            var stderr = serve.StandardErrorSoFar;
            if (stderr.Contains(text, StringComparison.Ordinal))
            {
                return stderr;
            }

            Assert.False(serve.HasExited, stderr);
            await Task.Delay(100);
        }

        throw new TimeoutException($"serve did not write '{text}':\n{serve.StandardErrorSoFar}");
    }
}
