namespace EDoc.HubEmulator;

/// <summary>Demo accounts used when no accounts file is given.</summary>
public static class HubEmulatorDefaults
{
    /// <summary>Two demo agencies: UBND tỉnh Nghệ An (000.00.00.H41) and Văn phòng Chính phủ (000.00.00.G22).</summary>
    /// <returns>New account objects; their secrets are public demo values, never for production.</returns>
    public static IReadOnlyList<HubEmulatorAccount> DemoAccounts() =>
    [
        new HubEmulatorAccount { SystemId = "000.00.00.H41", Secret = "demo-secret-h41", Name = "UBND tỉnh Nghệ An", CodeQd20 = "H41" },
        new HubEmulatorAccount { SystemId = "000.00.00.G22", Secret = "demo-secret-g22", Name = "Văn phòng Chính phủ", CodeQd20 = "G22" },
    ];
}
