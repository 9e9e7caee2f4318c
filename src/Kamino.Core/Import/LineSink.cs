namespace Kamino.Import;

internal abstract class LineSink(ImportSession session, ImportProblemList problems) : IDisposable
{
    protected ImportSession Session { get; } = session;

    protected ImportProblemList Problems { get; } = problems;

    public int Added { get; protected set; }

    /// <summary>Lines written over earlier lines with other content (<c>--replace</c>).</summary>
    public int Replaced { get; protected set; }

    public int CustomersAdded { get; private set; }

    public abstract Task PrepareAsync(CancellationToken ct);

    public long CustomerId(SaleRow row)
    {
        if (Session.CustomerIds.TryGetValue(row.CustomerKey, out var id))
        {
            return id;
        }

        id = Session.NextCustomerId++;
        Session.CustomerIds.Add(row.CustomerKey, id);
        CustomersAdded++;
        AddCustomer(id, row);
        return id;
    }

    protected abstract void AddCustomer(long id, SaleRow row);

    /// <summary>Stores the line; a conflict may be reported to <see cref="Problems"/> now or later.</summary>
    public abstract void Add(SaleRow row, long customerId);

    /// <summary>Completes bulk work, reporting conflicts found only then.</summary>
    public abstract Task FinishAsync(CancellationToken ct);

    public abstract void Dispose();

    protected ImportProblem Conflict(SaleRow row) => new(
        Session.Record.FileName,
        row.SourceLine,
        Said.Of("import.conflict", row.DocumentNumber, row.LineNumber),
        ImportProblemKind.Conflict);

    protected ImportProblem Conflict(int sourceLine, string document, int line) => new(
        Session.Record.FileName,
        sourceLine,
        Said.Of("import.conflict", document, line),
        ImportProblemKind.Conflict);
}
