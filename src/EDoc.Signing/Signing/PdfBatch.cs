namespace EDoc.Signing;

/// <summary>One document of a batch (ký hàng loạt): sign <see cref="SourcePath"/> into <see cref="DestinationPath"/>.</summary>
/// <param name="SourcePath">The PDF to sign (never modified).</param>
/// <param name="DestinationPath">Where the signed PDF is written atomically.</param>
/// <param name="Request">The signature request (one key may serve many jobs when it is thread-safe, as PFX and PKCS#11 keys are).</param>
public sealed record PdfSigningJob(string SourcePath, string DestinationPath, PdfSignatureRequest Request);

/// <summary>Settings of <see cref="PdfSigner.SignBatchAsync"/>.</summary>
public sealed class PdfBatchOptions
{
    /// <summary>How many documents are signed at the same time. <value>The default value is <see cref="Environment.ProcessorCount"/>.</value></summary>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>Whether the first failure cancels the remaining jobs. <value>The default value is <see langword="false"/>: every job runs and reports.</value></summary>
    public bool StopOnFirstFailure { get; set; }
}

/// <summary>Progress of a batch, reported after each job.</summary>
/// <param name="Completed">Jobs finished so far (succeeded or failed).</param>
/// <param name="Failed">Jobs failed so far.</param>
/// <param name="Total">All jobs of the batch.</param>
/// <param name="Last">The job that just finished.</param>
public readonly record struct PdfBatchProgress(int Completed, int Failed, int Total, PdfSigningJobResult Last);

/// <summary>The outcome of one batch job.</summary>
/// <param name="Job">The job.</param>
/// <param name="Index">Its position in the batch.</param>
/// <param name="Result">What was produced, when it succeeded.</param>
/// <param name="Error">Why it failed (no output file is left), when it failed.</param>
public sealed record PdfSigningJobResult(PdfSigningJob Job, int Index, PdfSigningResult? Result, Exception? Error)
{
    /// <summary>Whether the document was signed.</summary>
    public bool Succeeded => Error is null && Result is not null;
}

/// <summary>The outcome of a batch: one entry per job, in job order.</summary>
/// <param name="Jobs">Per-job results (jobs not started because of cancellation carry an <see cref="OperationCanceledException"/>).</param>
public sealed record PdfBatchResult(IReadOnlyList<PdfSigningJobResult> Jobs)
{
    /// <summary>How many jobs succeeded.</summary>
    public int SucceededCount => Jobs.Count(j => j.Succeeded);

    /// <summary>How many jobs failed.</summary>
    public int FailedCount => Jobs.Count - SucceededCount;
}
