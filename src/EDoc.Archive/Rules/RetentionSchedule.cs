using System.Text.Json;

namespace EDoc.Archive.Rules;

/// <summary>
/// Retention periods (thời hạn bảo quản) per Thông tư 10/2022/TT-BNV as data: the levels (permanent, 70, 50, 30, 20,
/// 10, 5 years) with their TT 05/2025 maintenance code, and optional agency categories mapped to a level. The period
/// is counted from the year the work was completed.
/// </summary>
public sealed class RetentionSchedule
{
    /// <summary>The id of the built-in schedule.</summary>
    public const string Tt10Id = "TT10_2022";

    private static readonly Lazy<RetentionSchedule> Builtin = new(() =>
    {
        using var stream = ArchiveRuleSet.OpenEmbedded(Tt10Id);
        return Create(JsonSerializer.Deserialize(stream, RuleSetJsonContext.Default.RetentionDocument)
                      ?? throw new InvalidOperationException("The embedded retention schedule is empty."));
    });

    private RetentionSchedule(string id, IReadOnlyList<RetentionLevel> levels, IReadOnlyList<RetentionCategory> categories)
    {
        Id = id;
        Levels = levels;
        Categories = categories;
    }

    /// <summary>The levels of Thông tư 10/2022/TT-BNV.</summary>
    public static RetentionSchedule Tt10 => Builtin.Value;

    /// <summary>The schedule id.</summary>
    public string Id { get; }

    /// <summary>The retention levels.</summary>
    public IReadOnlyList<RetentionLevel> Levels { get; }

    /// <summary>The agency's categories (nhóm tài liệu) mapped to a level; empty in the built-in schedule.</summary>
    public IReadOnlyList<RetentionCategory> Categories { get; }

    /// <summary>Loads a schedule (for example an agency's own table of categories) from JSON.</summary>
    /// <param name="json">The JSON document, same shape as the built-in <c>TT10_2022.json</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArchiveRuleSetFormatException">The document is not a schedule.</exception>
    public static async Task<RetentionSchedule> LoadAsync(Stream json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var doc = await JsonSerializer.DeserializeAsync(json, RuleSetJsonContext.Default.RetentionDocument, cancellationToken).ConfigureAwait(false);
            return Create(doc ?? throw new ArchiveRuleSetFormatException(null, "the document is empty."));
        }
        catch (JsonException ex)
        {
            throw new ArchiveRuleSetFormatException(ex.Path, ex.Message, ex);
        }
    }

    /// <summary>Finds the level of a TT 05/2025 maintenance code.</summary>
    /// <param name="maintenanceCode">The code, for example <c>04</c>.</param>
    /// <returns>The level, or <see langword="null"/>.</returns>
    public RetentionLevel? FindByMaintenanceCode(string maintenanceCode)
        => Levels.FirstOrDefault(l => string.Equals(l.MaintenanceCode, maintenanceCode, StringComparison.Ordinal));

    /// <summary>
    /// The last year the records must be kept: the completion year plus the period; <see langword="null"/> for
    /// permanent retention.
    /// </summary>
    /// <param name="level">The level.</param>
    /// <param name="completionYear">The year the work was completed.</param>
    /// <returns>The last year of retention, or <see langword="null"/> when permanent.</returns>
    public static int? LastYearOfRetention(RetentionLevel level, int completionYear)
    {
        ArgumentNullException.ThrowIfNull(level);
        return level.Years is { } years ? completionYear + years : null;
    }

    private static RetentionSchedule Create(RetentionDocument doc)
    {
        var levels = (doc.Levels ?? []).Select((l, i) => new RetentionLevel(
            l.Id ?? throw new ArchiveRuleSetFormatException($"levels[{i}]", "a level has no id."),
            l.Label ?? l.Id,
            l.Years,
            l.MaintenanceCode)).ToList();
        var categories = (doc.Categories ?? []).Select((c, i) =>
        {
            var level = levels.FirstOrDefault(l => l.Id == c.Level)
                        ?? throw new ArchiveRuleSetFormatException($"categories[{i}]", $"unknown level '{c.Level}'.");
            return new RetentionCategory(c.Id ?? $"{i}", c.Title ?? string.Empty, level);
        }).ToList();
        return new RetentionSchedule(doc.Id ?? "custom", levels, categories);
    }
}

/// <summary>A retention level.</summary>
/// <param name="Id">The level id, for example <c>30y</c>.</param>
/// <param name="Label">The Vietnamese label.</param>
/// <param name="Years">The number of years, or <see langword="null"/> for permanent retention (vĩnh viễn).</param>
/// <param name="MaintenanceCode">The TT 05/2025 maintenance code.</param>
public sealed record RetentionLevel(string Id, string Label, int? Years, string? MaintenanceCode);

/// <summary>A category of records (nhóm hồ sơ, tài liệu) and its retention level.</summary>
/// <param name="Id">The category id in the agency's table.</param>
/// <param name="Title">The category title.</param>
/// <param name="Level">The retention level.</param>
public sealed record RetentionCategory(string Id, string Title, RetentionLevel Level);
