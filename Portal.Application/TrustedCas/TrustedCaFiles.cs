namespace Portal.Application.TrustedCas;

/// <summary>Uploaded CA certificates and CRLs: the largest file the trust store reads.</summary>
public static class TrustedCaFiles
{
    public const int MaxUploadBytes = 5 * 1024 * 1024;
}
