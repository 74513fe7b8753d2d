using EDoc.Documents;
using System.Data.Common;
using System.Globalization;
using EDoc.Registers.Numbering;
using EDoc.Time;

namespace EDoc.Registers.Storage.Internal;

/// <summary>
/// The SQL shared by the SQLite and PostgreSQL stores. A number is taken by an upsert on the counter row inside the
/// transaction that inserts the entry: the row lock serialises writers, and a rollback (error, crash, kill) returns
/// the number, so numbers are gap-free and unique.
/// </summary>
internal sealed class SqlRegisterEngine : IAsyncDisposable
{
    private const string OutgoingColumns =
        "id, register_id, sequence_group, year, number, notation, doc_date, type_abbr, type_name, subject, issuer, unit, category, " +
        "is_secret, advisory_body, signer, recipients, file_copy_holder, copy_count, transfer_date, acknowledgement, notes, priority, " +
        "form, method, due_date, status, status_changed_at, status_changed_by, status_reason, registered_at, secrecy";

    private const string IncomingColumns =
        "id, register_id, year, arrival_number, arrived_at, sender_code, sender_name, document_number, document_date, type_name, " +
        "subject, recipient_unit, transfer_date, acknowledgement, notes, priority, form, method, due_date, progress, reply_notation, " +
        "handled_date, status, status_changed_at, status_changed_by, status_reason, registered_at, secrecy, handler";

    private const string TakeNumberSql =
        "INSERT INTO counters (sequence_key, year, last_number) VALUES (@key, @year, 1) " +
        "ON CONFLICT (sequence_key, year) DO UPDATE SET last_number = counters.last_number + 1 RETURNING last_number";

    private readonly ISqlDialect dialect;
    private readonly RegisterStoreOptions options;
    private readonly SemaphoreSlim migrateLock = new(1, 1);
    private volatile bool migrated;

    public SqlRegisterEngine(ISqlDialect dialect, RegisterStoreOptions options)
    {
        this.dialect = dialect;
        this.options = options;
    }

    public string Provider => dialect.Provider;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (migrated)
        {
            return;
        }

        await migrateLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!migrated)
            {
                await RetryAsync(MigrateCoreAsync, cancellationToken).ConfigureAwait(false);
                migrated = true;
            }
        }
        finally
        {
            migrateLock.Release();
        }
    }

    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = dialect.SchemaVersionDdl;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
                return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            }
        }
    }

    public async Task<OutgoingRegisterEntry> IssueOutgoingAsync(OutgoingRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        // The number is taken and the entry inserted in one retried transaction; the entry is read back after the
        // commit (outside the retry, so a failed read can never issue a second number) to keep the lock short.
        var id = await RetryAsync(ct => IssueCoreAsync(registration, ct), cancellationToken).ConfigureAwait(false);
        return await RetryAsync(ct => ReadByIdAsync(id, ReadOutgoingAsync, ct), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IncomingRegisterEntry> ReceiveIncomingAsync(IncomingRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        var id = await RetryAsync(ct => ReceiveCoreAsync(registration, ct), cancellationToken).ConfigureAwait(false);
        return await RetryAsync(ct => ReadByIdAsync(id, ReadIncomingAsync, ct), cancellationToken).ConfigureAwait(false);
    }

    public async Task ChangeStatusAsync(RegisterStatusChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Status == RegisterEntryStatus.Active)
        {
            throw new ArgumentException("A status change must void or recall; an entry cannot be re-activated.", nameof(change));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(change.Actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(change.Reason);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        await RetryAsync(
            async ct =>
            {
                await WriteAsync(
                    async (connection, transaction, ct2) =>
                    {
                        var table = change.Book == RegisterBook.Outgoing ? "outgoing_entries" : "incoming_entries";
                        var update = Command(connection, transaction,
                            $"UPDATE {table} SET status = @status, status_changed_at = @at, status_changed_by = @actor, status_reason = @reason " +
                            "WHERE id = @id AND status = 0");
                        await using (update.ConfigureAwait(false))
                        {
                            Add(update, "@status", (int)change.Status);
                            Add(update, "@at", dialect.Instant(change.At));
                            Add(update, "@actor", change.Actor);
                            Add(update, "@reason", change.Reason);
                            Add(update, "@id", change.EntryId);
                            if (await update.ExecuteNonQueryAsync(ct2).ConfigureAwait(false) != 1)
                            {
                                throw new RegisterConflictException("status",
                                    $"The {change.Book.ToString().ToLowerInvariant()} entry {change.EntryId} does not exist or is already voided or recalled.");
                            }
                        }

                        var insert = Command(connection, transaction,
                            "INSERT INTO status_changes (book, entry_id, status, actor, changed_at, reason) VALUES (@book, @id, @status, @actor, @at, @reason)");
                        await using (insert.ConfigureAwait(false))
                        {
                            Add(insert, "@book", (int)change.Book);
                            Add(insert, "@id", change.EntryId);
                            Add(insert, "@status", (int)change.Status);
                            Add(insert, "@actor", change.Actor);
                            Add(insert, "@at", dialect.Instant(change.At));
                            Add(insert, "@reason", change.Reason);
                            await insert.ExecuteNonQueryAsync(ct2).ConfigureAwait(false);
                        }

                        return true;
                    },
                    ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RegisterStatusChange>> GetStatusHistoryAsync(RegisterBook book, long entryId, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, null, "SELECT status, actor, changed_at, reason FROM status_changes WHERE book = @book AND entry_id = @id ORDER BY id");
            await using (command.ConfigureAwait(false))
            {
                Add(command, "@book", (int)book);
                Add(command, "@id", entryId);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var list = new List<RegisterStatusChange>();
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        list.Add(new RegisterStatusChange(book, entryId, (RegisterEntryStatus)reader.GetInt32(0), reader.GetString(1),
                            dialect.ReadInstant(reader, 2), reader.GetString(3)));
                    }

                    return list;
                }
            }
        }
    }

    public async Task<IncomingRegisterEntry> UpdateFollowUpAsync(long entryId, FollowUpUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        return await RetryAsync(
            ct => WriteAsync(
                async (connection, transaction, ct2) =>
                {
                    var command = Command(connection, transaction,
                        "UPDATE incoming_entries SET " +
                        "recipient_unit = COALESCE(@unit, recipient_unit), due_date = COALESCE(@due, due_date), " +
                        "progress = COALESCE(@progress, progress), reply_notation = COALESCE(@reply, reply_notation), " +
                        "handled_date = COALESCE(@handled, handled_date), transfer_date = COALESCE(@transfer, transfer_date), " +
                        "acknowledgement = COALESCE(@ack, acknowledgement), handler = COALESCE(@handler, handler) WHERE id = @id");
                    await using (command.ConfigureAwait(false))
                    {
                        Add(command, "@unit", update.RecipientUnit);
                        Add(command, "@due", update.DueDate is { } d ? dialect.Date(d) : null);
                        Add(command, "@progress", update.Progress);
                        Add(command, "@reply", update.ReplyNotation);
                        Add(command, "@handled", update.HandledDate is { } h ? dialect.Date(h) : null);
                        Add(command, "@transfer", update.TransferDate is { } t ? dialect.Date(t) : null);
                        Add(command, "@ack", update.Acknowledgement);
                        Add(command, "@handler", update.Handler);
                        Add(command, "@id", entryId);
                        if (await command.ExecuteNonQueryAsync(ct2).ConfigureAwait(false) != 1)
                        {
                            throw new RegisterConflictException("not-found", $"The incoming entry {entryId} does not exist.");
                        }
                    }

                    var entry = await ReadIncomingAsync(connection, transaction, "WHERE id = @id", c => Add(c, "@id", entryId), ct2).ConfigureAwait(false);
                    return entry[0];
                },
                ct),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OutgoingRegisterEntry>> ListOutgoingAsync(int year, string? registerId, CancellationToken cancellationToken)
        => await ListByYearAsync(ReadOutgoingAsync, year, registerId, "register_id, sequence_group, number", cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<IncomingRegisterEntry>> ListIncomingAsync(int year, string? registerId, CancellationToken cancellationToken)
        => await ListByYearAsync(ReadIncomingAsync, year, registerId, "register_id, arrival_number", cancellationToken).ConfigureAwait(false);

    private async Task<List<T>> ListByYearAsync<T>(
        Func<DbConnection, DbTransaction?, string, Action<DbCommand>, CancellationToken, Task<List<T>>> read,
        int year,
        string? registerId,
        string orderBy,
        CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var where = registerId is null ? "WHERE year = @year" : "WHERE year = @year AND register_id = @register";
            return await read(connection, null, where + " ORDER BY " + orderBy,
                c =>
                {
                    Add(c, "@year", year);
                    if (registerId is not null)
                    {
                        Add(c, "@register", registerId);
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<int> GetLastNumberAsync(SequenceKey key, int year, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = Command(connection, null, "SELECT last_number FROM counters WHERE sequence_key = @key AND year = @year");
            await using (command.ConfigureAwait(false))
            {
                Add(command, "@key", key.ToString());
                Add(command, "@year", year);
                var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return value is null or DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        migrateLock.Dispose();
        return dialect.DisposeAsync();
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        // A NULL stays untyped so the database infers its type from the column.
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static int? NullableInt(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    private static string Clean(string? value, int maxLength, string name)
    {
        var text = (value ?? string.Empty).Trim().Normalize(System.Text.NormalizationForm.FormC);
        if (text.Length > maxLength)
        {
            throw new ArgumentException($"{name} is longer than {maxLength} characters.", name);
        }

        return text;
    }

    private static string? CleanOptional(string? value, int maxLength, string name)
        => string.IsNullOrWhiteSpace(value) ? null : Clean(value, maxLength, name);

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (!dialect.IsTransient(ex))
        {
            throw new RegisterStoreException($"Cannot open the {dialect.Provider} register store {dialect.Describe}: {ex.Message}", ex);
        }
    }

    private async Task<bool> MigrateCoreAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await dialect.PrepareDatabaseAsync(connection, cancellationToken).ConfigureAwait(false);
            var transaction = await dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await dialect.LockForMigrationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                var command = Command(connection, transaction, dialect.SchemaVersionDdl);
                await using (command.ConfigureAwait(false))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
                    var current = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                    var migrations = dialect.Migrations;
                    if (current > migrations.Count)
                    {
                        throw new RegisterStoreException(
                            $"The register store {dialect.Describe} has schema version {current}; this library knows up to {migrations.Count}. Upgrade EDoc.Registers.");
                    }

                    for (var version = current + 1; version <= migrations.Count; version++)
                    {
                        command.CommandText = migrations[version - 1];
                        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        var record = Command(connection, transaction, "INSERT INTO schema_version (version, applied_at) VALUES (@v, @at)");
                        await using (record.ConfigureAwait(false))
                        {
                            Add(record, "@v", version);
                            Add(record, "@at", VietnamTime.ToIso8601(DateTimeOffset.UtcNow));
                            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return true;
    }

    private async Task<T> ReadByIdAsync<T>(long id, Func<DbConnection, DbTransaction?, string, Action<DbCommand>, CancellationToken, Task<List<T>>> read,
        CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await read(connection, null, "WHERE id = @id", c => Add(c, "@id", id), cancellationToken).ConfigureAwait(false);
            return rows[0];
        }
    }

    private Task<long> IssueCoreAsync(OutgoingRegistration registration, CancellationToken cancellationToken)
        => WriteAsync(
            async (connection, transaction, ct) =>
            {
                var request = registration.Request;
                var number = await TakeNumberAsync(connection, transaction, registration.Key, registration.Year, ct).ConfigureAwait(false);
                var notation = registration.NotationFor(number);
                var insert = Command(connection, transaction,
                    "INSERT INTO outgoing_entries (register_id, sequence_group, year, number, notation, doc_date, type_abbr, type_name, subject, " +
                    "issuer, unit, category, is_secret, advisory_body, signer, recipients, file_copy_holder, copy_count, transfer_date, notes, " +
                    "priority, form, method, due_date, status, registered_at, secrecy) VALUES (@register, @group, @year, @number, @notation, @date, @typeAbbr, " +
                    "@typeName, @subject, @issuer, @unit, @category, @secret, @advisory, @signer, @recipients, @holder, @copies, @transfer, @notes, " +
                    "@priority, @form, @method, @due, 0, @registeredAt, @secrecy) RETURNING id");
                await using (insert.ConfigureAwait(false))
                {
                    Add(insert, "@register", registration.Key.RegisterId);
                    Add(insert, "@group", registration.Key.Group);
                    Add(insert, "@year", registration.Year);
                    Add(insert, "@number", number);
                    Add(insert, "@notation", notation);
                    Add(insert, "@date", dialect.Date(registration.Date));
                    Add(insert, "@typeAbbr", CleanOptional(request.TypeAbbreviation, 20, nameof(request.TypeAbbreviation)));
                    Add(insert, "@typeName", CleanOptional(request.TypeName, 100, nameof(request.TypeName)));
                    Add(insert, "@subject", Clean(request.Subject, 500, nameof(request.Subject)));
                    Add(insert, "@issuer", Clean(request.IssuerAbbreviation, 20, nameof(request.IssuerAbbreviation)));
                    Add(insert, "@unit", CleanOptional(request.UnitAbbreviation, 20, nameof(request.UnitAbbreviation)));
                    Add(insert, "@category", (int)request.Category);
                    Add(insert, "@secret", request.IsSecret);
                    Add(insert, "@advisory", CleanOptional(request.AdvisoryBody, 50, nameof(request.AdvisoryBody)));
                    Add(insert, "@signer", CleanOptional(request.Signer, 150, nameof(request.Signer)));
                    Add(insert, "@recipients", CleanOptional(request.Recipients, 1000, nameof(request.Recipients)));
                    Add(insert, "@holder", CleanOptional(request.FileCopyHolder, 200, nameof(request.FileCopyHolder)));
                    Add(insert, "@copies", request.CopyCount);
                    Add(insert, "@transfer", request.TransferDate is { } t ? dialect.Date(t) : null);
                    Add(insert, "@notes", CleanOptional(request.Notes, 500, nameof(request.Notes)));
                    Add(insert, "@priority", request.Urgency.ToEdXmlCode());
                    Add(insert, "@secrecy", (int)request.Secrecy);
                    Add(insert, "@form", (int)request.Form);
                    Add(insert, "@method", CleanOptional(request.Method, 100, nameof(request.Method)));
                    Add(insert, "@due", request.DueDate is { } d ? dialect.Date(d) : null);
                    Add(insert, "@registeredAt", dialect.Instant(registration.RegisteredAt));
                    return Convert.ToInt64(await insert.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
                }
            },
            cancellationToken);

    private Task<long> ReceiveCoreAsync(IncomingRegistration registration, CancellationToken cancellationToken)
        => WriteAsync(
            async (connection, transaction, ct) =>
            {
                var request = registration.Request;
                var number = await TakeNumberAsync(connection, transaction, registration.Key, registration.Year, ct).ConfigureAwait(false);
                var insert = Command(connection, transaction,
                    "INSERT INTO incoming_entries (register_id, year, arrival_number, arrived_at, sender_code, sender_name, document_number, " +
                    "document_date, document_year, type_name, subject, recipient_unit, transfer_date, notes, priority, form, method, due_date, " +
                    "status, registered_at, secrecy, handler) VALUES (@register, @year, @number, @arrived, @senderCode, @senderName, @docNumber, @docDate, " +
                    "@docYear, @typeName, @subject, @unit, @transfer, @notes, @priority, @form, @method, @due, 0, @registeredAt, @secrecy, @handler) RETURNING id");
                await using (insert.ConfigureAwait(false))
                {
                    var senderCode = Clean(request.SenderCode, 200, nameof(request.SenderCode));
                    Add(insert, "@register", registration.RegisterId);
                    Add(insert, "@year", registration.Year);
                    Add(insert, "@number", number);
                    Add(insert, "@arrived", dialect.Instant(registration.ArrivedAt));
                    Add(insert, "@senderCode", senderCode);
                    Add(insert, "@senderName", CleanOptional(request.SenderName, 200, nameof(request.SenderName)) ?? senderCode);
                    Add(insert, "@docNumber", Clean(request.DocumentNumber, 50, nameof(request.DocumentNumber)));
                    Add(insert, "@docDate", dialect.Date(request.DocumentDate));
                    Add(insert, "@docYear", request.DocumentDate.Year);
                    Add(insert, "@typeName", CleanOptional(request.TypeName, 100, nameof(request.TypeName)));
                    Add(insert, "@subject", Clean(request.Subject, 500, nameof(request.Subject)));
                    Add(insert, "@unit", CleanOptional(request.RecipientUnit, 1000, nameof(request.RecipientUnit)));
                    Add(insert, "@handler", CleanOptional(request.Handler, 150, nameof(request.Handler)));
                    Add(insert, "@transfer", request.TransferDate is { } t ? dialect.Date(t) : null);
                    Add(insert, "@notes", CleanOptional(request.Notes, 500, nameof(request.Notes)));
                    Add(insert, "@priority", request.Urgency.ToEdXmlCode());
                    Add(insert, "@secrecy", (int)request.Secrecy);
                    Add(insert, "@form", (int)request.Form);
                    Add(insert, "@method", CleanOptional(request.Method, 100, nameof(request.Method)));
                    Add(insert, "@due", request.DueDate is { } d ? dialect.Date(d) : null);
                    Add(insert, "@registeredAt", dialect.Instant(registration.RegisteredAt));
                    return Convert.ToInt64(await insert.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
                }
            },
            cancellationToken);

    private static async Task<int> TakeNumberAsync(DbConnection connection, DbTransaction transaction, SequenceKey key, int year, CancellationToken cancellationToken)
    {
        var command = Command(connection, transaction, TakeNumberSql);
        await using (command.ConfigureAwait(false))
        {
            Add(command, "@key", key.ToString());
            Add(command, "@year", year);
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Runs one write transaction; commits on success, rolls back (by disposal) on any failure.</summary>
    private async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                T result;
                try
                {
                    result = await work(connection, transaction, cancellationToken).ConfigureAwait(false);
                }
                catch (DbException ex) when (dialect.IsUniqueViolation(ex, out var constraint))
                {
                    throw Conflict(constraint, ex);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    private static RegisterConflictException Conflict(string constraint, Exception inner)
    {
        if (constraint.Contains("sender", StringComparison.OrdinalIgnoreCase))
        {
            return new RegisterConflictException("duplicate-incoming",
                "This document (sender, number and notation, year) is already in the incoming register; no arrival number was consumed.", inner);
        }

        if (constraint.Contains("notation", StringComparison.OrdinalIgnoreCase))
        {
            return new RegisterConflictException("duplicate-notation",
                "The number and notation already exist for this issuer and year; no number was consumed.", inner);
        }

        return new RegisterConflictException("duplicate-number",
            "The number already exists in this sequence and year (the counter disagrees with the register); no number was consumed.", inner);
    }

    private async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (dialect.IsTransient(ex))
            {
                if (attempt >= options.MaxWriteAttempts)
                {
                    throw new RegisterStoreException(
                        $"The {dialect.Provider} register store {dialect.Describe} stayed busy after {attempt} attempts: {ex.Message}", ex);
                }

                var delay = Math.Min(options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 8)), 2000);
#pragma warning disable CA5394 // jitter, not security
                delay = (delay / 2) + (Random.Shared.NextDouble() * delay / 2);
#pragma warning restore CA5394
                await Task.Delay(TimeSpan.FromMilliseconds(delay), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<List<OutgoingRegisterEntry>> ReadOutgoingAsync(DbConnection connection, DbTransaction? transaction, string where,
        Action<DbCommand> parameters, CancellationToken cancellationToken)
    {
        var command = Command(connection, transaction, $"SELECT {OutgoingColumns} FROM outgoing_entries {where}");
        await using (command.ConfigureAwait(false))
        {
            parameters(command);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var list = new List<OutgoingRegisterEntry>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    list.Add(new OutgoingRegisterEntry
                    {
                        Id = reader.GetInt64(0),
                        RegisterId = reader.GetString(1),
                        Sequence = reader.GetString(2),
                        Year = reader.GetInt32(3),
                        Number = reader.GetInt32(4),
                        Notation = reader.GetString(5),
                        Date = dialect.ReadDate(reader, 6),
                        TypeAbbreviation = NullableString(reader, 7),
                        TypeName = NullableString(reader, 8),
                        Subject = reader.GetString(9),
                        Issuer = reader.GetString(10),
                        Unit = NullableString(reader, 11),
                        Category = (DocumentCategory)reader.GetInt32(12),
                        IsSecret = reader.GetBoolean(13),
                        AdvisoryBody = NullableString(reader, 14),
                        Signer = NullableString(reader, 15),
                        Recipients = NullableString(reader, 16),
                        FileCopyHolder = NullableString(reader, 17),
                        CopyCount = NullableInt(reader, 18),
                        TransferDate = reader.IsDBNull(19) ? null : dialect.ReadDate(reader, 19),
                        Acknowledgement = NullableString(reader, 20),
                        Notes = NullableString(reader, 21),
                        Urgency = (Urgency)reader.GetInt32(22),
                        Form = (TransmissionForm)reader.GetInt32(23),
                        Method = NullableString(reader, 24),
                        DueDate = reader.IsDBNull(25) ? null : dialect.ReadDate(reader, 25),
                        Status = (RegisterEntryStatus)reader.GetInt32(26),
                        StatusChangedAt = reader.IsDBNull(27) ? null : dialect.ReadInstant(reader, 27),
                        StatusChangedBy = NullableString(reader, 28),
                        StatusReason = NullableString(reader, 29),
                        RegisteredAt = dialect.ReadInstant(reader, 30),
                        Secrecy = (Secrecy)reader.GetInt32(31),
                    });
                }

                return list;
            }
        }
    }

    private async Task<List<IncomingRegisterEntry>> ReadIncomingAsync(DbConnection connection, DbTransaction? transaction, string where,
        Action<DbCommand> parameters, CancellationToken cancellationToken)
    {
        var command = Command(connection, transaction, $"SELECT {IncomingColumns} FROM incoming_entries {where}");
        await using (command.ConfigureAwait(false))
        {
            parameters(command);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var list = new List<IncomingRegisterEntry>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    list.Add(new IncomingRegisterEntry
                    {
                        Id = reader.GetInt64(0),
                        RegisterId = reader.GetString(1),
                        Year = reader.GetInt32(2),
                        ArrivalNumber = reader.GetInt32(3),
                        ArrivedAt = dialect.ReadInstant(reader, 4),
                        SenderCode = reader.GetString(5),
                        SenderName = reader.GetString(6),
                        DocumentNumber = reader.GetString(7),
                        DocumentDate = dialect.ReadDate(reader, 8),
                        TypeName = NullableString(reader, 9),
                        Subject = reader.GetString(10),
                        RecipientUnit = NullableString(reader, 11),
                        TransferDate = reader.IsDBNull(12) ? null : dialect.ReadDate(reader, 12),
                        Acknowledgement = NullableString(reader, 13),
                        Notes = NullableString(reader, 14),
                        Urgency = (Urgency)reader.GetInt32(15),
                        Form = (TransmissionForm)reader.GetInt32(16),
                        Method = NullableString(reader, 17),
                        DueDate = reader.IsDBNull(18) ? null : dialect.ReadDate(reader, 18),
                        Progress = NullableString(reader, 19),
                        ReplyNotation = NullableString(reader, 20),
                        HandledDate = reader.IsDBNull(21) ? null : dialect.ReadDate(reader, 21),
                        Status = (RegisterEntryStatus)reader.GetInt32(22),
                        StatusChangedAt = reader.IsDBNull(23) ? null : dialect.ReadInstant(reader, 23),
                        StatusChangedBy = NullableString(reader, 24),
                        StatusReason = NullableString(reader, 25),
                        RegisteredAt = dialect.ReadInstant(reader, 26),
                        Secrecy = (Secrecy)reader.GetInt32(27),
                        Handler = NullableString(reader, 28),
                    });
                }

                return list;
            }
        }
    }
}
