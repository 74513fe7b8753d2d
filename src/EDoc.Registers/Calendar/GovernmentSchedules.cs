using System.Text.Json;
using System.Text.Json.Serialization;

namespace EDoc.Registers.Calendar;

/// <summary>
/// Yearly government holiday schedules as data: the embedded defaults (2025 and 2026) and a JSON reader for more.
/// </summary>
/// <remarks>
/// <para>The embedded data lists only what differs from the computed rules (see <see cref="WorkingDayCalendar"/>):</para>
/// <list type="bullet">
/// <item>2025: Tết Ất Tỵ off from Sat 25/01 to Sun 02/02 (Mon 27/01 off, no compensation on Mon 03/02); Fri 02/05 off,
/// swapped with Sat 26/04 worked. Giỗ Tổ (Mon 07/04) and Quốc khánh (Mon 01/09 + Tue 02/09) follow the rules.</item>
/// <item>2026: Tết Dương lịch off from Thu 01/01 to Sun 04/01, Fri 02/01 swapped with Sat 10/01 worked (Công văn
/// 12729/VPCP-KGVX). Tết Bính Ngọ (Sat 14/02 – Sun 22/02, Tết days Mon 16/02 – Fri 20/02), Giỗ Tổ (Sun 26/04,
/// compensated Mon 27/04) and Quốc khánh (Tue 01/09 + Wed 02/09) follow the rules.</item>
/// </list>
/// <para>The facts come from third-party reports of the official notices and must be confirmed against the official
/// text; add or correct days through <see cref="WorkingCalendarOptions.Adjustments"/> without a new release.</para>
/// </remarks>
public static class GovernmentSchedules
{
    /// <summary>The largest JSON document <see cref="ParseJson(string)"/> accepts: 1 MiB.</summary>
    public const int MaxJsonLength = 1024 * 1024;

    private const string ResourceName = "EDoc.Registers.Calendar.Schedules.vn-government-schedules.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 8,
    };

    private static readonly Lazy<IReadOnlyList<ScheduleAdjustment>> Embedded = new(LoadEmbedded);

    /// <summary>The embedded adjustments for 2025 and 2026. Each call returns fresh copies that the caller may change.</summary>
    /// <returns>The adjustments in date order.</returns>
    public static IReadOnlyList<ScheduleAdjustment> GetEmbeddedAdjustments()
        => Embedded.Value.Select(static a => new ScheduleAdjustment(a.Date, a.Kind, a.Name) { Source = a.Source }).ToList();

    /// <summary>
    /// Reads adjustments from JSON: <c>{ "adjustments": [ { "date": "2027-04-30", "kind": "DayOff", "name": "…", "source": "…" } ] }</c>
    /// (a bare array of adjustments is accepted too).
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The adjustments.</returns>
    /// <exception cref="EDocFormatException">The JSON is malformed, or an adjustment has no date, an unknown kind or no name.</exception>
    /// <exception cref="EDocLimitExceededException">The text is longer than <see cref="MaxJsonLength"/>.</exception>
    public static IReadOnlyList<ScheduleAdjustment> ParseJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxJsonLength)
        {
            throw new EDocLimitExceededException("ScheduleJson", null, nameof(MaxJsonLength), MaxJsonLength, json.Length);
        }

        List<ScheduleAdjustment>? items;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 8 });
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (!root.TryGetProperty("adjustments", out root))
                {
                    throw new EDocFormatException("ScheduleJson", "$", "The object has no 'adjustments' array.");
                }
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new EDocFormatException("ScheduleJson", "$.adjustments", "Expected an array of adjustments.");
            }

            items = root.Deserialize<List<ScheduleAdjustment>>(JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new EDocFormatException("ScheduleJson", ex.Path, ex.Message, ex);
        }

        items ??= [];
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item is null || item.Date == default)
            {
                throw new EDocFormatException("ScheduleJson", $"$.adjustments[{i}].date", "The adjustment has no date.");
            }

            if (!Enum.IsDefined(item.Kind))
            {
                throw new EDocFormatException("ScheduleJson", $"$.adjustments[{i}].kind", "The kind must be DayOff or WorkingDay.");
            }

            if (string.IsNullOrWhiteSpace(item.Name))
            {
                throw new EDocFormatException("ScheduleJson", $"$.adjustments[{i}].name", "The adjustment has no name.");
            }
        }

        return items;
    }

    private static IReadOnlyList<ScheduleAdjustment> LoadEmbedded()
    {
        using var stream = typeof(GovernmentSchedules).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing.");
        using var reader = new StreamReader(stream);
        return [.. ParseJson(reader.ReadToEnd()).OrderBy(static a => a.Date)];
    }
}
