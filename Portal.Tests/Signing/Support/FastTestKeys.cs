using Portal.Signing;
using Portal.Signing.Pki;

namespace Portal.Tests.Signing.Support;

/// <summary>
/// P-256 keys for the platform CA, its TSA and new seals in tests that are not about the key type: SoftHSM2 makes an
/// RSA-3072 key in about half a second on this machine and a P-256 key in a millisecond, and every seeded world makes
/// about a dozen. The PDF and pool tests keep their RSA keys, so both key types stay covered.
/// </summary>
public static class FastTestKeys
{
    public static void Apply(PkiOptions options)
    {
        options.CaKeyAlgorithm = KeyAlgorithm.EcP256;
        options.TsaKeyAlgorithm = KeyAlgorithm.EcP256;
        options.SealKeyAlgorithm = KeyAlgorithm.EcP256;
    }

    /// <summary>The same as configuration keys, for a hosted portal.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Settings { get; } =
    [
        new("Pki:CaKeyAlgorithm", nameof(KeyAlgorithm.EcP256)),
        new("Pki:TsaKeyAlgorithm", nameof(KeyAlgorithm.EcP256)),
        new("Pki:SealKeyAlgorithm", nameof(KeyAlgorithm.EcP256)),
    ];
}
