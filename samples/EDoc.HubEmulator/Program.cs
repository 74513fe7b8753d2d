using System.Globalization;
using EDoc.HubEmulator;

// edoc-hub-emulator --urls URL --data DIR [--accounts FILE] [--fault-rate R] [--seed N]
var options = new HubEmulatorOptions { Urls = "http://127.0.0.1:8080", ConsoleLogging = true };
string? accounts = null;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--urls": options.Urls = Next(); break;
        case "--data": options.DataDirectory = Next(); break;
        case "--accounts": accounts = Next(); break;
        case "--fault-rate": options.FaultRate = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--seed": options.Seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"hub-emulator: unknown option {args[i]}");
            return 2;
    }
}

if (string.IsNullOrEmpty(options.DataDirectory))
{
    Console.Error.WriteLine("hub-emulator: --data DIR is required.");
    return 2;
}

foreach (var account in accounts is null ? HubEmulatorDefaults.DemoAccounts() : HubEmulatorOptions.LoadAccounts(accounts))
{
    options.Accounts.Add(account);
}

await using var emulator = await HubEmulator.StartAsync(options);
Console.WriteLine($"Hub emulator listening on {emulator.BaseAddress} ({options.Accounts.Count} accounts, fault rate {options.FaultRate})");
await emulator.WaitForShutdownAsync();
return 0;
