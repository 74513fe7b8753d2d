using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace EDoc.Signing.Certificates;

/// <summary>
/// Who a certificate names, with the Vietnamese identifiers found in its subject (thông tin người ký): tax code
/// (MST), citizen identity card (CCCD), old identity card (CMND), passport (HC), budget-unit code (MNS). Identifiers
/// are read by prefix from UID (0.9.2342.19200300.100.1.1) first, then from any other attribute (CN, OU, serialNumber…).
/// </summary>
/// <param name="Subject">The subject as an RFC 4514-style string.</param>
/// <param name="CommonName">CN (họ tên, or the organisation's name).</param>
/// <param name="Organization">O (cơ quan, tổ chức).</param>
/// <param name="OrganizationalUnits">Every OU, in order.</param>
/// <param name="Locality">L (tỉnh/thành phố).</param>
/// <param name="State">ST.</param>
/// <param name="Country">C.</param>
/// <param name="Email">E (emailAddress) or the first RFC 822 subject alternative name.</param>
/// <param name="TaxCode">Mã số thuế (<c>MST:</c>), branch suffix kept (e.g. <c>0101234567-001</c>).</param>
/// <param name="CitizenId">Căn cước công dân (<c>CCCD:</c>).</param>
/// <param name="IdentityCardNumber">Chứng minh nhân dân (<c>CMND:</c>).</param>
/// <param name="PassportNumber">Hộ chiếu (<c>HC:</c>).</param>
/// <param name="BudgetCode">Mã quan hệ ngân sách (<c>MNS:</c>).</param>
/// <param name="Identifiers">Every prefixed identifier found, as <c>PREFIX:value</c>.</param>
public sealed record SignerIdentity(
    string Subject,
    string? CommonName,
    string? Organization,
    IReadOnlyList<string> OrganizationalUnits,
    string? Locality,
    string? State,
    string? Country,
    string? Email,
    string? TaxCode,
    string? CitizenId,
    string? IdentityCardNumber,
    string? PassportNumber,
    string? BudgetCode,
    IReadOnlyList<string> Identifiers)
{
    private static readonly Regex IdentifierPattern = new(
        @"(?<![A-Za-z])(MST|CCCD|CMND|CMT|HC|MNS)\s*[:=]\s*([0-9A-Za-z][0-9A-Za-z\-]*)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase,
        TimeSpan.FromSeconds(1));

    /// <summary>Whether the certificate names an organisation (has a tax or budget code and no personal identifier).</summary>
    public bool IsOrganization => (TaxCode is not null || BudgetCode is not null) && CitizenId is null && IdentityCardNumber is null && PassportNumber is null;

    /// <summary>Reads the identity of a certificate's subject.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <returns>The identity.</returns>
    public static SignerIdentity FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var identity = FromName(certificate.SubjectName);
        if (identity.Email is null)
        {
            var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
            var mail = san is null ? null : TryFirstEmail(san);
            if (mail is not null)
            {
                identity = identity with { Email = mail };
            }
        }

        return identity;
    }

    /// <summary>Reads the identity from a distinguished name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The identity.</returns>
    public static SignerIdentity FromName(X500DistinguishedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var values = new List<(string Oid, string Value)>();
        try
        {
            foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
            {
                if (rdn.HasMultipleElements)
                {
                    continue;
                }

                var value = rdn.GetSingleElementValue();
                if (value is not null)
                {
                    values.Add((rdn.GetSingleElementType().Value ?? string.Empty, value));
                }
            }
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // A malformed name yields an identity with only the subject text.
        }

        string? First(string oid) => values.FirstOrDefault(v => v.Oid == oid).Value;
        var ordered = values.Where(v => v.Oid == DevelopmentCertificates.UidOid).Concat(values.Where(v => v.Oid != DevelopmentCertificates.UidOid));
        var identifiers = new List<string>();
        foreach (var (_, value) in ordered)
        {
            foreach (Match match in IdentifierPattern.Matches(value))
            {
                var prefix = match.Groups[1].Value.ToUpperInvariant();
                if (prefix == "CMT")
                {
                    prefix = "CMND";
                }

                var id = prefix + ":" + match.Groups[2].Value;
                if (!identifiers.Contains(id, StringComparer.Ordinal))
                {
                    identifiers.Add(id);
                }
            }
        }

        string? Id(string prefix) => identifiers.FirstOrDefault(i => i.StartsWith(prefix + ":", StringComparison.Ordinal))?[(prefix.Length + 1)..];
        return new SignerIdentity(
            name.Name,
            First("2.5.4.3"),
            First("2.5.4.10"),
            values.Where(v => v.Oid == "2.5.4.11").Select(v => v.Value).ToArray(),
            First("2.5.4.7"),
            First("2.5.4.8"),
            First("2.5.4.6"),
            First("1.2.840.113549.1.9.1"),
            Id("MST"),
            Id("CCCD"),
            Id("CMND"),
            Id("HC"),
            Id("MNS"),
            identifiers);
    }

    private static string? TryFirstEmail(X509SubjectAlternativeNameExtension san)
    {
        try
        {
            var reader = new AsnReader(san.RawData, AsnEncodingRules.DER).ReadSequence();
            while (reader.HasData)
            {
                var tag = reader.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 1)
                {
                    return reader.ReadCharacterString(UniversalTagNumber.IA5String, tag);
                }

                reader.ReadEncodedValue();
            }
        }
        catch (AsnContentException)
        {
        }

        return null;
    }
}
