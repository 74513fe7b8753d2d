using System.Diagnostics;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EDoc.Signing.Appearance;
using EDoc.Signing.Cms;
using EDoc.Signing.Diagnostics;
using EDoc.Signing.Pdf;
using EDoc.Signing.Pdf.Parsing;
using EDoc.Signing.Pdf.Writing;
using EDoc.Signing.Revocation;
using EDoc.Signing.Signers;
using EDoc.Signing.Timestamps;
using EDoc.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EDoc.Signing;

/// <summary>
/// Signs PDFs with PAdES baseline signatures (B-B, B-T, B-LT, B-LTA) as incremental updates (ký số văn bản điện tử):
/// earlier bytes and earlier signatures stay untouched, so a document can carry the drafter's, the signer's, the
/// clerk's and the agency's signatures one after another. The source is never modified; file outputs are written
/// atomically (temp file + rename) and never left half-written; memory does not grow with the file size.
/// Immutable and thread-safe.
/// </summary>
public sealed class PdfSigner
{
    private const string CmsSignedDataOid = "1.2.840.113549.1.7.2";

    private readonly PdfSignerOptions _options;
    private readonly Rfc3161TimestampClient? _timestampClient;
    private readonly RevocationDataCollector? _revocationCollector;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Initializes a new signer.</summary>
    /// <param name="options">Settings (copied). <see langword="null"/> uses the defaults.</param>
    /// <param name="timestampClient">The TSA client; required for <see cref="PadesLevel.BaselineT"/> and above.</param>
    /// <param name="revocationCollector">The OCSP/CRL collector; required for <see cref="PadesLevel.BaselineLT"/> and above.</param>
    /// <param name="timeProvider">The clock for /M. <value>The default value is <see cref="TimeProvider.System"/>.</value></param>
    /// <param name="logger">The logger. <value>The default value is a no-op logger.</value></param>
    public PdfSigner(
        PdfSignerOptions? options = null,
        Rfc3161TimestampClient? timestampClient = null,
        RevocationDataCollector? revocationCollector = null,
        TimeProvider? timeProvider = null,
        ILogger<PdfSigner>? logger = null)
    {
        _options = (options ?? new PdfSignerOptions()).Snapshot();
        _timestampClient = timestampClient;
        _revocationCollector = revocationCollector;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// A test seam: wraps every file the signer writes (the temporary output next to the destination and the scratch
    /// files) so that tests can make the disk fail (for example "No space left on device" after N bytes).
    /// </summary>
    internal Func<Stream, Stream>? WriteInterceptor { get; init; }

    /// <summary>
    /// Signs <paramref name="source"/> into <paramref name="destination"/>. The source must be readable (a non-seekable
    /// source is first spooled to a temporary file); it is never written to. The destination receives the source bytes
    /// followed by the new revision(s); when it is not an empty readable, writable and seekable stream, the output is
    /// built in a temporary file and then copied.
    /// </summary>
    /// <param name="source">The PDF to sign.</param>
    /// <param name="destination">Where the signed PDF goes.</param>
    /// <param name="request">The key and signature settings.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was produced.</returns>
    /// <exception cref="PdfFormatException">The source is malformed, truncated or encrypted (<see cref="PdfEncryptedException"/>).</exception>
    /// <exception cref="EDocLimitExceededException">The source exceeds a reader limit.</exception>
    /// <exception cref="EDocPolicyException">The document is certified with "no changes allowed" (DocMDP P=1).</exception>
    /// <exception cref="SigningException">The key could not sign, the field cannot be signed, the TSA or revocation data failed.</exception>
    /// <exception cref="InvalidOperationException">The level needs a TSA client or revocation collector that this signer was not given.</exception>
    public async Task<PdfSigningResult> SignAsync(Stream source, Stream destination, PdfSignatureRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        CheckStreams(source, destination);
        EnsureServices(request.Level);

        return await MeasureAsync(request.Level, async () =>
        {
            if (!source.CanSeek)
            {
                Stream spooled = CreateTempStream();
                await using var spooledScope = spooled.ConfigureAwait(false);
                await source.CopyToAsync(spooled, cancellationToken).ConfigureAwait(false);
                await spooled.FlushAsync(cancellationToken).ConfigureAwait(false);
                return await SignSeekableAsync(spooled, destination, request, cancellationToken).ConfigureAwait(false);
            }

            return await SignSeekableAsync(source, destination, request, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Signs the file <paramref name="sourcePath"/> into <paramref name="destinationPath"/>: the output is written to a
    /// temporary file in the destination folder and renamed when complete (an existing destination is replaced); on
    /// any failure or cancellation no output file is left. The source file is only read.
    /// </summary>
    /// <param name="sourcePath">The PDF to sign.</param>
    /// <param name="destinationPath">The signed PDF; must differ from <paramref name="sourcePath"/>.</param>
    /// <param name="request">The key and signature settings.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was produced.</returns>
    /// <exception cref="PdfFormatException">The source is malformed, truncated or encrypted.</exception>
    /// <exception cref="SigningException">Signing failed (see <see cref="SignAsync"/>).</exception>
    /// <exception cref="FileNotFoundException">The source does not exist.</exception>
    public Task<PdfSigningResult> SignFileAsync(string sourcePath, string destinationPath, PdfSignatureRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WriteFileAtomicallyAsync(sourcePath, destinationPath, (src, dst) => SignAsync(src, dst, request, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Phase 1 of two-phase signing for remote signing services (VNPT SmartCA, Viettel MySign, a CSC service…):
    /// writes the document with an empty signature into <paramref name="prepared"/> (which the caller keeps, e.g. a
    /// file, while the user approves) and returns a serializable state holding the hash to sign.
    /// </summary>
    /// <param name="source">The PDF to sign (only read).</param>
    /// <param name="prepared">An empty readable, writable and seekable stream the caller keeps for phase 2.</param>
    /// <param name="request">The certificate, chain, scheme and signature settings.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The state; send <see cref="PdfTwoPhaseState.HashToSign"/> to the service and keep the state (JSON).</returns>
    /// <exception cref="PdfFormatException">The source is malformed or encrypted.</exception>
    /// <exception cref="SigningException">The field cannot be signed.</exception>
    public async Task<PdfTwoPhaseState> PrepareTwoPhaseAsync(Stream source, Stream prepared, PdfTwoPhaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        CheckStreams(source, prepared);
        if (!IsEmptyRandomAccess(prepared))
        {
            throw new ArgumentException("The prepared stream must be empty, readable, writable and seekable.", nameof(prepared));
        }

        if (!source.CanSeek)
        {
            throw new ArgumentException("The source stream must be seekable for two-phase signing.", nameof(source));
        }

        EnsureServices(request.Level);
        var builder = new CmsSignatureBuilder(new CmsSignatureOptions { DigestAlgorithm = request.DigestAlgorithm });
        SignatureScheme scheme = request.EffectiveScheme;
        int capacity = builder.EstimateSize(request.Certificate, request.Chain, scheme, TimestampAllowance(request.Level));
        DateTimeOffset signingTime = VietnamTime.Now(_timeProvider);
        PdfSignatureOptions pdfOptions = BuildPdfOptions(source, request, request.Certificate, signingTime, capacity);
        PreparedSignature p = await PrepareAsync(source, prepared, pdfOptions, cancellationToken).ConfigureAwait(false);
        PendingSignature pending = builder.Prepare(p.Digest, request.Certificate, request.Chain, scheme);
        Log.TwoPhasePrepared(_logger, p.FieldName);
        return new PdfTwoPhaseState
        {
            FieldName = p.FieldName,
            Level = request.Level,
            ByteRange = p.ByteRange,
            ContentsOffset = p.ContentsOffset,
            ContentsCapacity = p.ContentsCapacity,
            PreparedLength = p.OutputLength,
            SourceLength = source.Length,
            SigningTime = signingTime,
            ContentDigest = p.Digest,
            HashToSign = pending.HashToSign.ToArray(),
            DataToBeSigned = pending.DataToBeSigned.ToArray(),
            DigestInfoToSign = scheme == SignatureScheme.Ecdsa ? [] : pending.DigestInfoToSign.ToArray(),
            Cms = pending.State,
        };
    }

    /// <summary>Phase 1 of two-phase signing, file to file: <paramref name="preparedPath"/> is created (atomically) and kept for phase 2.</summary>
    /// <param name="sourcePath">The PDF to sign (only read).</param>
    /// <param name="preparedPath">The prepared file to create.</param>
    /// <param name="request">The certificate and signature settings.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The state.</returns>
    public async Task<PdfTwoPhaseState> PrepareTwoPhaseFileAsync(string sourcePath, string preparedPath, PdfTwoPhaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        PdfTwoPhaseState? state = null;
        await WriteFileAtomicallyAsync(sourcePath, preparedPath, async (src, dst) =>
        {
            state = await PrepareTwoPhaseAsync(src, dst, request, cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        return state!;
    }

    /// <summary>
    /// Phase 2 of two-phase signing: embeds the service's answer into the prepared document and writes the signed
    /// document (with timestamp, DSS and document timestamp as the level requires) to <paramref name="destination"/>.
    /// The answer is either a raw signature value over <see cref="PdfTwoPhaseState.HashToSign"/> (RSA PKCS#1 v1.5/PSS,
    /// ECDSA DER or r||s) or a complete CMS SignedData over <see cref="PdfTwoPhaseState.ContentDigest"/>.
    /// </summary>
    /// <param name="state">The state from phase 1.</param>
    /// <param name="signatureOrCms">The raw signature or the CMS.</param>
    /// <param name="prepared">The prepared document of phase 1 (readable, writable, seekable); its placeholder is filled in place.</param>
    /// <param name="destination">Where the signed document goes (may be <paramref name="prepared"/> itself for B-B and B-T).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was produced.</returns>
    /// <exception cref="SigningException">The signature is over a different hash or by another key, the CMS signs another digest, or the prepared document is not the one of phase 1.</exception>
    public async Task<PdfSigningResult> CompleteTwoPhaseAsync(PdfTwoPhaseState state, ReadOnlyMemory<byte> signatureOrCms, Stream prepared, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(destination);
        if (signatureOrCms.IsEmpty)
        {
            throw new SigningException("empty-signature", "The remote signing service returned an empty signature.");
        }

        if (!prepared.CanRead || !prepared.CanWrite || !prepared.CanSeek)
        {
            throw new ArgumentException("The prepared stream must be readable, writable and seekable.", nameof(prepared));
        }

        bool inPlace = ReferenceEquals(prepared, destination);
        if (inPlace && state.Level >= PadesLevel.BaselineLT)
        {
            throw new ArgumentException("B-LT and B-LTA append further revisions; give a destination other than the prepared stream.", nameof(destination));
        }

        if (!inPlace && !destination.CanWrite)
        {
            throw new ArgumentException("The destination stream must be writable.", nameof(destination));
        }

        EnsureServices(state.Level);
        return await MeasureAsync(state.Level, async () =>
        {
            var hashAlgorithm = new HashAlgorithmName(state.Cms.DigestAlgorithm);
            if (prepared.Length != state.PreparedLength)
            {
                throw new SigningException("two-phase-document", $"The prepared document has {prepared.Length} bytes, not the {state.PreparedLength} of phase 1; it is not the document the state belongs to.");
            }

            byte[] digest = PdfSignatureInspector.ComputeDigest(prepared, state.ByteRange, hashAlgorithm);
            if (!CryptographicOperations.FixedTimeEquals(digest, state.ContentDigest))
            {
                throw new SigningException("two-phase-document", "The prepared document's ByteRange digest differs from phase 1; it was changed or is another document.");
            }

            bool isCms = LooksLikeCms(signatureOrCms.Span);
            byte[] cms = isCms
                ? CmsSignatureBuilder.CompleteWithCms(state.Cms, signatureOrCms)
                : CmsSignatureBuilder.Complete(state.Cms, signatureOrCms.Span);
            cms = await AddSignatureTimestampIfNeededAsync(cms, state.Level, cancellationToken).ConfigureAwait(false);
            var p = new PreparedSignature(state.FieldName, state.ByteRange, state.ContentsOffset, state.ContentsCapacity, state.ContentDigest, hashAlgorithm, state.PreparedLength);
            await EmbedAsync(prepared, p, cms, cancellationToken).ConfigureAwait(false);
            Log.TwoPhaseCompleted(_logger, state.FieldName, isCms ? "cms" : "signature");
            long outputLength = inPlace
                ? prepared.Length
                : await FinishAsync(prepared, destination, state.Level, cms, p, hashAlgorithm, cancellationToken).ConfigureAwait(false);
            return new PdfSigningResult(state.FieldName, state.Level, state.SigningTime, cms.Length, state.ContentsCapacity, state.SourceLength, outputLength);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Phase 2 of two-phase signing in place, for <see cref="PadesLevel.BaselineB"/> and <see cref="PadesLevel.BaselineT"/>:
    /// the signature is embedded into <paramref name="prepared"/>, which then is the signed document.
    /// </summary>
    /// <param name="state">The state from phase 1.</param>
    /// <param name="signatureOrCms">The raw signature or the CMS.</param>
    /// <param name="prepared">The prepared document of phase 1 (readable, writable, seekable).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was produced.</returns>
    /// <exception cref="SigningException">The signature does not fit the state or the document.</exception>
    public Task<PdfSigningResult> CompleteTwoPhaseAsync(PdfTwoPhaseState state, ReadOnlyMemory<byte> signatureOrCms, Stream prepared, CancellationToken cancellationToken = default)
        => CompleteTwoPhaseAsync(state, signatureOrCms, prepared, prepared, cancellationToken);

    /// <summary>Phase 2 of two-phase signing, file to file: <paramref name="destinationPath"/> is written atomically; the prepared file may then be deleted by the caller.</summary>
    /// <param name="state">The state from phase 1.</param>
    /// <param name="signatureOrCms">The raw signature or the CMS.</param>
    /// <param name="preparedPath">The prepared file of phase 1.</param>
    /// <param name="destinationPath">The signed file to write.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was produced.</returns>
    public async Task<PdfSigningResult> CompleteTwoPhaseFileAsync(PdfTwoPhaseState state, ReadOnlyMemory<byte> signatureOrCms, string preparedPath, string destinationPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(preparedPath);
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        string full = Path.GetFullPath(destinationPath);
        string temp = TempPathNextTo(full);
        try
        {
            PdfSigningResult result;
            var prepared = new FileStream(preparedPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            await using (prepared.ConfigureAwait(false))
            {
                var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
                Stream dst = Intercept(file);
                await using (dst.ConfigureAwait(false))
                {
                    result = await CompleteTwoPhaseAsync(state, signatureOrCms, prepared, dst, cancellationToken).ConfigureAwait(false);
                    await dst.FlushAsync(cancellationToken).ConfigureAwait(false);
                    file.Flush(flushToDisk: true);
                }
            }

            File.Move(temp, full, overwrite: true);
            return result;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Signs many documents (ký hàng loạt) with bounded parallelism. Each job is signed like
    /// <see cref="SignFileAsync"/> (atomic, no partial output); a failing job does not stop the others unless
    /// <see cref="PdfBatchOptions.StopOnFirstFailure"/> is set. Progress is reported after every job.
    /// </summary>
    /// <param name="jobs">The documents to sign.</param>
    /// <param name="options">Parallelism and failure handling. <see langword="null"/> uses the defaults.</param>
    /// <param name="progress">Receives progress after each job.</param>
    /// <param name="cancellationToken">Cancels the batch: running jobs stop and leave no output, finished outputs stay, and <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>One result per job, in job order.</returns>
    public async Task<PdfBatchResult> SignBatchAsync(IEnumerable<PdfSigningJob> jobs, PdfBatchOptions? options = null, IProgress<PdfBatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        options ??= new PdfBatchOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1, nameof(options));
        List<PdfSigningJob> list = jobs.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentException($"Job {i} is null.", nameof(jobs));
            }
        }

        var results = new PdfSigningJobResult?[list.Count];
        int completed = 0;
        int failed = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = stop.Token };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, list.Count), parallel, async (i, token) =>
            {
                PdfSigningJob job = list[i];
                PdfSigningJobResult r;
                try
                {
                    PdfSigningResult res = await SignFileAsync(job.SourcePath, job.DestinationPath, job.Request, token).ConfigureAwait(false);
                    r = new PdfSigningJobResult(job, i, res, null);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    r = new PdfSigningJobResult(job, i, null, ex);
                    Interlocked.Increment(ref failed);
                    Log.BatchJobFailed(_logger, i, job.SourcePath, ex);
                    if (options.StopOnFirstFailure)
                    {
                        await stop.CancelAsync().ConfigureAwait(false);
                    }
                }

                results[i] = r;
                int done = Interlocked.Increment(ref completed);
                progress?.Report(new PdfBatchProgress(done, Volatile.Read(ref failed), list.Count, r));
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && stop.IsCancellationRequested)
        {
            // Stopped by StopOnFirstFailure: the remaining jobs are reported as cancelled below.
        }

        var final = new PdfSigningJobResult[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            final[i] = results[i] ?? new PdfSigningJobResult(list[i], i, null, new OperationCanceledException("The batch stopped after a failure before this job finished."));
        }

        var batch = new PdfBatchResult(final);
        Log.BatchCompleted(_logger, batch.SucceededCount, batch.FailedCount, list.Count);
        return batch;
    }

    private async Task<PdfSigningResult> SignSeekableAsync(Stream source, Stream destination, PdfSignatureRequest request, CancellationToken cancellationToken)
    {
        var builder = new CmsSignatureBuilder(new CmsSignatureOptions { DigestAlgorithm = request.DigestAlgorithm });
        int capacity = builder.EstimateSize(request.Key, TimestampAllowance(request.Level));
        DateTimeOffset signingTime = VietnamTime.Now(_timeProvider);
        long sourceLength = source.Length;
        Log.SigningStarted(_logger, sourceLength, request.Level, request.Key.Certificate.Thumbprint, request.FieldName, capacity);
        PdfSignatureOptions pdfOptions = BuildPdfOptions(source, request, request.Key.Certificate, signingTime, capacity);

        bool direct = request.Level < PadesLevel.BaselineLT && IsEmptyRandomAccess(destination);
        Stream? stage = direct ? null : CreateTempStream();
        try
        {
            Stream target = stage ?? destination;
            PreparedSignature prepared = await PrepareAsync(source, target, pdfOptions, cancellationToken).ConfigureAwait(false);
            byte[] cms = await builder.SignAsync(prepared.Digest, request.Key, cancellationToken).ConfigureAwait(false);
            cms = await AddSignatureTimestampIfNeededAsync(cms, request.Level, cancellationToken).ConfigureAwait(false);
            await EmbedAsync(target, prepared, cms, cancellationToken).ConfigureAwait(false);
            long outputLength = stage is null
                ? prepared.OutputLength
                : await FinishAsync(stage, destination, request.Level, cms, prepared, request.DigestAlgorithm, cancellationToken).ConfigureAwait(false);
                return new PdfSigningResult(prepared.FieldName, request.Level, signingTime, cms.Length, prepared.ContentsCapacity, sourceLength, outputLength);
        }
        finally
        {
            if (stage is not null)
            {
                await stage.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Takes a signed revision (in <paramref name="signed"/>) to the requested level and writes it to <paramref name="destination"/>.</summary>
    private async Task<long> FinishAsync(Stream signed, Stream destination, PadesLevel level, byte[] cms, PreparedSignature prepared, HashAlgorithmName digestAlgorithm, CancellationToken cancellationToken)
    {
        if (level < PadesLevel.BaselineLT)
        {
            signed.Position = 0;
            await signed.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            return signed.Length;
        }

        // B-LT: a later revision with the DSS (certificates, OCSP responses, CRLs) and the signature's VRI entry.
        RevocationData data;
        try
        {
            data = await _revocationCollector!.CollectForSignatureAsync(cms, null, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new SigningException("revocation-unavailable", "Revocation data could not be fetched: " + ex.Message, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SigningException("revocation-unavailable", "The OCSP/CRL server did not answer in time.", ex);
        }

        if (_options.RequireRevocationData && data.OcspResponses.Count + data.Crls.Count == 0)
        {
            throw new SigningException("revocation-unavailable", "No OCSP response or CRL could be obtained for the signer certificate; a B-LT signature needs revocation data (sign at B-T, or set RequireRevocationData to false).");
        }

        byte[] contents = new byte[prepared.ContentsCapacity];
        cms.CopyTo(contents, 0);
        PdfDssData dss = ToDss(data, PdfDssWriter.VriKey(contents));
        Log.DssAppended(_logger, dss.Certificates.Count, dss.OcspResponses.Count, dss.Crls.Count);
        signed.Position = 0;
        if (level == PadesLevel.BaselineLT)
        {
            var counting = new CountingStream(destination);
            await PdfDssWriter.AppendAsync(signed, counting, dss, cancellationToken).ConfigureAwait(false);
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            return counting.Written;
        }

        // B-LTA: a document timestamp over everything, then the TSA's own validation data when it can be found.
        Stream withDss = CreateTempStream();
        await using var withDssScope = withDss.ConfigureAwait(false);
        await PdfDssWriter.AppendAsync(signed, withDss, dss, cancellationToken).ConfigureAwait(false);
        Stream stamped = CreateTempStream();
        await using var stampedScope = stamped.ConfigureAwait(false);
        var tsOptions = new PdfSignatureOptions
        {
            SubFilter = PdfSignatureOptions.Rfc3161,
            ContentsCapacity = _options.TimestampAllowance,
            DigestAlgorithm = digestAlgorithm,
        };
        PreparedSignature ts = await PrepareAsync(withDss, stamped, tsOptions, cancellationToken).ConfigureAwait(false);
        byte[] token;
        try
        {
            token = await _timestampClient!.RequestTokenForHashAsync(ts.Digest, digestAlgorithm, cancellationToken).ConfigureAwait(false);
        }
        catch (TimestampException ex)
        {
            throw new SigningException("document-timestamp", "The TSA did not return a document timestamp: " + ex.Message, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new SigningException("document-timestamp", "The TSA could not be reached: " + ex.Message, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SigningException("document-timestamp", "The TSA did not answer in time.", ex);
        }

        await EmbedAsync(stamped, ts, token, cancellationToken).ConfigureAwait(false);
        Log.DocumentTimestampAdded(_logger, ts.FieldName);

        RevocationData tsaData;
        try
        {
            tsaData = await _revocationCollector!.CollectForSignatureAsync(token, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or SigningException or CryptographicException or EDocException)
        {
            tsaData = new RevocationData();
        }

        stamped.Position = 0;
        if (tsaData.OcspResponses.Count + tsaData.Crls.Count + tsaData.Certificates.Count == 0)
        {
            await stamped.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
            return stamped.Length;
        }

        var counter = new CountingStream(destination);
        await PdfDssWriter.AppendAsync(stamped, counter, ToDss(tsaData, null), cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return counter.Written;
    }

    private static PdfDssData ToDss(RevocationData data, string? vriKey)
    {
        byte[][] certs = data.Certificates.Select(c => c.RawData).ToArray();
        byte[][] ocsps = data.OcspResponses.ToArray();
        byte[][] crls = data.Crls.ToArray();
        var vri = new Dictionary<string, PdfVriEntry>(StringComparer.Ordinal);
        if (vriKey is not null)
        {
            vri[vriKey] = new PdfVriEntry { Certificates = certs, OcspResponses = ocsps, Crls = crls };
        }

        return new PdfDssData { Certificates = certs, OcspResponses = ocsps, Crls = crls, Vri = vri };
    }

    private async Task<byte[]> AddSignatureTimestampIfNeededAsync(byte[] cms, PadesLevel level, CancellationToken cancellationToken)
    {
        if (level < PadesLevel.BaselineT)
        {
            return cms;
        }

        try
        {
            byte[] stamped = await _timestampClient!.AddSignatureTimestampAsync(cms, cancellationToken).ConfigureAwait(false);
            Log.TimestampAdded(_logger, stamped.Length - cms.Length);
            return stamped;
        }
        catch (TimestampException ex)
        {
            throw new SigningException("timestamp", "The TSA did not return a signature timestamp: " + ex.Message, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new SigningException("timestamp", "The TSA could not be reached: " + ex.Message, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SigningException("timestamp", "The TSA did not answer in time.", ex);
        }
    }

    private static async Task<PreparedSignature> PrepareAsync(Stream source, Stream output, PdfSignatureOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await PdfSignaturePreparer.PrepareAsync(source, output, options, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            throw new SigningException("pdf-field", ex.Message, ex);
        }
    }

    private static async Task EmbedAsync(Stream output, PreparedSignature prepared, byte[] cms, CancellationToken cancellationToken)
    {
        if (cms.Length > prepared.ContentsCapacity)
        {
            throw new SigningException("contents-capacity", $"The signature ({cms.Length} bytes) does not fit the reserved /Contents ({prepared.ContentsCapacity} bytes); the timestamp token is larger than the allowance (PdfSignerOptions.TimestampAllowance).");
        }

        try
        {
            await PdfSignaturePreparer.EmbedAsync(output, prepared, cms, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new SigningException("two-phase-document", ex.Message, ex);
        }
    }

    private static PdfSignatureOptions BuildPdfOptions(Stream source, PdfSignatureParameters request, X509Certificate2 certificate, DateTimeOffset signingTime, int capacity)
    {
        ResolvedPlacement placement;
        try
        {
            placement = SignaturePlacementResolver.Resolve(source, request, signingTime);
        }
        catch (ArgumentException ex)
        {
            throw new SigningException("placement", ex.Message, ex);
        }

        PdfSignatureAppearance? appearance = null;
        if (placement.UserRect is { } r && placement.VisibleBox is { } box && request.Appearance is { } provider)
        {
            var rect = new PdfSignatureRectangle(r[0], r[1], r[2], r[3]);
            appearance = provider.CreateAppearance(new PdfSignatureAppearanceContext(rect, box.Width, box.Height, certificate, signingTime, request.Reason, request.Location, request.ContactInfo, request.SignerName));
        }

        return new PdfSignatureOptions
        {
            FieldName = placement.FieldName,
            PageIndex = placement.PageIndex,
            Rectangle = placement.UserRect,
            Appearance = appearance,
            Tooltip = appearance is null ? null : request.Appearance?.Tooltip,
            SigningTime = signingTime,
            Reason = request.Reason,
            Location = request.Location,
            ContactInfo = request.ContactInfo,
            Name = request.SignerName,
            ContentsCapacity = capacity,
            DocMdp = request.Certification is { } c ? (PdfDocMdpPermissions)(int)c : null,
            DigestAlgorithm = request.DigestAlgorithm,
        };
    }

    private int TimestampAllowance(PadesLevel level) => level >= PadesLevel.BaselineT ? _options.TimestampAllowance : 0;

    private void EnsureServices(PadesLevel level)
    {
        if (level >= PadesLevel.BaselineT && _timestampClient is null)
        {
            throw new InvalidOperationException($"PAdES {level} needs a timestamp authority: create the PdfSigner with an Rfc3161TimestampClient (or AddTimestampAuthority in DI).");
        }

        if (level >= PadesLevel.BaselineLT && _revocationCollector is null)
        {
            throw new InvalidOperationException($"PAdES {level} needs revocation data: create the PdfSigner with a RevocationDataCollector (or AddRevocationCollection in DI).");
        }
    }

    private async Task<PdfSigningResult> MeasureAsync(PadesLevel level, Func<Task<PdfSigningResult>> body)
    {
        long started = Stopwatch.GetTimestamp();
        using Activity? activity = EDocSigningDiagnostics.ActivitySource.StartActivity(EDocSigningDiagnostics.SignActivityName);
        activity?.SetTag("edoc.signing.level", level.ToString());
        string outcome = "success";
        try
        {
            PdfSigningResult result = await body().ConfigureAwait(false);
            activity?.SetTag("edoc.signing.field", result.FieldName);
            activity?.SetTag("edoc.signing.output_length", result.OutputLength);
            double elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Log.SigningCompleted(_logger, result.FieldName, result.Level, result.CmsSize, result.ContentsCapacity, result.OutputLength, elapsedMs);

            return result;
        }
        catch (OperationCanceledException)
        {
            outcome = "canceled";
            activity?.SetStatus(ActivityStatusCode.Error, "canceled");
            throw;
        }
        catch (Exception ex)
        {
            outcome = "failure";
            string code = ex is EDocException e ? e.ErrorCode : ex.GetType().Name;
            activity?.SetStatus(ActivityStatusCode.Error, code);
            activity?.SetTag("error.type", code);
            Log.SigningFailed(_logger, level, code, ex);
            throw;
        }
        finally
        {
            EDocSigningDiagnostics.SignDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("edoc.signing.level", level.ToString()),
                new KeyValuePair<string, object?>("edoc.signing.outcome", outcome));
        }
    }

    private async Task<T> WriteFileAtomicallyAsync<T>(string sourcePath, string destinationPath, Func<Stream, Stream, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourcePath);
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        string source = Path.GetFullPath(sourcePath);
        string full = Path.GetFullPath(destinationPath);
        if (string.Equals(source, full, StringComparison.Ordinal))
        {
            throw new ArgumentException("The destination must differ from the source: the source is never modified.", nameof(destinationPath));
        }

        var src = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);

        await using var srcScope = src.ConfigureAwait(false);
        string temp = TempPathNextTo(full);
        try
        {
            T result;
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            Stream dst = Intercept(file);
            await using (dst.ConfigureAwait(false))
            {
                result = await write(src, dst).ConfigureAwait(false);
                await dst.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            return result;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static string TempPathNextTo(string fullPath)
    {
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        return Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N")[..12] + ".tmp");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private Stream CreateTempStream()
    {
        string directory = _options.TemporaryDirectory ?? Path.GetTempPath();
        string path = Path.Combine(directory, "edoc-sign-" + Guid.NewGuid().ToString("N") + ".tmp");
        return Intercept(new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose));
    }

    /// <summary>Passes a file stream the signer writes through <see cref="WriteInterceptor"/> (the stream returned owns it).</summary>
    private Stream Intercept(FileStream file) => WriteInterceptor?.Invoke(file) ?? file;

    private static void CheckStreams(Stream source, Stream destination)
    {
        if (!source.CanRead)
        {
            throw new ArgumentException("The source stream must be readable.", nameof(source));
        }

        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream must be writable.", nameof(destination));
        }

        if (ReferenceEquals(source, destination))
        {
            throw new ArgumentException("The destination must differ from the source: the source is never modified.", nameof(destination));
        }
    }

    private static bool IsEmptyRandomAccess(Stream s) => s.CanRead && s.CanWrite && s.CanSeek && s.Length == 0;

    private static bool LooksLikeCms(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new AsnReader(data.ToArray(), AsnEncodingRules.BER);
            AsnReader sequence = reader.ReadSequence();
            return sequence.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier)
                && sequence.ReadObjectIdentifier() == CmsSignedDataOid;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>Counts the bytes written through it, for non-seekable destinations.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Written += count;
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Written += buffer.Length;
        }

        public override void WriteByte(byte value)
        {
            inner.WriteByte(value);
            Written++;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            Written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
