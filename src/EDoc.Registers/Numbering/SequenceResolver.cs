namespace EDoc.Registers.Numbering;

/// <summary>Derives the numbering sequence of an outgoing document from <see cref="NumberingOptions"/>.</summary>
internal sealed class SequenceResolver
{
    private readonly bool separateLegal;
    private readonly bool separateSecret;
    private readonly bool separateCopies;
    private readonly bool separateAdvisory;
    private readonly bool separateTypes;
    private readonly HashSet<string> copyTypes;
    private readonly SequenceRule[] rules;

    public SequenceResolver(NumberingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        separateLegal = options.SeparateLegalNormativeTypes;
        separateSecret = options.SeparateSecretDocuments;
        separateCopies = options.SeparateCopies;
        separateAdvisory = options.SeparateAdvisoryBodies;
        separateTypes = options.SeparateAdministrativeTypes;
        copyTypes = new HashSet<string>(options.CopyTypeAbbreviations, StringComparer.Ordinal);
        rules = [.. options.Rules];
    }

    public bool IsCopy(OutgoingIssueRequest request)
        => request.Category == DocumentCategory.Copy
           || (request.TypeAbbreviation is { } t && copyTypes.Contains(t));

    public string ResolveGroup(OutgoingIssueRequest request)
    {
        foreach (var rule in rules)
        {
            if (rule.Matches(request))
            {
                return rule.Group;
            }
        }

        if (separateSecret && request.IsSecret)
        {
            return SequenceKey.SecretGroup;
        }

        if (separateCopies && IsCopy(request))
        {
            return SequenceKey.CopyGroup;
        }

        if (separateAdvisory && !string.IsNullOrWhiteSpace(request.AdvisoryBody))
        {
            return SequenceKey.AdvisoryPrefix + request.AdvisoryBody.Trim();
        }

        var type = OutgoingNotation.IsOfficialLetter(request.TypeAbbreviation) ? "CV" : request.TypeAbbreviation!.Trim();
        if (separateLegal && request.Category == DocumentCategory.LegalNormative)
        {
            return SequenceKey.LegalNormativePrefix + type;
        }

        return separateTypes ? SequenceKey.TypePrefix + type : SequenceKey.GeneralGroup;
    }
}
