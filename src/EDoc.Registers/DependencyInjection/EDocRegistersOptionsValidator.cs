using EDoc.Numbering;
using Microsoft.Extensions.Options;

namespace EDoc.Registers.DependencyInjection;

/// <summary>Checks <see cref="EDocRegistersOptions"/> at start-up; messages quote the wrong values but never a connection string.</summary>
internal sealed class EDocRegistersOptionsValidator : IValidateOptions<EDocRegistersOptions>
{
    public ValidateOptionsResult Validate(string? name, EDocRegistersOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (string.IsNullOrWhiteSpace(options.DefaultRegisterId))
        {
            builder.AddError("DefaultRegisterId must not be empty.");
        }

        if (options.ConnectionString is { } connection && string.IsNullOrWhiteSpace(connection))
        {
            builder.AddError("ConnectionString is blank; leave it unset for the default SQLite file.");
        }

        if (options.Store.MaxWriteAttempts < 1)
        {
            builder.AddError($"Store.MaxWriteAttempts ({options.Store.MaxWriteAttempts}) must be at least 1.");
        }

        if (options.Store.RetryBaseDelay <= TimeSpan.Zero)
        {
            builder.AddError($"Store.RetryBaseDelay ({options.Store.RetryBaseDelay}) must be positive.");
        }

        if (options.Store.BusyTimeout <= TimeSpan.Zero)
        {
            builder.AddError($"Store.BusyTimeout ({options.Store.BusyTimeout}) must be positive.");
        }

        if (options.Deadlines.UrgentGracePeriod < TimeSpan.Zero || options.Deadlines.UrgentGracePeriod > TimeSpan.FromDays(1))
        {
            builder.AddError($"Deadlines.UrgentGracePeriod ({options.Deadlines.UrgentGracePeriod}) must be between zero and 24 hours.");
        }

        if (options.Deadlines.EndOfMorning > options.Deadlines.EndOfWorkingDay)
        {
            builder.AddError($"Deadlines.EndOfMorning ({options.Deadlines.EndOfMorning}) must not be after Deadlines.EndOfWorkingDay ({options.Deadlines.EndOfWorkingDay}).");
        }

        if (options.Overdue.DefaultHandlingWorkingDays is < 0 or > 365)
        {
            builder.AddError($"Overdue.DefaultHandlingWorkingDays ({options.Overdue.DefaultHandlingWorkingDays}) must be between 0 and 365.");
        }

        if (options.Overdue.LookbackYears is < 0 or > 10)
        {
            builder.AddError($"Overdue.LookbackYears ({options.Overdue.LookbackYears}) must be between 0 and 10.");
        }

        if (options.Numbering.SecretNotationQualifier is { } q && !string.IsNullOrWhiteSpace(q)
            && !NotationRules.IsValidGroup(q.Trim().Normalize(System.Text.NormalizationForm.FormC)))
        {
            builder.AddError($"Numbering.SecretNotationQualifier ('{q}') must be a notation group: letters, digits and inner dots.");
        }

        foreach (var file in options.ScheduleFiles)
        {
            if (string.IsNullOrWhiteSpace(file) || !File.Exists(file))
            {
                builder.AddError($"The government schedule file '{file}' does not exist.");
            }
        }

        return builder.Build();
    }
}
