namespace Portal.Application.Domain;

/// <summary>
/// A refused bind: who tried which certificate and why (already bound elsewhere, untrusted, bad proof …).
/// Platform data: only CA support reads it; the attempting user only ever sees their own refusal message.
/// </summary>
public class CertificateBindAttempt
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public string Fingerprint { get; set; } = "";
    public string SerialNumber { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Issuer { get; set; } = "";
    public string Reason { get; set; } = "";

    /// <summary>The binding that already held the certificate, for "already bound" refusals.</summary>
    public Guid? ConflictingBindingId { get; set; }
    public DateTime OccurredAtUtc { get; set; }
}
