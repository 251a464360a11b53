using System.Collections.Concurrent;
using Net.Pkcs11Interop.Common;
using Portal.Signing;
using Portal.Signing.Pkcs11;

namespace Portal.Tests.Signing.Pkcs11;

[Collection(SoftHsmCollection.Name)]
public sealed class HsmPoolFaultTests(SoftHsmFixture hsm)
{
    [Fact]
    public async Task Real_logout_mid_run_logs_in_again_and_every_call_is_valid_or_typed()
    {
        // Its own pool on the fault tokens: a real logout is per process and token, and on the shared tokens it would
        // race the rest of the collection (SoftHSM2 then lost keys generated right after it).
        using var pool = new HsmPool(SoftHsmFixture.FaultOptions(TimeSpan.FromMinutes(1)), hsm.Pins);
        var keyId = pool.GenerateKey(KeyAlgorithm.Rsa2048).KeyId;
        var publicKey = pool.GetPublicKey(keyId);
        var reloginsBefore = pool.GetStatus().Tokens.ToDictionary(t => t.Label, t => t.Relogins);
        var completed = 0;
        var valid = 0;
        var invalid = 0;
        var typedErrors = new ConcurrentBag<HsmException>();

        // Dedicated threads: blocking signers on the thread pool would starve the loop below that times the logouts.
        var signers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                var (message, digest) = SignatureVerifier.NewMessage();
                try
                {
                    var signature = pool.SignDigest(keyId, SignatureScheme.RsaPkcs1Sha256, digest);
                    Interlocked.Increment(ref SignatureVerifier.Verify(publicKey, SignatureScheme.RsaPkcs1Sha256, message, signature) ? ref valid : ref invalid);
                }
                catch (HsmException e)
                {
                    typedErrors.Add(e);
                }

                Interlocked.Increment(ref completed);
            }
        }, TaskCreationOptions.LongRunning)).ToList();

        var loggedOut = new Dictionary<string, int>();
        foreach (var (label, after) in new[] { (SoftHsmFixture.FaultTokenA, 200), (SoftHsmFixture.FaultTokenB, 500), (SoftHsmFixture.FaultTokenA, 800) })
        {
            while (Volatile.Read(ref completed) < after)
            {
                await Task.Delay(2);
            }
            // A second logout of a token only counts once the first was cured (on a busy machine the signers can reach the
            // 800th signature before the pool has come back to token A).
            var earlier = loggedOut.GetValueOrDefault(label);
            var cureDeadline = System.Diagnostics.Stopwatch.StartNew();
            while (pool.GetStatus().Tokens.Single(t => t.Label == label).Relogins - reloginsBefore[label] < earlier && cureDeadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(10);
            }
            loggedOut[label] = earlier + 1;

            // Login is per token per process: this logs out every session of the pool on that token.
            using var session = SoftHsmFixture.OpenRawSession(label);
            session.Logout();
        }

        await Task.WhenAll(signers);

        Assert.Equal(0, invalid);
        Assert.Equal(1200, valid + typedErrors.Count);
        Assert.True(valid >= 1150, $"only {valid} valid signatures; errors: {string.Join("; ", typedErrors.Select(e => e.Message).Distinct())}");
        var (m, d) = SignatureVerifier.NewMessage();
        foreach (var label in new[] { SoftHsmFixture.FaultTokenA, SoftHsmFixture.FaultTokenB })
        {
            Assert.True(SignatureVerifier.Verify(publicKey, SignatureScheme.RsaPkcs1Sha256, m, pool.SignDigestOn(label, keyId, SignatureScheme.RsaPkcs1Sha256, d)));
        }

        // Every logout was noticed and cured by a fresh login (A twice, B once).
        var relogins = pool.GetStatus().Tokens.ToDictionary(t => t.Label, t => t.Relogins - reloginsBefore[t.Label]);
        Assert.True(relogins[SoftHsmFixture.FaultTokenA] >= 2, $"token A re-logins: {relogins[SoftHsmFixture.FaultTokenA]}");
        Assert.True(relogins[SoftHsmFixture.FaultTokenB] >= 1, $"token B re-logins: {relogins[SoftHsmFixture.FaultTokenB]}");
    }

    [Theory]
    [InlineData(CKR.CKR_DEVICE_ERROR)]
    [InlineData(CKR.CKR_TOKEN_NOT_PRESENT)]
    public async Task Failing_token_is_marked_down_calls_fail_over_and_it_comes_back(CKR code)
    {
        var faults = new FaultInjectingSessionFactory();
        using var pool = new HsmPool(SoftHsmFixture.FaultOptions(TimeSpan.FromMilliseconds(100)), hsm.Pins, null, faults);
        var keyId = pool.GenerateKey(KeyAlgorithm.EcP256).KeyId;
        var publicKey = pool.GetPublicKey(keyId);

        faults.Fail(SoftHsmFixture.FaultTokenA, code);
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var ok = 0;
            for (var i = 0; i < 100; i++)
            {
                var (message, digest) = SignatureVerifier.NewMessage();
                ok += SignatureVerifier.Verify(publicKey, SignatureScheme.EcdsaSha256, message, pool.SignDigest(keyId, SignatureScheme.EcdsaSha256, digest)) ? 1 : 0;
            }

            return ok;
        })));

        Assert.Equal(200, results.Sum());
        var down = pool.GetStatus().Tokens.Single(t => t.Label == SoftHsmFixture.FaultTokenA);
        Assert.False(down.IsUp);
        Assert.NotNull(down.DownSinceUtc);
        Assert.Contains(code.ToString(), down.LastError);
        Assert.True(pool.GetStatus().Tokens.Single(t => t.Label == SoftHsmFixture.FaultTokenB).IsUp);

        // A key generated while A is down lives on B only until A returns.
        var lateKey = pool.GenerateKey(KeyAlgorithm.EcP256);
        Assert.Equal([SoftHsmFixture.FaultTokenB], lateKey.Tokens);

        faults.Heal(SoftHsmFixture.FaultTokenA);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!pool.GetStatus().Tokens.Single(t => t.Label == SoftHsmFixture.FaultTokenA).IsUp && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(pool.GetStatus().Tokens.Single(t => t.Label == SoftHsmFixture.FaultTokenA).IsUp);
        var (m, d) = SignatureVerifier.NewMessage();
        Assert.True(SignatureVerifier.Verify(publicKey, SignatureScheme.EcdsaSha256, m, pool.SignDigestOn(SoftHsmFixture.FaultTokenA, keyId, SignatureScheme.EcdsaSha256, d)));
        Assert.True(SignatureVerifier.Verify(pool.GetPublicKey(lateKey.KeyId), SignatureScheme.EcdsaSha256, m,
            pool.SignDigestOn(SoftHsmFixture.FaultTokenA, lateKey.KeyId, SignatureScheme.EcdsaSha256, d)));
    }

    [Fact]
    public void Login_loss_that_re_login_cannot_cure_fails_over_without_leaking_the_code()
    {
        var faults = new FaultInjectingSessionFactory();
        using var pool = new HsmPool(SoftHsmFixture.FaultOptions(TimeSpan.FromMinutes(1)), hsm.Pins, null, faults);
        var keyId = pool.GenerateKey(KeyAlgorithm.Rsa2048).KeyId;
        faults.Fail(SoftHsmFixture.FaultTokenA, CKR.CKR_USER_NOT_LOGGED_IN); // C_Login fails too

        for (var i = 0; i < 4; i++)
        {
            var (message, digest) = SignatureVerifier.NewMessage();
            Assert.True(SignatureVerifier.Verify(pool.GetPublicKey(keyId), SignatureScheme.RsaPkcs1Sha256, message, pool.SignDigest(keyId, SignatureScheme.RsaPkcs1Sha256, digest)));
        }

        var a = pool.GetStatus().Tokens.Single(t => t.Label == SoftHsmFixture.FaultTokenA);
        Assert.False(a.IsUp);
        Assert.Contains("CKR_USER_NOT_LOGGED_IN", a.LastError);
    }

    [Fact]
    public void All_tokens_down_is_a_typed_error_never_a_signature()
    {
        var faults = new FaultInjectingSessionFactory();
        using var pool = new HsmPool(SoftHsmFixture.FaultOptions(TimeSpan.FromMinutes(1)), hsm.Pins, null, faults);
        var keyId = pool.GenerateKey(KeyAlgorithm.EcP256).KeyId;
        faults.Fail(SoftHsmFixture.FaultTokenA, CKR.CKR_DEVICE_REMOVED);
        faults.Fail(SoftHsmFixture.FaultTokenB, CKR.CKR_DEVICE_ERROR);

        var error = Assert.Throws<HsmException>(() => pool.SignDigest(keyId, SignatureScheme.EcdsaSha256, new byte[32]));

        Assert.Equal("hsm.unavailable", error.Code);
        Assert.False(pool.GetStatus().IsHealthy);
    }

    [Fact]
    public void General_error_is_retried_once_on_the_same_token()
    {
        var faults = new FaultInjectingSessionFactory();
        using var pool = new HsmPool(SoftHsmFixture.FaultOptions(TimeSpan.FromMinutes(1)), hsm.Pins, null, faults);
        var keyId = pool.GenerateKey(KeyAlgorithm.Rsa2048).KeyId;
        faults.Fail(SoftHsmFixture.FaultTokenA, CKR.CKR_GENERAL_ERROR, count: 1);

        var (message, digest) = SignatureVerifier.NewMessage();
        var signature = pool.SignDigestOn(SoftHsmFixture.FaultTokenA, keyId, SignatureScheme.RsaPkcs1Sha256, digest);

        Assert.True(SignatureVerifier.Verify(pool.GetPublicKey(keyId), SignatureScheme.RsaPkcs1Sha256, message, signature));
        Assert.True(pool.GetStatus().Tokens.Single(t => t.Label == SoftHsmFixture.FaultTokenA).IsUp);

        faults.Fail(SoftHsmFixture.FaultTokenA, CKR.CKR_GENERAL_ERROR, count: 2);
        // Twice in a row is held against the token: it is skipped (marked down) with the token's own return code.
        var skipped = Assert.Throws<TokenSkippedException>(() => pool.SignDigestOn(SoftHsmFixture.FaultTokenA, keyId, SignatureScheme.RsaPkcs1Sha256, digest));
        Assert.True(skipped.TokenDown);
        Assert.Equal(CKR.CKR_GENERAL_ERROR, Assert.IsType<Pkcs11Exception>(skipped.InnerException).RV);
        Assert.False(pool.GetStatus().Tokens.Single(t => t.Label == SoftHsmFixture.FaultTokenA).IsUp);
    }
}
