using EDoc.HubEmulator;
using Microsoft.Extensions.Options;

namespace EDoc.SampleHost;

/// <summary>
/// The hub emulator started in-process on the loopback when <c>SampleHost:EmbeddedHub:Enabled</c> (the embedded
/// default), with an account for the agency (<c>Interchange:Hub</c>) and one for the peer. Started when first needed,
/// stopped with the host.
/// </summary>
public sealed class EmbeddedHub : IAsyncDisposable
{
    private EmbeddedHub(HubEmulator.HubEmulator? emulator) => Emulator = emulator;

    /// <summary>The running emulator, or <see langword="null"/> when disabled (a real hub is configured).</summary>
    public HubEmulator.HubEmulator? Emulator { get; }

    /// <summary>Starts the emulator if enabled.</summary>
    /// <param name="options">The host options.</param>
    /// <param name="configuration">The configuration (<c>Interchange:Hub:SystemId</c> and <c>Secret</c> of the agency).</param>
    /// <returns>The embedded hub.</returns>
    public static EmbeddedHub Start(IOptions<SampleHostOptions> options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var o = options.Value;
        if (!o.EmbeddedHub.Enabled)
        {
            return new EmbeddedHub(null);
        }

        var hubOptions = new HubEmulatorOptions { DataDirectory = Path.GetFullPath(Path.Combine(o.DataDirectory, "hub")), Urls = o.EmbeddedHub.Urls };
        hubOptions.Accounts.Add(new HubEmulatorAccount
        {
            SystemId = configuration["Interchange:Hub:SystemId"] ?? o.Agency.Code,
            Secret = configuration["Interchange:Hub:Secret"] ?? string.Empty,
            Name = o.Agency.Name,
        });
        hubOptions.Accounts.Add(new HubEmulatorAccount { SystemId = o.Peer.Code, Secret = o.EmbeddedHub.PeerSecret, Name = o.Peer.Name, ParentCode = o.Agency.Code });
        return new EmbeddedHub(HubEmulator.HubEmulator.StartAsync(hubOptions).GetAwaiter().GetResult());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }
}
