using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace EDoc.Signing.Signers;

/// <summary>Options of <see cref="Pkcs11SigningKey.Open"/>: which library, token and key.</summary>
public sealed class Pkcs11SigningKeyOptions
{
    /// <summary>The PKCS#11 module, e.g. <c>/usr/lib/softhsm/libsofthsm2.so</c> or the token vendor's library. Required.</summary>
    public string? LibraryPath { get; set; }

    /// <summary>The token label; <see langword="null"/> accepts any token (with <see cref="SlotId"/> or the first token).</summary>
    public string? TokenLabel { get; set; }

    /// <summary>The token serial number; <see langword="null"/> accepts any.</summary>
    public string? TokenSerialNumber { get; set; }

    /// <summary>The slot id; <see langword="null"/> accepts any.</summary>
    public ulong? SlotId { get; set; }

    /// <summary>The user PIN (mã PIN). Never logged nor put in messages. <see langword="null"/> when the token has a protected authentication path (PIN pad).</summary>
    public string? Pin { get; set; }

    /// <summary>The private key's CKA_LABEL; at least one of <see cref="KeyLabel"/> and <see cref="KeyId"/> is required.</summary>
    public string? KeyLabel { get; set; }

    /// <summary>The private key's CKA_ID (also used to find its certificate).</summary>
    public byte[]? KeyId { get; set; }

    /// <summary>The signer certificate; <see langword="null"/> reads the certificate object with the same CKA_ID or label from the token.</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Further certificates to embed in the CMS.</summary>
    public IList<X509Certificate2> Chain { get; } = new List<X509Certificate2>();

    /// <summary>The scheme; <see langword="null"/> picks PKCS#1 v1.5 for RSA and ECDSA for EC keys.</summary>
    public SignatureScheme? Scheme { get; set; }
}

/// <summary>
/// A key on a PKCS#11 token or HSM (USB token của Ban Cơ yếu, VNPT, Viettel…) through Pkcs11Interop. RSA PKCS#1 v1.5
/// uses CKM_RSA_PKCS over a DigestInfo built here; RSA-PSS uses CKM_RSA_PKCS_PSS; ECDSA uses CKM_ECDSA and converts
/// r||s to DER. The session stays logged in until <see cref="Dispose"/>; signing calls are serialized.
/// </summary>
public sealed class Pkcs11SigningKey : SigningKey, IDisposable
{
    private readonly Pkcs11InteropFactories _factories;
    private readonly ISession _session;
    private readonly IObjectHandle _key;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    private static readonly Pkcs11InteropFactories Factories = new();
    private static readonly Dictionary<string, (IPkcs11Library Library, int References)> Libraries = new(StringComparer.Ordinal);
    private static readonly Lock LibrariesGate = new();
    private readonly string _libraryPath;

    private Pkcs11SigningKey(X509Certificate2 certificate, IEnumerable<X509Certificate2> chain, SignatureScheme scheme, Pkcs11InteropFactories factories, string libraryPath, ISession session, IObjectHandle key)
        : base(certificate, chain, scheme)
    {
        _factories = factories;
        _libraryPath = libraryPath;
        _session = session;
        _key = key;
    }

    /// <summary>Loads the library, finds the token, logs in and finds the key (and its certificate).</summary>
    /// <param name="options">Which token and key.</param>
    /// <returns>The key; dispose it to log out and unload.</returns>
    /// <exception cref="SigningException">The library, token, key or certificate was not found, or the login failed.</exception>
    public static Pkcs11SigningKey Open(Pkcs11SigningKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.LibraryPath, nameof(options));
        if (options.KeyLabel is null && options.KeyId is null)
        {
            throw new ArgumentException("Pkcs11SigningKeyOptions needs KeyLabel or KeyId.", nameof(options));
        }

        var factories = Factories;
        var library = AcquireLibrary(options.LibraryPath);

        ISession? session = null;
        try
        {
            var slot = FindSlot(library, options);
            session = slot.OpenSession(SessionType.ReadOnly);
            if (options.Pin is not null || slot.GetTokenInfo().TokenFlags.ProtectedAuthenticationPath)
            {
                try
                {
                    session.Login(CKU.CKU_USER, options.Pin);
                }
                catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
                {
                    // Another session of this process logged in already.
                }
                catch (Pkcs11Exception ex)
                {
                    throw new SigningException("pkcs11.login", $"Login to the token failed ({ex.RV}); check the PIN.");
                }
            }

            var key = FindOne(session, factories, CKO.CKO_PRIVATE_KEY, options)
                ?? throw new SigningException("pkcs11.key-not-found", $"No private key with {Describe(options)} is on the token.");
            var certificate = options.Certificate ?? ReadCertificate(session, factories, options);
            var scheme = options.Scheme ?? (SigningKeyAlgorithms.GetKeyKind(certificate) == PublicKeyKind.Ecdsa ? SignatureScheme.Ecdsa : SignatureScheme.RsaPkcs1);
            return new Pkcs11SigningKey(certificate, options.Chain, scheme, factories, options.LibraryPath, session, key);
        }
        catch
        {
            session?.Dispose();
            ReleaseLibrary(options.LibraryPath);
            throw;
        }
    }

    /// <inheritdoc />
    public override async ValueTask<byte[]> SignHashAsync(ReadOnlyMemory<byte> hash, HashAlgorithmName hashAlgorithm, CancellationToken cancellationToken = default)
    {
        SigningKeyAlgorithms.ValidateHash(hash.Span, hashAlgorithm);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            byte[] signature;
            switch (Scheme)
            {
                case SignatureScheme.RsaPkcs1:
                {
                    var mechanism = _factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS);
                    signature = _session.Sign(mechanism, _key, SigningKeyAlgorithms.DigestInfo(hash.Span, hashAlgorithm));
                    break;
                }

                case SignatureScheme.RsaPss:
                {
                    var (hashMechanism, mgf) = PssIds(hashAlgorithm);
                    var parameters = _factories.MechanismParamsFactory.CreateCkRsaPkcsPssParams(
                        ConvertUtils.UInt64FromCKM(hashMechanism), ConvertUtils.UInt64FromCKG(mgf), (ulong)SigningKeyAlgorithms.HashSize(hashAlgorithm));
                    var mechanism = _factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS_PSS, parameters);
                    signature = _session.Sign(mechanism, _key, hash.ToArray());
                    break;
                }

                default:
                {
                    var mechanism = _factories.MechanismFactory.Create(CKM.CKM_ECDSA);
                    signature = SigningKeyAlgorithms.EcdsaP1363ToDer(_session.Sign(mechanism, _key, hash.ToArray()));
                    break;
                }
            }

            // A token holding another key than the certificate's is caught here, not by a validator later.
            return SignatureChecks.NormalizeAndVerify(Certificate, Scheme, hash.Span, hashAlgorithm, signature);
        }
        catch (Pkcs11Exception ex)
        {
            throw new SigningException("pkcs11.sign", $"The token refused to sign ({ex.RV}).", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Logs out, closes the session and unloads the library.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _session.Logout();
        }
        catch (Pkcs11Exception)
        {
            // Not logged in (protected path) or already logged out.
        }

        _session.Dispose();
        ReleaseLibrary(_libraryPath);
        _gate.Dispose();
    }

    // C_Initialize may run once per process and module: keys opened from the same module share one library instance.
    private static IPkcs11Library AcquireLibrary(string path)
    {
        lock (LibrariesGate)
        {
            EnsureDlResolver();
            if (Libraries.TryGetValue(path, out var entry))
            {
                Libraries[path] = (entry.Library, entry.References + 1);
                return entry.Library;
            }

            try
            {
                var library = Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, path, AppType.MultiThreaded);
                Libraries[path] = (library, 1);
                return library;
            }
            catch (Exception ex) when (ex is Pkcs11Exception or UnmanagedException or DllNotFoundException or IOException)
            {
                throw new SigningException("pkcs11.library", $"The PKCS#11 library '{path}' could not be loaded: {ex.Message}", ex);
            }
        }
    }

    private static readonly string[] DlCandidates = ["libdl.so.2", "libc.so.6"];
    private static bool _resolverSet;

    // Pkcs11Interop 5.x P/Invokes "libdl"; glibc ≥ 2.34 systems without libc6-dev only have libdl.so.2 (dlopen is in libc.so.6).
    private static void EnsureDlResolver()
    {
        if (_resolverSet || !OperatingSystem.IsLinux())
        {
            return;
        }

        _resolverSet = true;
        try
        {
            System.Runtime.InteropServices.NativeLibrary.SetDllImportResolver(typeof(IPkcs11Library).Assembly, (name, _, _) =>
            {
                if (name is "libdl" or "libdl.so")
                {
                    foreach (var candidate in DlCandidates)
                    {
                        if (System.Runtime.InteropServices.NativeLibrary.TryLoad(candidate, out var handle))
                        {
                            return handle;
                        }
                    }
                }

                return IntPtr.Zero;
            });
        }
        catch (InvalidOperationException)
        {
            // The application set its own resolver for Pkcs11Interop; keep it.
        }
    }

    private static void ReleaseLibrary(string path)
    {
        lock (LibrariesGate)
        {
            if (!Libraries.TryGetValue(path, out var entry))
            {
                return;
            }

            if (entry.References > 1)
            {
                Libraries[path] = (entry.Library, entry.References - 1);
                return;
            }

            Libraries.Remove(path);
            entry.Library.Dispose();
        }
    }

    private static ISlot FindSlot(IPkcs11Library library, Pkcs11SigningKeyOptions options)
    {
        foreach (var slot in library.GetSlotList(SlotsType.WithTokenPresent))
        {
            if (options.SlotId is { } id && slot.SlotId != id)
            {
                continue;
            }

            var info = slot.GetTokenInfo();
            if (options.TokenLabel is { } label && !string.Equals(info.Label?.Trim(), label, StringComparison.Ordinal))
            {
                continue;
            }

            if (options.TokenSerialNumber is { } serial && !string.Equals(info.SerialNumber?.Trim(), serial, StringComparison.Ordinal))
            {
                continue;
            }

            return slot;
        }

        throw new SigningException("pkcs11.token-not-found", $"No token matches label '{options.TokenLabel}', serial '{options.TokenSerialNumber}', slot '{options.SlotId}'.");
    }

    private static IObjectHandle? FindOne(ISession session, Pkcs11InteropFactories factories, CKO objectClass, Pkcs11SigningKeyOptions options)
    {
        var template = new List<IObjectAttribute> { factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, objectClass) };
        if (options.KeyLabel is not null)
        {
            template.Add(factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, options.KeyLabel));
        }

        if (options.KeyId is not null)
        {
            template.Add(factories.ObjectAttributeFactory.Create(CKA.CKA_ID, options.KeyId));
        }

        var found = session.FindAllObjects(template);
        if (found.Count > 1)
        {
            throw new SigningException("pkcs11.ambiguous", $"{found.Count} objects of class {objectClass} match {Describe(options)}; give both label and id.");
        }

        return found.Count == 1 ? found[0] : null;
    }

    private static X509Certificate2 ReadCertificate(ISession session, Pkcs11InteropFactories factories, Pkcs11SigningKeyOptions options)
    {
        var handle = FindOne(session, factories, CKO.CKO_CERTIFICATE, options)
            ?? throw new SigningException("pkcs11.certificate-not-found", $"No certificate with {Describe(options)} is on the token; pass Certificate in the options.");
        var value = session.GetAttributeValue(handle, [CKA.CKA_VALUE])[0].GetValueAsByteArray();
        try
        {
            return X509CertificateLoader.LoadCertificate(value);
        }
        catch (CryptographicException ex)
        {
            throw new SigningException("pkcs11.certificate", "The certificate on the token is malformed.", ex);
        }
    }

    private static (CKM Hash, CKG Mgf) PssIds(HashAlgorithmName hash) => SigningKeyAlgorithms.HashSize(hash) switch
    {
        32 => (CKM.CKM_SHA256, CKG.CKG_MGF1_SHA256),
        48 => (CKM.CKM_SHA384, CKG.CKG_MGF1_SHA384),
        _ => (CKM.CKM_SHA512, CKG.CKG_MGF1_SHA512),
    };

    private static string Describe(Pkcs11SigningKeyOptions options)
        => $"label '{options.KeyLabel}' and id '{(options.KeyId is null ? string.Empty : Convert.ToHexString(options.KeyId))}'";
}
