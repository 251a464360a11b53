using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Portal.Signing;
using Portal.Signing.Pkcs11;

namespace Portal.Bench;

/// <summary>`hsm`: raw C_Sign throughput against the pool's, on two temporary SoftHSM2 tokens.</summary>
internal static class HsmBench
{
    private const string Module = "/usr/lib/softhsm/libsofthsm2.so";
    private static readonly byte[] DigestInfoPrefix = Convert.FromHexString("3031300d060960864801650304020105000420");

    public static int Run(string[] args)
    {
        var seconds = args.Length > 1 && double.TryParse(args[1], out var s) ? s : 1.0;
        var dir = Path.Combine(Path.GetTempPath(), "portal-bench-hsm-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var pins = CreateTokens(dir, ["bench-a", "bench-b"]);
            using var pool = new HsmPool(new HsmPoolOptions { Module = Module, Tokens = ["bench-a", "bench-b"], SessionsPerToken = 4 }, pins);
            var rsa = pool.GenerateKey(KeyAlgorithm.Rsa2048).KeyId;
            var ec = pool.GenerateKey(KeyAlgorithm.EcP256).KeyId;
            var digest = SHA256.HashData("portal bench"u8);
            var window = TimeSpan.FromSeconds(seconds);
            Console.WriteLine($"hsm bench: SoftHSM2 {Module}, 2 tokens, {Environment.ProcessorCount} cores, {seconds:0.#} s per measurement");

            using var rawA = OpenLoggedIn("bench-a");
            using var rawA2 = OpenLoggedIn("bench-a");
            var mechanisms = new Dictionary<string, (IMechanism Mechanism, byte[] Data, string KeyId, SignatureScheme Scheme)>
            {
                ["RSA-2048"] = (Pkcs11Runtime.Factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS), [.. DigestInfoPrefix, .. digest], rsa, SignatureScheme.RsaPkcs1Sha256),
                ["P-256"] = (Pkcs11Runtime.Factories.MechanismFactory.Create(CKM.CKM_ECDSA), digest, ec, SignatureScheme.EcdsaSha256),
            };

            foreach (var (name, m) in mechanisms)
            {
                var k1 = FindPrivateKey(rawA, m.KeyId);
                var k2 = FindPrivateKey(rawA2, m.KeyId);
                Measure(1, TimeSpan.FromMilliseconds(300), _ => rawA.Sign(m.Mechanism, k1, m.Data)); // warm-up
                var one = Measure(1, window, _ => rawA.Sign(m.Mechanism, k1, m.Data));
                var two = Measure(2, window, i => (i == 0 ? rawA : rawA2).Sign(m.Mechanism, i == 0 ? k1 : k2, m.Data));
                Console.WriteLine($"raw {name,-8} 1 session/1 thread   : {one,9:N0} sign/s");
                Console.WriteLine($"raw {name,-8} 2 sessions/2 threads : {two,9:N0} sign/s");
                foreach (var callers in new[] { 1, 2, 4 })
                {
                    var rate = Measure(callers, window, _ => pool.SignDigest(m.KeyId, m.Scheme, digest));
                    Console.WriteLine($"pool {name,-8} {callers} caller(s)          : {rate,9:N0} sign/s");
                }
            }

            // The acceptance number: rounds alternate raw and pool so drift in machine load hits both alike.
            var rsaM = mechanisms["RSA-2048"];
            var rk1 = FindPrivateKey(rawA, rsa);
            var rk2 = FindPrivateKey(rawA2, rsa);
            var ratios = new List<double>();
            for (var round = 0; round < 7; round++)
            {
                var raw = Measure(2, window, i => (i == 0 ? rawA : rawA2).Sign(rsaM.Mechanism, i == 0 ? rk1 : rk2, rsaM.Data));
                var pooled = Measure(2, window, _ => pool.SignDigest(rsa, SignatureScheme.RsaPkcs1Sha256, digest));
                ratios.Add(pooled / raw);
                Console.WriteLine($"round {round + 1}: raw 2x2 {raw,7:N0}/s  pool 2 callers {pooled,7:N0}/s  ratio {pooled / raw:0.000}");
            }

            var status = pool.GetStatus();
            foreach (var t in status.Tokens)
            {
                Console.WriteLine($"token {t.Label}: up={t.IsUp} ops={t.Operations} errors={t.Errors} relogins={t.Relogins} p50={t.P50Milliseconds:0.000} ms p95={t.P95Milliseconds:0.000} ms");
            }

            foreach (var m in mechanisms.Values)
            {
                m.Mechanism.Dispose();
            }

            ratios.Sort();
            Console.WriteLine(FormattableString.Invariant($"pool_vs_raw={ratios[ratios.Count / 2]:0.000}"));
            return 0;
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

    /// <summary>Runs <paramref name="threads"/> dedicated threads calling <paramref name="op"/> for the window; returns total ops/s.</summary>
    private static double Measure(int threads, TimeSpan window, Action<int> op)
    {
        var counts = new long[threads];
        using var start = new Barrier(threads + 1);
        var stopAt = 0L;
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            var n = 0L;
            while (Stopwatch.GetTimestamp() < Volatile.Read(ref stopAt))
            {
                op(i);
                n++;
            }

            counts[i] = n;
        })
        { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        var begin = Stopwatch.GetTimestamp();
        Volatile.Write(ref stopAt, begin + (long)(window.TotalSeconds * Stopwatch.Frequency));
        start.SignalAndWait();
        workers.ForEach(w => w.Join());
        var elapsed = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        return counts.Sum() / elapsed;
    }

    private static ISession OpenLoggedIn(string label)
    {
        // The pool already logged in to the token; login is per token per process (NOTES), so raw sessions are usable.
        var slot = Pkcs11Runtime.GetLibrary(Module).GetSlotList(SlotsType.WithTokenPresent).Single(s => s.GetTokenInfo().Label.Trim() == label);
        return slot.OpenSession(SessionType.ReadWrite);
    }

    private static IObjectHandle FindPrivateKey(ISession session, string keyId) => session.FindAllObjects([
        session.Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY),
        session.Factories.ObjectAttributeFactory.Create(CKA.CKA_ID, System.Text.Encoding.ASCII.GetBytes(keyId)),
    ]).Single();

    /// <summary>Tokens kept in <paramref name="dir"/> across runs (their secrets beside them, bench only).</summary>
    internal static StaticPinProvider OpenOrCreateTokens(string dir, string[] labels)
    {
        var secrets = Path.Combine(dir, "secrets.bin");
        if (File.Exists(secrets))
        {
            _ = setenv("SOFTHSM2_CONF", Path.Combine(dir, "softhsm2.conf"), 1);
            var bytes = File.ReadAllBytes(secrets);
            return new StaticPinProvider("1234", bytes[..32], bytes[32..]);
        }

        var pins = CreateTokens(dir, labels);
        File.WriteAllBytes(secrets, [.. pins.GetKeyWrappingSecret(), .. pins.GetIdentifierPepper()]);
        return pins;
    }

    // Minimal duplicate of the test fixture's token setup: the bench references Portal.Signing only.
    private static StaticPinProvider CreateTokens(string dir, string[] labels)
    {
        Directory.CreateDirectory(Path.Combine(dir, "tokens"));
        var conf = Path.Combine(dir, "softhsm2.conf");
        File.WriteAllText(conf, $"directories.tokendir = {dir}/tokens\nobjectstore.backend = file\nlog.level = ERROR\n");
        // SoftHSM reads SOFTHSM2_CONF with getenv; .NET's SetEnvironmentVariable does not reach the native environment.
        _ = setenv("SOFTHSM2_CONF", conf, 1);
        foreach (var label in labels)
        {
            var psi = new ProcessStartInfo("softhsm2-util", $"--init-token --free --label {label} --so-pin 5678 --pin 1234") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.Environment["SOFTHSM2_CONF"] = conf;
            using var p = Process.Start(psi)!;
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"softhsm2-util failed: {p.StandardError.ReadToEnd()}");
            }
        }

        return new StaticPinProvider("1234", RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
    }

    [DllImport("libc", CharSet = CharSet.Ansi)]
#pragma warning disable SYSLIB1054 // one call at start-up
    private static extern int setenv(string name, string value, int overwrite);
#pragma warning restore SYSLIB1054
}
