using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Accounts;

/// <summary>Changes the signed-in user's display name.</summary>
public sealed class RenameProfile(IServiceScopeFactory scopes, ICurrentUser currentUser, Audit.AuditTrail audit, IPortalDbContextFactory dbFactory)
{
    public async Task<Result> ExecuteAsync(string displayName)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 50)
        {
            return Result.Fail(Errors.NameRequired);
        }
        if (currentUser.UserId is not { } userId || await users.FindByIdAsync(userId.ToString()) is not { } user)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        var before = user.DisplayName;
        user.DisplayName = displayName.Trim();
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return Result.Fail(Errors.Concurrency);
        }
        await audit.RecordAsync(dbFactory, AuditActions.AccountProfileRename, userId.ToString(), AuditOutcome.Success, $"{before} -> {user.DisplayName}");
        return Result.Ok();
    }
}
