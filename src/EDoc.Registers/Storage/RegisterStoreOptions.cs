namespace EDoc.Registers.Storage;

/// <summary>Options of the register stores.</summary>
public sealed class RegisterStoreOptions
{
    /// <summary>How many times a write that hit a busy database, a lock or a serialization failure is attempted.</summary>
    /// <value>The default value is 100.</value>
    public int MaxWriteAttempts { get; set; } = 100;

    /// <summary>The first retry delay; it doubles per attempt (with jitter) up to 2 seconds.</summary>
    /// <value>The default value is 5 milliseconds.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How long SQLite waits for the write lock before reporting SQLITE_BUSY (busy_timeout).</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal RegisterStoreOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWriteAttempts, 1, nameof(MaxWriteAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryBaseDelay, TimeSpan.Zero, nameof(RetryBaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(BusyTimeout, TimeSpan.Zero, nameof(BusyTimeout));
        return new RegisterStoreOptions { MaxWriteAttempts = MaxWriteAttempts, RetryBaseDelay = RetryBaseDelay, BusyTimeout = BusyTimeout };
    }
}
