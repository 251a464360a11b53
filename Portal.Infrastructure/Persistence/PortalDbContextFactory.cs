using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;

namespace Portal.Infrastructure.Persistence;

/// <summary>Creates one context per operation, scoped to the caller's current space.</summary>
internal sealed class PortalDbContextFactory(IServiceProvider services, ICurrentUser currentUser, ICurrentSpace currentSpace)
    : IPortalDbContextFactory
{
    public async Task<IPortalDbContext> CreateAsync(CancellationToken cancellationToken = default)
    {
        var orgId = await currentSpace.GetOrganizationIdAsync(cancellationToken);
        return CreateForScope(orgId, currentUser.UserId);
    }

    public IPortalDbContext CreateForScope(Guid? organizationId, Guid? userId)
    {
        var db = services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        db.ScopeOrganizationId = organizationId;
        db.ScopeUserId = userId;
        return db;
    }
}

/// <summary>Adapts the provider's concrete context factory to the base type.</summary>
internal sealed class ProviderContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PortalDbContext>
    where TContext : PortalDbContext
{
    public PortalDbContext CreateDbContext() => inner.CreateDbContext();
}

/// <summary>The user's remembered space, if they are still a member of it; otherwise the personal space.</summary>
internal sealed class DbCurrentSpace(IServiceProvider services, ICurrentUser currentUser) : ICurrentSpace
{
    public async Task<Guid?> GetOrganizationIdAsync(CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return null;
        }
        await using var db = services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        // Read fresh every time: a removal or role change must take effect on the next command.
        var space = await db.Users.Where(u => u.Id == userId).Select(u => u.CurrentOrganizationId).FirstOrDefaultAsync(cancellationToken);
        if (space is not { } orgId)
        {
            return null;
        }
        var member = await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.UserId == userId && m.OrganizationId == orgId, cancellationToken);
        return member ? orgId : null;
    }
}
