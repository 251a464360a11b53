using System.Collections.Concurrent;
using Portal.Signing;

namespace Portal.Tests.Signing.Pkcs11;

[Collection(SoftHsmCollection.Name)]
public sealed class HsmPoolConcurrencyTests(SoftHsmFixture hsm)
{
    [Fact]
    public async Task Eight_signers_times_500_on_two_tokens_all_verify()
    {
        var rsa = hsm.Pool.GenerateKey(KeyAlgorithm.Rsa2048).KeyId;
        var ec = hsm.Pool.GenerateKey(KeyAlgorithm.EcP256).KeyId;
        var rsaPublic = hsm.Pool.GetPublicKey(rsa);
        var ecPublic = hsm.Pool.GetPublicKey(ec);
        var opsBefore = hsm.Pool.GetStatus().Tokens.ToDictionary(t => t.Label, t => t.Operations);
        var results = new ConcurrentBag<(SignatureScheme Scheme, byte[] Message, byte[] Signature)>();

        var signers = Enumerable.Range(0, 8).Select(n => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                var (message, digest) = SignatureVerifier.NewMessage();
                var (keyId, scheme) = (n + i) % 2 == 0 ? (rsa, SignatureScheme.RsaPkcs1Sha256) : (ec, SignatureScheme.EcdsaSha256);
                results.Add((scheme, message, hsm.Pool.SignDigest(keyId, scheme, digest)));
            }
        }));
        await Task.WhenAll(signers);

        Assert.Equal(4000, results.Count);
        Assert.All(results, r => Assert.True(SignatureVerifier.Verify(r.Scheme == SignatureScheme.EcdsaSha256 ? ecPublic : rsaPublic, r.Scheme, r.Message, r.Signature)));
        var status = hsm.Pool.GetStatus();
        Assert.All(status.Tokens, t =>
        {
            Assert.True(t.IsUp);
            Assert.Equal(0, t.SessionsInUse);
            // Both tokens took a real share of the load.
            Assert.True(t.Operations - opsBefore[t.Label] > 400, $"{t.Label}: {t.Operations - opsBefore[t.Label]} ops");
            Assert.True(t.P95Milliseconds >= t.P50Milliseconds && t.P50Milliseconds > 0);
        });
    }
}
