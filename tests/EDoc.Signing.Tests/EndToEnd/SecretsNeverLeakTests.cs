using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EDoc.HubEmulator;
using EDoc.Interchange;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Inbox;
using EDoc.Interchange.Outbox;
using EDoc.Interchange.Storage;
using EDoc.Signing.Signers;
using EDoc.Signing.Tests.Pdf;
using EDoc.Signing.Tests.Signers;
using EDoc.Signing.Tests.TestSupport;
using EDoc.Signing.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EDoc.Signing.Tests.EndToEnd;

/// <summary>
/// Issue 7 (secrets): one end-to-end flow with every secret in play — a PFX opened with its password, a PKCS#11 token
/// (SoftHSM2) opened with its PIN, a PDF signed with each, the PDF put in an XML-signed edXML package, sent through the
/// outbox to the hub emulator with the HMAC secret (30 % faults, so the retry and error paths log too), received by the
/// inbox, verified (JSON report), and the CLI run with the password — plus the failure paths (wrong password, wrong PIN,
/// wrong HMAC secret). Every log entry of every level (message, structured values, scopes, exceptions with their inner
/// exceptions), every exception, every report and every stored error text is searched for the password, the PIN, the
/// HMAC secrets and the private key (PKCS#8 Base64, PEM lines, hex and Base64 of its secret parts).
/// </summary>
[Collection(PdfCorpusDefinition.Name)]
public sealed class SecretsNeverLeakTests(PdfCorpusFixture corpus, SoftHsmFixture hsm, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<SoftHsmFixture>
{
    private const string AgencyA = "000.00.00.H41";
    private const string AgencyB = "000.00.00.G22";

    [Fact]
    public async Task EndToEndFlow_AllLogsExceptionsAndReports_ContainNoSecret()
    {
        string pfxPassword = "Pfx-pass-" + Guid.NewGuid().ToString("N")[..12];
        string wrongPassword = "Wrong-pass-" + Guid.NewGuid().ToString("N")[..12];
        string wrongPin = "Wrong-pin-" + Guid.NewGuid().ToString("N")[..8];
        string secretA = "hmac-A-" + Guid.NewGuid().ToString("N");
        string secretB = "hmac-B-" + Guid.NewGuid().ToString("N");
        string wrongSecret = "hmac-wrong-" + Guid.NewGuid().ToString("N");
        var capture = new CapturingLoggerProvider();
        var texts = new List<(string Where, string Text)>();
        using var dir = new TempDir();

        // The PFX: a fresh export of the test signer with a password that exists nowhere else.
        string pfx = dir.Write("signer.pfx", TestPki.Rsa.ExportPkcs12(TestPki.Rsa.Signer, pfxPassword));
        using var exportable = X509CertificateLoader.LoadPkcs12FromFile(pfx, pfxPassword, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
        var secrets = Secrets(exportable, pfxPassword, wrongPassword, SoftHsmFixture.Pin, wrongPin, secretA, secretB, wrongSecret);

        await using (var signing = Services(capture, s => s.AddEDocSigning()))
        {
            var signer = signing.GetRequiredService<PdfSigner>();

            // 1. PFX with its password; then the wrong password.
            var pfxKey = X509CertificateSigningKey.FromPkcs12File(pfx, pfxPassword);
            await signer.SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), dir.File("pfx-signed.pdf"), new PdfSignatureRequest { Key = pfxKey, FieldName = "Pfx", Reason = "Phê duyệt" });
            texts.Add(("wrong password", Describe(Assert.ThrowsAny<Exception>(() => X509CertificateSigningKey.FromPkcs12File(pfx, wrongPassword)))));

            // 2. PKCS#11 token with its PIN (the PDF signed with the PFX gets a second signature); then the wrong PIN.
            using (var token = Pkcs11SigningKey.Open(new Pkcs11SigningKeyOptions { LibraryPath = SoftHsmFixture.LibraryPath, TokenLabel = SoftHsmFixture.TokenLabel, Pin = SoftHsmFixture.Pin, KeyLabel = "signer", KeyId = [0x01] }))
            {
                Assert.Equal(hsm.RsaCertificate.Thumbprint, token.Certificate.Thumbprint);
                await signer.SignFileAsync(dir.File("pfx-signed.pdf"), dir.File("signed.pdf"), new PdfSignatureRequest { Key = token, FieldName = "Token" });
            }

            texts.Add(("wrong PIN", Describe(Assert.ThrowsAny<Exception>(() => Pkcs11SigningKey.Open(new Pkcs11SigningKeyOptions { LibraryPath = SoftHsmFixture.LibraryPath, TokenLabel = SoftHsmFixture.TokenLabel, Pin = wrongPin, KeyLabel = "signer", KeyId = [0x01] })))));

            // A signing failure after the key was opened (not a PDF) logs and throws too.
            await File.WriteAllTextAsync(dir.File("not.pdf"), "not a pdf");
            texts.Add(("signing failure", Describe(await Assert.ThrowsAnyAsync<Exception>(() => signer.SignFileAsync(dir.File("not.pdf"), dir.File("never.pdf"), new PdfSignatureRequest { Key = pfxKey })))));
        }

        // 3. The signed PDF in an edXML package, XML-signed with the PFX certificate, through the hub with faults.
        var hubOptions = new HubEmulatorOptions { DataDirectory = dir.File("hub"), FaultRate = 0.3, Seed = 7, TimeoutFaultDelay = TimeSpan.FromMilliseconds(600), RetryAfter = TimeSpan.FromSeconds(1) };
        hubOptions.Accounts.Add(new HubEmulatorAccount { SystemId = AgencyA, Secret = secretA, Name = "UBND tỉnh Nghệ An" });
        hubOptions.Accounts.Add(new HubEmulatorAccount { SystemId = AgencyB, Secret = secretB, Name = "Văn phòng Chính phủ" });
        await using var hub = await HubEmulator.HubEmulator.StartAsync(hubOptions);
        byte[] signedPdf = await File.ReadAllBytesAsync(dir.File("signed.pdf"));
        const int count = 12;
        await using (var a = Node(capture, hub.BaseAddress, AgencyA, secretA, dir.File("a.db")))
        await using (var b = Node(capture, hub.BaseAddress, AgencyB, secretB, dir.File("b.db")))
        {
            var delivery = new OutboxDeliveryService(a.GetRequiredService<EDocOutbox>(), a.GetRequiredService<Microsoft.Extensions.Options.IOptions<EDocInterchangeOptions>>().Value);
            var deliveryB = new OutboxDeliveryService(b.GetRequiredService<EDocOutbox>(), b.GetRequiredService<Microsoft.Extensions.Options.IOptions<EDocInterchangeOptions>>().Value);
            await delivery.StartAsync(CancellationToken.None);
            await deliveryB.StartAsync(CancellationToken.None);
            var ids = new List<Guid>();
            for (int i = 1; i <= count; i++)
            {
                ids.Add((await a.GetRequiredService<EDocOutbox>().EnqueueAsync(await SignedPackageAsync(signedPdf, exportable, i))).Id);
            }

            var storeA = a.GetRequiredService<IInterchangeStore>();
            var storeB = b.GetRequiredService<IInterchangeStore>();
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline)
            {
                await ReceiveIgnoringFaults(b, texts);
                await ReceiveIgnoringFaults(a, texts);
                if ((await storeB.ListInboundAsync(HubMessageKind.Edoc, null, 100)).Count == count
                    && (await storeA.ListInboundAsync(HubMessageKind.Status, null, 100)).Count == count
                    && (await storeA.CountOutboxAsync()).Sent == count && (await storeB.CountOutboxAsync()).Sent == count)
                {
                    break;
                }

                await Task.Delay(50);
            }

            await delivery.StopAsync(CancellationToken.None);
            await deliveryB.StopAsync(CancellationToken.None);
            delivery.Dispose();
            deliveryB.Dispose();

            var received = await storeB.ListInboundAsync(HubMessageKind.Edoc, null, 100);
            Assert.Equal(count, received.Count);
            foreach (var item in received)
            {
                texts.Add(("inbox item", $"{item.DocumentId} {item.Disposition} {item.Reason}"));
            }

            foreach (var id in ids)
            {
                var item = await storeA.FindOutboxItemAsync(id);
                texts.Add(("outbox item", $"{item!.State} {item.LastError}"));
            }

            // The wrong HMAC secret: refused by the hub; the exception must not carry any secret.
            await using var intruder = Node(capture, hub.BaseAddress, AgencyA, wrongSecret, dir.File("intruder.db"));
            hub.FaultRate = 0;
            texts.Add(("wrong HMAC secret", Describe(await Assert.ThrowsAsync<HubRequestFailedException>(() => intruder.GetRequiredService<IHubTransport>().ListReceivedAsync(HubMessageKind.Edoc)))));

            // 4. The received PDF verified; the JSON report searched.
            var package = Assert.IsType<EdocPackage>(await new EdXmlReader().ReadAsync(new MemoryStream(received[0].Package), new EdXmlMemoryAttachmentSink()));
            using var pdfCopy = new MemoryStream();
            var pdfAttachment = package.Attachments.Single(x => x.AttachmentName!.EndsWith("signed.pdf", StringComparison.Ordinal));
            await using (var attachment = await pdfAttachment.OpenContent!(CancellationToken.None))
            {
                await attachment.CopyToAsync(pdfCopy);
            }

            var verifier = new PdfSignatureVerifier(new PdfVerificationOptions { TrustAnchors = { TestPki.Rsa.Ca } });
            pdfCopy.Position = 0;
            var report = await verifier.VerifyAsync(pdfCopy);
            Assert.Equal(2, report.Signatures.Count);
            texts.Add(("verifier JSON", report.ToJson()));
        }

        // 5. The CLI with the password: sign, a wrong password, verify --json.
        foreach (string[] args in new[]
        {
            new[] { "sign", corpus.Path(PdfCorpusFixture.Lo), dir.File("cli.pdf"), "--cert", pfx, "--password", pfxPassword, "--json" },
            new[] { "sign", corpus.Path(PdfCorpusFixture.Lo), dir.File("cli-wrong.pdf"), "--cert", pfx, "--password", wrongPassword },
            new[] { "verify", dir.File("cli.pdf"), "--json" },
        })
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            int exit = await EDoc.Cli.CliApp.RunAsync(args, stdout, stderr);
            texts.Add(($"edoc {args[0]} (exit {exit})", stdout + "\n" + stderr));
        }

        Assert.True(File.Exists(dir.File("cli.pdf")), string.Join("\n", texts.Select(t => t.Where + ": " + t.Text)));

        // The search: every captured text against every secret form.
        var entries = capture.Entries.ToList();
        Assert.True(entries.Count > 50, $"only {entries.Count} log entries were captured");
        Assert.Contains(entries, e => e.Category.StartsWith("EDoc.Signing", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Category.StartsWith("EDoc.Interchange", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Category.StartsWith("System.Net.Http", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(entries, e => e.Text.Contains("Exception", StringComparison.Ordinal));
        // The search reaches what matters: the report names the signer, the logs name the hub operations.
        Assert.Contains(texts, t => t.Where == "verifier JSON" && t.Text.Contains(TestPki.Rsa.Signer.Thumbprint, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(entries, e => e.Text.Contains("sendEdoc", StringComparison.Ordinal));
        output.WriteLine($"searched {entries.Count} log entries ({string.Join(", ", entries.GroupBy(e => e.Level).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}) in {entries.Select(e => e.Category).Distinct().Count()} categories, and {texts.Count} exception/report/store texts, for {secrets.Count} secret forms; hub: {hub.Statistics}");
        var leaks = new List<string>();
        foreach (var (where, text) in entries.Select(e => ($"log {e.Level} {e.Category}", e.Text)).Concat(texts))
        {
            foreach (var (name, value) in secrets)
            {
                if (text.Contains(value, StringComparison.OrdinalIgnoreCase))
                {
                    leaks.Add($"{name} in {where}: {text[..Math.Min(text.Length, 400)]}");
                }
            }
        }

        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    /// <summary>Every form of every secret that must never be written out.</summary>
    private static List<(string Name, string Value)> Secrets(X509Certificate2 certificate, params string[] values)
    {
        var list = values.Select(v => ("secret value", v)).ToList();
        using RSA rsa = certificate.GetRSAPrivateKey()!;
        byte[] pkcs8 = rsa.ExportPkcs8PrivateKey();
        list.Add(("PKCS#8 Base64", Convert.ToBase64String(pkcs8)));
        string pem = rsa.ExportPkcs8PrivateKeyPem();
        list.AddRange(pem.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("-----", StringComparison.Ordinal) && l.Length >= 40).Select(l => ("PEM line", l)));
        list.Add(("PKCS#8 hex", Convert.ToHexString(pkcs8)));
        RSAParameters p = rsa.ExportParameters(includePrivateParameters: true);
        foreach (var (name, part) in new[] { ("D", p.D!), ("P", p.P!), ("Q", p.Q!), ("DP", p.DP!), ("DQ", p.DQ!), ("InverseQ", p.InverseQ!) })
        {
            list.Add(($"{name} hex", Convert.ToHexString(part)));
            list.Add(($"{name} Base64", Convert.ToBase64String(part)));
            list.Add(($"{name} Base64 (first 24 bytes)", Convert.ToBase64String(part, 0, 24)));
        }

        return list;
    }

    private static async Task<byte[]> SignedPackageAsync(byte[] signedPdf, X509Certificate2 certificate, int number)
    {
        var id = new EdXmlDocumentId(AgencyA, new DateOnly(2026, 12, 4), number.ToString(System.Globalization.CultureInfo.InvariantCulture), "UBND-VX");
        var package = new EdocPackage
        {
            MessageHeader = new EdXmlMessageHeader
            {
                From = new EdXmlOrganization { OrganId = AgencyA, OrganName = "UBND tỉnh Nghệ An" },
                DocumentId = id,
                Code = new EdXmlCode { CodeNumber = id.Number, CodeNotation = id.Notation },
                PromulgationInfo = new EdXmlPromulgationInfo { Place = "Nghệ An", PromulgationDate = id.Date },
                DocumentType = new EdXmlDocumentType { Type = 1, TypeDetail = "0", TypeName = "Công văn" },
                Subject = "V/v kiểm tra bí mật số " + id.Number,
                SignerInfo = new EdXmlSignerInfo { Competence = "KT. CHỦ TỊCH", Position = "Phó Chủ tịch", FullName = "Nguyễn Văn A" },
                OtherInfo = new EdXmlOtherInfo { Priority = 0, PromulgationAmount = 1, PageAmount = 1 },
            },
        };
        package.MessageHeader.To.Add(new EdXmlOrganization { OrganId = AgencyB, OrganName = "Văn phòng Chính phủ" });
        package.AddAttachment(EdXmlAttachment.FromBytes(id.Number + "-signed.pdf", signedPdf, "application/pdf", "a1", "Văn bản"));
        using var unsigned = new MemoryStream();
        await new EdXmlWriter(new EdXmlWriterOptions { Indent = false }).WriteAsync(package, unsigned);
        unsigned.Position = 0;
        using var signedXml = new MemoryStream();
        await new EdXmlSigner().SignAsync(unsigned, signedXml, certificate);
        return signedXml.ToArray();
    }

    private static async Task ReceiveIgnoringFaults(ServiceProvider node, List<(string Where, string Text)> texts)
    {
        try
        {
            await node.GetRequiredService<EDocInbox>().ReceiveAsync();
        }
        catch (HubRequestFailedException ex)
        {
            texts.Add(("inbox listing failure", Describe(ex)));
        }
    }

    private static ServiceProvider Services(CapturingLoggerProvider capture, Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        configure(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static ServiceProvider Node(CapturingLoggerProvider capture, Uri hub, string systemId, string secret, string database) => Services(capture, services => services
        .AddEDocInterchange(o =>
        {
            o.RequireMalwareScanner = false;
            o.Outbox.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            o.Outbox.RetryMaxDelay = TimeSpan.FromMilliseconds(300);
            o.Outbox.PollInterval = TimeSpan.FromMilliseconds(20);
        })
        .AddVxpHub(o =>
        {
            o.Endpoint = hub;
            o.SystemId = systemId;
            o.Secret = secret;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(400);
            o.TotalTimeout = TimeSpan.FromSeconds(4);
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            o.CircuitBreakerFailureRatio = 0.95;
            o.CircuitBreakerMinimumThroughput = 100;
            o.CircuitBreakerBreakDuration = TimeSpan.FromMilliseconds(500);
        })
        .UseSqliteStore(database));

    /// <summary>Everything an exception can show: type, message, data, stack and inner exceptions (ToString).</summary>
    private static string Describe(Exception ex)
    {
        var text = new StringBuilder(ex.ToString());
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            foreach (System.Collections.DictionaryEntry entry in e.Data)
            {
                text.Append('\n').Append(entry.Key).Append('=').Append(entry.Value);
            }
        }

        return text.ToString();
    }

    /// <summary>Captures every entry of every logger, all levels: message, structured values, scopes and exception.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        internal sealed record Entry(string Category, LogLevel Level, string Text);

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var text = new StringBuilder();
                text.Append(eventId.Id).Append(' ').Append(eventId.Name).Append(": ").Append(formatter(state, exception));
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var (key, value) in values)
                    {
                        text.Append(" | ").Append(key).Append('=').Append(value is byte[] bytes ? Convert.ToBase64String(bytes) : value);
                    }
                }

                owner._scopes.ForEachScope((scope, sb) => sb.Append(" | scope ").Append(scope), text);
                if (exception is not null)
                {
                    text.Append('\n').Append(Describe(exception));
                }

                owner.Entries.Enqueue(new Entry(category, logLevel, text.ToString()));
            }
        }
    }
}
