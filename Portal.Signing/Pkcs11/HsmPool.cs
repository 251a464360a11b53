using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace Portal.Signing.Pkcs11;

/// <summary>The PKCS#11 HSM pool: keys by stable id, replicated to every token, signing with failover across tokens.</summary>
public sealed class HsmPool : IDisposable
{
    // DER prefix of a SHA-256 DigestInfo; CKM_RSA_PKCS signs DigestInfo || digest.
    private static readonly byte[] Sha256DigestInfoPrefix = Convert.FromHexString("3031300d060960864801650304020105000420");

    private readonly HsmPoolOptions _options;
    private readonly ILogger _logger;
    private readonly HsmToken[] _tokens;
    private readonly IMechanism _rsaPkcs;
    private readonly IMechanism _ecdsa;
    private readonly ConcurrentDictionary<string, AsymmetricKeyParameter> _publicKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _deleted = new(StringComparer.Ordinal);
    private readonly TokenPicker _picker;
    private readonly KeyReplication _replication;
    private readonly Thread _probeThread;
    private readonly ManualResetEventSlim _stopProbing = new();
    private int _probing;
    private bool _disposed;

    /// <summary>Loads the module (once per process), logs in to every configured token and starts the health probe.</summary>
    public HsmPool(HsmPoolOptions options, IPinProvider pins, ILogger<HsmPool>? logger = null)
        : this(options, pins, logger, Pkcs11SessionFactory.Instance)
    {
    }

    internal HsmPool(HsmPoolOptions options, IPinProvider pins, ILogger? logger, IHsmSessionFactory sessionFactory)
    {
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        if (options.Tokens.Count == 0)
        {
            throw new HsmException("hsm.config", "No HSM tokens configured (Hsm:Tokens).");
        }

        // Configuration errors surface here, not as a token marked down.
        _ = pins.GetKeyWrappingSecret();
        foreach (var label in options.Tokens)
        {
            _ = pins.GetUserPin(label);
        }

        var library = Pkcs11Runtime.GetLibrary(options.Module);
        var slots = library.GetSlotList(SlotsType.WithTokenPresent)
            .Select(s => (Slot: s, Label: s.GetTokenInfo().Label.Trim()))
            .ToList();
        var tokens = new List<HsmToken>();
        foreach (var label in options.Tokens)
        {
            // Slot ids change when tokens are initialized: select by label (NOTES).
            var slot = slots.FirstOrDefault(s => s.Label == label).Slot;
            if (slot is null)
            {
                _logger.LogError("HSM token {Token} not found in module {Module}", label, options.Module);
                continue;
            }

            tokens.Add(new HsmToken(slot, label, Math.Max(1, options.SessionsPerToken), options.SessionWaitTimeout, sessionFactory, pins, _logger));
        }

        if (tokens.Count == 0)
        {
            throw new HsmException("hsm.unavailable", $"None of the tokens {string.Join(", ", options.Tokens)} is present in {options.Module}.");
        }

        _tokens = [.. tokens];
        _picker = new TokenPicker(_tokens);
        _replication = new KeyReplication(_tokens, options.WrappingKeyLabel, options.TrustedWrapping, _deleted, _logger);
        _rsaPkcs = Pkcs11Runtime.Factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS);
        _ecdsa = Pkcs11Runtime.Factories.MechanismFactory.Create(CKM.CKM_ECDSA);
        foreach (var token in _tokens)
        {
            try
            {
                token.Connect();
                token.Run(s => token.GetWrappingKey(s, _options.WrappingKeyLabel, _options.TrustedWrapping), default, writesObjects: true);
            }
            catch (Exception e) when (e is Pkcs11Exception or SigningException or TokenSkippedException)
            {
                token.MarkDown(e);
            }
        }

        if (_tokens.All(t => t.IsDown))
        {
            throw new HsmException("hsm.unavailable", "No HSM token of the pool could be opened.");
        }

        SyncKeys();
        // A thread of its own, not a thread-pool timer: a starved pool (a burst of blocking callers) must not delay bringing a
        // token back (suspected in a full test run, where a token that lost its login stayed down for 30 s).
        var interval = options.ProbeInterval;
        _probeThread = new Thread(() =>
        {
            while (!_stopProbing.Wait(interval))
            {
                ProbeDownTokens();
            }
        })
        { IsBackground = true, Name = "HSM token probe" };
        _probeThread.Start();
    }

    /// <summary>Labels of the tokens in the pool.</summary>
    public IReadOnlyList<string> TokenLabels => _tokens.Select(t => t.Label).ToList();

    /// <summary>Generates a key pair on a healthy token and replicates it (wrapped) to every other healthy token.</summary>
    public HsmKeyInfo GenerateKey(KeyAlgorithm algorithm)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var source = _picker.Pick() ?? throw new HsmException("hsm.unavailable", "No HSM token is up.");
        string? keyId = null;
        // SoftHSM2 (file store) now and then reports a generated key pair that a search right after cannot find; the
        // pool checks before handing the key out and generates again (up to three times) instead of returning a dud.
        for (var attempt = 1; keyId is null; attempt++)
        {
            var candidate = "k" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            try
            {
                keyId = source.Run(s => GenerateOn(source, s, algorithm, candidate) ? candidate : null, default, writesObjects: true);
            }
            catch (TokenSkippedException e)
            {
                throw new HsmException("hsm.unavailable", $"Key generation failed: {e.Message}", inner: e);
            }

            if (keyId is null && attempt == 3)
            {
                throw new HsmException("hsm.error", $"Token {source.Label} did not keep three generated keys.");
            }
        }

        var holders = new List<string> { source.Label };
        foreach (var target in _tokens.Where(t => t != source && !t.IsDown))
        {
            // One more try: SoftHSM2 now and then refuses a copy it takes a moment later.
            if (_replication.TryReplicate(keyId, algorithm, source, target) || (!target.IsDown && _replication.TryReplicate(keyId, algorithm, source, target)))
            {
                holders.Add(target.Label);
            }
        }

        _logger.LogInformation("HSM key {KeyId} ({Algorithm}) generated on {Source}, held by {Tokens}", keyId, algorithm, source.Label, string.Join(", ", holders));
        return new HsmKeyInfo(keyId, algorithm, holders);
    }

    /// <inheritdoc cref="GenerateKey"/>
    public Task<HsmKeyInfo> GenerateKeyAsync(KeyAlgorithm algorithm, CancellationToken cancellationToken = default)
        => Task.Run(() => GenerateKey(algorithm), cancellationToken);

    /// <summary>Signs a SHA-256 digest with the key; the value is PKCS#1/PSS bytes or a DER ECDSA signature.</summary>
    public byte[] SignDigest(string keyId, SignatureScheme scheme, ReadOnlySpan<byte> sha256Digest, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (sha256Digest.Length != 32)
        {
            throw new ArgumentException("A SHA-256 digest has 32 bytes.", nameof(sha256Digest));
        }

        var digest = sha256Digest.ToArray();
        return OnAnyToken(keyId, (token, s) => SignOn(token, s, keyId, scheme, digest), cancellationToken);
    }

    /// <inheritdoc cref="SignDigest"/>
    public Task<byte[]> SignDigestAsync(string keyId, SignatureScheme scheme, ReadOnlyMemory<byte> sha256Digest, CancellationToken cancellationToken = default)
    {
        try
        {
            // PKCS#11 calls are synchronous and short; completing inline avoids a thread hop per signature.
            return Task.FromResult(SignDigest(keyId, scheme, sha256Digest.Span, cancellationToken));
        }
        catch (Exception e)
        {
            return Task.FromException<byte[]>(e);
        }
    }

    private byte[] SignOn(HsmToken token, IHsmSession session, string keyId, SignatureScheme scheme, byte[] digest)
    {
        var key = token.GetKey(session, keyId);
        switch (scheme)
        {
            case SignatureScheme.RsaPkcs1Sha256 when key.Algorithm != KeyAlgorithm.EcP256:
                return session.Sign(_rsaPkcs, key.Private, [.. Sha256DigestInfoPrefix, .. digest]);
            case SignatureScheme.RsaPssSha256 when key.Algorithm != KeyAlgorithm.EcP256:
                var pss = Pkcs11Runtime.Factories.MechanismParamsFactory.CreateCkRsaPkcsPssParams(
                    ConvertUtils.UInt64FromCKM(CKM.CKM_SHA256), ConvertUtils.UInt64FromCKG(CKG.CKG_MGF1_SHA256), 32);
                using (var mechanism = Pkcs11Runtime.Factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS_PSS, pss))
                {
                    return session.Sign(mechanism, key.Private, digest);
                }

            case SignatureScheme.EcdsaSha256 when key.Algorithm == KeyAlgorithm.EcP256:
                var raw = session.Sign(_ecdsa, key.Private, digest);
                if (raw.Length != 64)
                {
                    throw new HsmException("hsm.error", $"Token {token.Label} returned a {raw.Length}-byte ECDSA value.");
                }

                // CKM_ECDSA returns r || s; CMS and X.509 want SEQUENCE { r INTEGER, s INTEGER }.
                return new DerSequence(new DerInteger(new BigInteger(1, raw, 0, 32)), new DerInteger(new BigInteger(1, raw, 32, 32))).GetDerEncoded();
            default:
                throw new HsmException("hsm.error", $"Scheme {scheme} does not fit key {keyId} ({key.Algorithm}).");
        }
    }

    /// <summary>Signs on one named token only (tests prove every replica signs; no failover).</summary>
    internal byte[] SignDigestOn(string tokenLabel, string keyId, SignatureScheme scheme, byte[] sha256Digest)
    {
        var token = _tokens.Single(t => t.Label == tokenLabel);
        return token.Run(s => SignOn(token, s, keyId, scheme, sha256Digest));
    }

    /// <summary>The public key of a pool key (BouncyCastle form).</summary>
    public AsymmetricKeyParameter GetPublicKey(string keyId)
    {
        if (_publicKeys.TryGetValue(keyId, out var cached))
        {
            return cached;
        }

        var key = OnAnyToken(keyId, (token, s) =>
        {
            var handles = token.GetKey(s, keyId);
            var values = s.GetAttributes(handles.Public, KeyTemplates.PublicValueAttributes(handles.Algorithm));
            if (handles.Algorithm == KeyAlgorithm.EcP256)
            {
                var point = KeyTemplates.P256.Curve.DecodePoint(KeyTemplates.UnwrapEcPoint(values[1].GetValueAsByteArray()));
                return (AsymmetricKeyParameter)new ECPublicKeyParameters("EC", point, SecObjectIdentifiers.SecP256r1);
            }

            return new RsaKeyParameters(false, new BigInteger(1, values[0].GetValueAsByteArray()), new BigInteger(1, values[1].GetValueAsByteArray()));
        }, default);
        _publicKeys[keyId] = key;
        return key;
    }

    /// <summary>The public key as a DER SubjectPublicKeyInfo.</summary>
    public SubjectPublicKeyInfo GetSubjectPublicKeyInfo(string keyId) => SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(GetPublicKey(keyId));

    /// <summary>The algorithm of a pool key.</summary>
    public KeyAlgorithm GetAlgorithm(string keyId) => OnAnyToken(keyId, (token, s) => token.GetKey(s, keyId).Algorithm, default);

    /// <summary>An <see cref="ISigningKey"/> over a pool key with its certificate chain (signer first).</summary>
    public ISigningKey GetSigningKey(string keyId, IReadOnlyList<X509Certificate> certificateChain, SignatureScheme? scheme = null)
    {
        var algorithm = GetAlgorithm(keyId);
        return new HsmSigningKey(this, keyId, algorithm, scheme ?? (algorithm == KeyAlgorithm.EcP256 ? SignatureScheme.EcdsaSha256 : SignatureScheme.RsaPkcs1Sha256), certificateChain);
    }

    /// <summary>Destroys the key on every healthy token (a token that is down keeps its replica until deleted again).</summary>
    public void DeleteKey(string keyId)
    {
        _deleted[keyId] = 0;
        _publicKeys.TryRemove(keyId, out _);
        foreach (var token in _tokens.Where(t => !t.IsDown))
        {
            try
            {
                token.Run(s =>
                {
                    var id = KeyTemplates.IdBytes(keyId);
                    foreach (var handle in s.FindAll(KeyTemplates.Find(CKO.CKO_PRIVATE_KEY, id)).Concat(s.FindAll(KeyTemplates.Find(CKO.CKO_PUBLIC_KEY, id))))
                    {
                        s.DestroyObject(handle);
                    }

                    token.ForgetKey(keyId);
                    return 0;
                }, default, writesObjects: true);
            }
            catch (TokenSkippedException e)
            {
                _logger.LogWarning("HSM key {KeyId} not deleted on {Token}: {Reason}", keyId, token.Label, e.Message);
            }
        }
    }

    /// <summary>Keys found on the healthy tokens, with the tokens holding each.</summary>
    public IReadOnlyList<HsmKeyInfo> ListKeys()
    {
        var holders = new Dictionary<string, (KeyAlgorithm Algorithm, List<string> Tokens)>(StringComparer.Ordinal);
        foreach (var token in _tokens.Where(t => !t.IsDown))
        {
            Dictionary<string, KeyAlgorithm> found;
            try
            {
                found = token.Run(s => KeyReplication.ListOn(token, s));
            }
            catch (TokenSkippedException)
            {
                continue;
            }

            foreach (var (keyId, algorithm) in found)
            {
                if (!holders.TryGetValue(keyId, out var entry))
                {
                    holders[keyId] = entry = (algorithm, []);
                }

                entry.Tokens.Add(token.Label);
            }
        }

        return holders.Select(h => new HsmKeyInfo(h.Key, h.Value.Algorithm, h.Value.Tokens)).OrderBy(k => k.KeyId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Per-token health and load.</summary>
    public HsmPoolStatus GetStatus() => new(_tokens.Select(t => t.Status()).ToList());

    /// <inheritdoc cref="KeyReplication.SyncKeys"/>
    internal int SyncKeys(HsmToken? onlyTarget = null) => _replication.SyncKeys(onlyTarget);

    private bool GenerateOn(HsmToken token, IHsmSession s, KeyAlgorithm algorithm, string keyId)
    {
        using (var mechanism = Pkcs11Runtime.Factories.MechanismFactory.Create(
                   algorithm == KeyAlgorithm.EcP256 ? CKM.CKM_EC_KEY_PAIR_GEN : CKM.CKM_RSA_PKCS_KEY_PAIR_GEN))
        {
            s.GenerateKeyPair(mechanism, KeyTemplates.PublicGenerate(algorithm, keyId), KeyTemplates.Private(algorithm, keyId, forUnwrap: false, _options.TrustedWrapping), out _, out _);
        }

        if (token.FindKey(s, keyId) is not null)
        {
            return true;
        }

        var leftovers = s.FindAll([Pkcs11Runtime.Factories.ObjectAttributeFactory.Create(CKA.CKA_ID, KeyTemplates.IdBytes(keyId))]);
        _logger.LogWarning("HSM key {KeyId} generated on {Token} but not found right after ({Objects} objects with its id; session {State}); generating again",
            keyId, token.Label, leftovers.Count, s.GetState());
        foreach (var handle in leftovers)
        {
            s.DestroyObject(handle);
        }

        return false;
    }

    /// <summary>Tries every token that is down; a token that comes back receives the keys it missed.</summary>
    internal void ProbeDownTokens()
    {
        if (_disposed || Interlocked.Exchange(ref _probing, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var token in _tokens.Where(t => t.IsDown && !t.PinRejected))
            {
                // Back in service only after it received the keys generated while it was away.
                if (token.Probe() && SyncKeys(token) >= 0)
                {
                    token.MarkUp();
                }
            }
        }
        catch (Exception e)
        {
            // The probe loop must not die; the next round tries again.
            _logger.LogError(e, "HSM probe failed");
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    private T OnAnyToken<T>(string keyId, Func<HsmToken, IHsmSession, T> operation, CancellationToken cancellationToken)
    {
        var start = _picker.Start();
        var tried = 0UL;
        var anyDown = false;
        TokenSkippedException? last = null;
        for (var attempt = 0; attempt < _tokens.Length; attempt++)
        {
            var best = _picker.Pick(start, ref tried);
            if (best is null)
            {
                break;
            }

            try
            {
                var token = best;
                return token.Run(s => operation(token, s), cancellationToken);
            }
            catch (TokenSkippedException e)
            {
                last = e;
                anyDown |= e.TokenDown;
            }
        }

        if (last is not null && !anyDown)
        {
            throw new HsmException("hsm.key_not_found", $"Key {keyId} is not on any healthy token.", inner: last);
        }

        throw new HsmException("hsm.unavailable", $"No healthy HSM token could use key {keyId}.", (last?.InnerException as Pkcs11Exception)?.RV, last);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopProbing.Set();
        // A probe stuck in a hung module must not hang the shutdown too.
        if (_probeThread.Join(TimeSpan.FromSeconds(10)))
        {
            _stopProbing.Dispose();
        }
        foreach (var token in _tokens)
        {
            token.Dispose();
        }

        _rsaPkcs.Dispose();
        _ecdsa.Dispose();
    }
}
