using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
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
