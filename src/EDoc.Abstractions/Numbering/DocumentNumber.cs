using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace EDoc.Numbering;

/// <summary>
/// Số văn bản: the positive sequence number of a document within its register and year, written in Arabic digits and
/// zero-padded below 10 (<c>01</c> … <c>09</c>, then <c>10</c>, <c>11</c> …) as NĐ 30/2020/NĐ-CP Annex I §II.3.c
/// requires.
/// </summary>
/// <remarks>
/// <c>default(DocumentNumber)</c> has <see cref="Value"/> 0, which is not a valid number; it formats as an empty
/// string. Parsing accepts leading zeros (<c>001</c>) and at most <see cref="MaxLength"/> digits.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(DocumentNumberJsonConverter))]
public readonly struct DocumentNumber : IEquatable<DocumentNumber>, IComparable<DocumentNumber>, ISpanParsable<DocumentNumber>, ISpanFormattable
{
    /// <summary>The longest number text: 11 characters (the <c>CodeNumber</c> field of NĐ 30/2020 Annex VI).</summary>
    public const int MaxLength = 11;

    private const string Subject = "DocumentNumber";

    /// <summary>Initializes a number.</summary>
    /// <param name="value">The number; 1 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is 0 or negative.</exception>
    public DocumentNumber(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
        Value = value;
    }

    /// <summary>The number, 1 or more (0 only for <c>default</c>).</summary>
    public int Value { get; }

    /// <summary>Parses a number.</summary>
    /// <param name="s">The digits, for example <c>08</c> or <c>123</c>.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="EDocFormatException">The text is not a positive number of at most 11 digits.</exception>
    public static DocumentNumber Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan());
    }

    /// <summary>Parses a number.</summary>
    /// <param name="s">The digits.</param>
    /// <returns>The number.</returns>
    /// <exception cref="EDocFormatException">The text is not a positive number of at most 11 digits.</exception>
    public static DocumentNumber Parse(ReadOnlySpan<char> s)
    {
        if (TryParseCore(s, out var result, out var error))
        {
            return result;
        }

        throw new EDocFormatException(Subject, null, $"'{InputText.Show(s, 20)}' is not a valid document number (số văn bản): {InputText.Show(error, 300)}");
    }

    /// <summary>Tries to parse a number.</summary>
    /// <param name="s">The digits; <see langword="null"/> gives <see langword="false"/>.</param>
    /// <param name="result">The number, when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the text is a valid number.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out DocumentNumber result)
    {
        result = default;
        return s is not null && TryParseCore(s, out result, out _);
    }

    /// <summary>Tries to parse a number.</summary>
    /// <param name="s">The digits.</param>
    /// <param name="result">The number, when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the text is a valid number.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, out DocumentNumber result) => TryParseCore(s, out result, out _);

    /// <inheritdoc />
    static DocumentNumber IParsable<DocumentNumber>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    static bool IParsable<DocumentNumber>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out DocumentNumber result) => TryParse(s, out result);

    /// <inheritdoc />
    static DocumentNumber ISpanParsable<DocumentNumber>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    static bool ISpanParsable<DocumentNumber>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out DocumentNumber result) => TryParse(s, out result);

    /// <summary>Formats the number: zero-padded to two digits below 10 (<c>08</c>), plain above (<c>123</c>).</summary>
    /// <returns>The text; empty for <c>default</c>.</returns>
    public override string ToString() => Value == 0 ? string.Empty : Value.ToString("00", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    /// <remarks>The format and provider are ignored: a document number has one form.</remarks>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    /// <remarks>The format and provider are ignored: a document number has one form.</remarks>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (Value == 0)
        {
            charsWritten = 0;
            return true;
        }

        return Value.TryFormat(destination, out charsWritten, "00", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public bool Equals(DocumentNumber other) => Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DocumentNumber other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value;

    /// <inheritdoc />
    public int CompareTo(DocumentNumber other) => Value.CompareTo(other.Value);

    /// <summary>Equality.</summary>
    /// <param name="left">A number.</param>
    /// <param name="right">A number.</param>
    /// <returns>Whether both are equal.</returns>
    public static bool operator ==(DocumentNumber left, DocumentNumber right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">A number.</param>
    /// <param name="right">A number.</param>
    /// <returns>Whether both differ.</returns>
    public static bool operator !=(DocumentNumber left, DocumentNumber right) => !left.Equals(right);

    /// <summary>Ordering.</summary>
    /// <param name="left">A number.</param>
    /// <param name="right">A number.</param>
    /// <returns>Whether left is smaller.</returns>
    public static bool operator <(DocumentNumber left, DocumentNumber right) => left.Value < right.Value;

    /// <summary>Ordering.</summary>
    /// <param name="left">A number.</param>
    /// <param name="right">A number.</param>
    /// <returns>Whether left is smaller or equal.</returns>
    public static bool operator <=(DocumentNumber left, DocumentNumber right) => left.Value <= right.Value;

    /// <summary>Ordering.</summary>
    /// <param name="left">A number.</param>
    /// <param name="right">A number.</param>
    /// <returns>Whether left is greater.</returns>
    public static bool operator >(DocumentNumber left, DocumentNumber right) => left.Value > right.Value;

    /// <summary>Ordering.</summary>
    /// <param name="left">A number.</param>
    /// <param name="right">A number.</param>
    /// <returns>Whether left is greater or equal.</returns>
    public static bool operator >=(DocumentNumber left, DocumentNumber right) => left.Value >= right.Value;

    private static bool TryParseCore(ReadOnlySpan<char> s, out DocumentNumber result, [NotNullWhen(false)] out string? error)
    {
        result = default;
        if (s.IsEmpty)
        {
            error = "the number is empty.";
            return false;
        }

        if (s.Length > MaxLength)
        {
            error = $"the number has {s.Length} characters; at most {MaxLength} are allowed.";
            return false;
        }

        if (s.ContainsAnyExceptInRange('0', '9'))
        {
            error = "only the digits 0-9 are allowed.";
            return false;
        }

        if (!int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            error = $"the number is larger than {int.MaxValue}.";
            return false;
        }

        if (value == 0)
        {
            error = "the number must be 1 or more.";
            return false;
        }

        result = new DocumentNumber(value);
        error = null;
        return true;
    }
}
