using System.Globalization;
using System.Text;
using EDoc.Archive.Fixity;
using EDoc.Archive.Packages;
using EDoc.Validation;

namespace EDoc.Archive.Verification;

/// <summary>Verifies a BagIt bag (RFC 8493): declaration, manifests both ways, checksums, Payload-Oxum, tag manifests.</summary>
internal static class BagItVerifier
{
    private const long MaxTagFileSize = 64L << 20;

    public static void Verify(PackageSource source, Dictionary<string, (string Sha256, string? Sha512, long Size)> hashes, List<ArchiveVerificationProblem> problems)
    {
        var declaration = ReadLines(source, "bagit.txt");
        if (declaration is null || declaration.Count < 2
            || !declaration[0].StartsWith("BagIt-Version: ", StringComparison.Ordinal)
            || declaration[1] != "Tag-File-Character-Encoding: UTF-8")
        {
            problems.Add(new ArchiveVerificationProblem("bagit.txt", "bagit.declaration", "bagit.txt must have the two lines 'BagIt-Version: M.N' and 'Tag-File-Character-Encoding: UTF-8' (RFC 8493 §2.1.1)."));
        }

        var payload = source.Files.Keys.Where(p => p.StartsWith("data/", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var manifests = source.Files.Keys.Where(p => !p.Contains('/', StringComparison.Ordinal) && p.StartsWith("manifest-", StringComparison.Ordinal) && p.EndsWith(".txt", StringComparison.Ordinal)).ToList();
        if (manifests.Count == 0)
        {
            problems.Add(new ArchiveVerificationProblem("manifest-sha512.txt", "bagit.no-manifest", "The bag has no payload manifest (RFC 8493 §2.1.3)."));
        }

        foreach (var manifest in manifests)
        {
            var listed = CheckManifest(source, manifest, hashes, problems);
            foreach (var file in payload.Where(p => !listed.Contains(p)).OrderBy(p => p, StringComparer.Ordinal))
            {
                problems.Add(new ArchiveVerificationProblem(file, "bagit.not-in-manifest", $"The payload file is not listed in {manifest} (RFC 8493 §3: a complete bag lists every payload file)."));
            }
        }

        foreach (var tagManifest in source.Files.Keys.Where(p => !p.Contains('/', StringComparison.Ordinal) && p.StartsWith("tagmanifest-", StringComparison.Ordinal)))
        {
            CheckManifest(source, tagManifest, hashes, problems);
        }

        var info = ReadLines(source, "bag-info.txt");
        var oxum = info?.FirstOrDefault(l => l.StartsWith("Payload-Oxum:", StringComparison.Ordinal));
        if (oxum is not null)
        {
            var value = oxum["Payload-Oxum:".Length..].Trim();
            var dot = value.IndexOf('.', StringComparison.Ordinal);
            var actualOctets = payload.Sum(p => hashes[p].Size);
            if (dot < 0 || !long.TryParse(value[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var octets)
                || !long.TryParse(value[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                || octets != actualOctets || count != payload.Count)
            {
                problems.Add(new ArchiveVerificationProblem("bag-info.txt", "bagit.oxum", $"Payload-Oxum is '{value}' but the payload is {actualOctets}.{payload.Count} (octets.count)."));
            }
        }
    }

    private static HashSet<string> CheckManifest(PackageSource source, string manifest, Dictionary<string, (string Sha256, string? Sha512, long Size)> hashes, List<ArchiveVerificationProblem> problems)
    {
        var algorithm = manifest[(manifest.IndexOf('-', StringComparison.Ordinal) + 1)..^4];
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var lines = ReadLines(source, manifest) ?? [];
        foreach (var (line, i) in lines.Select((l, i) => (l, i)))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOfAny([' ', '\t']);
            if (space <= 0)
            {
                problems.Add(new ArchiveVerificationProblem($"{manifest}:{i + 1}", "bagit.manifest-syntax", "The line is not 'checksum path'."));
                continue;
            }

            var checksum = line[..space];
            var path = ArchiveFileNames.Normalize(BagIt.DecodePath(line[space..].TrimStart(' ', '\t')));
            if (ArchiveFileNames.GetPathProblem(path) is { } p)
            {
                problems.Add(new ArchiveVerificationProblem($"{manifest}:{i + 1}", "bagit.manifest-path", $"The path '{path}' is refused: {p.Reason}."));
                continue;
            }

            listed.Add(path);
            if (!hashes.TryGetValue(path, out var h))
            {
                problems.Add(new ArchiveVerificationProblem(path, "bagit.missing", $"The file listed in {manifest} is missing."));
                continue;
            }

            string? actual = algorithm switch
            {
                "sha256" => h.Sha256,
                "sha512" => h.Sha512,
                _ => null,
            };
            if (actual is null)
            {
                problems.Add(new ArchiveVerificationProblem(manifest, "bagit.algorithm-unsupported", $"The manifest algorithm '{algorithm}' is not checked (sha256 and sha512 are).", ValidationSeverity.Warning));
                break;
            }

            if (!FixityCalculator.ChecksumEquals(actual, checksum))
            {
                problems.Add(new ArchiveVerificationProblem(path, "bagit.checksum-mismatch", $"The file's {algorithm} does not match {manifest}."));
            }
        }

        return listed;
    }

    private static List<string>? ReadLines(PackageSource source, string path)
    {
        if (!source.Files.TryGetValue(path, out var entry))
        {
            return null;
        }

        if (entry.Size > MaxTagFileSize)
        {
            throw new EDocLimitExceededException("BagIt", path, "MaxTagFileSize", MaxTagFileSize, entry.Size);
        }

        using var stream = source.OpenRead(entry);
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
