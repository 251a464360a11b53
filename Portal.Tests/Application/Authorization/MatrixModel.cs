namespace Portal.Tests.Application.Authorization;

/// <summary>The matrix's roles. Anonymous, Personal, CaSupport and PlatformAdmin belong to no tenant.</summary>
public enum Role
{
    Anonymous,
    Personal,
    Member,
    DepartmentHead,
    SealAdmin,
    Owner,
    CaSupport,
    PlatformAdmin,
}

/// <summary>
/// The tenant an actor works in. Every probe names tenant B's data (or works in the caller's own space): an actor of B is
/// "in the tenant", an actor of A is "the other tenant".
/// </summary>
public enum Tenant
{
    None,
    A,
    B,
}

/// <summary>One person of the matrix: a role in a tenant (<see cref="TenantPair.Actors"/>).</summary>
public sealed record Actor(Role Role, Tenant Tenant, Guid? UserId, string[] PlatformRoles)
{
    public override string ToString() => Tenant == Tenant.None ? Role.ToString() : $"{Role}@{Tenant}";
}

/// <summary>Who may: a set of roles.</summary>
[Flags]
public enum Who
{
    Nobody = 0,
    Anonymous = 1 << Role.Anonymous,
    Personal = 1 << Role.Personal,
    Member = 1 << Role.Member,
    DepartmentHead = 1 << Role.DepartmentHead,
    SealAdmin = 1 << Role.SealAdmin,
    Owner = 1 << Role.Owner,
    CaSupport = 1 << Role.CaSupport,
    PlatformAdmin = 1 << Role.PlatformAdmin,

    /// <summary>Those who manage seals and grants: 印章管理员 and 单位管理员.</summary>
    Managers = SealAdmin | Owner,

    /// <summary>Every member of an organization, whatever their roles.</summary>
    Members = Member | DepartmentHead | SealAdmin | Owner,
    Platform = CaSupport | PlatformAdmin,
    SignedIn = Personal | Members | Platform,
    Everyone = Anonymous | SignedIn,
}

/// <summary>What a probe touches, which decides what the other tenant's actors must get.</summary>
public enum Reach
{
    /// <summary>The caller's own space or own data: allowed roles of either tenant work, and see nothing of the other tenant.</summary>
    Caller,

    /// <summary>Names tenant B's data: only B's allowed roles (and allowed platform roles) get through; A's are refused.</summary>
    TenantB,

    /// <summary>Platform-wide (review queues, audit): the platform roles allowed see every tenant.</summary>
    Platform,

    /// <summary>Public information (organization search for joining, verification): no leak check.</summary>
    Public,
}

public static class WhoExtensions
{
    public static bool Has(this Who who, Role role) => (who & (Who)(1 << (int)role)) != 0;
}

/// <summary>An Application use case method: who may, what it reaches, and the probe that runs it for one actor.</summary>
public sealed record UseCaseEntry(Type UseCase, string Method, Who Allowed, Reach Reach, Func<object, TenantPair, Task<object?>>? Probe, string? Note)
{
    public string Key => $"{UseCase.Name}.{Method}";

    public override string ToString() => Key;
}

/// <summary>A routable page (by route template) and who may open it.</summary>
public sealed record PageEntry(string Route, Who Allowed)
{
    public override string ToString() => Route;
}

/// <summary>An HTTP endpoint ("GET /pattern") and who may call it.</summary>
public sealed record EndpointEntry(string Key, Who Allowed)
{
    public override string ToString() => Key;
}
