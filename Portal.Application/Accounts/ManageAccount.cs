using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Accounts;

/// <summary>Sends a code for a purpose, refusing purposes that need an account the number does not have (or has).</summary>
public sealed class SendSmsCode(IServiceScopeFactory scopes, SmsCodes smsCodes)
{
    public async Task<Result> ExecuteAsync(string phone, SmsPurpose purpose, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var normalized = PhoneNumber.Normalize(phone);
        if (normalized is null)
        {
            return Result.Fail(Errors.PhoneInvalid);
        }
        var exists = await users.FindByNameAsync(normalized) is not null;
        if (purpose is SmsPurpose.Register or SmsPurpose.ChangePhoneNew && exists)
        {
            return Result.Fail(Errors.PhoneTaken);
        }
        if (purpose is SmsPurpose.Login or SmsPurpose.ResetPassword or SmsPurpose.ChangePhoneOld && !exists)
        {
            return Result.Fail(Errors.UserNotRegistered);
        }
        return await smsCodes.SendAsync(normalized, purpose, cancellationToken);
    }
}

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
            await audit.RecordAsync(dbFactory, "account.password.change", userId.ToString(), AuditOutcome.Refused, cancellationToken: cancellationToken);
            return Result.Fail(Errors.PasswordWrong);
        }
        await audit.RecordAsync(dbFactory, "account.password.change", userId.ToString(), AuditOutcome.Success, cancellationToken: cancellationToken);
        return Result.Ok();
    }
}

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
        if (await users.FindByNameAsync(normalized) is not { } user)
        {
            return Result.Fail(Errors.UserNotRegistered);
        }
        var verified = await smsCodes.VerifyAsync(normalized, SmsPurpose.ResetPassword, code, cancellationToken);
        if (!verified.Succeeded)
        {
            return verified;
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
        await audit.RecordAsync(dbFactory, "account.password.reset", user.Id.ToString(), AuditOutcome.Success, cancellationToken: cancellationToken);
        return Result.Ok();
    }
}

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
        await audit.RecordAsync(dbFactory, "account.phone.change", userId.ToString(), AuditOutcome.Success,
            $"{oldMasked} -> {PhoneNumber.Mask(normalized)}", cancellationToken: cancellationToken);
        return Result.Ok();
    }
}

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

    public async Task<Result> RenameAsync(string displayName)
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
