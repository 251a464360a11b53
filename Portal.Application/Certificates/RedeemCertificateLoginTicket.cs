using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

/// <summary>证书登录, on the main site: redeems a ticket once, from the browser that started the login.</summary>
public sealed class RedeemCertificateLoginTicket(WriteUnit unit, PersonalCertificates personalCertificates)
{
    /// <summary>Consumes a ticket (once, unexpired, same browser state, binding still active): the user to sign in.</summary>
    public async Task<Result<Guid>> ExecuteAsync(string? token, string? state, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100 || string.IsNullOrEmpty(state))
        {
            return Result<Guid>.Fail(Errors.LoginTicketInvalid);
        }
        var hash = CertificateLogin.Hash(token);
        return await unit.RunAsync(Write.Unchecked(), async w =>
        {
            var ticket = await w.Db.CertificateLoginTickets.FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
            var valid = ticket is not null && ticket.UsedAtUtc is null && w.Now <= ticket.ExpiresAtUtc && ticket.StateHash == CertificateLogin.Hash(state);
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
}
