using System.Diagnostics;
using System.Diagnostics.Metrics;
using EDoc.Signing.Diagnostics;
using EDoc.Signing.Signers;
using EDoc.Signing.Tests.Pdf;
using EDoc.Signing.Tests.TestSupport;
using EDoc.Signing.Timestamps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EDoc.Signing.Tests.Signing;

[Collection(PdfCorpusDefinition.Name)]
public sealed class EDocSigningServiceCollectionTests(PdfCorpusFixture corpus)
{
    [Fact]
    public async Task AddEDocSigning_ConfigurationWithTsa_ResolvedSignerMakesBaselineT()
    {
        using var tsa = new OpenSslTsaServer(TestPki.Rsa);
        IConfigurationSection section = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["EDoc:Signing:TimestampAuthorityUri"] = tsa.Uri.ToString(), ["EDoc:Signing:TimestampAllowance"] = "9000" })
            .Build().GetSection("EDoc:Signing");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddEDocSigning(section);
        services.AddEDocSigning(section);
        await using ServiceProvider sp = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Equal(9000, sp.GetRequiredService<IOptions<EDocSigningOptions>>().Value.TimestampAllowance);
        Assert.NotNull(sp.GetService<Rfc3161TimestampClient>());
        PdfSigner signer = sp.GetRequiredService<PdfSigner>();
        string output = corpus.NewTempFile("di.pdf");
        await signer.SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), output, new PdfSignatureRequest { Key = new X509CertificateSigningKey(TestPki.Rsa.Signer), Level = PadesLevel.BaselineT });

        Assert.Equal(1, tsa.RequestCount);
        Assert.Contains("id-smime-aa-timeStampToken", SignerTestSupport.OpenSslPrint(SignerTestSupport.Extract(output)[0].Der), StringComparison.Ordinal);
    }

    [Fact]
    public void AddEDocSigning_InvalidOptions_FailsValidationWithEveryProblem()
    {
        var services = new ServiceCollection();
        services.AddEDocSigning(o =>
        {
            o.TimestampAllowance = 10;
            o.TemporaryDirectory = "/nonexistent/edoc";
            o.TimestampAuthorityUri = new Uri("ftp://tsa.example/");
        });
        using ServiceProvider sp = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<EDocSigningOptions>>().Value);

        Assert.Equal(3, ex.Failures.Count());
    }

    [Fact]
    public void AddTimestampAuthority_WithoutUri_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddEDocSigning().AddTimestampAuthority().AddRevocationCollection();
        using ServiceProvider sp = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<PdfSigner>());
    }

    [Fact]
    public void AddEDocSigning_Defaults_ResolvesSignerWithoutTsa()
    {
        var services = new ServiceCollection();
        services.AddEDocSigning().AddTimestampAuthority(new Uri("http://127.0.0.1:9/")).AddRevocationCollection();
        using ServiceProvider sp = services.BuildServiceProvider();

        Assert.NotNull(sp.GetRequiredService<PdfSigner>());
        Assert.NotNull(sp.GetRequiredService<EDoc.Signing.Revocation.RevocationDataCollector>());
        Assert.Single(services, d => d.ServiceType == typeof(PdfSigner));
    }

    [Fact]
    public async Task SignAsync_Listeners_RecordActivityAndDurationHistogram()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == EDocSigningDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (activities) { activities.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        var measurements = new List<double>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EDocSigningDiagnostics.MeterName && instrument.Name == "edoc.signing.sign.duration")
                {
                    Assert.Equal("s", instrument.Unit);
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<double>((_, value, _, _) => { lock (measurements) { measurements.Add(value); } });
        meterListener.Start();

        await new PdfSigner().SignFileAsync(corpus.Path(PdfCorpusFixture.Lo), corpus.NewTempFile("diag.pdf"), new PdfSignatureRequest { Key = new X509CertificateSigningKey(corpus.Signer), FieldName = "DiagField" });

        lock (activities)
        {
            Assert.Contains(activities, a => a.OperationName == "PdfSigner.Sign" && (string?)a.GetTagItem("edoc.signing.field") == "DiagField");
        }

        lock (measurements)
        {
            Assert.Contains(measurements, m => m > 0);
        }
    }
}
