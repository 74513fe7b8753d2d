using EDoc.Documents;

namespace EDoc.Policies;

/// <summary>
/// The rule that keeps state secrets off electronic channels: documents marked Mật, Tối mật or Tuyệt mật are not
/// sent as electronic documents (NĐ 30/2020/NĐ-CP excludes them; they follow the state-secret protection rules).
/// Every SDK API that sends a document electronically calls <see cref="EnsureMaySendElectronically(ElectronicDocument)"/>.
/// </summary>
public static class ElectronicTransmissionPolicy
{
    /// <summary>The rule name carried by <see cref="EDocPolicyException.Rule"/>: <c>secret-document</c>.</summary>
    public const string SecretDocumentRule = "secret-document";

    /// <summary>Whether a document may be sent electronically.</summary>
    /// <param name="document">The document.</param>
    /// <returns><see langword="false"/> when the document is secret.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is <see langword="null"/>.</exception>
    public static bool MaySendElectronically(ElectronicDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return !document.Secrecy.IsSecret();
    }

    /// <summary>Throws when a document may not be sent electronically.</summary>
    /// <param name="document">The document.</param>
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is <see langword="null"/>.</exception>
    /// <exception cref="EDocPolicyException">The document is secret (rule <c>secret-document</c>).</exception>
    public static void EnsureMaySendElectronically(ElectronicDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        EnsureMaySendElectronically(document.Secrecy, document.Notation?.Value);
    }

    /// <summary>Throws when a document of the given secrecy may not be sent electronically.</summary>
    /// <param name="secrecy">The secrecy level.</param>
    /// <param name="documentLabel">The number and notation or another label for the message, if known.</param>
    /// <exception cref="EDocPolicyException">The level is secret (rule <c>secret-document</c>).</exception>
    public static void EnsureMaySendElectronically(Secrecy secrecy, string? documentLabel = null)
    {
        if (!secrecy.IsSecret())
        {
            return;
        }

        var name = Enum.IsDefined(secrecy) ? $"{secrecy.ToVietnameseName()} ({secrecy})" : $"secrecy level {(int)secrecy}";
        var which = string.IsNullOrEmpty(documentLabel) ? "The document" : $"The document {documentLabel}";
        throw new EDocPolicyException(
            SecretDocumentRule,
            $"{which} is marked {name}: secret documents (văn bản mật) must not be sent electronically; send it on paper under the state-secret protection rules.");
    }
}
