using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EDoc.Agencies;
using EDoc.Documents;
using EDoc.Interchange;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Inbox;
using EDoc.Interchange.Outbox;
using EDoc.Interchange.Storage;
using EDoc.Numbering;
using EDoc.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EDoc.SampleHost.Tests;

/// <summary>
/// Drives the sample host over HTTP through the agency workflow on its embedded defaults (SQLite, development
/// certificates made on first run, the hub emulator in-process); the test plays the peer department on the same hub
/// with its own EDoc.Interchange outbox and inbox.
/// </summary>
public sealed class SampleHostWorkflowTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("edoc-samplehost-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Workflow_DraftSignIssueSendReceiveRegisterArchive_OverHttp()
    {
        await using var factory = new WebApplicationFactory<AgencyWorkflow>()
            .WithWebHostBuilder(b => b.UseSetting("SampleHost:DataDirectory", Path.Combine(_root, "host")));
        using var http = factory.CreateClient();

        var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        var about = await Json(await http.GetAsync("/api/about"));
        Assert.Contains("EDoc.Signing", about.GetProperty("telemetry").GetProperty("activitySources").EnumerateArray().Select(e => e.GetString()));
        var hub = new Uri(about.GetProperty("hub").GetString()!);
        Assert.Equal("127.0.0.1", hub.Host);

        // Draft → signer → clerk (number, date, agency signature).
        var draft = await Json(await http.PostAsync("/api/documents?urgency=Urgent", null), HttpStatusCode.Created);
        string id = draft.GetProperty("id").GetString()!;
        Assert.Equal("Draft", draft.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync($"/api/documents/{id}/issue", null)).StatusCode);
        var draftPdf = await http.GetByteArrayAsync($"/api/documents/{id}/pdf");
        Assert.Equal("SignedBySigner", (await Json(await http.PostAsync($"/api/documents/{id}/sign", null))).GetProperty("state").GetString());
        var signedPdf = await http.GetByteArrayAsync($"/api/documents/{id}/pdf");
        var issued = await Json(await http.PostAsync($"/api/documents/{id}/issue", null));
        string notation = issued.GetProperty("notation").GetString()!;
        Assert.Equal("01/QĐ-UBND", notation);

        var verification = await Json(await http.GetAsync($"/api/documents/{id}/verification"));
        Assert.True(verification.GetProperty("isValid").GetBoolean(), verification.ToString());
        Assert.Equal(["ChuKyLanhDao", "ChuKyCoQuan"], verification.GetProperty("signatures").EnumerateArray().Select(s => s.GetProperty("fieldName").GetString()!));
        var pdf = Path.Combine(_root, "issued.pdf");
        await File.WriteAllBytesAsync(pdf, await http.GetByteArrayAsync($"/api/documents/{id}/pdf"));
        var pdfsig = ExternalTools.Run("pdfsig", pdf);
        Assert.True(ExternalTools.Count(pdfsig.Out, "Signature Validation: Signature is Valid.") == 2, pdfsig.Out);

        // Rendered by poppler: the signer's blue signature, then the agency's red seal, are on the page.
        var (draftBlue, draftRed) = await ColoursAsync(Path.Combine(_root, "draft.pdf"), draftPdf);
        var (signedBlue, signedRed) = await ColoursAsync(Path.Combine(_root, "signed.pdf"), signedPdf);
        var (blue, red) = await ColoursAsync(pdf, null);
        output.WriteLine($"blue pixels {draftBlue} → {signedBlue} → {blue}, red pixels {draftRed} → {signedRed} → {red}");
        Assert.True(signedBlue > draftBlue + 50, "the signature image is not on the page");
        Assert.True(red > signedRed + 200, "the seal is not on the page");

        // Send through the hub; the peer receives it (and its inbox answers 01).
        var sent = await Json(await http.PostAsync($"/api/documents/{id}/send", null));
        Assert.Equal("Sent", sent.GetProperty("outbox").GetProperty("state").GetString());
        await using var peer = Peer(hub);
        var peerReceived = await peer.GetRequiredService<EDocInbox>().ReceiveAsync();
        Assert.Equal(1, peerReceived.Stored);
        var atPeer = await peer.GetRequiredService<IInterchangeStore>().ListInboundAsync(HubMessageKind.Edoc, InboxDisposition.Accepted, 10);
        var documentId = atPeer.Single().DocumentId!;
        Assert.StartsWith("000.00.00.H41,", documentId, StringComparison.Ordinal);
        Assert.EndsWith(",01/QĐ-UBND", documentId, StringComparison.Ordinal);

        // The peer sends a document of its own to the host.
        var peerOutbox = peer.GetRequiredService<EDocOutbox>();
        await peerOutbox.EnqueueAsync(await PeerDocumentAsync(), HubMessageKind.Edoc);
        await peerOutbox.DeliverDueAsync();

        // The host receives the status 01 and the document, registers it (số đến) and answers 03.
        var received = await Json(await http.PostAsync("/api/inbox/receive", null));
        Assert.Equal(2, received.GetProperty("stored").GetInt32());
        var statuses = await Json(await http.GetAsync($"/api/documents/{id}/statuses"));
        Assert.Contains("01", statuses.EnumerateArray().Select(s => s.GetProperty("statusCode").GetString()));
        var inbox = await Json(await http.GetAsync("/api/inbox?kind=edoc"));
        var item = Assert.Single(inbox.EnumerateArray());
        Assert.Equal("Accepted", item.GetProperty("disposition").GetString());
        var registered = await Json(await http.PostAsync($"/api/inbox/{item.GetProperty("hubMessageId").GetString()}/register", null));
        Assert.Equal("01", registered.GetProperty("arrivalNumberText").GetString());
        Assert.Equal("15/TB-STTTT", registered.GetProperty("documentNumber").GetString());
        await peer.GetRequiredService<EDocInbox>().ReceiveAsync();
        var peerStatuses = await peer.GetRequiredService<IInterchangeStore>().ListInboundAsync(HubMessageKind.Status, null, 10);
        Assert.Contains(peerStatuses, s => s.StatusCode == "03" && s.From == "000.00.00.H41");

        // Registers and the archive package of the issued document.
        var outgoing = await Json(await http.GetAsync("/api/registers/outgoing"));
        Assert.Equal(notation, Assert.Single(outgoing.EnumerateArray()).GetProperty("notation").GetString());
        Assert.Single((await Json(await http.GetAsync("/api/registers/incoming"))).EnumerateArray());
        // Handled within one working day or overdue: a month later the received document is overdue.
        var asOf = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd");
        var overdue = await Json(await http.GetAsync($"/api/reports/overdue?asOf={asOf}&handlingDays=1"));
        var overdueItem = Assert.Single(Assert.Single(overdue.EnumerateArray()).GetProperty("items").EnumerateArray());
        Assert.Equal("15/TB-STTTT", overdueItem.GetProperty("documentNumber").GetString());
        Assert.True(overdueItem.GetProperty("workingDaysOverdue").GetInt32() > 10);
        Assert.Empty((await Json(await http.GetAsync("/api/reports/overdue?handlingDays=5"))).EnumerateArray());

        var archived = await Json(await http.PostAsync($"/api/documents/{id}/archive", null));
        Assert.True(archived.GetProperty("isValid").GetBoolean(), archived.ToString());
        Assert.Equal(1, archived.GetProperty("signatureReports").GetInt32());

        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/documents/nothere/sign", null)).StatusCode);
    }

    [Fact]
    public async Task InvalidConfiguration_FailsAtStart_NamingTheSetting()
    {
        await using var factory = new WebApplicationFactory<AgencyWorkflow>()
            .WithWebHostBuilder(b => b
                .UseSetting("SampleHost:DataDirectory", Path.Combine(_root, "bad"))
                .UseSetting("SampleHost:Agency:Code", "H41"));

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => Task.FromResult(factory.CreateClient()));

        Assert.Contains("SampleHost:Agency:Code", ex.ToString(), StringComparison.Ordinal);
    }

    private ServiceProvider Peer(Uri hub)
    {
        var services = new ServiceCollection();
        services.AddEDocInterchange(o =>
        {
            o.OrganId = "000.01.31.H41";
            o.RequireMalwareScanner = false;
        })
        .AddVxpHub(o =>
        {
            o.Endpoint = hub;
            o.SystemId = "000.01.31.H41";
            o.Secret = "so-tttt-dev-secret";
        })
        .UseSqliteStore(Path.Combine(_root, "peer.db"));
        return services.BuildServiceProvider();
    }

    private async Task<byte[]> PeerDocumentAsync()
    {
        var document = new ElectronicDocument
        {
            Notation = NotationRules.Compose(new DocumentNumber(15), DocumentTypes.Notice, "STTTT"),
            Type = DocumentTypes.Notice,
            IssueDate = new DateOnly(2026, 11, 20),
            Subject = "Thông báo lịch kiểm tra hệ thống quản lý văn bản",
            Sender = Agency.Create("000.01.31.H41", "Sở Thông tin và Truyền thông tỉnh Nghệ An"),
            Recipients = [Agency.Create("000.00.00.H41", "UBND tỉnh Nghệ An")],
            Attachments = [new Attachment { Name = "15-TB-STTTT.pdf", ContentId = "a1", ContentType = "application/pdf", IsMainDocument = true }],
        };
        var pdf = EDoc.Interchange.TestSender.MinimalPdf.Create("Thong bao 15/TB-STTTT");
        var package = new EdXmlDocumentMapper().ToPackage(document, (_, _) => ValueTask.FromResult<Stream>(new MemoryStream(pdf)));
        var path = Path.Combine(_root, "peer.edxml");
        await new EdXmlWriter().WriteToFileAsync(package, path);
        return await File.ReadAllBytesAsync(path);
    }

    private async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} → {(int)response.StatusCode}\n{body}");
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Renders page 1 with pdftoppm and counts clearly blue and clearly red pixels.</summary>
    private async Task<(int Blue, int Red)> ColoursAsync(string path, byte[]? bytes)
    {
        if (bytes is not null)
        {
            await File.WriteAllBytesAsync(path, bytes);
        }

        string png = Path.ChangeExtension(path, null) + "-page";
        ExternalTools.Run("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", path, png).AssertOk();
        using var page = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgba32>(png + ".png");
        int blue = 0, red = 0;
        page.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
            {
                foreach (var p in rows.GetRowSpan(y))
                {
                    blue += p.B > p.R + 60 && p.B > p.G + 40 ? 1 : 0;
                    red += p.R > p.G + 100 && p.R > p.B + 100 ? 1 : 0;
                }
            }
        });
        return (blue, red);
    }
}
