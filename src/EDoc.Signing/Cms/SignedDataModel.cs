using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace EDoc.Signing.Cms;

/// <summary>An AlgorithmIdentifier (RFC 5280 §4.1.1.2): the OID and the raw encoded parameters, if any.</summary>
internal sealed record AlgorithmIdentifierModel(string Oid, ReadOnlyMemory<byte>? Parameters)
{
    public static AlgorithmIdentifierModel Read(AsnReader reader)
    {
        var seq = reader.ReadSequence();
        var oid = seq.ReadObjectIdentifier();
        ReadOnlyMemory<byte>? parameters = seq.HasData ? seq.ReadEncodedValue() : (ReadOnlyMemory<byte>?)null;
        return new AlgorithmIdentifierModel(oid, parameters);
    }

    public void Write(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(Oid);
            if (Parameters is { } p)
            {
                writer.WriteEncodedValue(p.Span);
            }
        }
    }
}

/// <summary>A CMS Attribute (RFC 5652 §5.3): the type and the encoded values.</summary>
internal sealed record CmsAttributeModel(string Oid, IReadOnlyList<ReadOnlyMemory<byte>> Values);

/// <summary>A SignerInfo (RFC 5652 §5.3), keeping the signed attributes byte-exact.</summary>
internal sealed class SignerInfoModel
{
    public int Version { get; init; } = 1;

    /// <summary>The issuer Name of IssuerAndSerialNumber (encoded), or null when the SubjectKeyIdentifier form is used.</summary>
    public ReadOnlyMemory<byte>? Issuer { get; init; }

    /// <summary>The serial number (big-endian INTEGER content).</summary>
    public ReadOnlyMemory<byte>? SerialNumber { get; init; }

    public ReadOnlyMemory<byte>? SubjectKeyIdentifier { get; init; }

    public required AlgorithmIdentifierModel DigestAlgorithm { get; init; }

    /// <summary>The DER of the signed attributes with the universal SET tag: the bytes the signature covers (RFC 5652 §5.4).</summary>
    public ReadOnlyMemory<byte>? SignedAttributes { get; init; }

    public IReadOnlyList<CmsAttributeModel> SignedAttributeList { get; init; } = [];

    public required AlgorithmIdentifierModel SignatureAlgorithm { get; init; }

    public required ReadOnlyMemory<byte> Signature { get; init; }

    public IReadOnlyList<CmsAttributeModel> UnsignedAttributes { get; init; } = [];

    public CmsAttributeModel? FindSigned(string oid) => SignedAttributeList.FirstOrDefault(a => a.Oid == oid);

    public void Write(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteInteger(Version);
            if (Issuer is { } issuer && SerialNumber is { } serial)
            {
                using (writer.PushSequence())
                {
                    writer.WriteEncodedValue(issuer.Span);
                    writer.WriteInteger(serial.Span);
                }
            }
            else
            {
                writer.WriteOctetString(SubjectKeyIdentifier!.Value.Span, new Asn1Tag(TagClass.ContextSpecific, 0));
            }

            DigestAlgorithm.Write(writer);
            if (SignedAttributes is { } signed)
            {
                // signedAttrs [0] IMPLICIT SignedAttributes: same bytes, context tag 0 instead of SET (RFC 5652 §5.3).
                var tagged = signed.ToArray();
                tagged[0] = 0xA0;
                writer.WriteEncodedValue(tagged);
            }

            SignatureAlgorithm.Write(writer);
            writer.WriteOctetString(Signature.Span);
            if (UnsignedAttributes.Count > 0)
            {
                using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                {
                    foreach (var attribute in UnsignedAttributes)
                    {
                        WriteAttribute(writer, attribute);
                    }
                }
            }
        }
    }

    public static void WriteAttribute(AsnWriter writer, CmsAttributeModel attribute)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(attribute.Oid);
            using (writer.PushSetOf())
            {
                foreach (var value in attribute.Values)
                {
                    writer.WriteEncodedValue(value.Span);
                }
            }
        }
    }

    public static SignerInfoModel Read(AsnReader reader)
    {
        var seq = reader.ReadSequence();
        var version = (int)seq.ReadInteger();
        ReadOnlyMemory<byte>? issuer = null, serial = null, ski = null;
        if (seq.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var sid = seq.ReadSequence();
            issuer = sid.ReadEncodedValue();
            serial = sid.ReadIntegerBytes();
        }
        else
        {
            ski = seq.ReadOctetString(new Asn1Tag(TagClass.ContextSpecific, 0));
        }

        var digest = AlgorithmIdentifierModel.Read(seq);
        ReadOnlyMemory<byte>? signedRaw = null;
        IReadOnlyList<CmsAttributeModel> signedList = [];
        if (seq.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            var raw = seq.ReadEncodedValue().ToArray();
            raw[0] = 0x31;
            signedRaw = raw;
            signedList = ReadAttributes(new AsnReader(raw, AsnEncodingRules.BER).ReadSetOf(skipSortOrderValidation: true));
        }

        var signatureAlgorithm = AlgorithmIdentifierModel.Read(seq);
        var signature = seq.ReadOctetString();
        IReadOnlyList<CmsAttributeModel> unsigned = [];
        if (seq.HasData && seq.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
        {
            unsigned = ReadAttributes(seq.ReadSetOf(true, new Asn1Tag(TagClass.ContextSpecific, 1)));
        }

        return new SignerInfoModel
        {
            Version = version,
            Issuer = issuer,
            SerialNumber = serial,
            SubjectKeyIdentifier = ski,
            DigestAlgorithm = digest,
            SignedAttributes = signedRaw,
            SignedAttributeList = signedList,
            SignatureAlgorithm = signatureAlgorithm,
            Signature = signature,
            UnsignedAttributes = unsigned,
        };
    }

    private static List<CmsAttributeModel> ReadAttributes(AsnReader set)
    {
        var list = new List<CmsAttributeModel>();
        while (set.HasData)
        {
            var attribute = set.ReadSequence();
            var oid = attribute.ReadObjectIdentifier();
            var values = attribute.ReadSetOf(skipSortOrderValidation: true);
            var items = new List<ReadOnlyMemory<byte>>();
            while (values.HasData)
            {
                items.Add(values.ReadEncodedValue());
            }

            list.Add(new CmsAttributeModel(oid, items));
        }

        return list;
    }

    /// <summary>True when this SignerInfo's sid names <paramref name="certificate"/>.</summary>
    public bool Identifies(X509Certificate2 certificate)
    {
        if (Issuer is { } issuer && SerialNumber is { } serial)
        {
            return issuer.Span.SequenceEqual(certificate.IssuerName.RawData)
                && TrimSerial(serial.Span).SequenceEqual(TrimSerial(certificate.SerialNumberBytes.Span));
        }

        if (SubjectKeyIdentifier is { } ski)
        {
            var ext = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault();
            return ext?.SubjectKeyIdentifierBytes.Span.SequenceEqual(ski.Span) == true;
        }

        return false;
    }

    private static ReadOnlySpan<byte> TrimSerial(ReadOnlySpan<byte> serial)
    {
        while (serial.Length > 1 && serial[0] == 0)
        {
            serial = serial[1..];
        }

        return serial;
    }
}

/// <summary>A CMS ContentInfo holding SignedData (RFC 5652 §3, §5.1), parsed and re-encodable.</summary>
internal sealed class SignedDataModel
{
    /// <summary>The largest CMS blob accepted (a PAdES /Contents is rarely above 100 KB).</summary>
    public const int MaxCmsSize = 4 * 1024 * 1024;

    public int Version { get; init; } = 1;

    public required IReadOnlyList<AlgorithmIdentifierModel> DigestAlgorithms { get; init; }

    public string EncapsulatedContentType { get; init; } = CmsOids.Data;

    public ReadOnlyMemory<byte>? EncapsulatedContent { get; init; }

    public IReadOnlyList<ReadOnlyMemory<byte>> Certificates { get; init; } = [];

    /// <summary>The raw [1] crls field, kept as is.</summary>
    public ReadOnlyMemory<byte>? Crls { get; init; }

    public required IReadOnlyList<SignerInfoModel> SignerInfos { get; init; }

    /// <summary>The number of bytes the ContentInfo took in the input (the rest is padding).</summary>
    public int EncodedLength { get; init; }

    public byte[] Encode()
    {
        // Sized up front so the writer does not grow (and copy) its buffer while the certificates are written.
        int estimate = 1024 + (Crls?.Length ?? 0) + (EncapsulatedContent?.Length ?? 0);
        foreach (ReadOnlyMemory<byte> certificate in Certificates)
        {
            estimate += certificate.Length;
        }

        foreach (SignerInfoModel signerInfo in SignerInfos)
        {
            estimate += signerInfo.Signature.Length + (signerInfo.SignedAttributes?.Length ?? 0);
        }

        var writer = new AsnWriter(AsnEncodingRules.DER, estimate);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(CmsOids.SignedData);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (writer.PushSequence())
            {
                writer.WriteInteger(Version);
                using (writer.PushSetOf())
                {
                    foreach (var algorithm in DigestAlgorithms)
                    {
                        algorithm.Write(writer);
                    }
                }

                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(EncapsulatedContentType);
                    if (EncapsulatedContent is { } content)
                    {
                        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                        {
                            writer.WriteOctetString(content.Span);
                        }
                    }
                }

                if (Certificates.Count > 0)
                {
                    using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                    {
                        foreach (var certificate in Certificates)
                        {
                            writer.WriteEncodedValue(certificate.Span);
                        }
                    }
                }

                if (Crls is { } crls)
                {
                    writer.WriteEncodedValue(crls.Span);
                }

                using (writer.PushSetOf())
                {
                    foreach (var signerInfo in SignerInfos)
                    {
                        signerInfo.Write(writer);
                    }
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>Parses a ContentInfo with SignedData; trailing bytes (zero padding of /Contents) are ignored.</summary>
    /// <exception cref="CmsFormatException">The bytes are not a CMS SignedData.</exception>
    public static SignedDataModel Parse(ReadOnlyMemory<byte> cms)
    {
        if (cms.Length == 0)
        {
            throw new CmsFormatException(null, "the CMS is empty.");
        }

        if (cms.Length > MaxCmsSize && !IsZeroPaddedBeyond(cms))
        {
            throw new EDocLimitExceededException("CMS", null, nameof(MaxCmsSize), MaxCmsSize, cms.Length);
        }

        try
        {
            AsnDecoder.ReadEncodedValue(cms.Span, AsnEncodingRules.BER, out _, out _, out var consumed);
            var outer = new AsnReader(cms[..consumed], AsnEncodingRules.BER);
            var contentInfo = outer.ReadSequence();
            var contentType = contentInfo.ReadObjectIdentifier();
            if (contentType != CmsOids.SignedData)
            {
                throw new CmsFormatException("ContentInfo.contentType", $"the content type is {contentType}, not signedData ({CmsOids.SignedData}).");
            }

            var explicitContent = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
            var signedData = explicitContent.ReadSequence();
            var version = (int)signedData.ReadInteger();
            var digestSet = signedData.ReadSetOf(skipSortOrderValidation: true);
            var digests = new List<AlgorithmIdentifierModel>();
            while (digestSet.HasData)
            {
                digests.Add(AlgorithmIdentifierModel.Read(digestSet));
            }

            var encap = signedData.ReadSequence();
            var encapType = encap.ReadObjectIdentifier();
            ReadOnlyMemory<byte>? encapContent = null;
            if (encap.HasData)
            {
                var explicitEncap = encap.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
                encapContent = explicitEncap.ReadOctetString();
            }

            var certificates = new List<ReadOnlyMemory<byte>>();
            ReadOnlyMemory<byte>? crls = null;
            if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                var certSet = signedData.ReadSetOf(true, new Asn1Tag(TagClass.ContextSpecific, 0));
                while (certSet.HasData)
                {
                    var tag = certSet.PeekTag();
                    var value = certSet.ReadEncodedValue();
                    if (tag.HasSameClassAndValue(Asn1Tag.Sequence))
                    {
                        certificates.Add(value);
                    }
                }
            }

            if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
            {
                crls = signedData.ReadEncodedValue();
            }

            var signerSet = signedData.ReadSetOf(skipSortOrderValidation: true);
            var signers = new List<SignerInfoModel>();
            while (signerSet.HasData)
            {
                signers.Add(SignerInfoModel.Read(signerSet));
            }

            return new SignedDataModel
            {
                Version = version,
                DigestAlgorithms = digests,
                EncapsulatedContentType = encapType,
                EncapsulatedContent = encapContent,
                Certificates = certificates,
                Crls = crls,
                SignerInfos = signers,
                EncodedLength = consumed,
            };
        }
        catch (AsnContentException ex)
        {
            throw new CmsFormatException(null, $"the ASN.1 structure is malformed: {ex.Message}", ex);
        }
        catch (CryptographicException ex)
        {
            throw new CmsFormatException(null, $"the ASN.1 structure is malformed: {ex.Message}", ex);
        }
        catch (OverflowException ex)
        {
            throw new CmsFormatException(null, "a version number is out of range.", ex);
        }
    }

    private static bool IsZeroPaddedBeyond(ReadOnlyMemory<byte> cms) => !cms.Span[MaxCmsSize..].ContainsAnyExcept((byte)0);
}
