using EDoc.Fuzz;
using SharpFuzz;

// AFL++ harness: `dotnet EDoc.Fuzz.dll <target>` under afl-fuzz (scripts/fuzz.sh), or
// `dotnet EDoc.Fuzz.dll <target> FILE...` to replay inputs without AFL.
if (args.Length == 0 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: EDoc.Fuzz <{string.Join('|', FuzzTargets.Names)}> [FILE...]");
    return 2;
}

string target = args[0];
if (args.Length > 1)
{
    foreach (string file in args.Skip(1))
    {
        bool accepted = FuzzTargets.Run(target, File.ReadAllBytes(file));
        Console.WriteLine($"{file}: {(accepted ? "accepted" : "refused with a typed error")}");
    }

    return 0;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    FuzzTargets.Run(target, buffer.ToArray());
});
return 0;
