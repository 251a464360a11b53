using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Portal.Signing.Pkcs11;

namespace Portal.Tests.Signing.Pkcs11;

/// <summary>
/// Two real SoftHSM2 tokens in a temp directory with their own softhsm2.conf. The PKCS#11 library is
/// loaded once per process (NOTES), so the tokens are created once per test process and shared.
/// </summary>
public sealed class SoftHsmFixture : IDisposable
{
    public const string Module = "/usr/lib/softhsm/libsofthsm2.so";
    public const string TokenA = "test-a";
    public const string TokenB = "test-b";

    /// <summary>
    /// Tokens only the fault tests use: they log out and break tokens for real, and PKCS#11 login state is per process
    /// and token, so doing that on the shared pool's tokens would take the pool down under the rest of the collection.
    /// </summary>
    public const string FaultTokenA = "fault-a";
    public const string FaultTokenB = "fault-b";

    /// <summary>Tokens whose security officer the trusted-wrapping test acts as (SO and user cannot be logged in at once).</summary>
    public const string TrustTokenA = "trust-a";
    public const string TrustTokenB = "trust-b";
    public const string SoPin = "5678";

    /// <summary>
    /// Tokens the key-listing test has to itself: listing reads every object on a token, and the shared tokens hold
    /// every key the run has made so far (listing them took 20–30 s late in a run).
    /// </summary>
    public const string ListTokenA = "list-a";
    public const string ListTokenB = "list-b";

    private static readonly Lazy<SoftHsmTokens> Tokens = new(SoftHsmTokens.Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ILoggerFactory _loggers;

    public SoftHsmFixture()
    {
        Pins = Tokens.Value.Pins;
        // The pool's warnings and errors go to the test output: a token marked down explains a later failure.
        _loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        Pool = new HsmPool(Options(), Pins, _loggers.CreateLogger<HsmPool>());
    }

    public StaticPinProvider Pins { get; }

    /// <summary>The pool shared by the collection's tests.</summary>
    public HsmPool Pool { get; }

    public static HsmPoolOptions Options(TimeSpan? probeInterval = null) => Options(probeInterval, TokenA, TokenB);

    /// <summary>A pool over the fault tests' own tokens.</summary>
    public static HsmPoolOptions FaultOptions(TimeSpan? probeInterval = null) => Options(probeInterval, FaultTokenA, FaultTokenB);

    /// <summary>A pool over the key-listing test's own tokens.</summary>
    public static HsmPoolOptions ListOptions() => Options(null, ListTokenA, ListTokenB);

    private static HsmPoolOptions Options(TimeSpan? probeInterval, string first, string second) => new()
    {
        Module = Module,
        Tokens = [first, second],
        SessionsPerToken = 4,
        SessionWaitTimeout = TimeSpan.FromSeconds(20),
        ProbeInterval = probeInterval ?? TimeSpan.FromSeconds(1),
    };

    /// <summary>A raw session on a token of the shared library, for tests that act behind the pool's back.</summary>
    public static ISession OpenRawSession(string label)
    {
        var slot = Pkcs11Runtime.GetLibrary(Module).GetSlotList(SlotsType.WithTokenPresent).Single(s => s.GetTokenInfo().Label.Trim() == label);
        return slot.OpenSession(SessionType.ReadWrite);
    }

    public void Dispose()
    {
        Pool.Dispose();
        _loggers.Dispose();
    }

    private sealed class SoftHsmTokens
    {
        public required StaticPinProvider Pins { get; init; }

        public static SoftHsmTokens Create()
        {
            var dir = Portal.Tests.Support.TestTemp.NewFolder("softhsm");
            Directory.CreateDirectory(Path.Combine(dir, "tokens"));
            var conf = Path.Combine(dir, "softhsm2.conf");
            File.WriteAllText(conf, $"directories.tokendir = {dir}/tokens\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
            // SoftHSM reads SOFTHSM2_CONF at C_Initialize, which happens once per process: set it before any pool exists.
            // .NET's Environment.SetEnvironmentVariable does not reach the native environment on Unix; SoftHSM uses getenv.
            if (setenv("SOFTHSM2_CONF", conf, 1) != 0)
            {
                throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed");
            }

            Environment.SetEnvironmentVariable("SOFTHSM2_CONF", conf);
            const string pin = "1234";
            foreach (var label in new[] { TokenA, TokenB, FaultTokenA, FaultTokenB, TrustTokenA, TrustTokenB, ListTokenA, ListTokenB })
            {
                Run("softhsm2-util", $"--init-token --free --label {label} --so-pin {SoPin} --pin {pin}", conf);
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                }
            };
            return new SoftHsmTokens { Pins = new StaticPinProvider(pin, RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32)) };
        }

        [DllImport("libc", CharSet = CharSet.Ansi)]
#pragma warning disable SYSLIB1054 // a one-off call at fixture start; source-generated marshalling buys nothing here
        private static extern int setenv(string name, string value, int overwrite);
#pragma warning restore SYSLIB1054

        private static void Run(string file, string args, string conf)
        {
            var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.Environment["SOFTHSM2_CONF"] = conf;
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {args} failed: {output}");
            }
        }
    }
}

/// <summary>
/// The SoftHSM2 collection: its tests run one after the other, beside the other collections (the pool holds under load
/// since the token lock and the key look-ups of ADR 0007). Its PDF tests share one <see cref="Portal.Tests.Signing.Pdf.PdfSigningFixture"/> (its CA,
/// seal keys and NSS database): made once per run, not once per test class.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SoftHsmCollection : ICollectionFixture<SoftHsmFixture>, ICollectionFixture<Portal.Tests.Signing.Pdf.PdfSigningFixture>
{
    public const string Name = "SoftHSM";
}

/// <summary>Throws real PKCS#11 return codes for chosen tokens around real SoftHSM sessions.</summary>
internal sealed class FaultInjectingSessionFactory : IHsmSessionFactory
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (CKR Code, int Remaining)> _faults = new();

    /// <summary>Every call on the token fails with <paramref name="code"/> (count &lt; 0) or the next <paramref name="count"/> calls do.</summary>
    public void Fail(string label, CKR code, int count = -1) => _faults[label] = (code, count);

    public void Heal(string label) => _faults.TryRemove(label, out _);

    public IHsmSession Open(ISlot slot, string tokenLabel)
    {
        Check(tokenLabel, "C_OpenSession");
        return new FaultySession(Pkcs11SessionFactory.Instance.Open(slot, tokenLabel), tokenLabel, this);
    }

    internal void Check(string label, string method)
    {
        while (_faults.TryGetValue(label, out var fault))
        {
            if (fault.Remaining < 0)
            {
                throw new Pkcs11Exception(method, fault.Code);
            }

            var next = fault.Remaining <= 1 ? default : (fault.Code, fault.Remaining - 1);
            var swapped = fault.Remaining <= 1
                ? _faults.TryRemove(new KeyValuePair<string, (CKR, int)>(label, fault))
                : _faults.TryUpdate(label, next, fault);
            if (swapped)
            {
                throw new Pkcs11Exception(method, fault.Code);
            }
        }
    }

    private sealed class FaultySession(IHsmSession inner, string label, FaultInjectingSessionFactory owner) : IHsmSession
    {
        public ISession Inner => inner.Inner;

        public void Login(string pin)
        {
            owner.Check(label, "C_Login");
            inner.Login(pin);
        }

        public CKS GetState()
        {
            owner.Check(label, "C_GetSessionInfo");
            return inner.GetState();
        }

        public List<IObjectHandle> FindAll(List<IObjectAttribute> template)
        {
            owner.Check(label, "C_FindObjectsInit");
            return inner.FindAll(template);
        }

        public List<IObjectAttribute> GetAttributes(IObjectHandle handle, List<CKA> attributes)
        {
            owner.Check(label, "C_GetAttributeValue");
            return inner.GetAttributes(handle, attributes);
        }

        public byte[] Sign(IMechanism mechanism, IObjectHandle key, byte[] data)
        {
            owner.Check(label, "C_SignInit");
            return inner.Sign(mechanism, key, data);
        }

        public void GenerateKeyPair(IMechanism mechanism, List<IObjectAttribute> publicTemplate, List<IObjectAttribute> privateTemplate, out IObjectHandle publicKey, out IObjectHandle privateKey)
        {
            owner.Check(label, "C_GenerateKeyPair");
            inner.GenerateKeyPair(mechanism, publicTemplate, privateTemplate, out publicKey, out privateKey);
        }

        public IObjectHandle CreateObject(List<IObjectAttribute> template)
        {
            owner.Check(label, "C_CreateObject");
            return inner.CreateObject(template);
        }

        public void DestroyObject(IObjectHandle handle)
        {
            owner.Check(label, "C_DestroyObject");
            inner.DestroyObject(handle);
        }

        public byte[] WrapKey(IMechanism mechanism, IObjectHandle wrappingKey, IObjectHandle key)
        {
            owner.Check(label, "C_WrapKey");
            return inner.WrapKey(mechanism, wrappingKey, key);
        }

        public IObjectHandle UnwrapKey(IMechanism mechanism, IObjectHandle unwrappingKey, byte[] wrapped, List<IObjectAttribute> template)
        {
            owner.Check(label, "C_UnwrapKey");
            return inner.UnwrapKey(mechanism, unwrappingKey, wrapped, template);
        }

        public void Dispose() => inner.Dispose();
    }
}
