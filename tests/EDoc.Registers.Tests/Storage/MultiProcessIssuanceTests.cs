using EDoc.Registers.Numbering;
using EDoc.Registers.Storage;
using EDoc.Registers.Tests.TestSupport;

namespace EDoc.Registers.Tests.Storage;

/// <summary>
/// Real OS processes issuing into one store at once, and processes killed at random moments during issuance:
/// the numbers stay exactly 01..N with no duplicate and no gap.
/// </summary>
public abstract class MultiProcessIssuanceTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(5);

    protected abstract string Store { get; }

    // Each test uses its own register and issuer: two registers of one issuer share the notation space of the year.
    [Fact]
    public async Task Issue_EightProcesses250Each_NumbersExactlyOneTo2000()
    {
        const string register = "eight";
        await using (var store = await RegisterStoreFactory.OpenAsync(Store))
        {
            // Migrated before the race so the workers only race on numbers.
        }

        var workers = Enumerable.Range(0, 8).Select(_ => StressWorkerProcess.Start(Store, 250, register, "UBNDA")).ToList();
        try
        {
            foreach (var worker in workers)
            {
                Assert.True(await worker.WaitForExitAsync(ProcessTimeout) == 0, "A worker failed: " + worker.Errors);
            }

            var reported = workers.SelectMany(w => w.Numbers).Order().ToList();
            Assert.All(workers, w => Assert.Equal(250, w.Numbers.Count));
            Assert.Equal(Enumerable.Range(1, 2000), reported);
            await AssertContiguousAsync(register, 2000);
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }
    }

    [Fact]
    public async Task Issue_ProcessesKilledAtRandomMoments_NoGapNoDuplicateAfterRestart()
    {
        const string register = "killed";
        var random = new Random(20261124);
        for (var round = 0; round < 4; round++)
        {
            var workers = Enumerable.Range(0, 4).Select(_ => StressWorkerProcess.Start(Store, 1_000_000, register, "UBNDB")).ToList();
            try
            {
                foreach (var worker in workers)
                {
                    await worker.WaitForFirstNumberAsync(ProcessTimeout);
                }

                foreach (var worker in workers)
                {
                    await Task.Delay(random.Next(1, 150));
                    worker.Kill();
                }
            }
            finally
            {
                workers.ForEach(w => w.Dispose());
            }
        }

        int issuedBeforeRestart;
        await using (var store = await RegisterStoreFactory.OpenAsync(Store))
        {
            issuedBeforeRestart = (await store.ListOutgoingAsync(2026, register)).Count;
        }

        Assert.True(issuedBeforeRestart >= 16, $"The workers issued only {issuedBeforeRestart} numbers before being killed.");
        await AssertContiguousAsync(register, issuedBeforeRestart);

        // Restart: issue the remainder up to a round total, then check contiguity again.
        var target = issuedBeforeRestart + 150;
        using (var finisher = StressWorkerProcess.Start(Store, target - issuedBeforeRestart, register, "UBNDB"))
        {
            Assert.True(await finisher.WaitForExitAsync(ProcessTimeout) == 0, "The restarted worker failed: " + finisher.Errors);
            Assert.Equal(Enumerable.Range(issuedBeforeRestart + 1, 150), finisher.Numbers.Order());
        }

        await AssertContiguousAsync(register, target);
    }

    private async Task AssertContiguousAsync(string register, int expected)
    {
        await using var store = await RegisterStoreFactory.OpenAsync(Store);
        var entries = await store.ListOutgoingAsync(2026, register);
        Assert.Equal(Enumerable.Range(1, expected), entries.Select(e => e.Number).Order());
        Assert.Equal(expected, entries.Select(e => e.Notation).Distinct(StringComparer.Ordinal).Count());
        var counter = await store.GetLastNumberAsync(new SequenceKey(RegisterBook.Outgoing, register, SequenceKey.GeneralGroup), 2026);
        Assert.Equal(expected, counter);
    }
}

public sealed class SqliteMultiProcessIssuanceTests : MultiProcessIssuanceTests, IDisposable
{
    private readonly TempDirectory directory = new();

    protected override string Store => directory.File("shared.db");

    public void Dispose() => directory.Dispose();
}

public sealed class PostgresMultiProcessIssuanceTests(PostgresDatabaseFixture database)
    : MultiProcessIssuanceTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override string Store => database.ConnectionString;
}
