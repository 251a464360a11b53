using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

public sealed record ReissuePackagePurchase(Guid OrderId, string? PaymentReference, int ReissuesRemaining);

/// <summary>
/// 购买补发包 (seed 001): an order for a package of three reissues (30 元) is recorded, paid through the
/// payment gateway, and only a paid order adds the reissues. A refused payment leaves the order failed.
/// </summary>
public sealed class BuyReissuePackage(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, IPaymentGateway payments, AuditTrail audit,
    TimeProvider clock)
{
    public const string Product = "reissue-package";

    public async Task<Result<ReissuePackagePurchase>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<ReissuePackagePurchase>.Fail(Errors.NotSignedIn);
        }
        var order = new CertificateOrder
        {
            Id = Guid.NewGuid(),
            OwnerUserId = userId,
            Product = Product,
            Quantity = ReissueAllowance.PackageSize,
            AmountFen = ReissueAllowance.PackagePriceFen,
            Status = OrderStatus.Pending,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        await using (var db = dbFactory.CreateForScope(null, userId))
        {
            await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
            db.CertificateOrders.Add(order);
            await audit.AppendAsync(db, "certificate.order.create", order.Id.ToString(), AuditOutcome.Success, $"{Product} {order.AmountFen}",
                cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }

        // The payment happens outside the write lock: a slow payment provider must not hold the database.
        var paid = await payments.ChargeAsync(order.Id, order.AmountFen, Product, cancellationToken);

        await using (var db = dbFactory.CreateForScope(null, userId))
        {
            await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
            var stored = await db.CertificateOrders.FirstAsync(o => o.Id == order.Id, cancellationToken);
            stored.PaymentReference = paid.Reference;
            var allowance = await db.ReissueAllowances.FirstOrDefaultAsync(cancellationToken);
            if (allowance is null)
            {
                allowance = new ReissueAllowance { OwnerUserId = userId };
                db.ReissueAllowances.Add(allowance);
            }
            if (paid.Paid)
            {
                stored.Status = OrderStatus.Paid;
                stored.PaidAtUtc = clock.GetUtcNow().UtcDateTime;
                allowance.Purchased += stored.Quantity;
                allowance.ConcurrencyStamp = Guid.NewGuid();
            }
            else
            {
                stored.Status = OrderStatus.Failed;
                stored.FailureReason = paid.FailureReason is { Length: > 200 } f ? f[..200] : paid.FailureReason;
            }
            await audit.AppendAsync(db, "certificate.order.pay", order.Id.ToString(), paid.Paid ? AuditOutcome.Success : AuditOutcome.Refused,
                paid.Reference ?? paid.FailureReason, cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return paid.Paid
                ? new ReissuePackagePurchase(order.Id, paid.Reference, allowance.Remaining)
                : Result<ReissuePackagePurchase>.Fail(Errors.PaymentFailed, paid.FailureReason ?? "");
        }
    }
}
