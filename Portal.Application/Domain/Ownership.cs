namespace Portal.Application.Domain;

/// <summary>An organization-owned entity: the current space scopes every query to its organization.</summary>
public interface IOrganizationOwned
{
    Guid OrganizationId { get; }
}

/// <summary>A personal entity: visible to its owner only.</summary>
public interface IPersonallyOwned
{
    Guid OwnerUserId { get; }
}
