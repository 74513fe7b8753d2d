using System.Globalization;
using Microsoft.Data.Sqlite;

namespace EDoc.HubEmulator;

/// <summary>A message as the emulator stores it for one receiver.</summary>
/// <param name="DocId">The receiver's hub id.</param>
/// <param name="SenderDocId">The id returned to the sender.</param>
/// <param name="From">The sender.</param>
/// <param name="To">The receiver.</param>
/// <param name="MessageType"><c>edoc</c> or <c>status</c>.</param>
/// <param name="Status"><c>initial</c>, <c>processing</c>, <c>done</c> or <c>fail</c>.</param>
/// <param name="StatusDescription">The receiver's reason, if any.</param>
/// <param name="Created">When the hub received it.</param>
/// <param name="Updated">When the receiver last acknowledged it.</param>
public sealed record HubStoredMessage(string DocId, string SenderDocId, string From, string To, string MessageType, string Status, string? StatusDescription, DateTimeOffset Created, DateTimeOffset Updated);

/// <summary>The emulator's persistent storage: one SQLite file (WAL) in the data directory.</summary>
internal sealed class HubEmulatorStore : IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public HubEmulatorStore(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "hub.db"), Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        Execute(connection, null, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS sends (sender_doc_id TEXT PRIMARY KEY, from_code TEXT NOT NULL, idem_key TEXT, message_type TEXT NOT NULL, created INTEGER NOT NULL);
            CREATE UNIQUE INDEX IF NOT EXISTS ux_sends_idem ON sends (from_code, idem_key) WHERE idem_key IS NOT NULL;
            CREATE TABLE IF NOT EXISTS messages (doc_id TEXT PRIMARY KEY, sender_doc_id TEXT NOT NULL, from_code TEXT NOT NULL, to_code TEXT NOT NULL, message_type TEXT NOT NULL, content BLOB NOT NULL, status TEXT NOT NULL, status_desc TEXT, created INTEGER NOT NULL, updated INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_messages_to ON messages (to_code, message_type, status);
            CREATE INDEX IF NOT EXISTS ix_messages_sender ON messages (sender_doc_id);
            """);
    }

    /// <summary>Stores a send; a repeated idempotency key returns the first send's id. Returns (senderDocId, isNew).</summary>
    public async Task<(string SenderDocId, bool IsNew)> SendAsync(string from, string? idempotencyKey, string messageType, IReadOnlyList<string> to, byte[] content, int extraCopies, DateTimeOffset now)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            if (idempotencyKey is not null)
            {
                using var find = connection.CreateCommand();
                find.Transaction = transaction;
                find.CommandText = "SELECT sender_doc_id FROM sends WHERE from_code = @f AND idem_key = @k";
                find.Parameters.AddWithValue("@f", from);
                find.Parameters.AddWithValue("@k", idempotencyKey);
                if (find.ExecuteScalar() is string existing)
                {
                    return (existing, false);
                }
            }

            string senderDocId = Guid.NewGuid().ToString();
            long ms = now.ToUnixTimeMilliseconds();
            Execute(connection, transaction, "INSERT INTO sends (sender_doc_id, from_code, idem_key, message_type, created) VALUES (@s, @f, @k, @t, @c)", ("@s", senderDocId), ("@f", from), ("@k", idempotencyKey), ("@t", messageType), ("@c", ms));
            foreach (string receiver in to)
            {
                for (int copy = 0; copy <= extraCopies; copy++)
                {
                    Execute(
                        connection,
                        transaction,
                        "INSERT INTO messages (doc_id, sender_doc_id, from_code, to_code, message_type, content, status, status_desc, created, updated) VALUES (@d, @s, @f, @to, @t, @b, 'initial', NULL, @c, @c)",
                        ("@d", Guid.NewGuid().ToString()), ("@s", senderDocId), ("@f", from), ("@to", receiver), ("@t", messageType), ("@b", content), ("@c", ms));
                }
            }

            transaction.Commit();
            return (senderDocId, true);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public IReadOnlyList<HubStoredMessage> ListPending(string to, string messageType, int redeliverDone)
    {
        using var connection = Open();
        var result = Query(connection, "SELECT doc_id, sender_doc_id, from_code, to_code, message_type, status, status_desc, created, updated FROM messages WHERE to_code = @to AND message_type = @t AND status IN ('initial', 'processing') ORDER BY created, doc_id LIMIT 500", ("@to", to), ("@t", messageType));
        if (redeliverDone > 0)
        {
            result.AddRange(Query(connection, "SELECT doc_id, sender_doc_id, from_code, to_code, message_type, status, status_desc, created, updated FROM messages WHERE to_code = @to AND message_type = @t AND status = 'done' ORDER BY random() LIMIT @n", ("@to", to), ("@t", messageType), ("@n", redeliverDone)));
        }

        return result;
    }

    public IReadOnlyList<HubStoredMessage> ListAll(string? to = null)
    {
        using var connection = Open();
        return to is null
            ? Query(connection, "SELECT doc_id, sender_doc_id, from_code, to_code, message_type, status, status_desc, created, updated FROM messages ORDER BY created, doc_id")
            : Query(connection, "SELECT doc_id, sender_doc_id, from_code, to_code, message_type, status, status_desc, created, updated FROM messages WHERE to_code = @to ORDER BY created, doc_id", ("@to", to));
    }

    public IReadOnlyList<HubStoredMessage> ListSent(string from, string messageType, string? senderDocId)
    {
        using var connection = Open();
        return senderDocId is null
            ? Query(connection, "SELECT doc_id, sender_doc_id, from_code, to_code, message_type, status, status_desc, created, updated FROM messages WHERE from_code = @f AND message_type = @t ORDER BY created, doc_id LIMIT 1000", ("@f", from), ("@t", messageType))
            : Query(connection, "SELECT doc_id, sender_doc_id, from_code, to_code, message_type, status, status_desc, created, updated FROM messages WHERE from_code = @f AND sender_doc_id = @s ORDER BY created, doc_id", ("@f", from), ("@s", senderDocId));
    }

    public (HubStoredMessage Message, byte[] Content)? Get(string docId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc_id, sender_doc_id, from_code, to_code, message_type, status, status_desc, created, updated, content FROM messages WHERE doc_id = @d";
        command.Parameters.AddWithValue("@d", docId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (Read(reader), (byte[])reader.GetValue(9)) : null;
    }

    public async Task<bool> UpdateStatusAsync(string docId, string to, string status, string? description, DateTimeOffset now)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            using var connection = Open();
            return Execute(connection, null, "UPDATE messages SET status = @s, status_desc = @d, updated = @u WHERE doc_id = @id AND to_code = @to", ("@s", status), ("@d", description), ("@u", now.ToUnixTimeMilliseconds()), ("@id", docId), ("@to", to)) == 1;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose() => _writeLock.Dispose();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    private static List<HubStoredMessage> Query(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        var result = new List<HubStoredMessage>();
        while (reader.Read())
        {
            result.Add(Read(reader));
        }

        return result;
    }

    private static HubStoredMessage Read(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        r.GetString(4),
        r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6),
        DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r.GetValue(7), CultureInfo.InvariantCulture)),
        DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r.GetValue(8), CultureInfo.InvariantCulture)));
}
