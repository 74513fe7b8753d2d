using System.Data.Common;
using Npgsql;

namespace EDoc.Interchange.Storage;

/// <summary>
/// The PostgreSQL store, for deployments where several processes share one outbox and inbox: items are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so two workers never send the same item at once.
/// </summary>
public sealed class PostgresInterchangeStore : DbInterchangeStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;

    /// <summary>Initializes a new instance from a connection string.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    public PostgresInterchangeStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _ownsDataSource = true;
    }

    /// <summary>Initializes a new instance over a data source the caller owns.</summary>
    /// <param name="dataSource">The data source.</param>
    public PostgresInterchangeStore(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
    }

    /// <inheritdoc />
    private protected override string BlobType => "BYTEA";

    /// <inheritdoc />
    private protected override string ClaimLockClause => "FOR UPDATE SKIP LOCKED";

    /// <inheritdoc />
    private protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
        => await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }
}
