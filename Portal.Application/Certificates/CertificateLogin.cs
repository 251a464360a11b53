using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Bindings;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

/// <summary>A ticket for the main site, and whom it signs in.</summary>
public sealed record CertificateLoginTicketIssued(string Token, Guid UserId);

/// <summary>
/// 证书登录: the certificate endpoint (TLS client certificate) asks for a one-time ticket; the main site
/// redeems it once, from the browser that started the login, and sets its own cookie. Only a valid, trusted,
/// unrevoked personal certificate bound to an account (an active binding) logs in; organization certificates
/// never do (seed 003). Every attempt is audited; a login is recorded as a certificate operation.
/// </summary>
public sealed class CertificateLogin(WriteUnit unit, IPortalDbContextFactory dbFactory, ICertificateInspector inspector, AuditTrail audit,
    PersonalCertificates personalCertificates, TimeProvider clock)
{
    public static readonly TimeSpan TicketValidity = TimeSpan.FromMinutes(2);

    /// <summary>Checks the presented certificate; on success stores a ticket bound to <paramref name="state"/> (the browser's nonce).</summary>
    public async Task<Result<CertificateLoginTicketIssued>> IssueTicketAsync(byte[]? certificate, string state, CancellationToken cancellationToken = default)
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
            : IsOrganizationCertificate(facts.Subject) ? new PortalError(Errors.OrganizationCertificateCannotLogin)
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
                TokenHash = Hash(token),
                StateHash = Hash(state),
                UserId = binding!.OwnerUserId,
                BindingId = binding.Id,
                SerialNumber = facts.SerialNumber,
                CreatedAtUtc = now,
                ExpiresAtUtc = now + TicketValidity,
            });
            w.Audit(AuditActions.AccountLoginCertificateTicket, binding.Id.ToString(), facts.SerialNumber);
            return Result<CertificateLoginTicketIssued>.Ok(new CertificateLoginTicketIssued(token, binding.OwnerUserId));
        }, cancellationToken);
    }

    /// <summary>Consumes a ticket (once, unexpired, same browser state, binding still active): the user to sign in.</summary>
    public async Task<Result<Guid>> RedeemAsync(string? token, string? state, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100 || string.IsNullOrEmpty(state))
        {
            return Result<Guid>.Fail(Errors.LoginTicketInvalid);
        }
        var hash = Hash(token);
        return await unit.RunAsync(Write.Unchecked(), async w =>
        {
            var ticket = await w.Db.CertificateLoginTickets.FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
            var valid = ticket is not null && ticket.UsedAtUtc is null && w.Now <= ticket.ExpiresAtUtc && ticket.StateHash == Hash(state);
            if (ticket is not null)
            {
                ticket.UsedAtUtc ??= w.Now;
            }
            var stillBound = valid && await w.Db.CertificateBindings.IgnoreQueryFilters()
                .AnyAsync(b => b.Id == ticket!.BindingId && b.HeldFingerprint != null && b.Status == BindingStatus.Active, cancellationToken);
            if (!stillBound)
            {
                // The ticket is spent even so.
                w.Audit(AuditActions.AccountLoginCertificate, ticket?.UserId.ToString() ?? "", Errors.LoginTicketInvalid, AuditOutcome.Refused);
                return w.Keep(new PortalError(Errors.LoginTicketInvalid));
            }
            personalCertificates.RecordOperation(w.Db, ticket!.UserId, CertificateSource.External, ticket.SerialNumber, CertificateOperationKind.Login,
                "certificate-login");
            w.Audit(AuditActions.AccountLoginCertificate, ticket.UserId.ToString(), ticket.SerialNumber);
            return Result<Guid>.Ok(ticket.UserId);
        }, cancellationToken);
    }

    /// <summary>
    /// Seed 003: "仅支持个人Ukey绑定登录，不支持企业Ukey". An organization certificate names the organization:
    /// an organizationIdentifier (2.5.4.97) or a unified social credit code in its subject.
    /// </summary>
    public static bool IsOrganizationCertificate(string subject)
    {
        if (subject.Contains("2.5.4.97=", StringComparison.OrdinalIgnoreCase)
            || subject.Contains("organizationIdentifier=", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        foreach (var part in subject.Split([',', '+', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var value = part[(part.IndexOf('=') + 1)..].Trim();
            if (value.StartsWith("NTRCN-", StringComparison.OrdinalIgnoreCase))
            {
                value = value[6..];
            }
            if (value.Length == 18 && Checksums.IsValidUscc(value))
            {
                return true;
            }
        }
        return false;
    }

    private Task RefuseAsync(string target, string code, CancellationToken cancellationToken) =>
        audit.RecordAsync(dbFactory, AuditActions.AccountLoginCertificate, target, AuditOutcome.Refused, code, cancellationToken: cancellationToken);

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
