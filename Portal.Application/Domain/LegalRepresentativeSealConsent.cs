namespace Portal.Application.Domain;

/// <summary>The legal representative's permission (seed 001) for the organization to hold a 法定代表人章 they did not make.</summary>
public class LegalRepresentativeSealConsent : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public string LegalRepresentativeName { get; set; } = "";
    public DateTime GivenAtUtc { get; set; }
    public DateTime? WithdrawnAtUtc { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
