namespace EDoc.Registers;

/// <summary>Which register (sổ đăng ký) an entry belongs to.</summary>
public enum RegisterBook
{
    /// <summary>Sổ đăng ký văn bản đi: the outgoing register.</summary>
    Outgoing = 0,

    /// <summary>Sổ đăng ký văn bản đến: the incoming register (with its follow-up columns).</summary>
    Incoming = 1,
}

/// <summary>The state of a register entry. A number is never silently lost: voiding or recalling is recorded.</summary>
public enum RegisterEntryStatus
{
    /// <summary>The entry is in force.</summary>
    Active = 0,

    /// <summary>Hủy số: the number was voided (for example the document was never sent); it stays in the register.</summary>
    Voided = 1,

    /// <summary>Thu hồi: the document was recalled after issuance; it stays in the register.</summary>
    Recalled = 2,
}

/// <summary>How a document was sent or received (hình thức gửi, nhận), for the six-monthly report.</summary>
public enum TransmissionForm
{
    /// <summary>Electronic only (văn bản điện tử).</summary>
    Electronic = 0,

    /// <summary>Paper only (văn bản giấy).</summary>
    Paper = 1,

    /// <summary>Electronic and paper in parallel (song song điện tử và giấy).</summary>
    ElectronicAndPaper = 2,
}

/// <summary>The category of an outgoing document, which decides its numbering sequence (NĐ 30/2020 art. 15).</summary>
public enum DocumentCategory
{
    /// <summary>Văn bản hành chính: administrative document (sequence set by the head of the agency).</summary>
    Administrative = 0,

    /// <summary>Văn bản quy phạm pháp luật: legal normative document (each type has its own sequence; notation carries the year).</summary>
    LegalNormative = 1,

    /// <summary>Văn bản chuyên ngành: specialised document.</summary>
    Specialized = 2,

    /// <summary>Bản sao (sao y, sao lục, trích sao): copies share one sequence.</summary>
    Copy = 3,
}
