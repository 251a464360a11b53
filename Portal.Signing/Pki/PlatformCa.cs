using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using Portal.Signing.Pkcs11;

namespace Portal.Signing.Pki;

/// <summary>The stores the platform CA keeps its state in (implemented in the database by Infrastructure).</summary>
public sealed record PkiStores(IIssuedCertificateStore Certificates, IRevocationStore Revocations, IKeyRegistry Keys, ITrustedCaStore TrustedCas)
{
    /// <summary>All four stores in memory (tests, benchmarks).</summary>
    public static PkiStores InMemory()
    {
        var s = new InMemoryPkiStores();
        return new PkiStores(s, s, s, s);
    }
}

/// <summary>The platform CA: a root and an issuing CA with keys in the HSM pool; issues, revokes and publishes CRLs.</summary>
public sealed class PlatformCa
{
    public const string RootId = "root";
    public const string IssuingId = "issuing";

    private readonly HsmPool _pool;
    private readonly PkiOptions _options;
    private readonly PkiStores _stores;
    private readonly IPinProvider _pins;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly SemaphoreSlim _crlLock = new(1, 1);
    private readonly Dictionary<string, (byte[] Der, DateTime RefreshAfterUtc, int Entries)> _crlCache = new(StringComparer.Ordinal);
    private CaMaterial? _root;
    private CaMaterial? _issuing;
    private CaMaterial? _tsa;

    public PlatformCa(HsmPool pool, PkiOptions options, PkiStores stores, IPinProvider pins, TimeProvider? time = null, ILogger<PlatformCa>? logger = null)
    {
        _pool = pool;
        _options = options;
        _stores = stores;
        _pins = pins;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>A CA (or TSA) certificate with its pool key.</summary>
    internal sealed record CaMaterial(string Id, X509Certificate Certificate, ISigningKey Key);

    public X509Certificate RootCertificate => Ready(_root).Certificate;

    public X509Certificate IssuingCertificate => Ready(_issuing).Certificate;

    public X509Certificate TimestampCertificate => Ready(_tsa).Certificate;

    public PkiOptions Options => _options;

    internal CaMaterial Root => Ready(_root);

    internal CaMaterial Issuing => Ready(_issuing);

    internal CaMaterial Tsa => Ready(_tsa);

    internal PkiStores Stores => _stores;

    internal TimeProvider Time => _time;

    private static CaMaterial Ready(CaMaterial? m) => m ?? throw new InvalidOperationException("Call PlatformCa.InitializeAsync first.");

    /// <summary>Loads the root, issuing CA and TSA certificates, creating keys and certificates on first start; registers the root as trusted.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _initLock.WaitAsync(cancellationToken);
        try
        {
            if (_root is not null)
            {
                return;
            }

            _root = await LoadOrCreateAsync(CertificateKind.RootCa, RootId, "pki.root", _options.CaKeyAlgorithm, null, cancellationToken);
            _issuing = await LoadOrCreateAsync(CertificateKind.IssuingCa, IssuingId, "pki.issuing", _options.CaKeyAlgorithm, _root, cancellationToken);
            _tsa = await LoadOrCreateAsync(CertificateKind.TimestampAuthority, "tsa", "pki.tsa", _options.TsaKeyAlgorithm, _issuing, cancellationToken);
            await _stores.TrustedCas.SaveAsync(new TrustedCa("platform-root", "Portal Root CA", _root.Certificate.GetEncoded(), IsPlatform: true, FailClosed: true), cancellationToken);
            // The issuing CA too, so a certificate the platform issued is checked without its chain at hand (a bound
            // certificate, the support console).
            await _stores.TrustedCas.SaveAsync(new TrustedCa("platform-issuing", "Portal Issuing CA", _issuing.Certificate.GetEncoded(), IsPlatform: true, FailClosed: true), cancellationToken);
        }
        finally
        {
            _initLock.Release();
        }
    }

    private async Task<CaMaterial> LoadOrCreateAsync(CertificateKind kind, string id, string purpose, KeyAlgorithm algorithm, CaMaterial? issuer, CancellationToken ct)
    {
        var existing = await _stores.Certificates.FindLatestAsync(kind, ct);
        X509Certificate certificate;
        string keyId;
        if (existing is not null)
        {
            certificate = new X509Certificate(existing.Der);
            keyId = existing.KeyId;
        }
        else
        {
            var key = await _pool.GenerateKeyAsync(algorithm, ct);
            keyId = key.KeyId;
            await _stores.Keys.AddAsync(new RegisteredKey(keyId, algorithm, purpose, Now), ct);
            var subject = new X509Name(kind switch
            {
                CertificateKind.RootCa => _options.RootSubject,
                CertificateKind.IssuingCa => _options.IssuingSubject,
                _ => _options.TsaSubject,
            });
            var validity = kind switch
            {
                CertificateKind.RootCa => _options.RootValidity,
                CertificateKind.IssuingCa => _options.IssuingValidity,
                _ => _options.TsaValidity,
            };
            // The root signs itself: a temporary signing key without a chain is enough for that one signature.
            var signer = issuer ?? new CaMaterial(id, null!, _pool.GetSigningKey(keyId, []));
            certificate = Build(subject, keyId, kind, validity, signer, issuerIdForUrls: issuer?.Id);
            await _stores.Certificates.AddAsync(Record(certificate, issuer?.Id ?? id, kind, keyId), ct);
            _logger.LogInformation("PKI: created {Kind} {Subject} (key {KeyId})", kind, subject, keyId);
        }

        var chain = new List<X509Certificate> { certificate };
        for (var i = issuer; i is not null; i = i.Id == RootId ? null : _root)
        {
            chain.Add(i.Certificate);
        }

        return new CaMaterial(id, certificate, _pool.GetSigningKey(keyId, chain));
    }

    /// <summary>Generates a pool key (replicated to every token) and records it in the key registry with its purpose (e.g. "seal:{id}").</summary>
    public async Task<RegisteredKey> GenerateKeyAsync(KeyAlgorithm algorithm, string purpose, CancellationToken cancellationToken = default)
    {
        var key = await _pool.GenerateKeyAsync(algorithm, cancellationToken);
        var registered = new RegisteredKey(key.KeyId, algorithm, purpose, Now);
        await _stores.Keys.AddAsync(registered, cancellationToken);
        return registered;
    }

    /// <summary>Issues an organization seal certificate for a pool key.</summary>
    public Task<IssuedCertificate> IssueSealCertificateAsync(string keyId, SealSubject subject, TimeSpan? validity = null, CancellationToken cancellationToken = default)
        => IssueEndEntityAsync(keyId, CertificateSubjects.Seal(subject), CertificateKind.OrganizationSeal, validity, cancellationToken);

    /// <summary>
    /// Builds an organization seal certificate without recording it: the caller stores it (and the key) in its own database
    /// unit of work, so the seal, its key and its certificate commit or roll back together.
    /// </summary>
    public IssuedCertificate CreateSealCertificate(string keyId, SealSubject subject, TimeSpan? validity = null)
        => Record(Build(CertificateSubjects.Seal(subject), keyId, CertificateKind.OrganizationSeal, validity ?? _options.EndEntityValidity, Issuing, IssuingId),
            IssuingId, CertificateKind.OrganizationSeal, keyId);

    /// <summary>Issues a personal certificate for a pool key; the ID number enters only as a keyed hash.</summary>
    public Task<IssuedCertificate> IssuePersonalCertificateAsync(string keyId, PersonSubject subject, TimeSpan? validity = null, CancellationToken cancellationToken = default)
        => IssueEndEntityAsync(keyId, CertificateSubjects.Person(subject, _pins.GetIdentifierPepper()), CertificateKind.Personal, validity, cancellationToken);

    private async Task<IssuedCertificate> IssueEndEntityAsync(string keyId, X509Name subject, CertificateKind kind, TimeSpan? validity, CancellationToken ct)
    {
        var certificate = Build(subject, keyId, kind, validity ?? _options.EndEntityValidity, Issuing, IssuingId);
        var record = Record(certificate, IssuingId, kind, keyId);
        await _stores.Certificates.AddAsync(record, ct);
        return record;
    }

    /// <summary>The certificate of a platform CA by id ("root", "issuing"), e.g. for /pki/ca/{id}.cer.</summary>
    public X509Certificate GetCaCertificate(string caId) => caId switch
    {
        RootId => RootCertificate,
        IssuingId => IssuingCertificate,
        _ => throw new SigningException("pki.unknown_ca", $"Unknown CA '{caId}'."),
    };

    /// <summary>The signer's certificate chain (signer, issuing CA, root) as <see cref="ISigningKey"/> wants it.</summary>
    public IReadOnlyList<X509Certificate> ChainFor(X509Certificate endEntity) => [endEntity, IssuingCertificate, RootCertificate];

    /// <summary>A signing key for a certificate this CA issued.</summary>
    public ISigningKey GetSigningKey(IssuedCertificate certificate) => _pool.GetSigningKey(certificate.KeyId, ChainFor(new X509Certificate(certificate.Der)));

    /// <summary>Revokes a certificate issued by the issuing CA (or the issuing CA by the root); the next CRL includes it.</summary>
    public async Task<CertificateRevocation> RevokeAsync(string issuerId, string serialNumber, RevocationReason reason, CancellationToken cancellationToken = default)
    {
        serialNumber = serialNumber.ToLowerInvariant();
        _ = await _stores.Certificates.FindAsync(issuerId, serialNumber, cancellationToken)
            ?? throw new SigningException("pki.certificate_not_found", $"No certificate {serialNumber} issued by {issuerId}.");
        var revocation = new CertificateRevocation(issuerId, serialNumber, Now, reason);
        await _stores.Revocations.AddAsync(revocation, cancellationToken);
        await _crlLock.WaitAsync(cancellationToken);
        try
        {
            _crlCache.Remove(issuerId);
        }
        finally
        {
            _crlLock.Release();
        }

        return await _stores.Revocations.FindAsync(issuerId, serialNumber, cancellationToken) ?? revocation;
    }

    /// <summary>The current DER CRL of a CA ("root" or "issuing"); re-issued after a revocation or at half its validity.</summary>
    public async Task<byte[]> GetCrlAsync(string issuerId, CancellationToken cancellationToken = default)
    {
        var ca = issuerId switch
        {
            RootId => Root,
            IssuingId => Issuing,
            _ => throw new SigningException("pki.unknown_ca", $"Unknown CA '{issuerId}'."),
        };
        await _crlLock.WaitAsync(cancellationToken);
        try
        {
            var now = Now;
            // Revocations may also be recorded by another unit of work (a seal voided in its own transaction): a changed
            // count re-issues the CRL at once.
            var revocations = await _stores.Revocations.ListAsync(issuerId, cancellationToken);
            if (_crlCache.TryGetValue(issuerId, out var cached) && cached.RefreshAfterUtc > now && cached.Entries == revocations.Count)
            {
                return cached.Der;
            }

            var generator = new X509V2CrlGenerator();
            generator.SetIssuerDN(ca.Certificate.SubjectDN);
            generator.SetThisUpdate(now);
            generator.SetNextUpdate(now + _options.CrlValidity);
            foreach (var r in revocations)
            {
                generator.AddCrlEntry(new BigInteger(r.SerialNumber, 16), r.RevokedAtUtc, (int)r.Reason);
            }

            var number = await _stores.Revocations.NextCrlNumberAsync(issuerId, cancellationToken);
            generator.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.ValueOf(number)));
            generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(ca.Certificate));
            var der = generator.Generate(new SigningKeySignatureFactory(ca.Key)).GetEncoded();
            _crlCache[issuerId] = (der, now + (_options.CrlValidity / 2), revocations.Count);
            return der;
        }
        finally
        {
            _crlLock.Release();
        }
    }

    internal DateTime Now => _time.GetUtcNow().UtcDateTime;

    private X509Certificate Build(X509Name subject, string keyId, CertificateKind kind, TimeSpan validity, CaMaterial issuer, string? issuerIdForUrls)
    {
        var publicKey = _pool.GetPublicKey(keyId);
        var selfSigned = kind == CertificateKind.RootCa;
        var now = Now;
        var g = new X509V3CertificateGenerator();
        g.SetSerialNumber(NewSerial());
        g.SetIssuerDN(selfSigned ? subject : issuer.Certificate.SubjectDN);
        g.SetSubjectDN(subject);
        // Backdated a little: clocks of relying parties drift.
        g.SetNotBefore(now.AddMinutes(-5));
        g.SetNotAfter(selfSigned || issuer.Certificate.NotAfter > now + validity ? now + validity : issuer.Certificate.NotAfter);
        g.SetPublicKey(publicKey);
        g.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(publicKey));
        if (!selfSigned)
        {
            g.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(issuer.Certificate));
        }

        switch (kind)
        {
            case CertificateKind.RootCa:
                g.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
                g.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
                break;
            case CertificateKind.IssuingCa:
                g.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(0));
                g.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
                break;
            case CertificateKind.TimestampAuthority:
                g.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
                g.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
                // RFC 3161 §2.3: the TSA certificate has exactly one EKU, timeStamping, and it is critical.
                g.AddExtension(X509Extensions.ExtendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeID.id_kp_timeStamping));
                break;
            default:
                g.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
                g.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
                if (_options.EndEntityEku == EndEntityEku.EmailProtectionAndDocumentSigning)
                {
                    // documentSigning alone is distrusted by poppler/NSS (NOTES); with emailProtection it is trusted.
                    g.AddExtension(X509Extensions.ExtendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeID.id_kp_emailProtection, KeyPurposeID.id_kp_documentSigning));
                }

                break;
        }

        if (!selfSigned && !string.IsNullOrWhiteSpace(_options.PublicBaseUrl) && issuerIdForUrls is not null)
        {
            // Only with a reachable public URL: NSS fetches these and an unreachable responder makes pdfsig report "Unknown issue".
            var baseUrl = _options.PublicBaseUrl.TrimEnd('/');
            g.AddExtension(X509Extensions.CrlDistributionPoints, false, new CrlDistPoint([
                new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.UniformResourceIdentifier, $"{baseUrl}/pki/crl/{issuerIdForUrls}.crl"))), null, null),
            ]));
            g.AddExtension(X509Extensions.AuthorityInfoAccess, false, new AuthorityInformationAccess([
                new AccessDescription(AccessDescription.IdADOcsp, new GeneralName(GeneralName.UniformResourceIdentifier, $"{baseUrl}/pki/ocsp")),
                new AccessDescription(AccessDescription.IdADCAIssuers, new GeneralName(GeneralName.UniformResourceIdentifier, $"{baseUrl}/pki/ca/{issuerIdForUrls}.cer")),
            ]));
        }

        return g.Generate(new SigningKeySignatureFactory(issuer.Key));
    }

    // 127 random bits, positive and non-zero: well above the 64 bits CA/B and RFC 5280 practice ask for.
    private static BigInteger NewSerial()
    {
        var bytes = RandomNumberGenerator.GetBytes(16);
        bytes[0] = (byte)((bytes[0] & 0x7F) | 0x01);
        return new BigInteger(1, bytes);
    }

    private static IssuedCertificate Record(X509Certificate c, string issuerId, CertificateKind kind, string keyId)
        => new(SerialHex(c.SerialNumber), issuerId, kind, keyId, c.SubjectDN.ToString(), c.NotBefore.ToUniversalTime(), c.NotAfter.ToUniversalTime(), c.GetEncoded());

    /// <summary>Serial numbers as the stores key them: lower-case hex without leading zeros.</summary>
    public static string SerialHex(BigInteger serial) => serial.ToString(16).ToLowerInvariant();
}
