using EDoc.Registers.Storage;
using EDoc.Registers.Storage.Postgres;
using EDoc.Registers.Tests.TestSupport;

namespace EDoc.Registers.Tests.Storage;

/// <summary>The store contract against PostgreSQL 15 (one fresh database for the class).</summary>
public sealed class PostgresRegisterStoreTests(PostgresDatabaseFixture database) : RegisterStoreContractTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override IRegisterStore CreateStore() => new PostgresRegisterStore(database.ConnectionString);
}
