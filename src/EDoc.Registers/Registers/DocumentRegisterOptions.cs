using EDoc.Documents;
using EDoc.Registers.Numbering;

namespace EDoc.Registers;

/// <summary>Options of <see cref="DocumentRegister"/>.</summary>
public sealed class DocumentRegisterOptions
{
    /// <summary>The register used when a request names none.</summary>
    /// <value>The default value is <c>default</c>.</value>
    public string DefaultRegisterId { get; set; } = "default";

    /// <summary>Which documents get their own numbering sequence.</summary>
    public NumberingOptions Numbering { get; set; } = new();

    /// <summary>
    /// The working-day calendar used to turn "N working days" into a due date; <see langword="null"/> when due dates
    /// are always given as dates.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IWorkingDayCalendar? Calendar { get; set; }

    /// <summary>The catalog in which a request's type abbreviation is looked up (tên loại, NĐ 30/2020 Annex III).</summary>
    /// <value>The default value is <see cref="DocumentTypeCatalog.Default"/>.</value>
    public DocumentTypeCatalog TypeCatalog { get; set; } = DocumentTypeCatalog.Default;

    /// <summary>Refuses a type abbreviation that <see cref="TypeCatalog"/> does not know instead of composing it as given.</summary>
    /// <value>The default value is <see langword="false"/> (agencies add their own specialised types).</value>
    public bool RequireKnownTypes { get; set; }
}
