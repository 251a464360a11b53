namespace Portal.Application.Certificates;

/// <summary>Takes a payment (a development implementation approves at once and shows it in the order list).</summary>
public interface IPaymentGateway
{
    Task<PaymentOutcome> ChargeAsync(Guid orderId, long amountFen, string description, CancellationToken cancellationToken = default);
}

public sealed record PaymentOutcome(bool Paid, string? Reference, string? FailureReason);

/// <summary>The development payment channel: every charge is approved with a visible "DEV-" reference.</summary>
public sealed class DevelopmentPaymentGateway : IPaymentGateway
{
    public Task<PaymentOutcome> ChargeAsync(Guid orderId, long amountFen, string description, CancellationToken cancellationToken = default) =>
        Task.FromResult(new PaymentOutcome(true, "DEV-" + orderId.ToString("N")[..12].ToUpperInvariant(), null));
}
