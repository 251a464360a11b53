using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Portal.Application.Bindings;
using Portal.Application.Common;
using Portal.Infrastructure.Signing;
using Portal.Signing.Pki;
using Portal.Tests.Signing.Pki;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Bindings;

/// <summary>
/// A seeded database whose trust store holds a fail-open external CA (with a fresh CRL) and a fail-closed
/// one (without): test certificates are issued by them with software keys.
/// </summary>
public sealed class BindingWorld : IAsyncDisposable
{
    private BindingWorld(TestDatabase db) => Db = db;

    public TestDatabase Db { get; }
    internal ExternalTestCa Ca { get; } = new("深圳CA");
    internal ExternalTestCa StrictCa { get; } = new("福建CA");
    public DateTime Now { get; private set; }

    public static async Task<BindingWorld> CreateAsync()
    {
        var world = new BindingWorld(await TestDatabase.CreateAsync(seedDemo: true));
        // The test CAs are made "now" in real time; the fake clock follows so their validity holds.
        world.Db.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        world.Now = world.Db.Clock.GetUtcNow().UtcDateTime;
        var trust = world.TrustStore();
        await trust.ImportCaAsync(world.Ca.Certificate.GetEncoded(), "深圳CA", failClosed: false);
        await trust.ImportCrlAsync(world.Ca.Crl(world.Now.AddDays(7)));
        await trust.ImportCaAsync(world.StrictCa.Certificate.GetEncoded(), "福建CA", failClosed: true);
        return world;
    }

    internal TrustStore TrustStore()
    {
        var stores = Db.Services.GetRequiredService<EfPkiStores>();
        return new TrustStore(stores, stores, Db.Clock);
    }

    internal (X509Certificate Certificate, AsymmetricCipherKeyPair Keys) Leaf(string cn, int notBeforeDaysAgo = 10, int validDays = 365,
        ExternalTestCa? ca = null) =>
        (ca ?? Ca).IssueLeafWithKey($"C=CN,O=示例科技有限公司,CN={cn}", Now.AddDays(-notBeforeDaysAgo), Now.AddDays(validDays));

    public static byte[] Sign(AsymmetricKeyParameter key, byte[] message)
    {
        var signer = SignerUtilities.GetSigner("SHA256WITHECDSA");
        signer.Init(true, key);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    public Task<Result<BindingChallenge>> StartAsync(Guid user, X509Certificate certificate) =>
        Db.RunAsync<StartCertificateBinding, Result<BindingChallenge>>(user, s => s.ExecuteAsync(certificate.GetEncoded()));

    public Task<Result<BindOutcome>> CompleteAsync(Guid user, Guid challengeId, byte[] signature) =>
        Db.RunAsync<BindCertificate, Result<BindOutcome>>(user, s => s.ExecuteAsync(challengeId, signature));

    /// <summary>Upload, sign the challenge with the key, submit.</summary>
    public async Task<Result<BindOutcome>> BindAsync(Guid user, (X509Certificate Certificate, AsymmetricCipherKeyPair Keys) leaf)
    {
        var start = await StartAsync(user, leaf.Certificate);
        if (!start.Succeeded)
        {
            return start.Error!;
        }
        return await CompleteAsync(user, start.Value!.ChallengeId, Sign(leaf.Keys.Private, start.Value.ToBeSigned));
    }

    public async Task<T> AsSupport<TUseCase, T>(Func<TUseCase, Task<T>> act) where TUseCase : notnull
    {
        var support = await Db.UserIdAsync(Demo.CaSupport);
        await using var scope = Db.As(support, Portal.Application.Domain.PlatformRoles.CaSupport);
        return await act(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
