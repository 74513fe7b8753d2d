using System.Diagnostics.CodeAnalysis;

namespace EDoc.Agencies;

/// <summary>
/// Mã định danh điện tử of an agency under QĐ 20/2020/QĐ-TTg (amended by QĐ 09/2025/QĐ-TTg), for example
/// <c>G12.18</c>. Unlike <see cref="AgencyCode"/> it is read left to right: the first group is the level-1 body
/// (a letter and two digits), each further group (2 or 3 digits) one level down, at most four levels.
/// </summary>
/// <remarks>
/// The national hub returns both this code and the QCVN 102:2016 code (<c>code</c> and <c>code102</c>); store both,
/// see <see cref="Agency"/>. The group widths below level 1 are not confirmed by the regulation text in this SDK's
/// sources; the parser accepts 2 or 3 digits. Equality is ordinal on <see cref="Value"/>.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(ElectronicAgencyIdentifierJsonConverter))]
public sealed class ElectronicAgencyIdentifier : IEquatable<ElectronicAgencyIdentifier>, ISpanParsable<ElectronicAgencyIdentifier>
{
    /// <summary>The longest input the parser looks at.</summary>
    public const int MaxInputLength = 20;

    private readonly string[] _groups;

    private ElectronicAgencyIdentifier(string[] groups)
    {
        _groups = groups;
        Value = string.Join('.', groups);
    }

    /// <summary>The identifier as text, for example <c>G12.18</c>.</summary>
    public string Value { get; }

    /// <summary>The level, 1 to 4: the number of groups.</summary>
    public int Level => _groups.Length;

    /// <summary>The parent identifier (the last group removed), or <see langword="null"/> at level 1.</summary>
    public ElectronicAgencyIdentifier? Parent => _groups.Length == 1 ? null : new ElectronicAgencyIdentifier(_groups[..^1]);

    /// <summary>Parses an identifier.</summary>
    /// <param name="s">The text, for example <c>G12.18</c>.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="EDocFormatException">The text is not a valid identifier.</exception>
    public static ElectronicAgencyIdentifier Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>Parses an identifier.</summary>
    /// <param name="s">The text.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="EDocFormatException">The text is not a valid identifier.</exception>
    public static ElectronicAgencyIdentifier Parse(ReadOnlySpan<char> s)
    {
        if (TryParseCore(s, out var result, out var error))
        {
            return result;
        }

        throw new EDocFormatException("ElectronicAgencyIdentifier", null, $"'{InputText.Show(s)}' is not a valid electronic identifier (mã định danh điện tử, QĐ 20/2020): {InputText.Show(error, 300)}");
    }

    /// <summary>Tries to parse an identifier.</summary>
    /// <param name="s">The text; <see langword="null"/> gives <see langword="false"/>.</param>
    /// <param name="result">The identifier, when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the text is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out ElectronicAgencyIdentifier? result)
    {
        result = null;
        return s is not null && TryParseCore(s, out result, out _);
    }

    /// <summary>Tries to parse an identifier.</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The identifier, when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the text is valid.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, [NotNullWhen(true)] out ElectronicAgencyIdentifier? result)
        => TryParseCore(s, out result, out _);

    /// <inheritdoc />
    static ElectronicAgencyIdentifier IParsable<ElectronicAgencyIdentifier>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    static bool IParsable<ElectronicAgencyIdentifier>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out ElectronicAgencyIdentifier result)
        => TryParse(s, out result);

    /// <inheritdoc />
    static ElectronicAgencyIdentifier ISpanParsable<ElectronicAgencyIdentifier>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    static bool ISpanParsable<ElectronicAgencyIdentifier>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, [MaybeNullWhen(false)] out ElectronicAgencyIdentifier result)
        => TryParse(s, out result);

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The identifier as text.</returns>
    public override string ToString() => Value;

    /// <inheritdoc />
    public bool Equals(ElectronicAgencyIdentifier? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ElectronicAgencyIdentifier);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Equality.</summary>
    /// <param name="left">An identifier or <see langword="null"/>.</param>
    /// <param name="right">An identifier or <see langword="null"/>.</param>
    /// <returns>Whether both are equal.</returns>
    public static bool operator ==(ElectronicAgencyIdentifier? left, ElectronicAgencyIdentifier? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">An identifier or <see langword="null"/>.</param>
    /// <param name="right">An identifier or <see langword="null"/>.</param>
    /// <returns>Whether both differ.</returns>
    public static bool operator !=(ElectronicAgencyIdentifier? left, ElectronicAgencyIdentifier? right) => !(left == right);

    private static bool TryParseCore(ReadOnlySpan<char> s, [NotNullWhen(true)] out ElectronicAgencyIdentifier? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (s.IsEmpty || s.Length > MaxInputLength)
        {
            error = s.IsEmpty ? "the identifier is empty." : $"the identifier has {s.Length} characters; at most {MaxInputLength} are allowed.";
            return false;
        }

        Span<Range> ranges = stackalloc Range[5];
        var count = s.Split(ranges, '.');
        if (count > 4)
        {
            error = "an identifier has at most 4 groups separated by '.'.";
            return false;
        }

        var groups = new string[count];
        for (var i = 0; i < count; i++)
        {
            var g = s[ranges[i]];
            var ok = i == 0
                ? g.Length == 3 && char.IsAsciiLetterUpper(g[0]) && !g[1..].ContainsAnyExceptInRange('0', '9')
                : g.Length is 2 or 3 && !g.ContainsAnyExceptInRange('0', '9');
            if (!ok)
            {
                error = i == 0
                    ? $"the first group must be an upper-case letter and 2 digits (e.g. G12), found '{g}'."
                    : $"group {i + 1} must be 2 or 3 digits, found '{g}'.";
                return false;
            }

            groups[i] = g.ToString();
        }

        result = new ElectronicAgencyIdentifier(groups);
        error = null;
        return true;
    }
}
