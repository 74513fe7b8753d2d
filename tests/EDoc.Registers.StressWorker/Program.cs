// Test helper: issues numbers in a loop in its own OS process, for the multi-process and crash tests.
// Usage: EDoc.Registers.StressWorker --store CONN --count N [--register ID] [--issuer ABBR] [--book outgoing|incoming]
// Prints "ready" once the store is open, one line per number issued ("n <number>"), and "done" at the end.
using System.Globalization;
using EDoc.Registers;
using EDoc.Registers.Storage;

var store = Arg("--store") ?? throw new ArgumentException("--store is required");
var count = int.Parse(Arg("--count") ?? "1", CultureInfo.InvariantCulture);
var registerId = Arg("--register") ?? "stress";
var issuer = Arg("--issuer") ?? "UBND";
var book = Arg("--book") ?? "outgoing";

await using var registerStore = await RegisterStoreFactory.OpenAsync(store);
var register = new DocumentRegister(registerStore);
Console.Out.WriteLine("ready");
Console.Out.Flush();
var worker = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
for (var i = 0; i < count; i++)
{
    int number;
    if (book == "incoming")
    {
        var entry = await register.ReceiveAsync(new IncomingReceiveRequest
        {
            SenderCode = "000.00.00.H41",
            DocumentNumber = $"{worker}-{i}/QĐ-BNV",
            DocumentDate = new DateOnly(2026, 3, 2),
            Subject = "Kiểm thử đồng thời",
            RegisterId = registerId,
            ArrivedAt = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7)),
        });
        number = entry.ArrivalNumber;
    }
    else
    {
        var entry = await register.IssueAsync(new OutgoingIssueRequest
        {
            TypeAbbreviation = "QĐ",
            IssuerAbbreviation = issuer,
            RegisterId = registerId,
            Date = new DateOnly(2026, 3, 2),
            Subject = $"Quyết định kiểm thử {worker}-{i}",
        });
        number = entry.Number;
    }

    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"n {number}"));
}

Console.Out.WriteLine("done");
return 0;

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
