using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

public sealed record CertificateOrderRow(Guid Id, string Product, int Quantity, long AmountFen, OrderStatus Status, string? PaymentReference,
    DateTime CreatedAtUtc, DateTime? PaidAtUtc);

/// <summary>Everything the personal certificate page shows.</summary>
public sealed record PersonalCertificateOverview(bool RealNameVerified, bool Available, PersonalCertificateView? Current,
    IReadOnlyList<PersonalCertificateView> History, int ReissuesUsed, int ReissuesPurchased, int ReissuesRemaining, IReadOnlyList<CertificateOrderRow> Orders);

/// <summary>个人证书: the current certificate, earlier ones, the reissue counter and the orders of the signed-in user.</summary>
public sealed class GetPersonalCertificate(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, IPersonalCertificateAuthority ca)
{
    public async Task<Result<PersonalCertificateOverview>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<PersonalCertificateOverview>.Fail(Errors.NotSignedIn);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        var verified = await PersonalCertificateSteps.RealNameAsync(db, userId, cancellationToken) is not null;
        var all = await db.PersonalCertificates.AsNoTracking().OrderByDescending(c => c.IssuedAtUtc).ToListAsync(cancellationToken);
        var allowance = await db.ReissueAllowances.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new ReissueAllowance { OwnerUserId = userId };
        var orders = await db.CertificateOrders.AsNoTracking().OrderByDescending(o => o.CreatedAtUtc)
            .Select(o => new CertificateOrderRow(o.Id, o.Product, o.Quantity, o.AmountFen, o.Status, o.PaymentReference, o.CreatedAtUtc, o.PaidAtUtc))
            .ToListAsync(cancellationToken);
        var current = all.FirstOrDefault(c => c.ActiveOwnerUserId == userId);
        return new PersonalCertificateOverview(verified, ca.IsAvailable, current is null ? null : PersonalCertificateView.Of(current),
            all.Where(c => c != current).Select(PersonalCertificateView.Of).ToList(), allowance.Used, allowance.Purchased, allowance.Remaining, orders);
    }
}
