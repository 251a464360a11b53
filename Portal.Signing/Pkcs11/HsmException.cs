using Net.Pkcs11Interop.Common;

namespace Portal.Signing.Pkcs11;

/// <summary>A typed failure of the HSM pool; <see cref="SigningException.Code"/> is one of hsm.unavailable, hsm.key_not_found, hsm.busy, hsm.error, hsm.config.</summary>
public sealed class HsmException : SigningException
{
    public HsmException(string code, string message, CKR? returnValue = null, Exception? inner = null)
        : base(code, message, inner) => ReturnValue = returnValue;

    /// <summary>The PKCS#11 return value behind the failure, when there was one.</summary>
    public CKR? ReturnValue { get; }
}
