using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Portal.Signing.Pkcs11;

namespace Portal.Web.Hosting;

/// <summary>
/// <c>Portal.Web --provision-trusted-wrapping-key</c> (run by <c>scripts/provision-hsm.sh</c>): on every token of the pool
/// (<c>Hsm:Module</c>, <c>Hsm:Tokens</c>), logged in as the security officer (<c>PORTAL_HSM_SO_PIN</c>), creates the trusted AES
/// wrapping key labelled <c>Hsm:WrappingKeyLabel</c> from <c>PORTAL_HSM_WRAP_SECRET</c> unless the token has one (ADR 0017),
/// so that <c>Hsm:TrustedWrapping=true</c> works on the development pool. Idempotent; prints what it did; exits non-zero on failure.
/// </summary>
internal static class TrustedWrappingProvisioning
{
    public const string Verb = "--provision-trusted-wrapping-key";

    public static int Run(IConfiguration configuration, TextWriter output)
    {
        var module = configuration["Hsm:Module"];
        var tokens = configuration.GetSection("Hsm:Tokens").Get<List<string>>() ?? [];
        var label = configuration["Hsm:WrappingKeyLabel"] ?? new HsmPoolOptions().WrappingKeyLabel;
        var soPin = Environment.GetEnvironmentVariable("PORTAL_HSM_SO_PIN");
        var secretHex = Environment.GetEnvironmentVariable("PORTAL_HSM_WRAP_SECRET");
        if (string.IsNullOrEmpty(module) || tokens.Count == 0 || string.IsNullOrEmpty(soPin) || secretHex is not { Length: >= 64 })
        {
            output.WriteLine("provision-trusted-wrapping-key: needs Hsm:Module, Hsm:Tokens, PORTAL_HSM_SO_PIN and PORTAL_HSM_WRAP_SECRET (64 hex digits)");
            return 2;
        }
        var secret = Convert.FromHexString(secretHex[..64]);
        var library = Pkcs11Runtime.GetLibrary(module);
        foreach (var token in tokens)
        {
            var slot = library.GetSlotList(SlotsType.WithTokenPresent).SingleOrDefault(s => s.GetTokenInfo().Label.Trim() == token);
            if (slot is null)
            {
                output.WriteLine($"provision-trusted-wrapping-key: token '{token}' not found");
                return 1;
            }
            using var session = slot.OpenSession(SessionType.ReadWrite);
            var f = session.Factories.ObjectAttributeFactory;
            var existing = session.FindAllObjects([
                f.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY), f.Create(CKA.CKA_LABEL, label), f.Create(CKA.CKA_TRUSTED, true)]);
            if (existing.Count > 0)
            {
                output.WriteLine($"provision-trusted-wrapping-key: token '{token}' has its trusted wrapping key '{label}'");
                continue;
            }
            session.Login(CKU.CKU_SO, soPin);
            try
            {
                TrustedWrappingKey.Create(session, label, secret);
            }
            finally
            {
                session.Logout();
            }
            output.WriteLine($"provision-trusted-wrapping-key: token '{token}' got its trusted wrapping key '{label}'");
        }
        return 0;
    }
}
