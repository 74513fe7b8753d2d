using System.Globalization;
using EDoc.Archive.Rules;
using Microsoft.Extensions.Options;

namespace EDoc.Archive.DependencyInjection;

/// <summary>Checks <see cref="EDocArchiveOptions"/> at start-up; every problem is reported, each quoting its value.</summary>
internal sealed class EDocArchiveOptionsValidator : IValidateOptions<EDocArchiveOptions>
{
    public ValidateOptionsResult Validate(string? name, EDocArchiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        if (options.RuleSetId is not (ArchiveRuleSet.Tt05Id or ArchiveRuleSet.Nd30Id))
        {
            builder.AddError($"'{options.RuleSetId}' is not a built-in rule set; use {ArchiveRuleSet.Tt05Id} or {ArchiveRuleSet.Nd30Id}, or register an instance with UseRuleSet.", nameof(options.RuleSetId));
        }

        if (options.Writer is null)
        {
            builder.AddError("is required.", nameof(options.Writer));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(options.Writer.SoftwareName))
            {
                builder.AddError("must not be empty.", "Writer.SoftwareName");
            }

            if (options.Writer.MaxDocuments < 1)
            {
                builder.AddError(string.Create(CultureInfo.InvariantCulture, $"is {options.Writer.MaxDocuments}; it must be at least 1."), "Writer.MaxDocuments");
            }
        }

        if (options.Reading is null)
        {
            builder.AddError("is required.", nameof(options.Reading));
        }
        else
        {
            Positive(builder, options.Reading.MaxEntries, "Reading.MaxEntries");
            Positive(builder, options.Reading.MaxEntrySize, "Reading.MaxEntrySize");
            Positive(builder, options.Reading.MaxTotalSize, "Reading.MaxTotalSize");
            Positive(builder, options.Reading.MaxCompressionRatio, "Reading.MaxCompressionRatio");
            Positive(builder, options.Reading.MaxXmlSize, "Reading.MaxXmlSize");
            if (options.Reading.MaxEntrySize > options.Reading.MaxTotalSize)
            {
                builder.AddError(string.Create(CultureInfo.InvariantCulture, $"is {options.Reading.MaxEntrySize}, more than Reading.MaxTotalSize ({options.Reading.MaxTotalSize})."), "Reading.MaxEntrySize");
            }
        }

        return builder.Build();
    }

    private static void Positive(ValidateOptionsResultBuilder builder, long value, string name)
    {
        if (value < 1)
        {
            builder.AddError(string.Create(CultureInfo.InvariantCulture, $"is {value}; it must be positive."), name);
        }
    }
}
