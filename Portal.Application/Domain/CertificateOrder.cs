namespace Portal.Application.Domain;

public enum OrderStatus
{
    Pending = 1,
    Paid = 2,
    Failed = 3,
}

/// <summary>A purchase (a reissue package); payment goes through <c>IPaymentGateway</c>.</summary>
public class CertificateOrder : IPersonallyOwned
{
    public Guid Id { get; set; }
    public Guid OwnerUserId { get; set; }
    public string Product { get; set; } = "";
    public int Quantity { get; set; }
    public long AmountFen { get; set; }
    public OrderStatus Status { get; set; }
    public string? PaymentReference { get; set; }
    public string? FailureReason { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? PaidAtUtc { get; set; }
}
