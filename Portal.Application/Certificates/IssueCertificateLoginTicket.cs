using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Bindings;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

/// <summary>A ticket for the main site, and whom it signs in.</summary>
public sealed record CertificateLoginTicketIssued(string Token, Guid UserId);

/// <summary>证书登录, on the certificate endpoint: checks the presented certificate and stores a one-time ticket.</summary>
public sealed class IssueCertificateLoginTicket(WriteUnit unit, IPortalDbContextFactory dbFactory, ICertificateInspector inspector, AuditTrail audit,
    TimeProvider clock)
{
    /// <summary>Checks the presented certificate; on success stores a ticket bound to <paramref name="state"/> (the browser's nonce).</summary>
    public async Task<Result<CertificateLoginTicketIssued>> ExecuteAsync(byte[]? certificate, string state, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 200)
        {
            return Result<CertificateLoginTicketIssued>.Fail(Errors.LoginTicketInvalid);
        }
        var facts = certificate is { Length: > 0 } ? inspector.Read(certificate) : null;
        if (facts is null)
        {
            await RefuseAsync("", Errors.NoClientCertificate, cancellationToken);
            return Result<CertificateLoginTicketIssued>.Fail(Errors.NoClientCertificate);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var refusal = facts.IsCa ? new PortalError(Errors.CertificateIsCa)
            : now < facts.NotBeforeUtc || now > facts.NotAfterUtc ? new PortalError(Errors.CertificateExpired, facts.NotAfterUtc.ToString("yyyy-MM-dd"))
            : CertificateLogin.IsOrganizationCertificate(facts.Subject) ? new PortalError(Errors.OrganizationCertificateCannotLogin)
            : null;
        if (refusal is null)
        {
            var trust = await inspector.CheckTrustAsync(facts.Der, cancellationToken);
            if (!trust.IsAcceptable)
            {
                refusal = new PortalError(trust.Status switch
                {
                    CertificateTrustStatus.Revoked => Errors.CertificateRevoked,
                    CertificateTrustStatus.RevocationUnknown => Errors.CertificateRevocationUnknown,
                    _ => Errors.CertificateUntrusted,
                });
            }
        }
        if (refusal is not null)
        {
            await RefuseAsync(facts.Fingerprint, refusal.Code, cancellationToken);
            return refusal;
        }

        // Nobody is signed in yet: the certificate is the caller.
        return await unit.RunAsync(Write.Unchecked(), async w =>
        {
            // Certificate login is the one place a binding is found by its certificate rather than by its owner.
            var binding = await w.Db.CertificateBindings.IgnoreQueryFilters().Where(b => b.HeldFingerprint == facts.Fingerprint)
                .Select(b => new { b.Id, b.OwnerUserId, b.Status }).FirstOrDefaultAsync(cancellationToken);
            var code = binding is null ? Errors.CertificateNotBound : binding.Status != BindingStatus.Active ? Errors.CertificateRenewed : null;
            if (code is not null)
            {
                return w.Refuse(new PortalError(code), AuditActions.AccountLoginCertificate, facts.Fingerprint);
            }
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            w.Db.CertificateLoginTickets.Add(new CertificateLoginTicket
            {
                Id = Guid.NewGuid(),
                TokenHash = CertificateLogin.Hash(token),
                StateHash = CertificateLogin.Hash(state),
                UserId = binding!.OwnerUserId,
                BindingId = binding.Id,
                SerialNumber = facts.SerialNumber,
                CreatedAtUtc = now,
                ExpiresAtUtc = now + CertificateLogin.TicketValidity,
            });
            w.Audit(AuditActions.AccountLoginCertificateTicket, binding.Id.ToString(), facts.SerialNumber);
            return Result<CertificateLoginTicketIssued>.Ok(new CertificateLoginTicketIssued(token, binding.OwnerUserId));
        }, cancellationToken);
    }


    private Task RefuseAsync(string target, string code, CancellationToken cancellationToken) =>
        audit.RecordAsync(dbFactory, AuditActions.AccountLoginCertificate, target, AuditOutcome.Refused, code, cancellationToken: cancellationToken);
}
