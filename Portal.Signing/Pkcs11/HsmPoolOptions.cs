namespace Portal.Signing.Pkcs11;

/// <summary>Configuration of the PKCS#11 pool (section <c>Hsm</c>); PINs and secrets come from <see cref="IPinProvider"/>.</summary>
public sealed class HsmPoolOptions
{
    /// <summary>Path of the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so.</summary>
    public string Module { get; set; } = "/usr/lib/softhsm/libsofthsm2.so";

    /// <summary>Token labels that form the pool; keys are replicated to all of them.</summary>
    public List<string> Tokens { get; set; } = [];

    /// <summary>Upper bound of concurrent operations (open sessions) per token.</summary>
    public int SessionsPerToken { get; set; } = 4;

    /// <summary>How long a caller waits for a free session before getting "hsm.busy".</summary>
    public TimeSpan SessionWaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a token marked down is probed.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Label of the AES key-wrapping key created on every token from the shared secret.</summary>
    public string WrappingKeyLabel { get; set; } = "portal-wrap";

    /// <summary>
    /// Pool keys get <c>CKA_WRAP_WITH_TRUSTED</c>: they leave a token only wrapped by a key with <c>CKA_TRUSTED</c>, which only
    /// the security officer can create (<see cref="TrustedWrappingKey"/>); the pool then uses the token's key labelled
    /// <see cref="WrappingKeyLabel"/> with <c>CKA_TRUSTED=true</c> and never creates one (docs/adr/0017-trusted-key-wrapping.md).
    /// </summary>
    public bool TrustedWrapping { get; set; }
}
