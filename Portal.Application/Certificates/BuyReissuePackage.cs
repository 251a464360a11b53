using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

public sealed record ReissuePackagePurchase(Guid OrderId, string? PaymentReference, int ReissuesRemaining);

/// <summary>
/// 购买补发包 (seed 001): an order for a package of three reissues (30 元) is recorded, paid through the
/// payment gateway, and only a paid order adds the reissues. A refused payment leaves the order failed.
/// </summary>
public sealed class BuyReissuePackage(WriteUnit unit, IPaymentGateway payments)
{
    public const string Product = "reissue-package";

    public async Task<Result<ReissuePackagePurchase>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var ordered = await unit.RunAsync(Write.AsUser(), w =>
        {
            var order = new CertificateOrder
            {
                Id = Guid.NewGuid(),
                OwnerUserId = w.UserId!.Value,
                Product = Product,
                Quantity = ReissueAllowance.PackageSize,
                AmountFen = ReissueAllowance.PackagePriceFen,
                Status = OrderStatus.Pending,
                CreatedAtUtc = w.Now,
            };
            w.Db.CertificateOrders.Add(order);
            w.Audit(AuditActions.CertificateOrderCreate, order.Id.ToString(), $"{Product} {order.AmountFen}");
            return Task.FromResult(Result<CertificateOrder>.Ok(order));
        }, cancellationToken);
        if (!ordered.Succeeded)
        {
            return ordered.Error!;
        }
        var order = ordered.Value!;

        // The payment happens between two write units: a slow payment provider must not hold the database.
        var paid = await payments.ChargeAsync(order.Id, order.AmountFen, Product, cancellationToken);

        return await unit.RunAsync(Write.AsUser(), async w =>
        {
            var stored = await w.Db.CertificateOrders.FirstAsync(o => o.Id == order.Id, cancellationToken);
            stored.PaymentReference = paid.Reference;
            var allowance = await w.Db.ReissueAllowances.FirstOrDefaultAsync(cancellationToken);
            if (allowance is null)
            {
                allowance = new ReissueAllowance { OwnerUserId = w.UserId!.Value };
                w.Db.ReissueAllowances.Add(allowance);
            }
            if (paid.Paid)
            {
                stored.Status = OrderStatus.Paid;
                stored.PaidAtUtc = w.Now;
                allowance.Purchased += stored.Quantity;
                w.Audit(AuditActions.CertificateOrderPay, order.Id.ToString(), paid.Reference ?? paid.FailureReason);
                return Result<ReissuePackagePurchase>.Ok(new ReissuePackagePurchase(order.Id, paid.Reference, allowance.Remaining));
            }
            stored.Status = OrderStatus.Failed;
            stored.FailureReason = paid.FailureReason is { Length: > 200 } f ? f[..200] : paid.FailureReason;
            // A refused payment still leaves the order failed.
            w.Audit(AuditActions.CertificateOrderPay, order.Id.ToString(), paid.Reference ?? paid.FailureReason, AuditOutcome.Refused);
            return w.Keep(new PortalError(Errors.PaymentFailed, paid.FailureReason ?? ""));
        }, cancellationToken);
    }
}
