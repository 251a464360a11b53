using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Net.Pkcs11Interop.Common;

namespace Portal.Signing.Pkcs11;

/// <summary>
/// Key replication across the pool's tokens: a private key leaves a token only wrapped under the shared key-wrapping key
/// (CKM_AES_KEY_WRAP_PAD) and is unwrapped on the other, like an HSM cloning domain (NOTES).
/// </summary>
internal sealed class KeyReplication(HsmToken[] tokens, string wrappingKeyLabel, bool trustedWrapping, ConcurrentDictionary<string, byte> deleted,
    ILogger logger)
{
    /// <summary>Copies every key that a healthy token lacks from a token that holds it (after start-up or a token's return).</summary>
    public int SyncKeys(HsmToken? onlyTarget = null)
    {
        var copied = 0;
        var up = tokens.Where(t => !t.IsDown || t == onlyTarget).ToList();
        var inventory = new Dictionary<HsmToken, Dictionary<string, KeyAlgorithm>>();
        foreach (var token in up)
        {
            try
            {
                inventory[token] = token.Run(s => ListOn(token, s), default, evenIfDown: token == onlyTarget);
            }
            catch (Exception e) when (e is TokenSkippedException or SigningException)
            {
                logger.LogWarning("HSM key sync: cannot list {Token}: {Reason}", token.Label, e.Message);
                if (token == onlyTarget)
                {
                    return -1;
                }
            }
        }

        foreach (var (target, held) in inventory)
        {
            if (onlyTarget is not null && target != onlyTarget)
            {
                continue;
            }

            foreach (var (source, sourceKeys) in inventory.Where(i => i.Key != target))
            {
                foreach (var (keyId, algorithm) in sourceKeys)
                {
                    if (!held.ContainsKey(keyId) && !deleted.ContainsKey(keyId) && TryReplicate(keyId, algorithm, source, target, target == onlyTarget))
                    {
                        held[keyId] = algorithm;
                        copied++;
                    }
                }
            }
        }

        return copied;
    }

    public bool TryReplicate(string keyId, KeyAlgorithm algorithm, HsmToken source, HsmToken target, bool targetRecovering = false)
    {
        try
        {
            using var wrapMechanism = Pkcs11Runtime.Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_WRAP_PAD);
            var (wrapped, publicValues) = source.Run(s =>
            {
                var key = source.FindKey(s, keyId) ?? throw new TokenSkippedException($"key {keyId} vanished from {source.Label}", tokenDown: false);
                var wrappingKey = source.GetWrappingKey(s, wrappingKeyLabel, trustedWrapping);
                return (s.WrapKey(wrapMechanism, wrappingKey, key.Private), s.GetAttributes(key.Public, KeyTemplates.PublicValueAttributes(algorithm)));
            }, default, writesObjects: true); // it may create the wrapping key
            target.Run(t =>
            {
                var unwrappingKey = target.GetWrappingKey(t, wrappingKeyLabel, trustedWrapping);
                var priv = t.UnwrapKey(wrapMechanism, unwrappingKey, wrapped, KeyTemplates.Private(algorithm, keyId, forUnwrap: true, trustedWrapping));
                try
                {
                    t.CreateObject(KeyTemplates.PublicCopy(algorithm, keyId, publicValues));
                }
                catch
                {
                    t.DestroyObject(priv);
                    throw;
                }

                return 0;
            }, default, evenIfDown: targetRecovering, writesObjects: true);
            CryptographicOperations.ZeroMemory(wrapped);
            // The target only counts as a holder once it shows the copy: SoftHSM2 has accepted an unwrap and then hidden the
            // new key from every search for a while (a full suite run, 2026-12-04); a holder the pool names must sign.
            if (target.Run(t => target.FindKey(t, keyId), default, evenIfDown: targetRecovering) is null)
            {
                logger.LogWarning("HSM key {KeyId} copied to {Target} but not visible there yet; not counted as held", keyId, target.Label);
                return false;
            }

            return true;
        }
        catch (Exception e) when (e is TokenSkippedException or SigningException)
        {
            logger.LogWarning("HSM key {KeyId} not replicated {Source} → {Target}: {Reason}", keyId, source.Label, target.Label, e.Message);
            return false;
        }
    }

    public static Dictionary<string, KeyAlgorithm> ListOn(HsmToken token, IHsmSession s)
    {
        var result = new Dictionary<string, KeyAlgorithm>(StringComparer.Ordinal);
        var f = Pkcs11Runtime.Factories.ObjectAttributeFactory;
        foreach (var handle in s.FindAll([f.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY)]))
        {
            var id = s.GetAttributes(handle, [CKA.CKA_ID])[0].GetValueAsByteArray();
            var keyId = id is null ? "" : System.Text.Encoding.ASCII.GetString(id);
            if (keyId.Length == 0 || result.ContainsKey(keyId))
            {
                continue;
            }

            try
            {
                if (token.FindKey(s, keyId) is { } handles)
                {
                    result[keyId] = handles.Algorithm;
                }
            }
            catch (HsmException)
            {
                // A key of a kind the pool does not manage (e.g. RSA-4096 put there by hand): not ours to list or copy.
            }
        }

        return result;
    }
}
