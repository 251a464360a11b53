namespace Portal.Application.Signing;

/// <summary>The document hash use approvals and the ledger record.</summary>
public static class DocumentHash
{
    public static string Of(byte[] content) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content)).ToLowerInvariant();
}
