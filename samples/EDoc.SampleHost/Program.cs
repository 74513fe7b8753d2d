using EDoc;
using EDoc.Archive.Evidence;
using EDoc.Documents;
using EDoc.Interchange.EdXml;
using EDoc.Interchange.Hub;
using EDoc.Interchange.Integration;
using EDoc.Interchange.Storage;
using EDoc.Registers;
using EDoc.Registers.Storage;
using EDoc.SampleHost;
using EDoc.Signing.Verification;
using EDoc.Time;
using EDoc.Verification;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;

// The host: data folder, agency, peer, embedded hub; validated at start-up.
builder.Services.AddOptions<SampleHostOptions>()
    .Bind(configuration.GetSection(SampleHostOptions.Section))
    .ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<SampleHostOptions>, SampleHostOptionsValidator>();
builder.Services.AddSingleton<DevelopmentPki>();
builder.Services.AddSingleton(sp => EmbeddedHub.Start(sp.GetRequiredService<IOptions<SampleHostOptions>>(), configuration));

// Every package through its DI extension, from appsettings.json (each validates its options on start).
builder.Services.AddEDocSigning(configuration.GetSection("Signing"));
builder.Services.AddEDocRegisters(configuration.GetSection("Registers"));
builder.Services.AddOptions<EDocRegistersOptions>().PostConfigure<IOptions<SampleHostOptions>>((o, host) =>
    o.ConnectionString ??= Path.GetFullPath(Path.Combine(host.Value.DataDirectory, "registers.db")));
// The inbox counts the real PDF pages of what arrives (PageAmount, NĐ 30/2020 art. 8.2) with EDoc.Signing's reader.
builder.Services.AddSingleton<IEdXmlPackageInspector>(sp => new EdXmlPackageInspector(new EdXmlPackageInspectorOptions
{
    Validator = new EdXmlValidatorOptions
    {
        TimeProvider = sp.GetRequiredService<TimeProvider>(),
        PdfPageCounter = new PdfInspectorPageCounter(sp.GetRequiredService<IPdfDocumentInspector>()),
    },
}));
builder.Services.AddEDocInterchange(configuration.GetSection("Interchange"))
    .AddVxpHub(_ => { });
builder.Services.AddOptions<VxpHubOptions>()
    .Bind(configuration.GetSection("Interchange:Hub"))
    .PostConfigure<EmbeddedHub>((o, hub) => o.Endpoint = hub.Emulator?.BaseAddress ?? o.Endpoint);
builder.Services.AddSingleton<IInterchangeStore>(sp =>
    new SqliteInterchangeStore(Path.GetFullPath(Path.Combine(sp.GetRequiredService<IOptions<SampleHostOptions>>().Value.DataDirectory, "interchange.db"))));
// One verifier trusting the development CA: for the API, the archive's signature evidence and the inbox's page counts.
builder.Services.AddSingleton(sp =>
{
    var verification = new PdfVerificationOptions();
    verification.TrustAnchors.Add(sp.GetRequiredService<DevelopmentPki>().Ca);
    return new PdfSignatureVerifier(verification);
});
builder.Services.AddSingleton<IPdfDocumentInspector>(sp => new PdfDocumentInspector(sp.GetRequiredService<PdfSignatureVerifier>()));
builder.Services.AddEDocArchive(configuration.GetSection("Archive"))
    .AddSignatureEvidenceProvider<PdfInspectorEvidenceProvider>();
builder.Services.AddSingleton<AgencyWorkflow>();

builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.AddHealthChecks().AddCheck<EDocHealthCheck>("edoc");
builder.Services.AddProblemDetails();

var app = builder.Build();
Directory.CreateDirectory(app.Services.GetRequiredService<IOptions<SampleHostOptions>>().Value.DataDirectory);

// Errors the SDK reports on purpose become problem details naming what failed.
app.Use(async (context, next) =>
{
    try
    {
        await next(context);
    }
    catch (Exception ex) when (ex is KeyNotFoundException or WorkflowConflictException or EDocException)
    {
        var (status, title) = ex switch
        {
            KeyNotFoundException => (StatusCodes.Status404NotFound, "Not found"),
            WorkflowConflictException => (StatusCodes.Status409Conflict, "Not possible in this state"),
            EDocValidationException => (StatusCodes.Status422UnprocessableEntity, "Invalid"),
            EDocPolicyException => (StatusCodes.Status422UnprocessableEntity, "Refused by the regulation"),
            _ => (StatusCodes.Status422UnprocessableEntity, "Unprocessable"),
        };
        await Results.Problem(detail: ex.Message, statusCode: status, title: title).ExecuteAsync(context);
    }
});

app.MapHealthChecks("/health");

app.MapGet("/api/about", (IOptions<SampleHostOptions> o, EmbeddedHub hub, DevelopmentPki pki) => Results.Ok(new
{
    agency = o.Value.Agency,
    peer = new { o.Value.Peer.Code, o.Value.Peer.Name },
    hub = hub.Emulator?.BaseAddress.ToString(),
    dataDirectory = Path.GetFullPath(o.Value.DataDirectory),
    caCertificate = Path.Combine(pki.Directory, "ca.crt"),
    telemetry = new { activitySources = SampleHostTelemetry.Names, meters = SampleHostTelemetry.Names },
}));

var documents = app.MapGroup("/api/documents");
documents.MapPost("/", async (AgencyWorkflow w, string? urgency, CancellationToken ct) =>
{
    Urgency level = Urgency.Urgent;
    if (urgency is not null && !Enum.TryParse(urgency, ignoreCase: true, out level))
    {
        return Results.Problem(detail: $"urgency '{urgency}' is not Normal, Urgent, VeryUrgent or Flash.", statusCode: StatusCodes.Status400BadRequest);
    }

    var record = await w.CreateDraftAsync(level, ct);
    return Results.Created($"/api/documents/{record.Id}", record);
});
documents.MapGet("/{id}", (AgencyWorkflow w, string id, CancellationToken ct) => w.LoadAsync(id, ct));
documents.MapGet("/{id}/pdf", async (AgencyWorkflow w, string id, CancellationToken ct) =>
    Results.File(w.PathOf(await w.LoadAsync(id, ct)), "application/pdf", id + ".pdf"));
documents.MapPost("/{id}/sign", (AgencyWorkflow w, string id, CancellationToken ct) => w.SignAsync(id, ct));
documents.MapPost("/{id}/issue", (AgencyWorkflow w, string id, CancellationToken ct) => w.IssueAsync(id, ct));
documents.MapGet("/{id}/verification", async (AgencyWorkflow w, string id, CancellationToken ct) =>
{
    var report = await w.VerifyAsync(id, ct);
    return new
    {
        report.IsValid,
        Status = report.Status.ToString(),
        report.Message,
        report.PageCount,
        Signatures = report.Signatures.Select(s => new { s.FieldName, Status = s.Status.ToString(), Signer = s.Signer?.CommonName, s.Reason }),
    };
});
documents.MapPost("/{id}/send", async (AgencyWorkflow w, string id, CancellationToken ct) =>
{
    var (record, item) = await w.SendAsync(id, ct);
    return new { record, outbox = new { State = item?.State.ToString(), item?.HubMessageId, item?.LastError } };
});
documents.MapGet("/{id}/statuses", async (AgencyWorkflow w, string id, CancellationToken ct) =>
    (await w.StatusesAsync(id, ct)).Select(s => new { s.StatusCode, s.From, s.ReceivedAt }));
documents.MapPost("/{id}/archive", async (AgencyWorkflow w, string id, CancellationToken ct) =>
{
    var (package, report) = await w.ArchiveAsync(id, ct);
    return new { package.PackageId, package.OutputPath, Kind = package.Kind.ToString(), package.SignatureReports, report.IsValid, report.IsIntact, Files = report.Files.Count };
});

var inbox = app.MapGroup("/api/inbox");
inbox.MapPost("/receive", (AgencyWorkflow w, CancellationToken ct) => w.ReceiveAsync(ct));
inbox.MapGet("/", async (AgencyWorkflow w, string? kind, CancellationToken ct) =>
{
    HubMessageKind? k = kind is null ? null : Enum.Parse<HubMessageKind>(kind, ignoreCase: true);
    return (await w.ListInboxAsync(k, ct)).Select(i => new { i.HubMessageId, Kind = i.Kind.ToString(), i.From, i.DocumentId, i.StatusCode, Disposition = i.Disposition.ToString(), i.ReceivedAt });
});
inbox.MapPost("/{hubMessageId}/register", async (AgencyWorkflow w, string hubMessageId, CancellationToken ct) =>
{
    var entry = await w.RegisterIncomingAsync(hubMessageId, ct);
    return new { entry.Id, entry.ArrivalNumber, entry.ArrivalNumberText, ArrivalDate = entry.ArrivalDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), entry.DocumentNumber, entry.SenderName };
});

app.MapGet("/api/registers/{book}", async (IRegisterStore store, TimeProvider time, string book, int? year, CancellationToken ct) =>
{
    int y = year ?? VietnamTime.Today(time).Year;
    return book switch
    {
        "outgoing" => Results.Ok((await store.ListOutgoingAsync(y, cancellationToken: ct)).Select(e => new { e.Id, e.NumberText, e.Notation, Date = e.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.Subject })),
        "incoming" => Results.Ok((await store.ListIncomingAsync(y, cancellationToken: ct)).Select(e => new { e.Id, e.ArrivalNumberText, e.DocumentNumber, e.SenderName, e.Subject })),
        _ => Results.NotFound(),
    };
});

app.MapGet("/api/reports/overdue", async (IRegisterStore store, EDoc.Registers.Deadlines.DeadlineCalculator deadlines, TimeProvider time, DateOnly? asOf, int? handlingDays, CancellationToken ct) =>
{
    if (handlingDays is < 0 or > 365)
    {
        return Results.Problem(detail: $"handlingDays {handlingDays} is not between 0 and 365.", statusCode: StatusCodes.Status400BadRequest);
    }

    // Incoming documents past their due date (NĐ 30/2020 art. 24), judged at the end of asOf (default: now), by unit.
    var monitor = new EDoc.Registers.Reports.OverdueMonitor(store, deadlines, new EDoc.Registers.Reports.OverdueMonitorOptions { DefaultHandlingWorkingDays = handlingDays }, time);
    DateTimeOffset at = asOf is { } day ? new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59, 59)), VietnamTime.Offset) : time.GetUtcNow();
    var groups = await monitor.ListOverdueByUnitAsync(at, cancellationToken: ct);
    return Results.Ok(groups.Select(g => new
    {
        Unit = g.Key,
        g.Count,
        Items = g.Items.Select(i => new { i.Entry.ArrivalNumberText, i.Entry.DocumentNumber, i.Entry.Subject, DueAt = i.DueAt, i.WorkingDaysOverdue, i.Person }),
    }));
});

await app.RunAsync();
