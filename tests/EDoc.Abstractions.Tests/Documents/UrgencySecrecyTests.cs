using EDoc.Documents;

namespace EDoc.Abstractions.Tests.Documents;

public sealed class UrgencySecrecyTests
{
    [Theory]
    [InlineData(0, Urgency.Normal, "Thường", null)]
    [InlineData(1, Urgency.Urgent, "Khẩn", "KHẨN")]
    [InlineData(2, Urgency.VeryUrgent, "Thượng khẩn", "THƯỢNG KHẨN")]
    [InlineData(3, Urgency.Flash, "Hỏa tốc", "HỎA TỐC")]
    [InlineData(4, Urgency.FlashScheduled, "Hỏa tốc hẹn giờ", "HỎA TỐC HẸN GIỜ")]
    public void Urgency_EdXmlCodesAndNames(int code, Urgency urgency, string name, string? stamp)
    {
        Assert.True(UrgencySecrecyExtensions.TryFromEdXmlCode(code, out var parsed));
        Assert.Equal(urgency, parsed);
        Assert.Equal(code, urgency.ToEdXmlCode());
        Assert.Equal(name, urgency.ToVietnameseName());
        Assert.Equal(stamp, urgency.ToStampText());
        Assert.Equal(code > 0, urgency.IsUrgent());
        Assert.True(name.IsNormalized(System.Text.NormalizationForm.FormC));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void Urgency_UnknownCode_Rejected(int code)
    {
        Assert.False(UrgencySecrecyExtensions.TryFromEdXmlCode(code, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Urgency)code).ToVietnameseName());
    }

    [Theory]
    [InlineData(Secrecy.None, "Thường", null, false)]
    [InlineData(Secrecy.Confidential, "Mật", "MẬT", true)]
    [InlineData(Secrecy.Secret, "Tối mật", "TỐI MẬT", true)]
    [InlineData(Secrecy.TopSecret, "Tuyệt mật", "TUYỆT MẬT", true)]
    public void Secrecy_NamesAndStamps(Secrecy secrecy, string name, string? stamp, bool secret)
    {
        Assert.Equal(name, secrecy.ToVietnameseName());
        Assert.Equal(stamp, secrecy.ToStampText());
        Assert.Equal(secret, secrecy.IsSecret());
    }
}
