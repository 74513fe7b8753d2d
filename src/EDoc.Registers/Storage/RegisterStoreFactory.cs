using System.Data.Common;
using EDoc.Registers.Storage.Postgres;
using EDoc.Registers.Storage.Sqlite;

namespace EDoc.Registers.Storage;

/// <summary>Creates a register store from one connection text, as the CLI's <c>--store</c> takes it.</summary>
public static class RegisterStoreFactory
{
    /// <summary>
    /// Creates the store for <paramref name="connection"/>: a text with <c>Host=</c> (or <c>Server=</c>) is a
    /// PostgreSQL connection string; a text with <c>Data Source=</c> (or <c>Filename=</c>) is a SQLite connection
    /// string; anything else is a SQLite file path.
    /// </summary>
    /// <param name="connection">A SQLite path, a SQLite connection string or a PostgreSQL connection string.</param>
    /// <param name="options">Store options; <see langword="null"/> for the defaults.</param>
    /// <returns>The store, not yet opened.</returns>
    /// <exception cref="ArgumentException">The text is empty or not a usable connection string.</exception>
    public static IRegisterStore Create(string connection, RegisterStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        return IsPostgres(connection)
            ? new PostgresRegisterStore(connection, options)
            : new SqliteRegisterStore(connection, options);
    }

    /// <summary>Creates the store and applies pending schema migrations.</summary>
    /// <param name="connection">A SQLite path, a SQLite connection string or a PostgreSQL connection string.</param>
    /// <param name="options">Store options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="RegisterStoreException">The database cannot be opened or its schema is newer than this library.</exception>
    public static async Task<IRegisterStore> OpenAsync(string connection, RegisterStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        var store = Create(connection, options);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static bool IsPostgres(string connection)
    {
        var keys = TryParseKeys(connection);
        return keys is not null && (keys.Contains("host") || keys.Contains("server"));
    }

    internal static string ToSqliteConnectionString(string connection)
    {
        var keys = TryParseKeys(connection);
        if (keys is not null && (keys.Contains("data source") || keys.Contains("datasource") || keys.Contains("filename")))
        {
            return connection;
        }

        var builder = new DbConnectionStringBuilder { ["Data Source"] = Path.GetFullPath(connection) };
        return builder.ConnectionString;
    }

    private static HashSet<string>? TryParseKeys(string connection)
    {
        if (!connection.Contains('=', StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connection };
            return builder.Keys.Cast<string>().Select(k => k.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
