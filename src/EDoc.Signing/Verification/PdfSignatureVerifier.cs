using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Cms;
using EDoc.Signing.Pdf.Objects;
using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Pdf.Writing;
using EDoc.Signing.Revocation;
using EDoc.Signing.Timestamps;
using EDoc.Validation;

namespace EDoc.Signing.Verification;

/// <summary>
/// Verifies every signature of a PDF (kiểm tra chữ ký số trên văn bản PDF): ByteRange sanity and digest, CMS
/// signature (RSA PKCS#1 v1.5, RSA-PSS, ECDSA), chain to the configured trust anchors (intermediates from the CMS,
/// the DSS and the configured store), revocation from the DSS or online, signature and document timestamps, the
/// changes made after each signature (classified, checked against DocMDP and the policy), and the PAdES level.
/// </summary>
/// <remarks>
/// Thread-safe; one instance can verify many documents concurrently. Unreadable PDFs throw
/// (<see cref="Pdf.PdfFormatException"/>, <see cref="Pdf.PdfEncryptedException"/>, <see cref="EDocLimitExceededException"/>);
/// every problem of a readable PDF is in the report.
/// </remarks>
public sealed class PdfSignatureVerifier
{
    private readonly CmsSignatureVerifier _cms;
    private readonly PdfAllowedChanges _allowedChanges;
    private readonly bool _requireRevocation;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The options (copied); <see langword="null"/> uses the defaults (nothing trusted, offline).</param>
    /// <param name="httpClient">Used for OCSP/CRL requests when <see cref="PdfVerificationOptions.RevocationMode"/> allows; <see langword="null"/> works offline.</param>
    public PdfSignatureVerifier(PdfVerificationOptions? options = null, HttpClient? httpClient = null)
    {
        options ??= new PdfVerificationOptions();
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        var cmsOptions = new CmsVerificationOptions
        {
            RevocationMode = options.RevocationMode,
            CheckRevocation = options.CheckRevocation,
            TimeProvider = options.TimeProvider,
        };
        cmsOptions.TrustAnchors.AddRange(options.TrustAnchors);
        cmsOptions.ExtraCertificates.AddRange(options.ExtraCertificates);
        cmsOptions.TimestampTrustAnchors.AddRange(options.TimestampTrustAnchors);
        RevocationDataCollector? collector = httpClient is not null && options.RevocationMode != RevocationMode.Offline
            ? new RevocationDataCollector(httpClient)
            : null;
        _cms = new CmsSignatureVerifier(cmsOptions, collector);
        _allowedChanges = options.AllowedChanges;
        _requireRevocation = options.RequireRevocationInformation;
        _time = options.TimeProvider;
    }

    /// <summary>Verifies the PDF in a file.</summary>
    /// <param name="path">The PDF file; only read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    /// <exception cref="Pdf.PdfFormatException">The file is not a readable PDF.</exception>
    /// <exception cref="Pdf.PdfEncryptedException">The PDF is encrypted.</exception>
    /// <exception cref="EDocLimitExceededException">The PDF exceeds a reader limit.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public async Task<PdfVerificationReport> VerifyFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        await using (stream.ConfigureAwait(false))
        {
            return await VerifyAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Verifies the PDF in a stream.</summary>
    /// <param name="pdf">The PDF; only read, left open. A non-seekable stream is first copied to a temporary file.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    /// <exception cref="Pdf.PdfFormatException">The stream is not a readable PDF.</exception>
    /// <exception cref="Pdf.PdfEncryptedException">The PDF is encrypted.</exception>
    /// <exception cref="EDocLimitExceededException">The PDF exceeds a reader limit.</exception>
    public async Task<PdfVerificationReport> VerifyAsync(Stream pdf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        if (pdf.CanSeek)
        {
            return await VerifySeekableAsync(pdf, cancellationToken).ConfigureAwait(false);
        }

        string temp = Path.Combine(Path.GetTempPath(), "edoc-verify-" + Guid.NewGuid().ToString("N") + ".pdf");
        var copy = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (copy.ConfigureAwait(false))
        {
            await pdf.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            copy.Position = 0;
            return await VerifySeekableAsync(copy, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PdfVerificationReport> VerifySeekableAsync(Stream pdf, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        long start = pdf.Position;
        if (start != 0)
        {
            pdf.Position = 0;
        }

        using var reader = PdfDocumentReader.Open(pdf);
        List<PdfSignatureInfo> infos = PdfSignatureInspector.Inspect(reader);
        int pageCount = PdfPageTree.GetPageCount(reader.Latest, reader.Catalog);
        DssContents dss = ReadDss(reader, reader.Latest);
        int? docMdp = infos.FirstOrDefault(i => i.DocMdpPermissions is not null)?.DocMdpPermissions;
        var input = new CmsVerificationInput { RevocationData = dss.Data };

        var reports = new List<PdfSignatureReport>(infos.Count);
        foreach (PdfSignatureInfo info in infos)
        {
            cancellationToken.ThrowIfCancellationRequested();
            PdfSignatureReport r = IsDocumentTimestamp(info)
                ? VerifyDocumentTimestamp(pdf, info, input)
                : await VerifySignatureAsync(pdf, info, input, dss, cancellationToken).ConfigureAwait(false);
            reports.Add(r);
        }

        for (int i = 0; i < infos.Count; i++)
        {
            Finish(reader, infos, reports, i, docMdp, dss);
        }

        var problems = new ValidationProblemCollector();
        PdfVerificationStatus status;
        if (reports.Count == 0)
        {
            problems.Error("document", "no-signature", "The document has no signature.", "Văn bản không có chữ ký số.");
            status = PdfVerificationStatus.Invalid;
        }
        else
        {
            status = reports.Max(r => r.Status);
        }

        var report = new PdfVerificationReport
        {
            Status = status,
            PageCount = pageCount,
            Length = reader.Length,
            RevisionCount = reader.Revisions.Count,
            HasDss = dss.Present,
            VerifiedAt = _time.GetUtcNow(),
            Signatures = reports,
            Problems = problems.Problems.ToList(),
        };
        (report.Message, report.MessageVi) = DocumentMessage(report);
        return report;
    }

    private static bool IsDocumentTimestamp(PdfSignatureInfo info)
        => info.Type == "DocTimeStamp" || info.SubFilter == PdfSignatureOptions.Rfc3161;

    private static PdfSignatureReport NewReport(PdfSignatureInfo info) => new()
    {
        FieldName = info.FieldName,
        Filter = info.Filter,
        SubFilter = info.SubFilter,
        SigningTime = info.SigningTime,
        Reason = info.Reason,
        Location = info.Location,
        ByteRange = info.ByteRange,
        ByteRangeProblems = info.ByteRangeProblems,
        CoveredRevision = info.CoveredRevision,
        CoversWholeDocument = info.CoversWholeDocument,
        Kind = IsDocumentTimestamp(info) ? PdfSignatureKind.DocumentTimestamp
            : info.DocMdpPermissions is not null ? PdfSignatureKind.Certification : PdfSignatureKind.Approval,
        DocMdpPermissions = info.DocMdpPermissions,
    };

    /// <summary>Hashes the ByteRange, or records why it cannot be hashed.</summary>
    private static byte[]? Digest(Stream pdf, PdfSignatureInfo info, HashAlgorithmName algorithm, List<ValidationProblem> problems)
    {
        if (info.ByteRange is null)
        {
            problems.Add(new("byteRange", "byterange-missing", "The signature has no valid /ByteRange.", "Chữ ký không có /ByteRange hợp lệ."));
            return null;
        }

        try
        {
            return PdfSignatureInspector.ComputeDigest(pdf, info.ByteRange, algorithm);
        }
        catch (ArgumentException)
        {
            problems.Add(new("byteRange", "byterange-outside", "The /ByteRange lies outside the file.", "/ByteRange nằm ngoài tệp."));
            return null;
        }
        catch (EndOfStreamException)
        {
            problems.Add(new("byteRange", "byterange-outside", "The file ends inside the /ByteRange.", "Tệp kết thúc giữa vùng /ByteRange."));
            return null;
        }
    }

    private async Task<PdfSignatureReport> VerifySignatureAsync(Stream pdf, PdfSignatureInfo info, CmsVerificationInput input, DssContents dss, CancellationToken cancellationToken)
    {
        PdfSignatureReport report = NewReport(info);
        var problems = new List<ValidationProblem>();
        byte[] cms = info.GetCms();
        byte[]? digest = DigestSignedRanges(pdf, info, cms, b => CmsSignatureVerifier.GetDigestAlgorithm(b), report, problems,
            "cms", "cms-format", "The signature /Contents is not a usable CMS: ", "/Contents của chữ ký không phải CMS hợp lệ: ");
        if (digest is null)
        {
            return report;
        }

        CmsVerificationResult result = await _cms.VerifyAsync(cms, digest, input, cancellationToken).ConfigureAwait(false);
        report.IsIntegrityValid = result.IsIntegrityValid;
        report.SignatureAlgorithm = result.SignatureAlgorithm;
        report.Trust = result.Trust;
        report.Chain = result.Chain.Select(c => c.Subject).ToList();
        report.RevocationStatus = result.RevocationStatus;
        report.RevocationSource = result.RevocationResults.Count > 0 ? result.RevocationResults[0].Result.Source : null;
        report.TimestampTime = result.TimestampTime;
        if (result.SignerCertificate is { } signer)
        {
            report.SignerSubject = signer.Subject;
            report.SignerCertificateThumbprint = signer.Thumbprint;
            report.SignerCertificateSerialNumber = signer.SerialNumber;
            report.UsesDss = dss.Present && (dss.VriKeys.Contains(PdfDssWriter.VriKey(info.Contents))
                || (result.FetchedRevocationData.OcspResponses.Count == 0 && result.FetchedRevocationData.Crls.Count == 0
                    && result.RevocationResults.Any(x => x.Result.Source != "none")));
        }

        report.Signer = result.Signer;
        foreach (ValidationProblem p in result.Problems)
        {
            problems.Add(p.Code == "revocation-unknown" && !_requireRevocation && p.Severity == ValidationSeverity.Error
                ? p with { Severity = ValidationSeverity.Warning }
                : p);
        }

        bool baselineB = info.SubFilter == PdfSignatureOptions.CadesDetached && result.HasSigningCertificateV2 && !result.HasSigningTimeAttribute;
        report.PadesLevel = !baselineB ? PadesBaselineLevel.None
            : result.Timestamp is not null ? PadesBaselineLevel.BaselineT
            : PadesBaselineLevel.BaselineB;
        if (info.SubFilter == PdfSignatureOptions.CadesDetached && info.SigningTime is null)
        {
            problems.Add(new("signature.M", "pades-m-missing", "The signature dictionary has no /M (signing time), which PAdES baseline requires.", "Từ điển chữ ký thiếu /M (thời điểm ký) mà chuẩn PAdES yêu cầu.", ValidationSeverity.Warning));
        }

        report.Problems = problems;
        return report;
    }

    /// <summary>
    /// Reads the digest algorithm from the signature blob and hashes the signed ranges. On failure the problem is added,
    /// <paramref name="report"/> gets the problems and <see langword="null"/> is returned.
    /// </summary>
    private static byte[]? DigestSignedRanges(
        Stream pdf,
        PdfSignatureInfo info,
        byte[] blob,
        Func<byte[], HashAlgorithmName> readAlgorithm,
        PdfSignatureReport report,
        List<ValidationProblem> problems,
        string path,
        string code,
        string message,
        string messageVi)
    {
        HashAlgorithmName algorithm;
        try
        {
            algorithm = readAlgorithm(blob);
        }
        catch (EDocFormatException ex)
        {
            problems.Add(new(path, code, message + ex.Message, messageVi + ex.Message));
            report.Problems = problems;
            return null;
        }

        report.DigestAlgorithm = algorithm.Name;
        byte[]? digest = Digest(pdf, info, algorithm, problems);
        if (digest is null)
        {
            report.Problems = problems;
        }

        return digest;
    }

    private PdfSignatureReport VerifyDocumentTimestamp(Stream pdf, PdfSignatureInfo info, CmsVerificationInput input)
    {
        PdfSignatureReport report = NewReport(info);
        var problems = new List<ValidationProblem>();
        byte[] token = info.GetCms();
        byte[]? digest = DigestSignedRanges(pdf, info, token, b => TimestampValidator.GetHashAlgorithm(b), report, problems,
            "timestamp", "timestamp-format", "The document timestamp is not a usable RFC 3161 token: ", "Dấu thời gian của văn bản không đọc được: ");
        if (digest is null)
        {
            return report;
        }

        TimestampVerificationResult result = _cms.VerifyTimestampToken(token, digest, input);
        report.IsIntegrityValid = result.Info is { IsImprintValid: true, IsSignatureValid: true };
        report.Trust = result.IsTrusted ? CertificateTrustStatus.Trusted : result.Info?.TsaCertificate is null ? CertificateTrustStatus.NotChecked : CertificateTrustStatus.Untrusted;
        report.Chain = result.Chain.Select(c => c.Subject).ToList();
        report.TimestampTime = result.Info?.GenerationTime;
        if (result.Info?.TsaCertificate is { } tsa)
        {
            report.SignerSubject = tsa.Subject;
            report.Signer = Certificates.SignerIdentity.FromCertificate(tsa);
            report.SignerCertificateThumbprint = tsa.Thumbprint;
            report.SignerCertificateSerialNumber = tsa.SerialNumber;
        }

        problems.AddRange(result.Problems);
        report.Problems = problems;
        return report;
    }

    /// <summary>Adds the change analysis, the levels that depend on later revisions, and the verdict.</summary>
    private void Finish(PdfDocumentReader reader, List<PdfSignatureInfo> infos, List<PdfSignatureReport> reports, int index, int? docMdp, DssContents dss)
    {
        PdfSignatureInfo info = infos[index];
        PdfSignatureReport report = reports[index];
        var problems = new List<ValidationProblem>(report.Problems);
        report.DocMdpPermissions = docMdp;
        bool invalid = false;

        if (!info.IsByteRangeSane)
        {
            invalid = true;
            foreach (string p in info.ByteRangeProblems)
            {
                problems.Add(new("byteRange", "byterange-insane", "The /ByteRange is not sane: " + p, "/ByteRange không hợp lệ: " + p));
            }
        }

        if (!info.InAcroForm)
        {
            problems.Add(new("field", "not-in-acroform", "The signature field is only a page widget, not listed in AcroForm /Fields (some readers will not show it).", "Trường chữ ký chỉ nằm trong trang, không có trong AcroForm /Fields (một số phần mềm sẽ không hiển thị).", ValidationSeverity.Warning));
        }

        if (problems.Any(p => p.Code is "byterange-missing" or "byterange-outside" or "cms-format" or "timestamp-format"))
        {
            invalid = true;
        }

        if (!report.IsIntegrityValid && !invalid)
        {
            invalid = true;
            if (!problems.Any(p => p.Severity == ValidationSeverity.Error))
            {
                problems.Add(new("signature", "integrity", "The signed bytes or the signature value do not verify.", "Nội dung được ký hoặc giá trị chữ ký không khớp."));
            }
        }

        if (report.RevocationStatus == CertificateRevocationStatus.Revoked)
        {
            invalid = true;
        }

        // Changes after the signature.
        PdfRevisionDiffResult? changes = info.Changes;
        if (changes is null)
        {
            invalid = true;
            report.ChangesAllowed = false;
            problems.Add(new("changes", "revision-unknown", "The signed range does not end at a revision of the file, so what changed after signing cannot be told.", "Vùng được ký không kết thúc tại một phiên bản của tệp; không xác định được các thay đổi sau khi ký."));
        }
        else
        {
            report.ChangesAfter = (PdfChangeCategory)(int)changes.Overall;
            report.ChangedObjects = changes.Changes.Select(c => new PdfChangedObject(c.ObjectNumber, c.IsNew, (PdfChangeCategory)(int)c.Kind, c.Reason)).ToList();
            PdfChangeCategory allowed = AllowedCategory(changes, docMdp);
            report.ChangesAllowed = report.ChangesAfter <= allowed;
            if (!report.ChangesAllowed)
            {
                invalid = true;
                string objects = string.Join("; ", report.ChangedObjects.Where(c => c.Category > allowed).Take(10).Select(c => $"object {c.ObjectNumber}: {c.Reason}"));
                string why = docMdp is not null && _allowedChanges == PdfAllowedChanges.FollowDocMdp ? $" (certification DocMDP P={docMdp})" : string.Empty;
                problems.Add(new(
                    "changes",
                    "changes-not-allowed",
                    $"The document was changed after this signature ({Describe(report.ChangesAfter)}), which is not allowed{why}: {objects}",
                    $"Văn bản đã bị thay đổi sau khi ký ({DescribeVi(report.ChangesAfter)}), thay đổi này không được phép{why}."));
            }
            else if (report.ChangesAfter is PdfChangeCategory.FormFill or PdfChangeCategory.Annotations)
            {
                problems.Add(new("changes", "changes-allowed", $"The document was changed after this signature ({Describe(report.ChangesAfter)}); the change is allowed.", $"Văn bản có thay đổi sau khi ký ({DescribeVi(report.ChangesAfter)}); thay đổi này được phép.", ValidationSeverity.Warning));
            }

            if (!info.CoversWholeDocument && changes.Overall == PdfChangeKind.None && index == infos.Count - 1)
            {
                problems.Add(new("byteRange", "trailing-bytes", "Bytes that are not a revision follow the signed range.", "Có dữ liệu không thuộc phiên bản nào sau vùng được ký.", ValidationSeverity.Warning));
            }
        }

        // PAdES level from later revisions: a document timestamp (B-T), the DSS (B-LT), a timestamp over the DSS (B-LTA).
        if (report.PadesLevel >= PadesBaselineLevel.BaselineB && report.Kind != PdfSignatureKind.DocumentTimestamp)
        {
            long end = info.ByteRange is { Length: 4 } br ? br[2] + br[3] : long.MaxValue;
            List<PdfSignatureInfo> laterTimestamps = infos.Where(t => IsDocumentTimestamp(t) && t.ByteRange is { Length: 4 } tb && tb[2] + tb[3] > end).ToList();
            if (report.PadesLevel == PadesBaselineLevel.BaselineB && laterTimestamps.Count > 0)
            {
                report.PadesLevel = PadesBaselineLevel.BaselineT;
            }

            bool hasLtData = dss.Present && (dss.VriKeys.Contains(PdfDssWriter.VriKey(info.Contents)) || report.UsesDss
                || (report.SignerCertificateThumbprint is { } tp && dss.CertificateThumbprints.Contains(tp)));
            if (report.PadesLevel == PadesBaselineLevel.BaselineT && hasLtData)
            {
                report.PadesLevel = PadesBaselineLevel.BaselineLT;
                foreach (PdfSignatureInfo ts in laterTimestamps)
                {
                    if (ts.CoveredRevision is int rev && ReadDss(reader, reader.GetView(rev)).Present)
                    {
                        report.PadesLevel = PadesBaselineLevel.BaselineLta;
                        break;
                    }
                }
            }
        }

        report.Problems = problems;
        report.Status = invalid ? PdfVerificationStatus.Invalid
            : problems.Any(p => p.Severity == ValidationSeverity.Error) ? PdfVerificationStatus.Indeterminate
            : PdfVerificationStatus.Valid;
        (report.Message, report.MessageVi) = SignatureMessage(report);
    }

    private PdfChangeCategory AllowedCategory(PdfRevisionDiffResult changes, int? docMdp)
    {
        // DSS, VRI and document timestamps are allowed after any signature, even under DocMDP P=1 (ISO 32000-2).
        PdfChangeCategory dssOnly = changes.AddsApprovalSignatures ? PdfChangeCategory.None : PdfChangeCategory.SignaturesAndDss;
        return _allowedChanges switch
        {
            PdfAllowedChanges.None => dssOnly,
            PdfAllowedChanges.SignaturesOnly => PdfChangeCategory.SignaturesAndDss,
            _ => docMdp switch
            {
                1 => dssOnly,
                2 => PdfChangeCategory.FormFill,
                _ => PdfChangeCategory.Annotations,
            },
        };
    }

    private static string Describe(PdfChangeCategory c) => c switch
    {
        PdfChangeCategory.None => "nothing",
        PdfChangeCategory.SignaturesAndDss => "later signatures and validation data only",
        PdfChangeCategory.FormFill => "form fill-in",
        PdfChangeCategory.Annotations => "annotations",
        _ => "other changes, such as page content",
    };

    private static string DescribeVi(PdfChangeCategory c) => c switch
    {
        PdfChangeCategory.None => "không có",
        PdfChangeCategory.SignaturesAndDss => "chỉ thêm chữ ký và dữ liệu kiểm tra",
        PdfChangeCategory.FormFill => "điền biểu mẫu",
        PdfChangeCategory.Annotations => "chú thích",
        _ => "thay đổi khác, ví dụ nội dung trang",
    };

    private static (string En, string Vi) SignatureMessage(PdfSignatureReport r)
    {
        string who = r.Signer?.CommonName ?? r.SignerSubject ?? "unknown signer";
        string whoVi = r.Signer?.CommonName ?? r.SignerSubject ?? "không rõ người ký";
        ValidationProblem? first = r.Problems.FirstOrDefault(p => p.Severity == ValidationSeverity.Error);
        return r.Status switch
        {
            PdfVerificationStatus.Valid => (
                $"Signature '{r.FieldName}' by {who} is valid.",
                $"Chữ ký '{r.FieldName}' của {whoVi} hợp lệ."),
            PdfVerificationStatus.Indeterminate => (
                $"Signature '{r.FieldName}' by {who} is intact but could not be fully validated: {first?.Message}",
                $"Chữ ký '{r.FieldName}' của {whoVi} toàn vẹn nhưng chưa xác định được tính hợp lệ: {first?.MessageVi}"),
            _ => (
                $"Signature '{r.FieldName}' by {who} is invalid: {first?.Message}",
                $"Chữ ký '{r.FieldName}' của {whoVi} không hợp lệ: {first?.MessageVi}"),
        };
    }

    private static (string En, string Vi) DocumentMessage(PdfVerificationReport r)
    {
        int n = r.Signatures.Count;
        return n == 0
            ? ("The document has no signature.", "Văn bản không có chữ ký số.")
            : r.Status switch
            {
                PdfVerificationStatus.Valid => ($"All {n} signature(s) are valid.", $"Cả {n} chữ ký đều hợp lệ."),
                PdfVerificationStatus.Indeterminate => (
                    $"{r.Signatures.Count(s => s.Status != PdfVerificationStatus.Valid)} of {n} signature(s) could not be fully validated.",
                    $"{r.Signatures.Count(s => s.Status != PdfVerificationStatus.Valid)}/{n} chữ ký chưa xác định được tính hợp lệ."),
                _ => (
                    $"{r.Signatures.Count(s => s.Status == PdfVerificationStatus.Invalid)} of {n} signature(s) are invalid.",
                    $"{r.Signatures.Count(s => s.Status == PdfVerificationStatus.Invalid)}/{n} chữ ký không hợp lệ."),
            };
    }

    /// <summary>Reads the DSS dictionary of a revision: certificates, OCSP responses, CRLs and VRI keys.</summary>
    private static DssContents ReadDss(PdfDocumentReader reader, PdfObjectView view)
    {
        var result = new DssContents();
        PdfDictionary? catalog = view.GetDictionary(reader.RootReference);
        if (catalog is null || view.GetDictionary(catalog.Get("DSS")) is not { } dss)
        {
            return result;
        }

        result.Present = true;
        foreach (byte[] der in Streams(reader, view, dss.Get("Certs")))
        {
            try
            {
                X509Certificate2 cert = X509CertificateLoader.LoadCertificate(der);
                result.Data.Certificates.Add(cert);
                result.CertificateThumbprints.Add(cert.Thumbprint);
            }
            catch (CryptographicException)
            {
                // A damaged certificate in the DSS is ignored; chain building reports what is missing.
            }
        }

        foreach (byte[] der in Streams(reader, view, dss.Get("OCSPs")))
        {
            result.Data.OcspResponses.Add(der);
        }

        foreach (byte[] der in Streams(reader, view, dss.Get("CRLs")))
        {
            result.Data.Crls.Add(der);
        }

        if (view.GetDictionary(dss.Get("VRI")) is { } vri)
        {
            foreach (KeyValuePair<string, PdfObject> e in vri.Entries)
            {
                result.VriKeys.Add(e.Key.ToUpperInvariant());
            }
        }

        return result;
    }

    private static IEnumerable<byte[]> Streams(PdfDocumentReader reader, PdfObjectView view, PdfObject? array)
    {
        if (view.GetArray(array) is not { } items)
        {
            yield break;
        }

        foreach (PdfObject item in items.Items)
        {
            if (view.Resolve(item) is PdfStream s)
            {
                byte[] data;
                try
                {
                    data = reader.ReadStreamData(s, view);
                }
                catch (EDocFormatException)
                {
                    continue;
                }

                yield return data;
            }
        }
    }

    private sealed class DssContents
    {
        public bool Present { get; set; }

        public RevocationData Data { get; } = new();

        public HashSet<string> VriKeys { get; } = new(StringComparer.Ordinal);

        public HashSet<string> CertificateThumbprints { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
