namespace EDoc.Agencies;

/// <summary>How strictly an <see cref="AgencyCode"/> is parsed.</summary>
public enum AgencyCodeParseMode
{
    /// <summary>
    /// Exactly <c>NNN.NN.NN.Xnn</c> (QCVN 102:2016): three digit groups of widths 3, 2 and 2, then an upper-case
    /// letter and two digits. No surrounding white space.
    /// </summary>
    Strict = 0,

    /// <summary>
    /// Also accepts the non-standard codes found in test directories and old data (for example <c>999.010.01.H22</c>):
    /// digit groups of 1 to 4 digits, a last group of one letter (any case) and 1 to 3 digits, surrounding white space.
    /// Such codes have <see cref="AgencyCode.IsStandard"/> set to <see langword="false"/>, so callers can warn.
    /// </summary>
    Lenient = 1,
}
