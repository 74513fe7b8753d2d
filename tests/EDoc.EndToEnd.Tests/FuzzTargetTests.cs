using EDoc.Fuzz;

namespace EDoc.EndToEnd.Tests;

/// <summary>
/// The fuzz targets of <c>fuzz/EDoc.Fuzz</c>, run briefly in the suite: the seed corpus must be accepted, every
/// crash AFL++ ever found (<c>fuzz/regressions/TARGET</c>) must now end in a typed <see cref="EDocException"/> or be
/// accepted, and a bounded, deterministic batch of mutations of the seeds must not escape with any other exception.
/// The long coverage-guided runs are <c>scripts/fuzz.sh TARGET SECONDS</c> (docs/fuzzing.md).
/// </summary>
public sealed class FuzzTargetTests
{
    public static TheoryData<string> Targets() => new(FuzzTargets.Names);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Seeds_AreAcceptedByTheirTarget(string target)
    {
        string[] seeds = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "fuzz", "seeds", target));

        Assert.NotEmpty(seeds);
        foreach (string seed in seeds)
        {
            Assert.True(FuzzTargets.Run(target, File.ReadAllBytes(seed)), $"{target} refused its own seed {Path.GetFileName(seed)}");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Regressions_EndInTypedErrorsOrAcceptance(string target)
    {
        string dir = Path.Combine(RepositoryPaths.Root, "fuzz", "regressions", target);
        string[] cases = Directory.Exists(dir) ? Directory.GetFiles(dir) : [];
        foreach (string file in cases)
        {
            Exception? escaped = Record.Exception(() => FuzzTargets.Run(target, File.ReadAllBytes(file)));
            Assert.True(escaped is null, $"{target} {Path.GetFileName(file)}: {escaped}");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Mutations_OfTheSeeds_OnlyTypedErrorsEscape(string target)
    {
        byte[][] seeds = [.. Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "fuzz", "seeds", target)).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
        var random = new Random(20261204 + target.Length);
        int refused = 0;
        const int Rounds = 300;
        for (int i = 0; i < Rounds; i++)
        {
            byte[] input = Mutate(seeds[random.Next(seeds.Length)], random);
            Exception? escaped = Record.Exception(() =>
            {
                if (!FuzzTargets.Run(target, input))
                {
                    refused++;
                }
            });
            Assert.True(escaped is null, $"{target} mutation {i} (input saved nowhere; reproduce with seed 20261204+{target.Length}): {escaped}");
        }

        // The mutations must actually reach the error paths, or this test proves nothing.
        Assert.InRange(refused, 1, Rounds);
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        byte[] data = (byte[])seed.Clone();
        int edits = 1 + random.Next(8);
        for (int e = 0; e < edits && data.Length > 0; e++)
        {
            int at = random.Next(data.Length);
            switch (random.Next(6))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = (byte)random.Next(256);
                    break;
                case 2:
                    data = data[..at];
                    break;
                case 3:
                    int len = Math.Min(data.Length - at, 1 + random.Next(64));
                    data = [.. data[..at], .. data[(at + len)..]];
                    break;
                case 4:
                    byte[] digits = System.Text.Encoding.ASCII.GetBytes(random.Next(3) == 0 ? "99999999999" : random.Next(-5, 5000).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    data = [.. data[..at], .. digits, .. data[at..]];
                    break;
                default:
                    int from = random.Next(data.Length);
                    int count = Math.Min(data.Length - from, 1 + random.Next(128));
                    data = [.. data[..at], .. data.AsSpan(from, count), .. data[at..]];
                    break;
            }
        }

        return data;
    }
}
