using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Accounts;

/// <summary>找回密码: a code to the account's number, then a new password twice.</summary>
public sealed class ResetPassword(IServiceScopeFactory scopes, SmsCodes smsCodes, AuditTrail audit, IPortalDbContextFactory dbFactory)
{
    public async Task<Result> ExecuteAsync(string phone, string code, string newPassword, string confirmPassword, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var normalized = PhoneNumber.Normalize(phone);
        if (normalized is null)
        {
            return Result.Fail(Errors.PhoneInvalid);
        }
        if (!PasswordPolicy.IsSatisfiedBy(newPassword))
        {
            return Result.Fail(Errors.PasswordPolicy);
        }
        if (newPassword != confirmPassword)
        {
            return Result.Fail(Errors.PasswordMismatch);
        }
        // The code first, registered or not: an unregistered number had a code made but never sent, so it fails here
        // exactly as a wrong code does, and the answer never tells whether the number is registered.
        var verified = await smsCodes.VerifyAsync(normalized, SmsPurpose.ResetPassword, code, cancellationToken);
        if (!verified.Succeeded)
        {
            return verified;
        }
        if (await users.FindByNameAsync(normalized) is not { } user)
        {
            return Result.Fail(Errors.SmsCodeInvalid, 0);
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, newPassword);
        if (!reset.Succeeded)
        {
            return Result.Fail(Errors.PasswordPolicy);
        }
        // A recovered account starts with a clean failure count and no lockout.
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await audit.RecordAsync(dbFactory, AuditActions.AccountPasswordReset, user.Id.ToString(), AuditOutcome.Success, cancellationToken: cancellationToken);
        // Every cookie of the account dies now, and its circuits reload to the login page (sign in again with the new credentials).
        await scope.ServiceProvider.GetRequiredService<IUserSessions>().EndAllAsync(user.Id, cancellationToken);
        return Result.Ok();
    }
}
