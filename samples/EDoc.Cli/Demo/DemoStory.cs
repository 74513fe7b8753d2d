using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using EDoc.Archive.Evidence;
using EDoc.Archive.Packages;
using EDoc.Archive.Verification;
using EDoc.Documents;
using EDoc.HubEmulator;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Inbox;
using EDoc.Interchange.Integration;
using EDoc.Interchange.Outbox;
using EDoc.Interchange.Scanning;
using EDoc.Interchange.Status;
using EDoc.Interchange.Storage;
using EDoc.Registers;
using EDoc.Registers.Reports;
using EDoc.Registers.Storage;
using EDoc.Samples.Workflow;
using EDoc.Signing;
using EDoc.Signing.Appearance;
using EDoc.Signing.Certificates;
using EDoc.Signing.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace EDoc.Cli.Demo;

/// <summary>What <c>edoc demo</c> is asked to do.</summary>
/// <param name="OutputDirectory">Where the results go (created; the previous run's results are replaced).</param>
/// <param name="Clamd">clamd's TCP address <c>host:port</c>; <see langword="null"/> tries 127.0.0.1:3310 and scans only when it answers.</param>
/// <param name="TimeProvider">The clock.</param>
internal sealed record DemoOptions(string OutputDirectory, string? Clamd, TimeProvider TimeProvider);

/// <summary>
/// The whole story of an electronic document on embedded defaults: development certificates, a Vietnamese draft,
/// urgency stamp, number/date fields, the signer's signature, the clerk's number from the outgoing register, the
/// agency's signature, the signed annex, the signed edXML package sent through the in-process hub emulator, the
/// recipient's checks, incoming register, status 01 and 03, and both dossiers archived and verified.
/// </summary>
internal sealed class DemoStory
{
    private const string SenderSecret = "demo-secret-h41";
    private const string RecipientSecret = "demo-secret-h41-0131";
    private readonly DemoOptions _options;
    private readonly SampleScenario _s = new();
    private readonly AgencyWorkflowSteps _steps;
    private readonly DemoResult _result;
    private readonly Action<string> _progress;

    private DemoStory(DemoOptions options, Action<string> progress)
    {
        _options = options;
        _progress = progress;
        _result = new DemoResult(Path.GetFullPath(options.OutputDirectory));
        _steps = new AgencyWorkflowSteps(_s.Parties, new PdfSigner(timeProvider: options.TimeProvider), options.TimeProvider);
    }

    /// <summary>Runs the story; never throws for a failed check (it is recorded), only for an unexpected failure.</summary>
    public static async Task<DemoResult> RunAsync(DemoOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        var story = new DemoStory(options, progress);
        await story.RunAsync(cancellationToken).ConfigureAwait(false);
        return story._result;
    }

    private string Out(string name) => Path.Combine(_result.OutputDirectory, name);

    private string Work(string name) => Path.Combine(_result.OutputDirectory, "work", name);

    private async Task RunAsync(CancellationToken ct)
    {
        var time = _options.TimeProvider;
        var started = Stopwatch.StartNew();
        PrepareFolders();

        // 1. Development certificates: a CA, the signer (a person), the agency (an organisation).
        using var pki = DevelopmentCertificates.Create(new DevelopmentCertificateOptions { TimeProvider = time });
        await File.WriteAllTextAsync(Out("ca.crt"), pki.Ca.ExportCertificatePem() + "\n", ct).ConfigureAwait(false);
        _result.AddFile("ca", Out("ca.crt"));
        _progress($"Development CA written: {Out("ca.crt")} (trust it only for this demo).");

        // 2. The draft and its annex.
        string draft = Work("1-draft.pdf"), annexDraft = Work("1-annex-draft.pdf");
        DraftLayout layout = SampleDocuments.WriteDecision(draft, _s);
        SampleDocuments.WriteAnnex(annexDraft, _s);
        await File.WriteAllBytesAsync(Work("signature.png"), SampleArtwork.SignaturePng(), ct).ConfigureAwait(false);
        await File.WriteAllBytesAsync(Work("seal.png"), SampleArtwork.SealPng(), ct).ConfigureAwait(false);

        // 3. Urgency stamp (before the first signature: a certification with P=2 forbids later annotations).
        string stamped = Work("2-stamped.pdf");
        await AgencyWorkflowSteps.StampUrgencyAsync(draft, stamped, Urgency.Urgent, layout, ct).ConfigureAwait(false);

        // 4. Empty number and date fields for the clerk.
        string withFields = Work("3-fields.pdf");
        await AgencyWorkflowSteps.AddNumberAndDateFieldsAsync(stamped, withFields, layout, ct).ConfigureAwait(false);
        _progress("Draft made: Quyết định with an annex, urgency stamp KHẨN, empty number and date fields.");

        // 5. The signer certifies (DocMDP P=2: later form fill-in and signatures stay allowed) with the blue signature image.
        string signedBySigner = Work("4-signed-by-signer.pdf");
        await _steps.SignAsSignerAsync(withFields, signedBySigner, pki.Signer, layout.SignerBox, ct).ConfigureAwait(false);
        _progress($"Signed by {_s.SignerFullName} ({_s.SignerCompetence} {_s.SignerPosition}): blue signature image, certification P=2.");

        // 6. The clerk takes the next number from the outgoing register and fills number and date.
        OutgoingRegisterEntry outgoing;
        await using (var store = RegisterStoreFactory.Create(Work("ubnd/registers.db")))
        {
            outgoing = await _steps.TakeNumberAsync(new DocumentRegister(store, timeProvider: time), _s.Subject, Urgency.Urgent, ct).ConfigureAwait(false);
            var table = RegisterTables.Outgoing(await store.ListOutgoingAsync(outgoing.Year, null, ct).ConfigureAwait(false), outgoing.Year);
            await WriteRegisterAsync("registerOutgoing", "registers/ubnd-outgoing.pdf", table, ct).ConfigureAwait(false);
        }

        string notation = outgoing.Notation;
        _result.Numbers["outgoingNumber"] = notation;
        _result.Numbers["issueDate"] = outgoing.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string filled = Work("5-numbered.pdf");
        await _steps.FillNumberAndDateAsync(signedBySigner, filled, outgoing, ct).ConfigureAwait(false);
        _progress($"Clerk issued number {notation} dated {IssuanceFields.FormatDate(outgoing.Date, _s.Place)} (outgoing register, SQLite).");

        // 7. The agency signs the document (the red seal at real size over the left third of the signature), then the
        // annex (a text block top right: the document's number and the signing time).
        string signedPdf = Out("signed.pdf"), signedAnnex = Out("annex-signed.pdf");
        await _steps.SignAsAgencyAsync(filled, signedPdf, pki.Agency, withSeal: true, ct).ConfigureAwait(false);
        await _steps.SignAttachmentAsync(annexDraft, signedAnnex, pki.Agency, notation, ct).ConfigureAwait(false);
        _result.AddFile("signedPdf", signedPdf);
        _result.AddFile("signedAnnex", signedAnnex);
        _progress($"Agency {_s.Sender.Name} signed the document (red seal, {AgencyWorkflowSteps.SealDiameterMillimetres} mm) and the annex (number and time, top right).");

        var verification = new PdfVerificationOptions();
        verification.TrustAnchors.Add(pki.Ca);
        var verifier = new PdfSignatureVerifier(verification);
        var mainReport = await VerifyPdfAsync(verifier, "sender: signed document", signedPdf, expectedSignatures: 2, ct).ConfigureAwait(false);
        await VerifyPdfAsync(verifier, "sender: signed annex", signedAnnex, expectedSignatures: 1, ct).ConfigureAwait(false);
        await RenderPreviewAsync(signedPdf, ct).ConfigureAwait(false);

        // 8. The edXML package, XML-signed by the agency.
        string mainName = AgencyWorkflowSteps.FileNameOf(notation), annexName = AgencyWorkflowSteps.FileNameOf(notation, "-PhuLuc");
        var document = _steps.DescribeDocument(notation, outgoing.Date, _s.Subject, Urgency.Urgent, mainReport?.PageCount,
        [
            AgencyWorkflowSteps.PdfAttachment("vanban", mainName, signedPdf, _s.Subject, isMainDocument: true),
            AgencyWorkflowSteps.PdfAttachment("phuluc", annexName, signedAnnex, "Phụ lục: " + _s.AnnexTitle),
        ]);
        var files = new Dictionary<string, string>(StringComparer.Ordinal) { ["vanban"] = signedPdf, ["phuluc"] = signedAnnex };
        string edxml = Out("document.edxml");
        await _steps.WriteSignedEdXmlAsync(document, files, Work("6-document.unsigned.edxml"), edxml, pki.Agency, ct).ConfigureAwait(false);
        _result.AddFile("edxml", edxml);
        _progress($"edXML package built and XML-signed: {edxml}");

        // 9. The hub emulator in-process, one account per agency; each agency has its own durable outbox/inbox.
        var hubOptions = new HubEmulatorOptions { DataDirectory = Work("hub") };
        hubOptions.Accounts.Add(new HubEmulatorAccount { SystemId = _s.Sender.Code!.Value, Secret = SenderSecret, Name = _s.Sender.Name, CodeQd20 = "H41" });
        hubOptions.Accounts.Add(new HubEmulatorAccount { SystemId = _s.Recipient.Code!.Value, Secret = RecipientSecret, Name = _s.Recipient.Name, ParentCode = _s.Sender.Code!.Value });
        await using var hub = await HubEmulator.HubEmulator.StartAsync(hubOptions, ct).ConfigureAwait(false);
        _progress($"Hub emulator listening on {hub.BaseAddress} (accounts {_s.Sender.Code} and {_s.Recipient.Code}).");

        var scanner = await FindScannerAsync(ct).ConfigureAwait(false);
        string senderId = _s.Sender.Code!.Value, recipientId = _s.Recipient.Code!.Value;
        await using var ubnd = BuildAgency(hub.BaseAddress, senderId, SenderSecret, Work("ubnd/interchange.db"), scanner);
        await using var so = BuildAgency(hub.BaseAddress, recipientId, RecipientSecret, Work("so/interchange.db"), scanner);
        var soOutbox = so.GetRequiredService<EDocOutbox>();
        var (_, sentItem) = await AgencyWorkflowSteps.SendAsync(ubnd.GetRequiredService<EDocOutbox>(), edxml, ct).ConfigureAwait(false);
        Check("hub: document sent", sentItem?.State == OutboxState.Sent, $"outbox state {sentItem?.State}, hub id {sentItem?.HubMessageId}");

        // 10. The recipient receives: parse, validate (page count), scan, store, answer 01.
        var received = await so.GetRequiredService<EDocInbox>().ReceiveAsync(ct).ConfigureAwait(false);
        Check("recipient: package received and accepted", received.Stored == 1 && received.Rejected == 0 && received.Quarantined == 0, $"{received.Stored} stored, {received.Rejected} rejected, {received.Quarantined} quarantined");
        var inbound = (await so.GetRequiredService<IInterchangeStore>().ListInboundAsync(HubMessageKind.Edoc, InboxDisposition.Accepted, 10, ct).ConfigureAwait(false)) is { Count: > 0 } list ? list[0] : null;
        if (inbound is null)
        {
            _result.Elapsed = started.Elapsed;
            return;
        }

        await soOutbox.DeliverDueAsync(ct).ConfigureAwait(false);
        await ReceiverChecksAsync(inbound, verifier, pki.Ca, scanner, ct).ConfigureAwait(false);

        // 11. Incoming register (số đến), then status 03 (đã tiếp nhận).
        IncomingRegisterEntry incoming;
        await using (var store = RegisterStoreFactory.Create(Work("so/registers.db")))
        {
            incoming = await _steps.RegisterAndAcknowledgeAsync(new DocumentRegister(store, timeProvider: time), soOutbox, inbound, recipientId, "Văn phòng Sở", ct).ConfigureAwait(false);
            var table = RegisterTables.Incoming(await store.ListIncomingAsync(incoming.Year, null, ct).ConfigureAwait(false), incoming.Year);
            await WriteRegisterAsync("registerIncoming", "registers/so-incoming.pdf", table, ct).ConfigureAwait(false);
        }

        _result.Numbers["arrivalNumber"] = incoming.ArrivalNumberText;
        _result.Numbers["arrivalDate"] = incoming.ArrivalDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        _progress($"{_s.Recipient.Name} registered it with arrival number {incoming.ArrivalNumberText} (incoming register, SQLite).");

        // 12. The sender receives the statuses 01 and 03.
        await ubnd.GetRequiredService<EDocInbox>().ReceiveAsync(ct).ConfigureAwait(false);
        var statuses = await ubnd.GetRequiredService<IInterchangeStore>().ListInboundAsync(HubMessageKind.Status, null, 10, ct).ConfigureAwait(false);
        foreach (var code in new[] { "01", "03" })
        {
            var status = statuses.FirstOrDefault(st => st.StatusCode == code && st.DocumentId == inbound.DocumentId);
            if (status is not null)
            {
                string path = Out($"status-{code}.edxml");
                await File.WriteAllBytesAsync(path, status.Package, ct).ConfigureAwait(false);
                _result.AddFile($"status{code}", path);
            }

            Check($"sender: status {code} ({(EdXmlStatusCodes.TryParse(code, out var parsed) ? EdXmlStatusCodes.GetDescriptionVi(parsed) : code)}) received", status is not null, status is null ? "not received" : $"from {status.From}");
        }

        var left = hub.GetMessages().Where(m => m.Status != "done").ToList();
        Check("hub: every message acknowledged", left.Count == 0, $"{hub.GetMessages().Count} message(s), {left.Count} not done");

        // 13. Both dossiers archived (SIP with signature evidence) and verified.
        var evidence = new PdfInspectorEvidenceProvider(new PdfDocumentInspector(verifier));
        await ArchiveAsync("ubnd", _s.Sender, "01.VP", [(signedPdf, mainName), (signedAnnex, annexName)], outgoing, evidence, ct).ConfigureAwait(false);
        await ArchiveAsync("so", _s.Recipient, "01.VP", [(Work("received/" + mainName), mainName), (Work("received/" + annexName), annexName)], outgoing, evidence, ct).ConfigureAwait(false);
        _result.Elapsed = started.Elapsed;
    }

    private void PrepareFolders()
    {
        Directory.CreateDirectory(_result.OutputDirectory);
        string work = Path.Combine(_result.OutputDirectory, "work");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        foreach (var dir in new[] { "work", "work/ubnd", "work/so", "work/received", "archive", "registers" })
        {
            Directory.CreateDirectory(Path.Combine(_result.OutputDirectory, dir));
        }

        foreach (var stale in new[] { "archive", "registers" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(_result.OutputDirectory, d))))
        {
            File.Delete(stale);
        }
    }

    private async Task WriteRegisterAsync(string role, string name, ReportTable table, CancellationToken ct)
    {
        string path = Out(name);
        await using (var file = File.Create(path))
        {
            await RegisterPdfWriter.WriteAsync(table, file, cancellationToken: ct).ConfigureAwait(false);
        }

        _result.AddFile(role, path);
    }

    private async Task<PdfVerificationReport?> VerifyPdfAsync(PdfSignatureVerifier verifier, string step, string path, int expectedSignatures, CancellationToken ct)
    {
        var report = await verifier.VerifyFileAsync(path, ct).ConfigureAwait(false);
        bool ok = report.IsValid && report.Signatures.Count == expectedSignatures;
        string detail = $"{report.Signatures.Count} signature(s), {report.PageCount} page(s): "
            + string.Join("; ", report.Signatures.Select(s => $"{s.FieldName} {s.Status} by {s.Signer?.CommonName ?? s.SignerSubject}"));
        Check(step, ok, detail);
        return report;
    }

    private async Task RenderPreviewAsync(string pdf, CancellationToken ct)
    {
        string prefix = Out("signed-page1");
        try
        {
            var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in new[] { "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", pdf, prefix })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            if (process.ExitCode == 0 && File.Exists(prefix + ".png"))
            {
                _result.AddFile("preview", prefix + ".png");
                return;
            }

            _result.Notes.Add($"pdftoppm failed (exit {process.ExitCode}); no PNG preview.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            _result.Notes.Add("pdftoppm (poppler-utils) is not installed: no PNG preview of the signed page.");
        }
    }

    private async Task<ClamAvScanner?> FindScannerAsync(CancellationToken ct)
    {
        string address = _options.Clamd ?? Environment.GetEnvironmentVariable("EDOC_CLAMD") ?? "127.0.0.1:3310";
        int colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address[(colon + 1)..], out int port))
        {
            throw new CliUsageException($"--clamd '{address}' is not host:port.");
        }

        var scanner = new ClamAvScanner(new ClamAvOptions { Host = address[..colon], Port = port, ConnectTimeout = TimeSpan.FromSeconds(2) });
        bool alive;
        try
        {
            alive = await scanner.PingAsync(ct).ConfigureAwait(false);
        }
        catch (MalwareScanException)
        {
            alive = false;
        }

        if (!alive)
        {
            _result.Scanner = $"not scanned: no clamd answers at {address} (start clamd or pass --clamd HOST:PORT)";
            if (_options.Clamd is not null)
            {
                Check("recipient: malware scan", false, _result.Scanner);
            }

            return null;
        }

        _result.Scanner = (await scanner.GetVersionAsync(ct).ConfigureAwait(false)).Trim() + " at " + address;
        return scanner;
    }

    private static ServiceProvider BuildAgency(Uri hub, string systemId, string secret, string database, IMalwareScanner? scanner)
    {
        var services = new ServiceCollection();

        // The inspector counts the real PDF pages (PageAmount, NĐ 30/2020 art. 8.2) with EDoc.Signing's reader.
        services.AddSingleton<IEdXmlPackageInspector>(new EdXmlPackageInspector(new EdXmlPackageInspectorOptions
        {
            Validator = new EdXmlValidatorOptions { PdfPageCounter = new PdfInspectorPageCounter(new PdfDocumentInspector(new PdfSignatureVerifier())) },
        }));
        if (scanner is not null)
        {
            services.AddSingleton<IMalwareScanner>(scanner);
        }

        services.AddEDocInterchange(o =>
        {
            o.OrganId = systemId;
            o.RequireMalwareScanner = scanner is not null;
            o.Outbox.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
        })
        .AddVxpHub(o =>
        {
            o.Endpoint = hub;
            o.SystemId = systemId;
            o.Secret = secret;
            o.AttemptTimeout = TimeSpan.FromSeconds(30);
            o.TotalTimeout = TimeSpan.FromMinutes(2);
        })
        .UseSqliteStore(database);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private async Task ReceiverChecksAsync(InboxItem inbound, PdfSignatureVerifier verifier, X509Certificate2 ca, ClamAvScanner? scanner, CancellationToken ct)
    {
        // The XML signature, with the signer's certificate chained to the development CA.
        var xml = await new EdXmlSignatureVerifier().VerifyAsync(new MemoryStream(inbound.Package, writable: false), ct).ConfigureAwait(false);
        bool trusted = xml.Certificate is { } cert && ChainsTo(cert, ca);
        Check("recipient: edXML signature", xml.Status == EdXmlSignatureStatus.Valid && trusted, $"{xml.Status}, {(trusted ? "trusted" : "NOT trusted")}, signer {xml.Certificate?.GetNameInfo(X509NameType.SimpleName, false)}");

        // The attachments, written with safe names; every PDF's signatures verified; the page count compared.
        string folder = Work("received");
        string packagePath = Path.Combine(folder, "document.edxml");
        await File.WriteAllBytesAsync(packagePath, inbound.Package, ct).ConfigureAwait(false);
        var extracted = await new EdXmlExtractor().ExtractFileAsync(packagePath, folder, ct).ConfigureAwait(false);
        var header = ((EdocPackage)extracted.Package).MessageHeader;
        int expected = 0;
        foreach (var file in extracted.Files)
        {
            var report = await VerifyPdfAsync(verifier, $"recipient: {Path.GetFileName(file.Path)} signatures", file.Path, expectedSignatures: ++expected == 1 ? 2 : 1, ct).ConfigureAwait(false);
            if (expected == 1)
            {
                int? declared = header.OtherInfo?.PageAmount;
                Check("recipient: page count", report is not null && declared == report.PageCount, $"PageAmount {declared?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "absent"}, PDF has {report?.PageCount} page(s)");
            }

            if (scanner is not null)
            {
                await using var content = File.OpenRead(file.Path);
                var verdict = await scanner.ScanAsync(content, Path.GetFileName(file.Path), ct).ConfigureAwait(false);
                Check($"recipient: malware scan {Path.GetFileName(file.Path)}", !verdict.IsInfected, verdict.IsInfected ? "FOUND " + verdict.SignatureName : "clean");
            }
        }
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private async Task ArchiveAsync(string who, EDoc.Agencies.Agency agency, string fileNotation, (string Path, string Name)[] documents, OutgoingRegisterEntry issued, ISignatureEvidenceProvider evidence, CancellationToken ct)
    {
        var contents = documents.Select((d, i) => _steps.ArchiveDocument(
            i + 1,
            $"{_s.Sender.Code}-{issued.Year}-{issued.Number:D4}-{i + 1}",
            issued.Notation,
            issued.Date,
            i == 0 ? _s.Subject : "Phụ lục: " + _s.AnnexTitle,
            isMainDocument: i == 0,
            d.Path,
            d.Name)).ToList();
        var content = AgencyWorkflowSteps.Dossier(agency, fileNotation, $"Hồ sơ về chuyển đổi số năm {issued.Year}", issued.Date, contents);
        string zip = Out($"archive/{who}-sip.zip");
        var writer = new ArchivePackageWriter(new ArchivePackageWriterOptions { Kind = ArchivePackageKind.Sip, AgencyName = agency.Name }, evidence);
        var (written, report) = await AgencyWorkflowSteps.ArchiveAsync(writer, new ArchivePackageVerifier(), content, zip, ct).ConfigureAwait(false);
        Check(
            $"archive: {agency.Name} dossier",
            report.IsValid && report.IsIntact && written.SignatureReports == documents.Length,
            $"{written.PackageId}: {report.Files.Count} files, {(report.IsValid ? "valid" : string.Join("; ", report.Errors.Take(3).Select(p => p.Path + ": " + p.Message)))}, {written.SignatureReports} signature report(s)");
        _result.AddFile($"archive-{who}", zip);
    }

    private void Check(string step, bool ok, string detail)
    {
        _result.Checks.Add(new DemoCheck(step, ok, detail));
        _progress($"{(ok ? "  OK  " : "  FAIL")} {step}: {detail}");
    }
}
