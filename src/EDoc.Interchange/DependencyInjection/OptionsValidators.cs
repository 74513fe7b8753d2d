using EDoc.Interchange.Hub;
using EDoc.Interchange.Scanning;
using Microsoft.Extensions.Options;

namespace EDoc.Interchange.DependencyInjection;

/// <summary>Checks <see cref="EDocInterchangeOptions"/> at start-up; messages quote the wrong values.</summary>
internal sealed class EDocInterchangeOptionsValidator : IValidateOptions<EDocInterchangeOptions>
{
    public ValidateOptionsResult Validate(string? name, EDocInterchangeOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.Outbox is null || options.Inbox is null)
        {
            builder.AddError("Outbox and Inbox options are required.");
            return builder.Build();
        }

        Positive(builder, "Outbox.MaxConcurrency", options.Outbox.MaxConcurrency);
        Positive(builder, "Outbox.BatchSize", options.Outbox.BatchSize);
        Positive(builder, "Inbox.MaxConcurrency", options.Inbox.MaxConcurrency);
        Positive(builder, "Outbox.RetryBaseDelay", options.Outbox.RetryBaseDelay);
        Positive(builder, "Outbox.PollInterval", options.Outbox.PollInterval);
        Positive(builder, "Outbox.LeaseDuration", options.Outbox.LeaseDuration);
        Positive(builder, "Inbox.PollInterval", options.Inbox.PollInterval);
        if (options.Outbox.RetryMaxDelay < options.Outbox.RetryBaseDelay)
        {
            builder.AddError($"Outbox.RetryMaxDelay ({options.Outbox.RetryMaxDelay}) must not be shorter than Outbox.RetryBaseDelay ({options.Outbox.RetryBaseDelay}).");
        }

        if (options.Outbox.MaxPackageBytes <= 0)
        {
            builder.AddError($"Outbox.MaxPackageBytes ({options.Outbox.MaxPackageBytes}) must be positive.");
        }

        return builder.Build();
    }

    internal static void Positive(ValidateOptionsResultBuilder builder, string name, int value)
    {
        if (value < 1)
        {
            builder.AddError($"{name} ({value}) must be at least 1.");
        }
    }

    internal static void Positive(ValidateOptionsResultBuilder builder, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            builder.AddError($"{name} ({value}) must be positive.");
        }
    }
}

/// <summary>Checks <see cref="VxpHubOptions"/> at start-up; the secret is never quoted.</summary>
internal sealed class VxpHubOptionsValidator : IValidateOptions<VxpHubOptions>
{
    public ValidateOptionsResult Validate(string? name, VxpHubOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.Endpoint is null || !options.Endpoint.IsAbsoluteUri || options.Endpoint.Scheme is not ("http" or "https"))
        {
            builder.AddError($"Endpoint ({options.Endpoint}) must be an absolute http or https URI.");
        }

        if (string.IsNullOrWhiteSpace(options.SystemId))
        {
            builder.AddError("SystemId is required.");
        }

        if (string.IsNullOrEmpty(options.Secret))
        {
            builder.AddError("Secret is required.");
        }

        EDocInterchangeOptionsValidator.Positive(builder, "AttemptTimeout", options.AttemptTimeout);
        if (options.TotalTimeout < options.AttemptTimeout)
        {
            builder.AddError($"TotalTimeout ({options.TotalTimeout}) must not be shorter than AttemptTimeout ({options.AttemptTimeout}).");
        }

        if (options.MaxRetryAttempts is < 0 or > 20)
        {
            builder.AddError($"MaxRetryAttempts ({options.MaxRetryAttempts}) must be between 0 and 20.");
        }

        EDocInterchangeOptionsValidator.Positive(builder, "RetryBaseDelay", options.RetryBaseDelay);
        if (options.CircuitBreakerFailureRatio is <= 0 or > 1)
        {
            builder.AddError($"CircuitBreakerFailureRatio ({options.CircuitBreakerFailureRatio}) must be in (0, 1].");
        }

        if (options.CircuitBreakerMinimumThroughput < 2)
        {
            builder.AddError($"CircuitBreakerMinimumThroughput ({options.CircuitBreakerMinimumThroughput}) must be at least 2.");
        }

        if (options.CircuitBreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || options.CircuitBreakerBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            builder.AddError($"CircuitBreakerSamplingDuration ({options.CircuitBreakerSamplingDuration}) and CircuitBreakerBreakDuration ({options.CircuitBreakerBreakDuration}) must be at least 0.5 s.");
        }

        if (options.MaxPackageBytes <= 0 || options.MaxListResponseBytes <= 0)
        {
            builder.AddError("MaxPackageBytes and MaxListResponseBytes must be positive.");
        }

        return builder.Build();
    }
}

/// <summary>Checks <see cref="ClamAvOptions"/> at start-up.</summary>
internal sealed class ClamAvOptionsValidator : IValidateOptions<ClamAvOptions>
{
    public ValidateOptionsResult Validate(string? name, ClamAvOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            builder.AddError("Host is required.");
        }

        if (options.Port is < 1 or > 65535)
        {
            builder.AddError($"Port ({options.Port}) must be between 1 and 65535.");
        }

        EDocInterchangeOptionsValidator.Positive(builder, "ChunkSize", options.ChunkSize);
        EDocInterchangeOptionsValidator.Positive(builder, "ConnectTimeout", options.ConnectTimeout);
        EDocInterchangeOptionsValidator.Positive(builder, "ScanTimeout", options.ScanTimeout);
        if (options.MaxStreamLength <= 0)
        {
            builder.AddError($"MaxStreamLength ({options.MaxStreamLength}) must be positive.");
        }

        return builder.Build();
    }
}
