using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Bindings;

/// <summary>
/// Ends a binding: the account owner may (seed 002's 删除); CA support may with a mandatory reason;
/// for anyone else the binding does not exist. The row stays, with its history.
/// </summary>
public sealed class UnbindCertificate(WriteUnit unit, ICurrentUser currentUser)
{
    public Task<Result> ExecuteAsync(Guid bindingId, string? reason = null, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.AsUser(), async w =>
        {
            var userId = w.UserId!.Value;
            var support = currentUser.IsInPlatformRole(PlatformRoles.CaSupport);
            var binding = await w.Db.CertificateBindings.IgnoreQueryFilters()
                .FirstOrDefaultAsync(b => b.Id == bindingId && b.HeldFingerprint != null, cancellationToken);
            var own = binding?.OwnerUserId == userId;
            if (binding is null || (!own && !support))
            {
                return Result.Fail(Errors.NotFound);
            }
            var why = string.IsNullOrWhiteSpace(reason) ? null : BindingRules.Cut(reason.Trim(), 500);
            if (!own && why is null)
            {
                return w.Refuse(new PortalError(Errors.ReasonRequired), AuditActions.BindingSupportUnbind, binding.Id.ToString());
            }
            binding.HeldFingerprint = null;
            binding.Status = binding.Status == BindingStatus.Renewed ? BindingStatus.Renewed : BindingStatus.Unbound;
            binding.EndedAtUtc = w.Now;
            binding.EndedByUserId = userId;
            binding.EndReason = why ?? "owner";
            w.Db.CertificateBindingEvents.Add(new CertificateBindingEvent
            {
                BindingId = binding.Id,
                Kind = own ? BindingEventKind.Unbound : BindingEventKind.UnboundBySupport,
                OccurredAtUtc = w.Now,
                ActorUserId = userId,
                Detail = why,
            });
            w.Audit(own ? AuditActions.BindingUnbind : AuditActions.BindingSupportUnbind, binding.Id.ToString(), $"{binding.Fingerprint} {why}".Trim());
            return Result.Ok();
        }, cancellationToken);
}
