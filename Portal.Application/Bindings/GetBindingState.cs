using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Bindings;

public enum BindingStateKind
{
    /// <summary>Seed 000 "用户不存在": no account here for this phone or certificate's holder.</summary>
    NotRegistered = 1,

    /// <summary>Seed 002 "证书有效但未绑定": an account with no bound certificate (or a certificate bound to no account).</summary>
    NotBound = 2,
    Bound = 3,

    /// <summary>Seed 002: the certificate was renewed (its id changed); bind the new one.</summary>
    Renewed = 4,

    /// <summary>Seed 000 "该用户没有分配印章权限": reserved for the seals/grants issue, which knows the grants.</summary>
    NoSealPermission = 5,
}

/// <summary>A state with the message key ("BindingState.{Kind}", localized) and where the user acts on it.</summary>
public sealed record BindingState(BindingStateKind Kind, string MessageKey, string? ActionHref, Guid? UserId, Guid? BindingId)
{
    public static BindingState Of(BindingStateKind kind, Guid? userId = null, Guid? bindingId = null) => new(kind, "BindingState." + kind,
        kind switch
        {
            BindingStateKind.NotRegistered => "Account/Register",
            BindingStateKind.NotBound or BindingStateKind.Renewed => "personal/certificates",
            BindingStateKind.NoSealPermission => "authorization",
            _ => null,
        }, userId, bindingId);
}

/// <summary>
/// The binding state of a user or of a certificate, for the signing and certificate-login paths to turn
/// seed 000/002's errors into states a user can act on. Metadata only: no names, no other account revealed.
/// Seal permission (grants) is added by the seals issue on top of <see cref="BindingStateKind.Bound"/>.
/// </summary>
public sealed class GetBindingState(IPortalDbContextFactory dbFactory, ICertificateInspector inspector)
{
    public async Task<BindingState> ForPhoneAsync(string phone, CancellationToken cancellationToken = default)
    {
        var normalized = PhoneNumber.Normalize(phone);
        await using var db = dbFactory.CreateForScope(null, null);
        var userId = normalized is null ? null
            : await db.Users.Where(u => u.UserName == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        return userId is { } id ? await ForUserAsync(id, cancellationToken) : BindingState.Of(BindingStateKind.NotRegistered);
    }

    public async Task<BindingState> ForUserAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = dbFactory.CreateForScope(null, userId);
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return BindingState.Of(BindingStateKind.NotRegistered);
        }
        var held = await db.CertificateBindings.AsNoTracking().Where(b => b.HeldFingerprint != null)
            .Select(b => new { b.Id, b.Status }).ToListAsync(cancellationToken);
        if (held.FirstOrDefault(b => b.Status == BindingStatus.Active) is { } active)
        {
            return BindingState.Of(BindingStateKind.Bound, userId, active.Id);
        }
        return held.Count > 0 ? BindingState.Of(BindingStateKind.Renewed, userId, held[0].Id) : BindingState.Of(BindingStateKind.NotBound, userId);
    }

    /// <summary>The state of a presented certificate (certificate login): bound, renewed (stale), or valid but not bound.</summary>
    public async Task<BindingState> ForCertificateAsync(byte[] certificate, CancellationToken cancellationToken = default)
    {
        if (inspector.Read(certificate) is not { } facts)
        {
            return BindingState.Of(BindingStateKind.NotBound);
        }
        await using var db = dbFactory.CreateForScope(null, null);
        var holder = await db.CertificateBindings.IgnoreQueryFilters().AsNoTracking().Where(b => b.HeldFingerprint == facts.Fingerprint)
            .Select(b => new { b.Id, b.OwnerUserId, b.Status }).FirstOrDefaultAsync(cancellationToken);
        return holder is null ? BindingState.Of(BindingStateKind.NotBound)
            : holder.Status == BindingStatus.Active ? BindingState.Of(BindingStateKind.Bound, holder.OwnerUserId, holder.Id)
            : BindingState.Of(BindingStateKind.Renewed, holder.OwnerUserId, holder.Id);
    }
}
