using System.Text;
using CsCheck;
using EDoc.Agencies;
using EDoc.Documents;
using EDoc.Formats;
using EDoc.Numbering;

namespace EDoc.Interchange.Tests.EdXml.Mapping;

/// <summary>CsCheck generators of documents that pass <see cref="ElectronicDocumentValidator"/> at <see cref="Now"/>.</summary>
internal static class DocumentGenerators
{
    /// <summary>The clock of the mapper under test: every generated date is before it.</summary>
    public static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A specialised type that is not in the default catalog (carried by the extension).</summary>
    public static readonly DocumentType Specialized = new("cong-van-nganh", "Công văn ngành", "CVN", DocumentTypeCategory.Specialized);

    private const string Letters = "abcdeghiklmnopqrstuvxyđăâêôơưáàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựíìỉĩịúùủũụýỳỷỹỵ";
    private const string TextChars = Letters + "ABCDĐEGHKLMNOPQRSTUVXY0123456789 ,.;:/()-&<>\"'\n";
    private const string GroupLetters = "ABCDĐEGHKLMNPQRSTUVXY";

    private static readonly TimeSpan[] Offsets = [TimeSpan.FromHours(7), TimeSpan.Zero, TimeSpan.FromHours(-5), TimeSpan.FromMinutes(330)];

    public static Gen<string> Text(int max) =>
        Gen.String[Gen.Char[TextChars], 1, max].Select(s => s.Trim()).Where(s => s.Length > 0);

    public static Gen<string?> Optional(Gen<string> gen) => Gen.Select(Gen.Bool, gen, (present, value) => present ? value : null);

    public static Gen<T?> OptionalValue<T>(Gen<T> gen)
        where T : struct => Gen.Select(Gen.Bool, gen, (present, value) => present ? value : (T?)null);

    public static readonly Gen<AgencyCode> Codes =
        Gen.Select(Gen.Int[0, 999], Gen.Int[0, 99], Gen.Int[0, 99], Gen.Char['A', 'Z'], Gen.Int[0, 99],
            (a, b, c, l, n) => AgencyCode.Parse($"{a:000}.{b:00}.{c:00}.{l}{n:00}"));

    public static readonly Gen<ElectronicAgencyIdentifier> ElectronicIdentifiers =
        Gen.Select(Gen.Char['A', 'Z'], Gen.Int[0, 99], Gen.Int[10, 99].Array[0, 3],
            (l, n, groups) => ElectronicAgencyIdentifier.Parse(string.Join('.', new[] { $"{l}{n:00}" }.Concat(groups.Select(g => g.ToString(System.Globalization.CultureInfo.InvariantCulture))))));

    public static readonly Gen<Agency> Agencies =
        Gen.Select(
            Gen.Select(Text(60), Codes, Optional(ElectronicIdentifiers.Select(e => e.Value)), Optional(Text(60))),
            Gen.Select(Optional(Text(100)), Optional(Text(40)), Optional(Text(20)), Optional(Text(20)), Optional(Text(40))),
            (a, b) => new Agency
            {
                Name = a.Item1,
                Code = a.Item2,
                ElectronicIdentifier = a.Item3 is null ? null : ElectronicAgencyIdentifier.Parse(a.Item3),
                ParentName = a.Item4,
                Address = b.Item1,
                Email = b.Item2,
                Telephone = b.Item3,
                Fax = b.Item4,
                Website = b.Item5,
            });

    private static readonly Gen<string> Groups = Gen.Select(
        Gen.Char[GroupLetters].Array[1, 4], Gen.Char["0123456789"].Array[0, 2], (letters, digits) => new string(letters) + new string(digits));

    private static Gen<DateTimeOffset> TimeAfter(DateOnly date) =>
        Gen.Select(Gen.Int[0, 3 * 24 * 3600], Gen.Int[0, Offsets.Length - 1], (seconds, offset) =>
            new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7)).AddSeconds(seconds).ToOffset(Offsets[offset]));

    /// <summary>
    /// Attachments: unique content ids, at most one main document (a PDF). With <paramref name="withContent"/> only
    /// formats whose content is easy to make (pdf, txt, csv, rtf, jpg), and the size is the content's length.
    /// </summary>
    public static Gen<Attachment[]> Attachments(bool withContent)
    {
        string[] extensions = withContent ? [".pdf", ".txt", ".csv", ".rtf", ".jpg"] : [.. AttachmentFormatPolicy.AllowedExtensions];
        var one = Gen.Select(Text(30).Select(s => s.Replace('\n', ' ').Replace('/', '-')), Gen.OneOf(extensions), Optional(Text(40)), Gen.Long[0, 2_000_000_000], Gen.Bool);
        return Gen.Select(one.Array[0, 4], Gen.Int[0, 3], (items, mainPick) =>
        {
            var result = new Attachment[items.Length];
            var mainIndex = Array.FindIndex(items, i => i.Item2 == ".pdf" && mainPick > 0);
            for (var i = 0; i < items.Length; i++)
            {
                var (name, extension, description, size, hasType) = items[i];
                var fileName = name + extension;
                var format = AttachmentFormatPolicy.GetFormatFromFileName(fileName)!.Value;
                result[i] = new Attachment
                {
                    Name = fileName,
                    ContentId = $"a{i}",
                    ContentType = withContent || hasType ? AttachmentFormatPolicy.GetMediaType(format) : "application/octet-stream",
                    Description = description,
                    Size = withContent ? Content(result.Length, i, extension).Length : size,
                    IsMainDocument = i == mainIndex,
                };
            }

            return result;
        });
    }

    /// <summary>Content whose format matches the extension (so the writer's article 11 check accepts it).</summary>
    public static byte[] Content(int count, int index, string extension) => extension switch
    {
        ".pdf" => Encoding.ASCII.GetBytes($"%PDF-1.7\n% attachment {index} of {count}\n%%EOF\n"),
        ".rtf" => Encoding.ASCII.GetBytes($"{{\\rtf1\\ansi attachment {index}}}"),
        ".jpg" => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, (byte)index],
        _ => Encoding.UTF8.GetBytes($"Tệp đính kèm số {index}; tổng {count}\n"),
    };

    public static Gen<ElectronicDocument> Documents(bool withContent, bool includeSpecialized = true)
    {
        var types = DocumentTypeCatalog.Default.All.Concat(includeSpecialized ? [Specialized] : []).ToArray();
        var identity = Gen.Select(Gen.OneOf(types), Gen.Int[1, 99_999], Groups, Groups.Array[0, 2], Gen.Int[0, 10_900])
            .Select((type, number, issuer, qualifiers, day) =>
            {
                var issueDate = new DateOnly(2000, 1, 1).AddDays(day);
                var notation = NotationRules.Compose(new DocumentNumber(number), type, issuer, type.NotationHasYear ? issueDate.Year : null, qualifiers);
                return (Type: type, Notation: notation, IssueDate: issueDate);
            });
        var texts = Gen.Select(Optional(Text(50)), Text(200), Optional(Text(200)), Optional(Text(30)), Optional(Text(200)));
        var people = Gen.Select(Optional(Text(50)), Optional(Text(60)), Optional(Text(60)))
            .Select((name, position, competence) => name is null ? null : new SignerInfo { FullName = name, Position = position, Competence = competence });
        var numbers = Gen.Select(Gen.Int[0, 4], OptionalValue(Gen.Int[0, 999]), OptionalValue(Gen.Int[0, 999]));
        var recipients = Agencies.Array[1, 3].Where(a => a.Select(x => x.Code).Distinct().Count() == a.Length);
        var directions = Gen.Select(Text(40), Gen.Int[0, 1000], Text(200), OptionalValue(Gen.Int[0, 60]), Text(30).Array[0, 2])
            .Array[0, 2];
        var history = Gen.Select(Text(40), Gen.Int[0, 1000], Gen.Int[0, 11], Optional(Text(100))).Array[0, 3];
        var times = Gen.Select(Gen.Bool, Gen.Bool, Gen.Int[0, 2 * 24 * 3600], Gen.Int[0, Offsets.Length - 1], OptionalValue(Gen.Int[0, 90]));

        return Gen.Select(identity, texts, people, numbers, Gen.Select(Agencies, recipients), Attachments(withContent), Gen.Select(directions, history, times))
            .SelectMany(x => TimeAfter(x.Item1.IssueDate).Select(sent => (x, sent)))
            .Select(t =>
            {
                var ((id, text, signer, num, agencies, attachments, extra), sent) = t;
                var (directionItems, historyItems, (hasSent, hasReceived, receivedDelay, receivedOffset, dueDays)) = extra;
                var start = new DateTimeOffset(id.IssueDate.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
                DateTimeOffset? sentAt = hasSent ? sent.AddTicks(hasReceived ? 1234567 : 0) : null;
                return new ElectronicDocument
                {
                    Notation = id.Notation,
                    Type = id.Type,
                    IssueDate = id.IssueDate,
                    IssuePlace = text.Item1,
                    Subject = text.Item2,
                    Summary = text.Item3,
                    Language = text.Item4,
                    Notes = text.Item5,
                    Urgency = (Urgency)num.Item1,
                    PageCount = num.Item2,
                    CopyCount = num.Item3,
                    Signer = signer,
                    Sender = agencies.Item1,
                    Recipients = agencies.Item2,
                    Attachments = attachments,
                    SentAt = sentAt,
                    ReceivedAt = hasReceived ? (sentAt ?? start).AddSeconds(receivedDelay).ToOffset(Offsets[receivedOffset]) : null,
                    DueDate = dueDays is { } due ? id.IssueDate.AddDays(due) : null,
                    Directions = directionItems.Select(d => new LeaderDirection
                    {
                        Leader = d.Item1,
                        GivenAt = start.AddHours(d.Item2),
                        Text = d.Item3,
                        Deadline = d.Item4 is { } days ? DateOnly.FromDateTime(start.AddHours(d.Item2).DateTime).AddDays(days) : null,
                        AssignedTo = d.Item5,
                    }).ToArray(),
                    History = historyItems.Select(h => new ProcessingStep
                    {
                        Actor = h.Item1,
                        At = start.AddMinutes(h.Item2),
                        Action = (ProcessingAction)h.Item3,
                        Note = h.Item4,
                    }).ToArray(),
                };
            });
    }
}
