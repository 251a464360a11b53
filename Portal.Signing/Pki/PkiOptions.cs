namespace Portal.Signing.Pki;

/// <summary>Which extended key usages end-entity signing certificates carry (NOTES: pdfsig distrusts documentSigning alone).</summary>
public enum EndEntityEku
{
    None,
    EmailProtectionAndDocumentSigning,
}

/// <summary>Configuration of the platform CA (section <c>Pki</c>).</summary>
public sealed class PkiOptions
{
    /// <summary>Public base URL (e.g. https://portal.example.com); when set, issued certificates get AIA and CRL distribution points.</summary>
    public string? PublicBaseUrl { get; set; }

    public string RootSubject { get; set; } = "C=CN,O=Portal,CN=Portal Root CA";

    public string IssuingSubject { get; set; } = "C=CN,O=Portal,CN=Portal Issuing CA";

    public string TsaSubject { get; set; } = "C=CN,O=Portal,CN=Portal Timestamp Authority";

    public KeyAlgorithm CaKeyAlgorithm { get; set; } = KeyAlgorithm.Rsa3072;

    public KeyAlgorithm TsaKeyAlgorithm { get; set; } = KeyAlgorithm.Rsa2048;

    /// <summary>The key type of new organization seals (existing seals keep theirs).</summary>
    public KeyAlgorithm SealKeyAlgorithm { get; set; } = KeyAlgorithm.Rsa2048;

    public TimeSpan RootValidity { get; set; } = TimeSpan.FromDays(365 * 20);

    public TimeSpan IssuingValidity { get; set; } = TimeSpan.FromDays(365 * 10);

    public TimeSpan TsaValidity { get; set; } = TimeSpan.FromDays(365 * 5);

    public TimeSpan EndEntityValidity { get; set; } = TimeSpan.FromDays(365 * 2);

    /// <summary>nextUpdate − thisUpdate of the CRLs; a cached CRL is re-issued at half of it or on a revocation.</summary>
    public TimeSpan CrlValidity { get; set; } = TimeSpan.FromDays(1);

    public EndEntityEku EndEntityEku { get; set; } = EndEntityEku.None;

    /// <summary>TSA policy OID put into timestamp tokens.</summary>
    public string TsaPolicyOid { get; set; } = "1.3.6.1.4.1.61366.1.1";
}
