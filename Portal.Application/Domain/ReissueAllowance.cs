namespace Portal.Application.Domain;

/// <summary>
/// A user's reissue counter (seed 001 补发): three free reissues, then packages of three bought; renewals do
/// not change it.
/// </summary>
public class ReissueAllowance : IPersonallyOwned
{
    public const int Free = 3;
    public const int PackageSize = 3;

    /// <summary>Price of one package in fen (30 元, seed 001).</summary>
    public const long PackagePriceFen = 3000;

    public Guid OwnerUserId { get; set; }
    public int Used { get; set; }
    public int Purchased { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public int Remaining => Free + Purchased - Used;
}
