using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Security;
using Portal.Application.Audit;
using Portal.Signing;
using Portal.Signing.Pkcs11;
using Portal.Signing.Pki;

namespace Portal.Infrastructure.Signing;

/// <summary>
/// The platform's audit checkpoint key (ECDSA P-256) in the HSM pool, registered in the key registry under
/// <see cref="Purpose"/> and loaded or created at start-up beside the platform CA (never inside a write transaction: the registry
/// writes through its own context). Until then <see cref="IsAvailable"/> is false and no checkpoint is written.
/// </summary>
internal sealed class HsmAuditCheckpointSigner(IServiceProvider services, SigningAvailability availability, TimeProvider time)
    : IAuditCheckpointSigner
{
    public const string Purpose = "audit-checkpoint";
    private volatile string? _keyId;

    public bool IsAvailable => availability.IsConfigured && _keyId is not null;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (!availability.IsConfigured || _keyId is not null)
        {
            return;
        }
        var registry = services.GetRequiredService<IKeyRegistry>();
        var existing = await registry.FindByPurposeAsync(Purpose, cancellationToken);
        if (existing is not null)
        {
            _keyId = existing.KeyId;
            return;
        }
        var key = await services.GetRequiredService<HsmPool>().GenerateKeyAsync(KeyAlgorithm.EcP256, cancellationToken);
        await registry.AddAsync(new RegisteredKey(key.KeyId, KeyAlgorithm.EcP256, Purpose, time.GetUtcNow().UtcDateTime), cancellationToken);
        _keyId = key.KeyId;
    }

    public async Task<(string KeyLabel, byte[] Signature)> SignAsync(byte[] payload, CancellationToken cancellationToken = default)
    {
        var keyId = _keyId ?? throw new InvalidOperationException("The audit checkpoint key is not loaded.");
        var signature = await services.GetRequiredService<HsmPool>().SignDigestAsync(keyId, SignatureScheme.EcdsaSha256, SHA256.HashData(payload),
            cancellationToken);
        return (keyId, signature);
    }

    public bool Verify(string keyLabel, byte[] payload, byte[] signature)
    {
        if (!availability.IsConfigured)
        {
            return false;
        }
        try
        {
            var verifier = SignerUtilities.GetSigner("SHA-256withECDSA");
            verifier.Init(false, services.GetRequiredService<HsmPool>().GetPublicKey(keyLabel));
            verifier.BlockUpdate(payload, 0, payload.Length);
            return verifier.VerifySignature(signature);
        }
        catch (Exception e) when (e is HsmException or InvalidKeyException or ArgumentException or InvalidOperationException)
        {
            // An unknown key label or a malformed signature: not verified.
            return false;
        }
    }
}
