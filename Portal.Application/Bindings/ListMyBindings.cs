using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Bindings;

/// <summary>One of the user's bindings; <see cref="IsHeld"/> while it still holds the certificate.</summary>
public sealed record MyBindingRow(Guid Id, string CommonName, string Subject, string Issuer, string SerialNumber, DateTime NotBeforeUtc,
    DateTime NotAfterUtc, BindingStatus Status, bool IsHeld, string? TrustedCaName, CertificateTrustStatus TrustAtBinding,
    DateTime BoundAtUtc, DateTime? RenewedAtUtc, DateTime? EndedAtUtc);

/// <summary>个人中心 → my UKey certificates: held bindings first, then the ended ones.</summary>
public sealed class ListMyBindings(IPortalDbContextFactory dbFactory, ICurrentUser currentUser)
{
    public async Task<Result<IReadOnlyList<MyBindingRow>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<IReadOnlyList<MyBindingRow>>.Fail(Errors.NotSignedIn);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        var rows = await db.CertificateBindings.AsNoTracking()
            .OrderBy(b => b.HeldFingerprint == null).ThenByDescending(b => b.BoundAtUtc)
            .Select(b => new MyBindingRow(b.Id, b.CommonName, b.Subject, b.Issuer, b.SerialNumber, b.NotBeforeUtc, b.NotAfterUtc, b.Status,
                b.HeldFingerprint != null, b.TrustedCaName, b.TrustAtBinding, b.BoundAtUtc, b.RenewedAtUtc, b.EndedAtUtc))
            .ToListAsync(cancellationToken);
        return rows;
    }
}
