using EDoc.Abstractions.Tests.Documents;
using EDoc.Documents;
using EDoc.Policies;

namespace EDoc.Abstractions.Tests.Policies;

public sealed class ElectronicTransmissionPolicyTests
{
    [Theory]
    [InlineData(Secrecy.Confidential, "Mật")]
    [InlineData(Secrecy.Secret, "Tối mật")]
    [InlineData(Secrecy.TopSecret, "Tuyệt mật")]
    public void EnsureMaySendElectronically_SecretDocument_ThrowsSecretDocumentRule(Secrecy secrecy, string name)
    {
        var doc = TestDocuments.OfficialLetter() with { Secrecy = secrecy };

        var ex = Assert.Throws<EDocPolicyException>(() => ElectronicTransmissionPolicy.EnsureMaySendElectronically(doc));

        Assert.Equal("secret-document", ex.Rule);
        Assert.Equal("policy.secret-document", ex.ErrorCode);
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        Assert.Contains("123/UBND-VX", ex.Message, StringComparison.Ordinal);
        Assert.False(ElectronicTransmissionPolicy.MaySendElectronically(doc));
    }

    [Fact]
    public void EnsureMaySendElectronically_UndefinedSecrecyValue_TreatedAsSecret()
    {
        Assert.Throws<EDocPolicyException>(() => ElectronicTransmissionPolicy.EnsureMaySendElectronically((Secrecy)7));
    }

    [Fact]
    public void EnsureMaySendElectronically_NotSecret_Passes()
    {
        var doc = TestDocuments.OfficialLetter();

        ElectronicTransmissionPolicy.EnsureMaySendElectronically(doc);

        Assert.True(ElectronicTransmissionPolicy.MaySendElectronically(doc));
        Assert.Throws<ArgumentNullException>(() => ElectronicTransmissionPolicy.EnsureMaySendElectronically(null!));
    }
}
