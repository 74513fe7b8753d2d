using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace EDoc.Interchange.Storage;

/// <summary>
/// The embedded store (the default): one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a committed
/// enqueue or receipt survives a process crash or power loss.
/// </summary>
public sealed class SqliteInterchangeStore : DbInterchangeStore
{
    private readonly string _connectionString;

    /// <summary>Initializes a new instance over a database file (created if missing, with its directory).</summary>
    /// <param name="databasePath">The path of the SQLite file.</param>
    public SqliteInterchangeStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        string full = Path.GetFullPath(databasePath);
        string? directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        DatabasePath = full;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    private protected override string BlobType => "BLOB";

    /// <inheritdoc />
    private protected override string ClaimLockClause => string.Empty;

    /// <inheritdoc />
    private protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    private protected override async Task AfterInitializeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
