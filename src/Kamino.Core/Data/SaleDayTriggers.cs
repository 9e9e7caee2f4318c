namespace Kamino.Data;

/// <summary>
/// The SQL that keeps <c>sale_day</c> equal to <c>sale_line</c> grouped by workspace, customer and date, written once
/// per engine and installed by the <c>SaleDay</c> migrations. The database runs it in the transaction of every
/// statement that writes lines (the importer's inserts and COPY, <c>--replace</c>, an import's undo, EF Core changes,
/// any raw SQL), so no writer can forget it and a killed process leaves both tables as they were together.
/// A day's row exists while it has lines: it is created by the first and deleted with the last.
/// </summary>
/// <remarks>
/// SQLite has only row-level triggers: one upsert per inserted line. PostgreSQL runs statement-level triggers with
/// transition tables, so a COPY of a million lines is grouped once (COPY fires them too). On PostgreSQL the count is
/// first lowered for every touched day and the empty days deleted by a second statement, which sees rows written by
/// concurrent transactions that committed meanwhile (READ COMMITTED re-reads a locked row before updating it).
/// </remarks>
internal static class SaleDayTriggers
{
    private const string Columns = "workspace_id, customer_id, date, net_cents, line_count";

    /// <summary>Fills sale_day from the lines already stored (the migration's backfill; both engines).</summary>
    public const string Backfill = $"""
        INSERT INTO sale_day ({Columns})
        SELECT workspace_id, customer_id, date, CAST(sum(net_cents) AS BIGINT), count(*)
        FROM sale_line GROUP BY workspace_id, customer_id, date;
        """;

    /// <summary>SQLite: sale_day without a rowid (one b-tree per write instead of the table and its key index), and its triggers.</summary>
    public static readonly string SqliteCreate = $"""
        CREATE TABLE sale_day (
            workspace_id INTEGER NOT NULL,
            customer_id INTEGER NOT NULL,
            date TEXT NOT NULL,
            net_cents INTEGER NOT NULL,
            line_count INTEGER NOT NULL,
            CONSTRAINT "PK_sale_day" PRIMARY KEY (workspace_id, customer_id, date)
        ) WITHOUT ROWID;
        CREATE INDEX ix_sale_day_date ON sale_day (workspace_id, date);

        {SqliteInsertTrigger}

        CREATE TRIGGER sale_day_line_delete AFTER DELETE ON sale_line BEGIN
            {SqliteRemove("old")}
        END;

        -- Only the columns the sums depend on: --replace re-points unchanged lines to its import with an UPDATE.
        -- The new day first, so a line edited within its day never empties (and deletes) the day's row.
        CREATE TRIGGER sale_day_line_update AFTER UPDATE OF workspace_id, customer_id, date, net_cents ON sale_line BEGIN
            {SqliteAdd("new")}
            {SqliteRemove("old")}
        END;
        """;

    private static string SqliteAdd(string row) => $"""
        INSERT INTO sale_day ({Columns}) VALUES ({row}.workspace_id, {row}.customer_id, {row}.date, {row}.net_cents, 1)
            ON CONFLICT (workspace_id, customer_id, date) DO UPDATE SET net_cents = net_cents + excluded.net_cents, line_count = line_count + 1;
        """;

    private static string SqliteRemove(string row) => $"""
        UPDATE sale_day SET net_cents = net_cents - {row}.net_cents, line_count = line_count - 1
            WHERE workspace_id = {row}.workspace_id AND customer_id = {row}.customer_id AND date = {row}.date;
        DELETE FROM sale_day
            WHERE workspace_id = {row}.workspace_id AND customer_id = {row}.customer_id AND date = {row}.date AND line_count = 0;
        """;

    /// <summary>
    /// SQLite: the insert trigger alone. A bulk import drops it inside its transaction, sums its own lines per customer
    /// and day as it stores them, writes those sums with <see cref="SqliteAddDay"/> and creates the trigger again from
    /// this text before it commits (one upsert per customer and day instead of one per line). A killed or rolled-back
    /// import leaves the trigger as it was, since SQLite's schema changes belong to the transaction; other writers wait
    /// for the import's write lock, so none ever writes without the trigger.
    /// </summary>
    public static string SqliteInsertTrigger => $"""
        CREATE TRIGGER sale_day_line_insert AFTER INSERT ON sale_line BEGIN
            {SqliteAdd("new")}
        END;
        """;

    /// <summary>Adds one customer's day (parameters: customer id, date, cents, lines) of workspace <paramref name="workspaceId"/> to <c>sale_day</c>.</summary>
    public static string SqliteAddDay(string workspaceId) => $"""
        INSERT INTO sale_day ({Columns}) VALUES ({workspaceId}, ?, ?, ?, ?)
            ON CONFLICT (workspace_id, customer_id, date) DO UPDATE SET net_cents = net_cents + excluded.net_cents, line_count = line_count + excluded.line_count;
        """;

    public const string SqliteDrop = """
        DROP TRIGGER IF EXISTS sale_day_line_insert;
        DROP TRIGGER IF EXISTS sale_day_line_delete;
        DROP TRIGGER IF EXISTS sale_day_line_update;
        DROP TABLE IF EXISTS sale_day;
        """;

    /// <summary>PostgreSQL: one function for the three statement-level triggers (each names only its own transition tables).</summary>
    public const string PostgresCreate = $$"""
        CREATE FUNCTION sale_day_keep() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                INSERT INTO sale_day ({{Columns}})
                SELECT workspace_id, customer_id, date, sum(net_cents)::bigint, count(*) FROM new_lines GROUP BY workspace_id, customer_id, date
                ON CONFLICT (workspace_id, customer_id, date)
                    DO UPDATE SET net_cents = sale_day.net_cents + excluded.net_cents, line_count = sale_day.line_count + excluded.line_count;
            ELSIF TG_OP = 'DELETE' THEN
                UPDATE sale_day d SET net_cents = d.net_cents - o.net_cents, line_count = d.line_count - o.line_count
                FROM (SELECT workspace_id, customer_id, date, sum(net_cents)::bigint AS net_cents, count(*) AS line_count
                      FROM old_lines GROUP BY workspace_id, customer_id, date) o
                WHERE d.workspace_id = o.workspace_id AND d.customer_id = o.customer_id AND d.date = o.date;
                DELETE FROM sale_day d USING (SELECT DISTINCT workspace_id, customer_id, date FROM old_lines) o
                WHERE d.workspace_id = o.workspace_id AND d.customer_id = o.customer_id AND d.date = o.date AND d.line_count = 0;
            ELSE
                -- An update: the new lines counted in, the old ones out, per day; days whose sums do not move are left alone.
                INSERT INTO sale_day ({{Columns}})
                SELECT workspace_id, customer_id, date, sum(net_cents)::bigint, sum(line_count)
                FROM (SELECT workspace_id, customer_id, date, net_cents, 1 AS line_count FROM new_lines
                      UNION ALL
                      SELECT workspace_id, customer_id, date, -net_cents, -1 FROM old_lines) c
                GROUP BY workspace_id, customer_id, date
                HAVING sum(net_cents) <> 0 OR sum(line_count) <> 0
                ON CONFLICT (workspace_id, customer_id, date)
                    DO UPDATE SET net_cents = sale_day.net_cents + excluded.net_cents, line_count = sale_day.line_count + excluded.line_count;
                DELETE FROM sale_day d USING (SELECT DISTINCT workspace_id, customer_id, date FROM old_lines) o
                WHERE d.workspace_id = o.workspace_id AND d.customer_id = o.customer_id AND d.date = o.date AND d.line_count = 0;
            END IF;
            RETURN NULL;
        END
        $fn$;

        CREATE TRIGGER sale_day_line_insert AFTER INSERT ON sale_line
            REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION sale_day_keep();
        CREATE TRIGGER sale_day_line_delete AFTER DELETE ON sale_line
            REFERENCING OLD TABLE AS old_lines FOR EACH STATEMENT EXECUTE FUNCTION sale_day_keep();
        CREATE TRIGGER sale_day_line_update AFTER UPDATE ON sale_line
            REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION sale_day_keep();
        """;

    public const string PostgresDrop = """
        DROP TRIGGER IF EXISTS sale_day_line_insert ON sale_line;
        DROP TRIGGER IF EXISTS sale_day_line_delete ON sale_line;
        DROP TRIGGER IF EXISTS sale_day_line_update ON sale_line;
        DROP FUNCTION IF EXISTS sale_day_keep();
        """;
}
