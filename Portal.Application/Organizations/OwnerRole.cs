using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>The owner flag moves, never duplicates.</summary>
public static class OwnerRole
{
    public static void Move(Membership from, Membership to)
    {
        from.Roles &= ~OrgRoles.Owner;
        to.Roles |= OrgRoles.Owner;
    }
}
