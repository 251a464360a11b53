using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Accounts;

/// <summary>The signed-in user's profile.</summary>
public sealed record Profile(Guid Id, string Phone, string DisplayName, DateTime CreatedAtUtc);

public sealed class GetProfile(IServiceScopeFactory scopes, ICurrentUser currentUser)
{
    public async Task<Profile?> ExecuteAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (currentUser.UserId is not { } userId || await users.FindByIdAsync(userId.ToString()) is not { } user)
        {
            return null;
        }
        return new Profile(user.Id, user.UserName ?? "", user.DisplayName, user.CreatedAtUtc);
    }
}
