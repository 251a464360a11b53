using System.Security.Cryptography;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Bindings;

/// <summary>A challenge to sign with the certificate's key, and what the server read from the certificate.</summary>
public sealed record BindingChallenge(Guid ChallengeId, byte[] ToBeSigned, DateTime ExpiresAtUtc, CertificateSummary Certificate,
    CertificateTrustStatus Trust, string? TrustedCaName);

/// <summary>
/// 绑定Ukey, step 1: the user uploads the certificate (.cer/.pem); it is checked (valid, trusted, unrevoked,
/// not bound elsewhere) and a random single-use challenge bound to the user and the certificate is issued.
/// </summary>
public sealed class StartCertificateBinding(WriteUnit unit, ICertificateInspector inspector, BindingRules rules)
{
    public const int MaxCertificateBytes = 64 * 1024;

    private sealed record Checked(CertificateFacts Facts, PortalError? Error, CertificateTrust? Trust);

    public Task<Result<BindingChallenge>> ExecuteAsync(byte[] certificateFile, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.AsUser(),
            async () =>
            {
                if (certificateFile.Length > MaxCertificateBytes)
                {
                    return Result<Checked>.Fail(Errors.FileTooLarge, 1);
                }
                if (inspector.Read(certificateFile) is not { } facts)
                {
                    return Result<Checked>.Fail(Errors.CertificateInvalid);
                }
                // Parsing, chain and revocation checks run before the lock; a refusal is still recorded under it.
                var (error, trust) = await rules.CheckCertificateAsync(facts, cancellationToken);
                return new Checked(facts, error, trust);
            },
            async (w, c) =>
            {
                var userId = w.UserId!.Value;
                var facts = c.Facts;
                var (error, conflict) = c.Error is null ? await BindingRules.CheckHolderAsync(w.Db, facts, userId, cancellationToken) : (c.Error, null);
                if (error is not null)
                {
                    await rules.RecordRefusalAsync(w.Db, userId, facts, facts.Fingerprint, error.Code, conflict, cancellationToken);
                    return w.Keep(error);
                }
                var challenge = new CertificateChallenge
                {
                    Id = Guid.NewGuid(),
                    OwnerUserId = userId,
                    Fingerprint = facts.Fingerprint,
                    CertificateDer = facts.Der,
                    Nonce = RandomNumberGenerator.GetBytes(32),
                    CreatedAtUtc = w.Now,
                    ExpiresAtUtc = w.Now + BindingRules.ChallengeValidity,
                };
                w.Db.CertificateChallenges.Add(challenge);
                w.Audit(AuditActions.BindingChallenge, facts.Fingerprint, facts.SerialNumber);
                return Result<BindingChallenge>.Ok(new BindingChallenge(challenge.Id, BindingRules.ToBeSigned(challenge), challenge.ExpiresAtUtc,
                    CertificateSummary.Of(facts), c.Trust!.Status, c.Trust.TrustedCaName));
            }, cancellationToken);
}
