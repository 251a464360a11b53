using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Org.BouncyCastle.Security;
using Portal.Signing;
using Portal.Signing.Pkcs11;

namespace Portal.Bench;

/// <summary>
/// `hsm-load [signers] [per-signer]` (default 8 × 500): the pool under load on two temporary SoftHSM2 tokens, RSA-2048
/// and P-256 keys alternating; every signature verified in software; both tokens must take a real share (over a tenth
/// each) and end idle and up; prints the rate and each token's p50/p95. Exit 1 when a check fails. (Moved out of the
/// test suite: the suite keeps a small correctness test, HsmPoolConcurrencyTests.)
/// </summary>
internal static class HsmLoadBench
{
    public static int Run(string[] args)
    {
        var signers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var perSigner = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500;
        var dir = Path.Combine(Path.GetTempPath(), "portal-bench-hsm-load-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var pins = HsmBench.OpenOrCreateTokens(dir, ["load-a", "load-b"]);
            using var pool = new HsmPool(new HsmPoolOptions { Module = "/usr/lib/softhsm/libsofthsm2.so", Tokens = ["load-a", "load-b"], SessionsPerToken = 4 }, pins);
            var rsa = pool.GenerateKey(KeyAlgorithm.Rsa2048).KeyId;
            var ec = pool.GenerateKey(KeyAlgorithm.EcP256).KeyId;
            var publicKeys = new Dictionary<string, Org.BouncyCastle.Crypto.AsymmetricKeyParameter> { [rsa] = pool.GetPublicKey(rsa), [ec] = pool.GetPublicKey(ec) };
            var opsBefore = pool.GetStatus().Tokens.ToDictionary(t => t.Label, t => t.Operations);
            var results = new ConcurrentBag<(string KeyId, SignatureScheme Scheme, byte[] Message, byte[] Signature)>();
            var clock = Stopwatch.StartNew();
            var threads = Enumerable.Range(0, signers).Select(n => new Thread(() =>
            {
                for (var i = 0; i < perSigner; i++)
                {
                    var message = RandomNumberGenerator.GetBytes(100);
                    var (keyId, scheme) = (n + i) % 2 == 0 ? (rsa, SignatureScheme.RsaPkcs1Sha256) : (ec, SignatureScheme.EcdsaSha256);
                    results.Add((keyId, scheme, message, pool.SignDigest(keyId, scheme, SHA256.HashData(message))));
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            var seconds = clock.Elapsed.TotalSeconds;

            var failures = new List<string>();
            var total = signers * perSigner;
            if (results.Count != total)
            {
                failures.Add($"{results.Count} of {total} signatures");
            }
            var bad = results.Count(r => !Verify(publicKeys[r.KeyId], r.Scheme, r.Message, r.Signature));
            if (bad > 0)
            {
                failures.Add($"{bad} signatures do not verify");
            }
            foreach (var t in pool.GetStatus().Tokens)
            {
                var ops = t.Operations - opsBefore[t.Label];
                Console.WriteLine(FormattableString.Invariant($"token {t.Label}: up={t.IsUp} ops={ops} in_use={t.SessionsInUse} p50_ms={t.P50Milliseconds:0.000} p95_ms={t.P95Milliseconds:0.000}"));
                if (!t.IsUp || t.SessionsInUse != 0 || ops <= total / 10 || !(t.P95Milliseconds >= t.P50Milliseconds && t.P50Milliseconds > 0))
                {
                    failures.Add($"token {t.Label}: up={t.IsUp} in_use={t.SessionsInUse} ops={ops} p50={t.P50Milliseconds} p95={t.P95Milliseconds}");
                }
            }
            Console.WriteLine(FormattableString.Invariant($"hsm-load signers={signers} per_signer={perSigner} signatures={results.Count} per_sec={results.Count / seconds:0} errors={failures.Count}"));
            foreach (var f in failures)
            {
                Console.Error.WriteLine("hsm-load: " + f);
            }
            return failures.Count == 0 ? 0 : 1;
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static bool Verify(Org.BouncyCastle.Crypto.AsymmetricKeyParameter publicKey, SignatureScheme scheme, byte[] message, byte[] signature)
    {
        var signer = SignerUtilities.GetSigner(scheme == SignatureScheme.EcdsaSha256 ? "SHA256withECDSA" : "SHA256withRSA");
        signer.Init(false, publicKey);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.VerifySignature(signature);
    }
}
