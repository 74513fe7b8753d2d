using System.Diagnostics.CodeAnalysis;

namespace EDoc.Agencies;

/// <summary>
/// Mã định danh of an agency or organisation (QCVN 102:2016/BTTTT, Thông tư 10/2016/TT-BTTTT): four dot-separated
/// groups <c>NNN.NN.NN.Xnn</c>, for example <c>000.00.00.H41</c> (UBND tỉnh Nghệ An).
/// </summary>
/// <remarks>
/// <para>
/// The hierarchy is read right to left: the last group <c>Xnn</c> is the level-1 body (<c>G</c> = ministry or central
/// agency, <c>H</c> = provincial People's Committee), the third group the level-2 unit, the second the level-3 unit and
/// the first the level-4 unit. A group of zeros means "this level is not used". The parent of
/// <c>000.46.24.H44</c> is <c>000.00.24.H44</c>.
/// </para>
/// <para>
/// Instances are immutable; equality is ordinal on <see cref="Value"/>; ordering sorts a parent before its children.
/// </para>
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(AgencyCodeJsonConverter))]
public sealed class AgencyCode : IEquatable<AgencyCode>, IComparable<AgencyCode>, ISpanParsable<AgencyCode>
{
    /// <summary>The length of a standard code: 13 characters (the <c>OrganId</c> field of NĐ 30/2020 Annex VI).</summary>
    public const int StandardLength = 13;

    /// <summary>The longest input the parser looks at; longer input is rejected without further work.</summary>
    public const int MaxInputLength = 32;

    private const string Subject = "AgencyCode";

    private readonly string[] _groups;

    private AgencyCode(string[] groups, bool isStandard)
    {
        _groups = groups;
        IsStandard = isStandard;
        Value = string.Join('.', groups);
        var level = 1;
        for (var i = 0; i < 3; i++)
        {
            if (!IsZeros(groups[i]))
            {
                level = 4 - i;
                break;
            }
        }

        Level = level;
    }

    /// <summary>The code as text, for example <c>000.00.00.H41</c>.</summary>
    public string Value { get; }

    /// <summary>
    /// <see langword="true"/> when the code has the standard <c>NNN.NN.NN.Xnn</c> shape; <see langword="false"/> for a
    /// code accepted only by <see cref="AgencyCodeParseMode.Lenient"/> parsing (callers should warn about it).
    /// </summary>
    public bool IsStandard { get; }

    /// <summary>
    /// The level of the agency in the hierarchy, 1 to 4 (cấp 1 … cấp 4): the position of the left-most group that is
    /// not all zeros, counted from the right. <c>000.00.00.H41</c> is level 1, <c>000.00.13.H53</c> level 2,
    /// <c>000.21.31.H53</c> level 3, <c>001.01.07.H53</c> level 4.
    /// </summary>
    public int Level { get; }

    /// <summary>The level-1 group (<c>Xnn</c>), for example <c>H41</c>.</summary>
    public string LevelOneGroup => _groups[3];

    /// <summary>
    /// The parent agency's code: this code with its highest-level non-zero group replaced by zeros, or
    /// <see langword="null"/> for a level-1 code.
    /// </summary>
    public AgencyCode? Parent
    {
        get
        {
            if (Level == 1)
            {
                return null;
            }

            var groups = (string[])_groups.Clone();
            var index = 4 - Level;
            groups[index] = new string('0', groups[index].Length);
            return new AgencyCode(groups, IsStandard);
        }
    }

    /// <summary>The level-1 agency this code belongs to (itself when it is level 1).</summary>
    public AgencyCode Root
    {
        get
        {
            var current = this;
            while (current.Parent is { } parent)
            {
                current = parent;
            }

            return current;
        }
    }

    /// <summary>Whether this code is the direct parent of <paramref name="other"/>.</summary>
    /// <param name="other">The possible child.</param>
    /// <returns><see langword="true"/> when <c>other.Parent</c> equals this code.</returns>
    public bool IsParentOf(AgencyCode other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Equals(other.Parent);
    }

    /// <summary>Whether this code is a parent, grand-parent … of <paramref name="other"/>.</summary>
    /// <param name="other">The possible descendant.</param>
    /// <returns><see langword="true"/> when this code is found walking up from <paramref name="other"/>.</returns>
    public bool IsAncestorOf(AgencyCode other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var current = other.Parent; current is not null; current = current.Parent)
        {
            if (Equals(current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses a standard code (<see cref="AgencyCodeParseMode.Strict"/>).</summary>
    /// <param name="s">The text, for example <c>000.00.00.H41</c>.</param>
    /// <returns>The code.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="EDocFormatException">The text is not a valid code; the message names the input and the problem.</exception>
    public static AgencyCode Parse(string s) => Parse(s, AgencyCodeParseMode.Strict);

    /// <summary>Parses a code.</summary>
    /// <param name="s">The text.</param>
    /// <param name="mode">How strict to be.</param>
    /// <returns>The code.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is <see langword="null"/>.</exception>
    /// <exception cref="EDocFormatException">The text is not a valid code.</exception>
    public static AgencyCode Parse(string s, AgencyCodeParseMode mode)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan(), mode);
    }

    /// <summary>Parses a code.</summary>
    /// <param name="s">The text.</param>
    /// <param name="mode">How strict to be.</param>
    /// <returns>The code.</returns>
    /// <exception cref="EDocFormatException">The text is not a valid code.</exception>
    public static AgencyCode Parse(ReadOnlySpan<char> s, AgencyCodeParseMode mode = AgencyCodeParseMode.Strict)
    {
        if (TryParseCore(s, mode, out var result, out var error))
        {
            return result;
        }

        throw new EDocFormatException(Subject, null, $"'{InputText.Show(s)}' is not a valid agency code (mã định danh): {InputText.Show(error, 300)}");
    }

    /// <summary>Tries to parse a standard code.</summary>
    /// <param name="s">The text; <see langword="null"/> gives <see langword="false"/>.</param>
    /// <param name="result">The code, when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the text is a valid code.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out AgencyCode? result)
        => TryParse(s, AgencyCodeParseMode.Strict, out result);

    /// <summary>Tries to parse a code.</summary>
    /// <param name="s">The text; <see langword="null"/> gives <see langword="false"/>.</param>
    /// <param name="mode">How strict to be.</param>
    /// <param name="result">The code, when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the text is a valid code.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, AgencyCodeParseMode mode, [NotNullWhen(true)] out AgencyCode? result)
    {
        if (s is null)
        {
            result = null;
            return false;
        }

        return TryParseCore(s, mode, out result, out _);
    }

    /// <summary>Tries to parse a code.</summary>
    /// <param name="s">The text.</param>
    /// <param name="mode">How strict to be.</param>
    /// <param name="result">The code, when the method returns <see langword="true"/>.</param>
    /// <returns>Whether the text is a valid code.</returns>
    public static bool TryParse(ReadOnlySpan<char> s, AgencyCodeParseMode mode, [NotNullWhen(true)] out AgencyCode? result)
        => TryParseCore(s, mode, out result, out _);

    /// <inheritdoc />
    static AgencyCode IParsable<AgencyCode>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    static bool IParsable<AgencyCode>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out AgencyCode result)
        => TryParse(s, out result);

    /// <inheritdoc />
    static AgencyCode ISpanParsable<AgencyCode>.Parse(ReadOnlySpan<char> s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    static bool ISpanParsable<AgencyCode>.TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, [MaybeNullWhen(false)] out AgencyCode result)
        => TryParse(s, AgencyCodeParseMode.Strict, out result);

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The code as text.</returns>
    public override string ToString() => Value;

    /// <inheritdoc />
    public bool Equals(AgencyCode? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AgencyCode);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>
    /// Compares by hierarchy: level-1 group first, then the level-2, level-3 and level-4 groups numerically, so that a
    /// parent sorts before its children. <see langword="null"/> sorts first.
    /// </summary>
    /// <param name="other">The other code.</param>
    /// <returns>A negative number, zero or a positive number.</returns>
    public int CompareTo(AgencyCode? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = string.CompareOrdinal(_groups[3], other._groups[3]);
        for (var i = 2; c == 0 && i >= 0; i--)
        {
            c = int.Parse(_groups[i], System.Globalization.CultureInfo.InvariantCulture)
                .CompareTo(int.Parse(other._groups[i], System.Globalization.CultureInfo.InvariantCulture));
        }

        return c != 0 ? c : string.CompareOrdinal(Value, other.Value);
    }

    /// <summary>Equality.</summary>
    /// <param name="left">A code or <see langword="null"/>.</param>
    /// <param name="right">A code or <see langword="null"/>.</param>
    /// <returns>Whether both are equal.</returns>
    public static bool operator ==(AgencyCode? left, AgencyCode? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality.</summary>
    /// <param name="left">A code or <see langword="null"/>.</param>
    /// <param name="right">A code or <see langword="null"/>.</param>
    /// <returns>Whether both differ.</returns>
    public static bool operator !=(AgencyCode? left, AgencyCode? right) => !(left == right);

    /// <summary>Ordering, see <see cref="CompareTo"/>.</summary>
    /// <param name="left">A code or <see langword="null"/>.</param>
    /// <param name="right">A code or <see langword="null"/>.</param>
    /// <returns>Whether left sorts before right.</returns>
    public static bool operator <(AgencyCode? left, AgencyCode? right) => Compare(left, right) < 0;

    /// <summary>Ordering, see <see cref="CompareTo"/>.</summary>
    /// <param name="left">A code or <see langword="null"/>.</param>
    /// <param name="right">A code or <see langword="null"/>.</param>
    /// <returns>Whether left sorts before or equal to right.</returns>
    public static bool operator <=(AgencyCode? left, AgencyCode? right) => Compare(left, right) <= 0;

    /// <summary>Ordering, see <see cref="CompareTo"/>.</summary>
    /// <param name="left">A code or <see langword="null"/>.</param>
    /// <param name="right">A code or <see langword="null"/>.</param>
    /// <returns>Whether left sorts after right.</returns>
    public static bool operator >(AgencyCode? left, AgencyCode? right) => Compare(left, right) > 0;

    /// <summary>Ordering, see <see cref="CompareTo"/>.</summary>
    /// <param name="left">A code or <see langword="null"/>.</param>
    /// <param name="right">A code or <see langword="null"/>.</param>
    /// <returns>Whether left sorts after or equal to right.</returns>
    public static bool operator >=(AgencyCode? left, AgencyCode? right) => Compare(left, right) >= 0;

    private static int Compare(AgencyCode? left, AgencyCode? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    private static bool TryParseCore(ReadOnlySpan<char> s, AgencyCodeParseMode mode, [NotNullWhen(true)] out AgencyCode? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        var lenient = mode == AgencyCodeParseMode.Lenient;
        if (lenient)
        {
            s = s.Trim();
        }

        if (s.IsEmpty)
        {
            error = "the code is empty. Expected NNN.NN.NN.Xnn, e.g. 000.00.00.H41.";
            return false;
        }

        if (s.Length > MaxInputLength)
        {
            error = $"the code has {s.Length} characters; a code has {StandardLength}.";
            return false;
        }

        Span<Range> ranges = stackalloc Range[5];
        var count = s.Split(ranges, '.');
        if (count != 4)
        {
            error = $"expected 4 groups separated by '.', found {(count > 4 ? "more" : count.ToString(System.Globalization.CultureInfo.InvariantCulture))}. Expected NNN.NN.NN.Xnn, e.g. 000.00.00.H41.";
            return false;
        }

        var groups = new string[4];
        var standard = true;
        ReadOnlySpan<int> widths = [3, 2, 2];
        for (var i = 0; i < 3; i++)
        {
            var g = s[ranges[i]];
            if (!IsDigits(g) || g.Length > (lenient ? 4 : widths[i]) || (!lenient && g.Length != widths[i]))
            {
                error = $"group {i + 1} must be {widths[i]} digits, found '{g}'.";
                return false;
            }

            standard &= g.Length == widths[i];
            groups[i] = g.ToString();
        }

        var last = s[ranges[3]];
        var letterOk = last.Length > 0 && (char.IsAsciiLetterUpper(last[0]) || (lenient && char.IsAsciiLetterLower(last[0])));
        var digitsOk = last.Length > 1 && IsDigits(last[1..]) && (lenient ? last.Length <= 4 : last.Length == 3);
        if (!letterOk || !digitsOk)
        {
            error = $"group 4 must be an upper-case letter and 2 digits (e.g. H41), found '{last}'.";
            return false;
        }

        standard &= last.Length == 3 && char.IsAsciiLetterUpper(last[0]);
        groups[3] = char.ToUpperInvariant(last[0]) + last[1..].ToString();
        result = new AgencyCode(groups, standard);
        error = null;
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> s) => !s.IsEmpty && !s.ContainsAnyExceptInRange('0', '9');

    private static bool IsZeros(string s) => !s.AsSpan().ContainsAnyExcept('0');
}
