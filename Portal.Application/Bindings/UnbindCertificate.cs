using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Bindings;

/// <summary>
/// Ends a binding: the account owner may (seed 002's 删除); CA support may with a mandatory reason;
/// for anyone else the binding does not exist. The row stays, with its history.
/// </summary>
public sealed class UnbindCertificate(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result> ExecuteAsync(Guid bindingId, string? reason = null, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        var support = currentUser.IsInPlatformRole(PlatformRoles.CaSupport);
        await using var db = dbFactory.CreateForScope(null, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var binding = await db.CertificateBindings.IgnoreQueryFilters()
            .FirstOrDefaultAsync(b => b.Id == bindingId && b.HeldFingerprint != null, cancellationToken);
        var own = binding?.OwnerUserId == userId;
        if (binding is null || (!own && !support))
        {
            return Result.Fail(Errors.NotFound);
        }
        reason = string.IsNullOrWhiteSpace(reason) ? null : BindingRules.Cut(reason.Trim(), 500);
        if (!own && reason is null)
        {
            await audit.AppendAsync(db, "binding.support.unbind", binding.Id.ToString(), AuditOutcome.Refused, Errors.ReasonRequired,
                cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return Result.Fail(Errors.ReasonRequired);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        binding.HeldFingerprint = null;
        binding.Status = binding.Status == BindingStatus.Renewed ? BindingStatus.Renewed : BindingStatus.Unbound;
        binding.EndedAtUtc = now;
        binding.EndedByUserId = userId;
        binding.EndReason = reason ?? "owner";
        binding.ConcurrencyStamp = Guid.NewGuid();
        db.CertificateBindingEvents.Add(new CertificateBindingEvent
        {
            BindingId = binding.Id,
            Kind = own ? BindingEventKind.Unbound : BindingEventKind.UnboundBySupport,
            OccurredAtUtc = now,
            ActorUserId = userId,
            Detail = reason,
        });
        await audit.AppendAsync(db, own ? "binding.unbind" : "binding.support.unbind", binding.Id.ToString(), AuditOutcome.Success,
            $"{binding.Fingerprint} {reason}".Trim(), cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
