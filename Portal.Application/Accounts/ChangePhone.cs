using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Accounts;

/// <summary>更换手机号: a code to the old number and one to the new number.</summary>
public sealed class ChangePhone(IServiceScopeFactory scopes, SmsCodes smsCodes, ICurrentUser currentUser, AuditTrail audit,
    IPortalDbContextFactory dbFactory)
{
    public async Task<Result> ExecuteAsync(string oldCode, string newPhone, string newCode, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (currentUser.UserId is not { } userId || await users.FindByIdAsync(userId.ToString()) is not { } user)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        var normalized = PhoneNumber.Normalize(newPhone);
        if (normalized is null)
        {
            return Result.Fail(Errors.PhoneInvalid);
        }
        if (normalized == user.UserName)
        {
            return Result.Fail(Errors.PhoneUnchanged);
        }
        if (await users.FindByNameAsync(normalized) is not null)
        {
            return Result.Fail(Errors.PhoneTaken);
        }
        var codes = await smsCodes.VerifyAllAsync(
            [(user.UserName!, SmsPurpose.ChangePhoneOld, oldCode), (normalized, SmsPurpose.ChangePhoneNew, newCode)], cancellationToken);
        if (!codes.Succeeded)
        {
            return codes;
        }
        var oldMasked = PhoneNumber.Mask(user.UserName!);
        user.UserName = normalized;
        user.PhoneNumber = normalized;
        user.PhoneNumberConfirmed = true;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return Result.Fail(Errors.PhoneTaken);
        }
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(dbFactory, AuditActions.AccountPhoneChange, userId.ToString(), AuditOutcome.Success,
            $"{oldMasked} -> {PhoneNumber.Mask(normalized)}", cancellationToken: cancellationToken);
        // Every cookie of the account dies now, and its circuits reload to the login page (sign in again with the new credentials).
        await scope.ServiceProvider.GetRequiredService<IUserSessions>().EndAllAsync(userId, cancellationToken);
        return Result.Ok();
    }
}
