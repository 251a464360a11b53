using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

/// <summary>证书登录, on the main site: redeems a ticket once, from the browser that started the login.</summary>
public sealed class RedeemCertificateLoginTicket(IPortalDbContextFactory dbFactory, AuditTrail audit, PersonalCertificates personalCertificates,
    TimeProvider clock)
{
    /// <summary>Consumes a ticket (once, unexpired, same browser state, binding still active): the user to sign in.</summary>
    public async Task<Result<Guid>> ExecuteAsync(string? token, string? state, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100 || string.IsNullOrEmpty(state))
        {
            return Result<Guid>.Fail(Errors.LoginTicketInvalid);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = CertificateLogin.Hash(token);
        await using var db = dbFactory.CreateForScope(null, null);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var ticket = await db.CertificateLoginTickets.FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var valid = ticket is not null && ticket.UsedAtUtc is null && now <= ticket.ExpiresAtUtc && ticket.StateHash == CertificateLogin.Hash(state);
        if (ticket is not null)
        {
            ticket.UsedAtUtc ??= now;
        }
        var stillBound = valid && await db.CertificateBindings.IgnoreQueryFilters()
            .AnyAsync(b => b.Id == ticket!.BindingId && b.HeldFingerprint != null && b.Status == BindingStatus.Active, cancellationToken);
        if (!stillBound)
        {
            await audit.AppendAsync(db, "account.login.certificate", ticket?.UserId.ToString() ?? "", AuditOutcome.Refused, Errors.LoginTicketInvalid,
                cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return Result<Guid>.Fail(Errors.LoginTicketInvalid);
        }
        personalCertificates.RecordOperation(db, ticket!.UserId, CertificateSource.External, ticket.SerialNumber, CertificateOperationKind.Login,
            "certificate-login");
        await audit.AppendAsync(db, "account.login.certificate", ticket.UserId.ToString(), AuditOutcome.Success, ticket.SerialNumber,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return ticket.UserId;
    }
}
