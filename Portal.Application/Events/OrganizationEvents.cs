namespace Portal.Application.Events;

/// <summary>The organization became 已认证 (the seals issue makes its default seals).</summary>
public sealed record OrganizationCertified(Guid OrganizationId, string Name, string Uscc) : IDomainEvent;

/// <summary>The legal representative changed (name/ID number, or the member linked as such).</summary>
public sealed record LegalRepresentativeChanged(Guid OrganizationId, string OldName, string NewName, Guid? OldUserId, Guid? NewUserId)
    : IDomainEvent;

/// <summary>Name or USCC changed (seals bearing the old name become void).</summary>
public sealed record OrganizationIdentityChanged(Guid OrganizationId, string OldName, string NewName, string OldUscc, string NewUscc)
    : IDomainEvent;

/// <summary>A member left of their own accord.</summary>
public sealed record MemberLeft(Guid OrganizationId, Guid MembershipId, Guid UserId) : IDomainEvent;

/// <summary>A member was removed by the owner.</summary>
public sealed record MemberRemoved(Guid OrganizationId, Guid MembershipId, Guid UserId) : IDomainEvent;
