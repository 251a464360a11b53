using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Accounts;

/// <summary>Changes the signed-in user's display name.</summary>
public sealed class RenameProfile(IServiceScopeFactory scopes, ICurrentUser currentUser)
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
        user.DisplayName = displayName.Trim();
        await users.UpdateAsync(user);
        return Result.Ok();
    }
}
