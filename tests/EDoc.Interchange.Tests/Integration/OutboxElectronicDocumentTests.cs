using EDoc.Documents;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Outbox;
using EDoc.Interchange.Storage;
using EDoc.Interchange.Tests.EdXml.Mapping;
using EDoc.Interchange.Tests.Infrastructure;
using EDoc.Policies;

namespace EDoc.Interchange.Tests.Integration;

public sealed class OutboxElectronicDocumentTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Delete();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(Secrecy.Confidential)]
    [InlineData(Secrecy.Secret)]
    [InlineData(Secrecy.TopSecret)]
    public async Task EnqueueAsync_SecretDocument_ThrowsPolicyExceptionAndStoresNothing(Secrecy secrecy)
    {
        await using var node = new InterchangeNode(new Uri("http://127.0.0.1:9/"), TestAgencies.A, TestAgencies.SecretA, _temp.File("a.db"), fakeEdXml: false);
        var document = TestDocuments.Decision() with { Secrecy = secrecy };
        bool opened = false;

        var ex = await Assert.ThrowsAsync<EDocPolicyException>(() => node.Outbox.EnqueueAsync(document, (a, _) =>
        {
            opened = true;
            return ValueTask.FromResult<Stream>(new MemoryStream(TestDocuments.Contents[a.ContentId]));
        }));

        Assert.Equal(ElectronicTransmissionPolicy.SecretDocumentRule, ex.Rule);
        Assert.False(opened);
        Assert.Equal(new OutboxCounts(0, 0, 0, 0), await node.Store.CountOutboxAsync());
    }

    [Fact]
    public async Task EnqueueAsync_OrdinaryDocument_StoresARealPackageWithItsRouting()
    {
        await using var node = new InterchangeNode(new Uri("http://127.0.0.1:9/"), TestAgencies.A, TestAgencies.SecretA, _temp.File("a.db"), fakeEdXml: false);
        var document = TestDocuments.Decision();

        var item = await node.Outbox.EnqueueAsync(document, (a, _) => ValueTask.FromResult<Stream>(new MemoryStream(TestDocuments.Contents[a.ContentId])));

        Assert.Equal(HubMessageKind.Edoc, item.Kind);
        Assert.Equal("000.00.00.H41", item.From);
        Assert.Equal(["000.00.00.G22", "000.00.13.H41"], item.To);
        Assert.Equal("000.00.00.H41,2024/05/06,15/QĐ-UBND", item.DocumentId);
        var package = Assert.IsType<EdocPackage>(await new EdXmlReader().ReadAsync(new MemoryStream(item.Package)));
        Assert.Equal(2, package.Attachments.Count);
    }
}
