using EDoc.Validation;

namespace EDoc.Abstractions.Tests;

public sealed class ExceptionTests
{
    [Fact]
    public void FormatException_CarriesSubjectLocationReasonAndInner()
    {
        var inner = new InvalidDataException("bad");

        var ex = new EDocFormatException("PDF", "offset 1234", "the xref table is missing.", inner);

        Assert.Equal("PDF", ex.Subject);
        Assert.Equal("offset 1234", ex.Location);
        Assert.Equal("the xref table is missing.", ex.Reason);
        Assert.Equal("PDF at offset 1234: the xref table is missing.", ex.Message);
        Assert.Same(inner, ex.InnerException);
        Assert.Equal("format", ex.ErrorCode);
        Assert.IsAssignableFrom<EDocException>(ex);
        Assert.Equal("AgencyCode: empty.", new EDocFormatException("AgencyCode", null, "empty.").Message);
        Assert.Throws<ArgumentException>(() => new EDocFormatException("", null, "x"));
    }

    [Fact]
    public void LimitExceededException_CarriesLimitAndActual()
    {
        var ex = new EDocLimitExceededException("edXML", "Attachment[3]", "MaxAttachmentBytes", 1024, 4096);

        Assert.Equal("MaxAttachmentBytes", ex.LimitName);
        Assert.Equal(1024, ex.Limit);
        Assert.Equal(4096, ex.Actual);
        Assert.Equal("limit-exceeded", ex.ErrorCode);
        Assert.Contains("4096", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<EDocFormatException>(ex);
        Assert.Null(new EDocLimitExceededException("PDF", null, "MaxDepth", 256).Actual);
    }

    [Fact]
    public void PolicyException_CarriesRule()
    {
        var ex = new EDocPolicyException("secret-document", "Secret documents are not sent electronically.");

        Assert.Equal("secret-document", ex.Rule);
        Assert.Equal("policy.secret-document", ex.ErrorCode);
        Assert.Throws<ArgumentException>(() => new EDocPolicyException("", "x"));
    }

    [Fact]
    public void ValidationException_CarriesEveryProblem()
    {
        var problems = Enumerable.Range(0, 25).Select(i => new ValidationProblem($"Recipients[{i}].Code", "required", "missing", "thiếu")).ToList();

        var ex = new EDocValidationException("ElectronicDocument", problems);

        Assert.Equal("ElectronicDocument", ex.Subject);
        Assert.Equal(25, ex.Problems.Count);
        Assert.Equal("validation", ex.ErrorCode);
        Assert.Contains("Recipients[19].Code", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Recipients[20].Code", ex.Message, StringComparison.Ordinal);
        Assert.Contains("5 more", ex.Message, StringComparison.Ordinal);
    }
}
