using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using EDoc.Interchange.Hub;

namespace EDoc.Interchange.Storage;

/// <summary>
/// The SQL implementation shared by <see cref="SqliteInterchangeStore"/> and <see cref="PostgresInterchangeStore"/>:
/// tables <c>edoc_outbox</c>, <c>edoc_inbox</c> (primary key on the hub id, unique de-duplication key) and
/// <c>edoc_agencies</c>. Times are stored as Unix milliseconds (UTC).
/// </summary>
public abstract class DbInterchangeStore : IInterchangeStore
{
    private const string OutboxColumns = "id, kind, sender, receivers, document_id, status_code, package, state, attempts, created_at, next_attempt_at, last_error, hub_message_id, sent_at, correlation_id";
    private const string InboxColumns = "hub_message_id, kind, sender, receivers, document_id, status_code, content_sha256, package, disposition, reason, received_at, acknowledged";
    private const string AgencyColumns = "code102, code_qd20, name, parent_code, email, deleted, synced_at";
    private readonly Lock _gate = new();
    private Task? _initialization;

    private protected DbInterchangeStore()
    {
    }

    /// <summary>The SQL type of byte arrays (<c>BLOB</c>, <c>BYTEA</c>).</summary>
    private protected abstract string BlobType { get; }

    /// <summary>The row-locking clause of the claim subquery (empty, or <c>FOR UPDATE SKIP LOCKED</c>).</summary>
    private protected abstract string ClaimLockClause { get; }

    /// <summary>Opens a connection ready for use.</summary>
    private protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Runs after the tables exist (for example to switch SQLite to WAL).</summary>
    private protected virtual Task AfterInitializeAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        Task initialization;
        lock (_gate)
        {
            if (_initialization is null || _initialization.IsFaulted || _initialization.IsCanceled)
            {
                _initialization = InitializeCoreAsync();
            }

            initialization = _initialization;
        }

        return initialization.IsCompletedSuccessfully ? Task.CompletedTask : initialization.WaitAsync(cancellationToken);
    }

    private async Task InitializeCoreAsync()
    {
        var cancellationToken = CancellationToken.None;
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            string blob = BlobType;
            string[] statements =
            [
                $"CREATE TABLE IF NOT EXISTS edoc_outbox (id TEXT PRIMARY KEY, kind INTEGER NOT NULL, sender TEXT NOT NULL, receivers TEXT NOT NULL, document_id TEXT, status_code TEXT, package {blob} NOT NULL, state INTEGER NOT NULL, attempts INTEGER NOT NULL, created_at BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL, lease_until BIGINT, last_error TEXT, hub_message_id TEXT, sent_at BIGINT, correlation_id TEXT)",
                "CREATE INDEX IF NOT EXISTS ix_edoc_outbox_due ON edoc_outbox (state, next_attempt_at)",
                $"CREATE TABLE IF NOT EXISTS edoc_inbox (hub_message_id TEXT PRIMARY KEY, dedup_key TEXT NOT NULL, kind INTEGER NOT NULL, sender TEXT, receivers TEXT NOT NULL, document_id TEXT, status_code TEXT, content_sha256 TEXT NOT NULL, package {blob} NOT NULL, disposition INTEGER NOT NULL, reason TEXT, received_at BIGINT NOT NULL, acknowledged INTEGER NOT NULL, CONSTRAINT ux_edoc_inbox_dedup UNIQUE (dedup_key))",
                "CREATE INDEX IF NOT EXISTS ix_edoc_inbox_document ON edoc_inbox (sender, document_id)",
                "CREATE TABLE IF NOT EXISTS edoc_agencies (agency_key TEXT PRIMARY KEY, code102 TEXT, code_qd20 TEXT, name TEXT NOT NULL, parent_code TEXT, email TEXT, deleted INTEGER NOT NULL, synced_at BIGINT NOT NULL)",
                "CREATE INDEX IF NOT EXISTS ix_edoc_agencies_qd20 ON edoc_agencies (code_qd20)",
            ];
            foreach (string sql in statements)
            {
                await ExecuteAsync(connection, null, sql, [], cancellationToken).ConfigureAwait(false);
            }

            await AfterInitializeAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<bool> EnqueueAsync(OutboxItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await InsertOutboxAsync(connection, null, item, cancellationToken).ConfigureAwait(false) == 1;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxItem>> ClaimDueAsync(int maxItems, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        long nowMs = now.ToUnixTimeMilliseconds();
        string sql = $"UPDATE edoc_outbox SET state = 1, attempts = attempts + 1, lease_until = @lease WHERE id IN (SELECT id FROM edoc_outbox WHERE (state = 0 AND next_attempt_at <= @now) OR (state = 1 AND lease_until <= @now) ORDER BY next_attempt_at LIMIT @max {ClaimLockClause}) RETURNING {OutboxColumns}";
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var items = await QueryAsync(connection, sql, [("@lease", (now + lease).ToUnixTimeMilliseconds()), ("@now", nowMs), ("@max", maxItems)], ReadOutbox, cancellationToken).ConfigureAwait(false);
            return items.OrderBy(i => i.NextAttemptAt).ToList();
        }
    }

    /// <inheritdoc />
    public async Task<int> RecoverInFlightAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ExecuteAsync(connection, null, "UPDATE edoc_outbox SET state = 0, lease_until = NULL, next_attempt_at = @now WHERE state = 1", [("@now", now.ToUnixTimeMilliseconds())], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task MarkSentAsync(Guid id, string hubMessageId, DateTimeOffset sentAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(hubMessageId);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, null, "UPDATE edoc_outbox SET state = 2, hub_message_id = @hub, sent_at = @at, lease_until = NULL, last_error = NULL WHERE id = @id", [("@hub", hubMessageId), ("@at", sentAt.ToUnixTimeMilliseconds()), ("@id", Key(id))], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task MarkRetryAsync(Guid id, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, null, "UPDATE edoc_outbox SET state = 0, next_attempt_at = @next, last_error = @error, lease_until = NULL WHERE id = @id AND state = 1", [("@next", nextAttemptAt.ToUnixTimeMilliseconds()), ("@error", Truncate(reason)), ("@id", Key(id))], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task MarkFailedAsync(Guid id, string reason, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, null, "UPDATE edoc_outbox SET state = 3, last_error = @error, lease_until = NULL WHERE id = @id AND state <> 2", [("@error", Truncate(reason)), ("@id", Key(id))], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<bool> RequeueAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ExecuteAsync(connection, null, "UPDATE edoc_outbox SET state = 0, next_attempt_at = @now WHERE id = @id AND state = 3", [("@now", now.ToUnixTimeMilliseconds()), ("@id", Key(id))], cancellationToken).ConfigureAwait(false) == 1;
        }
    }

    /// <inheritdoc />
    public async Task<OutboxItem?> FindOutboxItemAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var items = await QueryAsync(connection, $"SELECT {OutboxColumns} FROM edoc_outbox WHERE id = @id", [("@id", Key(id))], ReadOutbox, cancellationToken).ConfigureAwait(false);
            return items.Count == 0 ? null : items[0];
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboxItem>> ListOutboxAsync(OutboxState? state, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        string where = state is null ? string.Empty : "WHERE state = @state";
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await QueryAsync(connection, $"SELECT {OutboxColumns} FROM edoc_outbox {where} ORDER BY created_at, id LIMIT @limit", [("@state", (int)(state ?? 0)), ("@limit", limit)], ReadOutbox, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<OutboxCounts> CountOutboxAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var rows = await QueryAsync(connection, "SELECT state, COUNT(*) FROM edoc_outbox GROUP BY state", [], r => (State: Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), Count: Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
            long Get(OutboxState s) => rows.Where(r => r.State == (int)s).Sum(r => r.Count);
            return new OutboxCounts(Get(OutboxState.Pending), Get(OutboxState.Sending), Get(OutboxState.Sent), Get(OutboxState.Failed));
        }
    }

    /// <inheritdoc />
    public async Task<InboxStoreOutcome> StoreInboundAsync(InboxItem item, OutboxItem? reply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                int inserted = await ExecuteAsync(
                    connection,
                    transaction,
                    $"INSERT INTO edoc_inbox (dedup_key, {InboxColumns}) VALUES (@dedup, @hub, @kind, @sender, @receivers, @document, @status, @sha, @package, @disposition, @reason, @received, @ack) ON CONFLICT DO NOTHING",
                    [
                        ("@dedup", item.DeduplicationKey), ("@hub", item.HubMessageId), ("@kind", (int)item.Kind), ("@sender", item.From), ("@receivers", JsonSerializer.Serialize(item.To)),
                        ("@document", item.DocumentId), ("@status", item.StatusCode), ("@sha", item.ContentSha256), ("@package", item.Package), ("@disposition", (int)item.Disposition),
                        ("@reason", item.Reason is null ? null : Truncate(item.Reason)), ("@received", item.ReceivedAt.ToUnixTimeMilliseconds()), ("@ack", item.Acknowledged ? 1 : 0),
                    ],
                    cancellationToken).ConfigureAwait(false);
                if (inserted == 0)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return InboxStoreOutcome.Duplicate;
                }

                if (reply is not null)
                {
                    await InsertOutboxAsync(connection, transaction, reply, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return InboxStoreOutcome.Stored;
            }
        }
    }

    /// <inheritdoc />
    public async Task<InboxItem?> FindInboundAsync(string hubMessageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(hubMessageId);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var items = await QueryAsync(connection, $"SELECT {InboxColumns} FROM edoc_inbox WHERE hub_message_id = @hub", [("@hub", hubMessageId)], ReadInbox, cancellationToken).ConfigureAwait(false);
            return items.Count == 0 ? null : items[0];
        }
    }

    /// <inheritdoc />
    public async Task MarkAcknowledgedAsync(string hubMessageId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(hubMessageId);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, null, "UPDATE edoc_inbox SET acknowledged = 1 WHERE hub_message_id = @hub", [("@hub", hubMessageId)], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InboxItem>> ListInboundAsync(HubMessageKind? kind, InboxDisposition? disposition, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var conditions = new List<string>();
        if (kind is not null)
        {
            conditions.Add("kind = @kind");
        }

        if (disposition is not null)
        {
            conditions.Add("disposition = @disposition");
        }

        string where = conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await QueryAsync(connection, $"SELECT {InboxColumns} FROM edoc_inbox {where} ORDER BY received_at, hub_message_id LIMIT @limit", [("@kind", (int)(kind ?? 0)), ("@disposition", (int)(disposition ?? 0)), ("@limit", limit)], ReadInbox, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task UpsertAgenciesAsync(IEnumerable<AgencyDirectoryEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var entry in entries)
                {
                    string key = entry.Code102 ?? ("qd20:" + (entry.CodeQd20 ?? throw new ArgumentException("An agency entry needs at least one code.", nameof(entries))));
                    await ExecuteAsync(
                        connection,
                        transaction,
                        $"INSERT INTO edoc_agencies (agency_key, {AgencyColumns}) VALUES (@key, @c102, @cqd20, @name, @parent, @email, @deleted, @synced) "
                        + "ON CONFLICT (agency_key) DO UPDATE SET code102 = COALESCE(excluded.code102, edoc_agencies.code102), code_qd20 = COALESCE(excluded.code_qd20, edoc_agencies.code_qd20), "
                        + "name = excluded.name, parent_code = COALESCE(excluded.parent_code, edoc_agencies.parent_code), email = COALESCE(excluded.email, edoc_agencies.email), deleted = excluded.deleted, synced_at = excluded.synced_at",
                        [("@key", key), ("@c102", entry.Code102), ("@cqd20", entry.CodeQd20), ("@name", entry.Name), ("@parent", entry.ParentCode), ("@email", entry.Email), ("@deleted", entry.IsDeleted ? 1 : 0), ("@synced", entry.SyncedAt.ToUnixTimeMilliseconds())],
                        cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AgencyDirectoryEntry>> ListAgenciesAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await QueryAsync(connection, $"SELECT {AgencyColumns} FROM edoc_agencies ORDER BY agency_key", [], ReadAgency, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<AgencyDirectoryEntry?> FindAgencyAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var items = await QueryAsync(connection, $"SELECT {AgencyColumns} FROM edoc_agencies WHERE code102 = @code OR code_qd20 = @code ORDER BY agency_key LIMIT 1", [("@code", code)], ReadAgency, cancellationToken).ConfigureAwait(false);
            return items.Count == 0 ? null : items[0];
        }
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task<int> InsertOutboxAsync(DbConnection connection, DbTransaction? transaction, OutboxItem item, CancellationToken cancellationToken)
        => ExecuteAsync(
            connection,
            transaction,
            $"INSERT INTO edoc_outbox ({OutboxColumns}, lease_until) VALUES (@id, @kind, @sender, @receivers, @document, @status, @package, @state, @attempts, @created, @next, @error, @hub, @sent, @correlation, NULL) ON CONFLICT DO NOTHING",
            [
                ("@id", Key(item.Id)), ("@kind", (int)item.Kind), ("@sender", item.From), ("@receivers", JsonSerializer.Serialize(item.To)), ("@document", item.DocumentId),
                ("@status", item.StatusCode), ("@package", item.Package), ("@state", (int)item.State), ("@attempts", item.Attempts), ("@created", item.CreatedAt.ToUnixTimeMilliseconds()),
                ("@next", item.NextAttemptAt.ToUnixTimeMilliseconds()), ("@error", item.LastError), ("@hub", item.HubMessageId), ("@sent", item.SentAt?.ToUnixTimeMilliseconds()), ("@correlation", item.CorrelationId),
            ],
            cancellationToken);

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        var command = CreateCommand(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, (string Name, object? Value)[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var command = CreateCommand(connection, null, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var result = new List<T>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    result.Add(read(reader));
                }

                return result;
            }
        }
    }

    private static DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL text is built from constants only; values are parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            if (!sql.Contains(name, StringComparison.Ordinal))
            {
                continue;
            }

            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static OutboxItem ReadOutbox(DbDataReader r) => new()
    {
        Id = Guid.ParseExact(r.GetString(0), "N"),
        Kind = (HubMessageKind)Int(r, 1),
        From = r.GetString(2),
        To = JsonSerializer.Deserialize<string[]>(r.GetString(3)) ?? [],
        DocumentId = Text(r, 4),
        StatusCode = Text(r, 5),
        Package = (byte[])r.GetValue(6),
        State = (OutboxState)Int(r, 7),
        Attempts = Int(r, 8),
        CreatedAt = Time(r, 9)!.Value,
        NextAttemptAt = Time(r, 10)!.Value,
        LastError = Text(r, 11),
        HubMessageId = Text(r, 12),
        SentAt = Time(r, 13),
        CorrelationId = Text(r, 14),
    };

    private static InboxItem ReadInbox(DbDataReader r) => new()
    {
        HubMessageId = r.GetString(0),
        Kind = (HubMessageKind)Int(r, 1),
        From = Text(r, 2),
        To = JsonSerializer.Deserialize<string[]>(r.GetString(3)) ?? [],
        DocumentId = Text(r, 4),
        StatusCode = Text(r, 5),
        ContentSha256 = r.GetString(6),
        Package = (byte[])r.GetValue(7),
        Disposition = (InboxDisposition)Int(r, 8),
        Reason = Text(r, 9),
        ReceivedAt = Time(r, 10)!.Value,
        Acknowledged = Int(r, 11) != 0,
    };

    private static AgencyDirectoryEntry ReadAgency(DbDataReader r)
        => new(Text(r, 0), Text(r, 1), r.GetString(2), Text(r, 3), Text(r, 4), Int(r, 5) != 0, Time(r, 6)!.Value);

    private static int Int(DbDataReader r, int i) => Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset? Time(DbDataReader r, int i)
        => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture));

    private static string Key(Guid id) => id.ToString("N", CultureInfo.InvariantCulture);

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];
}
