using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Accounts;

/// <summary>修改密码: old password and the new one twice.</summary>
public sealed class ChangePassword(IServiceScopeFactory scopes, ICurrentUser currentUser, AuditTrail audit, IPortalDbContextFactory dbFactory)
{
    public async Task<Result> ExecuteAsync(string oldPassword, string newPassword, string confirmPassword, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (currentUser.UserId is not { } userId || await users.FindByIdAsync(userId.ToString()) is not { } user)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        if (!PasswordPolicy.IsSatisfiedBy(newPassword))
        {
            return Result.Fail(Errors.PasswordPolicy);
        }
        if (newPassword != confirmPassword)
        {
            return Result.Fail(Errors.PasswordMismatch);
        }
        var changed = await users.ChangePasswordAsync(user, oldPassword ?? "", newPassword);
        if (!changed.Succeeded)
        {
            await audit.RecordAsync(dbFactory, AuditActions.AccountPasswordChange, userId.ToString(), AuditOutcome.Refused, cancellationToken: cancellationToken);
            return Result.Fail(Errors.PasswordWrong);
        }
        await audit.RecordAsync(dbFactory, AuditActions.AccountPasswordChange, userId.ToString(), AuditOutcome.Success, cancellationToken: cancellationToken);
        // Every cookie of the account dies now, and its circuits reload to the login page (sign in again with the new credentials).
        await scope.ServiceProvider.GetRequiredService<IUserSessions>().EndAllAsync(userId, cancellationToken);
        return Result.Ok();
    }
}
