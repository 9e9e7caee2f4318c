using System.Data.Common;
using System.Globalization;
using Kamino.Import;
using Npgsql;
using Xunit.Abstractions;

namespace Kamino.Tests.Reliability;

/// <summary>
/// SECURITY.md §1.4 R4: the real <see cref="SalesImporter"/>, in process, fails at call N of its input stream,
/// of its progress sink, of its cancellation token or of the database, for N at the start, the middle, the end
/// and just before COMMIT. After each fault the database is exactly as before, the error is the fault itself,
/// no file handle or server connection is left open, and a clean import of the same file then succeeds.
/// </summary>
[Trait("Category", "Slow")]
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task R4_input_stream_throwing_at_read_call_N_changes_nothing_and_leaks_nothing(Engine engine)
    {
        await using var rig = await FaultRig.CreateAsync(engine, output);
        var calls = rig.Calibration.ReadCalls;
        Assert.True(calls >= 10, $"the file is read in {calls} calls: too few to fault the middle");

        // The last call is the one that finds the end of the file: every row has been handed to the sink.
        foreach (var n in new[] { 1, 2, calls / 2, calls - 1, calls })
        {
            FaultyStream? stream = null;
            await rig.FaultAsync(
                $"read call {n} of {calls}",
                arrange: _ => Task.CompletedTask,
                request => request with { Csv = new CsvReadOptions(WrapInput: s => stream = new FaultyStream(s, failAt: n)) },
                progress: null,
                error =>
                {
                    Assert.Same(stream!.Injected, Chain(error).OfType<IOException>().FirstOrDefault());
                    Assert.True(stream.Disposed, "the reader did not close its input after the fault");
                });
        }
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task R4_progress_sink_throwing_at_report_N_changes_nothing_and_leaks_nothing(Engine engine)
    {
        await using var rig = await FaultRig.CreateAsync(engine, output);
        var reports = rig.Calibration.Reports;
        Assert.True(reports >= 3, $"{reports} progress reports: too few to fault the middle");

        // The last report comes after the last row and before the bulk insert and COMMIT.
        for (var n = 1; n <= reports; n++)
        {
            var at = n;
            var fault = new InvalidOperationException($"injected progress fault at report {at}");
            await rig.FaultAsync(
                $"progress report {at} of {reports}",
                arrange: _ => Task.CompletedTask,
                request => request,
                progress: call =>
                {
                    if (call == at)
                    {
                        throw fault;
                    }
                },
                error => Assert.Same(fault, error));
        }
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task R4_cancellation_at_report_N_changes_nothing_and_leaks_nothing(Engine engine)
    {
        await using var rig = await FaultRig.CreateAsync(engine, output);
        var reports = rig.Calibration.Reports;
        for (var n = 1; n <= reports; n++)
        {
            var at = n;
            using var cancel = new CancellationTokenSource();
            await rig.FaultAsync(
                $"cancelled at progress report {at} of {reports}",
                arrange: _ => Task.CompletedTask,
                request => request,
                progress: call =>
                {
                    if (call == at)
                    {
                        cancel.Cancel();
                    }
                },
                error => Assert.IsAssignableFrom<OperationCanceledException>(error),
                ct: cancel.Token);
        }
    }

    /// <summary>
    /// The database itself refuses a write: a trigger raises an error at the N-th insert of a sale line or a
    /// customer, or at the update of the import record that comes right before COMMIT.
    /// </summary>
    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task R4_database_error_at_write_N_changes_nothing_and_leaks_nothing(Engine engine)
    {
        await using var rig = await FaultRig.CreateAsync(engine, output);
        var lines = rig.Calibration.LinesAdded;
        var customers = rig.Calibration.CustomersAdded;
        Assert.True(customers >= 2, $"the file adds {customers} customers: too few to fault the last one");
        (string Table, string Event, int N)[] points =
        [
            ("sale_line", "INSERT", 1),
            ("sale_line", "INSERT", lines / 2),
            ("sale_line", "INSERT", lines),
            ("customer", "INSERT", 1),
            ("customer", "INSERT", customers),
            ("import", "UPDATE", 1),
        ];
        foreach (var (table, @event, n) in points)
        {
            await rig.FaultAsync(
                $"{@event} {n} into {table}",
                arrange: db => DatabaseFault.InstallAsync(engine, db, table, @event, n),
                request => request,
                progress: null,
                error =>
                {
                    // The engine's error, possibly wrapped by EF Core (DbUpdateException) when it hits SaveChanges.
                    var db = Chain(error).OfType<DbException>().FirstOrDefault();
                    Assert.True(db is not null, $"not a database error: {error}");
                    Assert.Contains(DatabaseFault.Message, db.Message, StringComparison.Ordinal);
                },
                cleanup: db => DatabaseFault.RemoveAsync(engine, db, table));
        }
    }

    /// <summary>The import's server connection is killed (<c>pg_terminate_backend</c>) at progress report N.</summary>
    [Fact]
    public async Task R4_postgres_backend_terminated_at_report_N_changes_nothing_and_leaks_nothing()
    {
        await using var rig = await FaultRig.CreateAsync(Engine.Postgres, output);
        var reports = rig.Calibration.Reports;
        for (var n = 1; n <= reports; n++)
        {
            var at = n;
            string? db = null;
            await rig.FaultAsync(
                $"backend terminated at progress report {at} of {reports}",
                arrange: target =>
                {
                    db = target;
                    return Task.CompletedTask;
                },
                request => request,
                progress: call =>
                {
                    if (call == at)
                    {
                        Assert.Equal(1, rig.TerminateBackends(db!));
                    }
                },
                error => Assert.IsAssignableFrom<NpgsqlException>(error));
        }
    }

    internal static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}

/// <summary>An input stream that throws an <see cref="IOException"/> at its N-th read call, or counts calls.</summary>
public sealed class FaultyStream(Stream inner, int failAt = int.MaxValue) : Stream
{
    public int ReadCalls { get; private set; }

    public bool Disposed { get; private set; }

    public IOException Injected { get; } = new(string.Create(CultureInfo.InvariantCulture, $"injected read fault at call {failAt}"));

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => inner.Position = value; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Count();
        return inner.Read(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Count();
        return inner.ReadAsync(buffer, cancellationToken);
    }

    public override int ReadByte()
    {
        Count();
        return inner.ReadByte();
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Disposed = true;
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Count()
    {
        if (++ReadCalls == failAt)
        {
            throw Injected;
        }
    }
}

/// <summary>A trigger that makes the database itself fail the N-th write to a table.</summary>
internal static class DatabaseFault
{
    public const string Message = "injected database fault";

    public static async Task InstallAsync(Engine engine, string db, string table, string @event, int n)
    {
        var at = n.ToString(CultureInfo.InvariantCulture);
        var sql = engine switch
        {
            Engine.Sqlite => $"""
                CREATE TABLE r4_fault (n INTEGER NOT NULL, at INTEGER NOT NULL);
                INSERT INTO r4_fault VALUES (0, {at});
                CREATE TRIGGER r4_fault BEFORE {@event} ON "{table}" BEGIN
                    UPDATE r4_fault SET n = n + 1;
                    SELECT RAISE(ABORT, '{Message}') FROM r4_fault WHERE n >= at;
                END;
                """,
            // A sequence counts cheaply; it is not rolled back, but every fault runs on a fresh copy of the database.
            Engine.Postgres => $"""
                CREATE SEQUENCE r4_fault;
                CREATE FUNCTION r4_fault() RETURNS trigger LANGUAGE plpgsql AS $f$
                DECLARE n bigint := nextval('r4_fault');
                BEGIN
                    IF n >= {at} THEN
                        RAISE EXCEPTION '{Message} at % {@event} into %', n, TG_TABLE_NAME;
                    END IF;
                    RETURN NEW;
                END $f$;
                CREATE TRIGGER r4_fault BEFORE {@event} ON "{table}" FOR EACH ROW EXECUTE FUNCTION r4_fault();
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(engine)),
        };
        await FaultRig.ExecuteAsync(engine, db, sql);
    }

    public static Task RemoveAsync(Engine engine, string db, string table) => FaultRig.ExecuteAsync(engine, db, engine switch
    {
        Engine.Sqlite => "DROP TRIGGER r4_fault; DROP TABLE r4_fault;",
        Engine.Postgres => $"DROP TRIGGER r4_fault ON \"{table}\"; DROP FUNCTION r4_fault(); DROP SEQUENCE r4_fault;",
        _ => throw new ArgumentOutOfRangeException(nameof(engine)),
    });
}
