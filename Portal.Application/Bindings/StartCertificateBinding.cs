using System.Security.Cryptography;
using Portal.Application.Audit;
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
public sealed class StartCertificateBinding(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, ICertificateInspector inspector,
    BindingRules rules, AuditTrail audit, TimeProvider clock)
{
    public const int MaxCertificateBytes = 64 * 1024;

    public async Task<Result<BindingChallenge>> ExecuteAsync(byte[] certificateFile, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<BindingChallenge>.Fail(Errors.NotSignedIn);
        }
        if (certificateFile.Length > MaxCertificateBytes)
        {
            return Result<BindingChallenge>.Fail(Errors.FileTooLarge, 1);
        }
        if (inspector.Read(certificateFile) is not { } facts)
        {
            return Result<BindingChallenge>.Fail(Errors.CertificateInvalid);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var (error, conflict, trust) = await rules.CheckAsync(db, facts, userId, cancellationToken);
        if (error is not null)
        {
            await rules.RecordRefusalAsync(db, userId, facts, facts.Fingerprint, error.Code, conflict, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return error;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var challenge = new CertificateChallenge
        {
            Id = Guid.NewGuid(),
            OwnerUserId = userId,
            Fingerprint = facts.Fingerprint,
            CertificateDer = facts.Der,
            Nonce = RandomNumberGenerator.GetBytes(32),
            CreatedAtUtc = now,
            ExpiresAtUtc = now + BindingRules.ChallengeValidity,
        };
        db.CertificateChallenges.Add(challenge);
        await audit.AppendAsync(db, "binding.challenge", facts.Fingerprint, AuditOutcome.Success, facts.SerialNumber,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return new BindingChallenge(challenge.Id, BindingRules.ToBeSigned(challenge), challenge.ExpiresAtUtc, CertificateSummary.Of(facts),
            trust!.Status, trust.TrustedCaName);
    }
}
