using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Captcha;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Accounts;

/// <summary>
/// Sends a code for a purpose. A code to a number nobody has proven (registration, SMS login, password reset) needs the
/// image captcha first; a signed-in user's own phone needs none. Login and reset codes for an unregistered number are
/// answered as sent but not delivered, and a registration code goes to a registered number too (registering then says the
/// number is taken only once its code checks, <see cref="RegisterUser"/>): the answer never tells an anonymous client whether a
/// number is registered.
/// </summary>
public sealed class SendSmsCode(IServiceScopeFactory scopes, SmsCodes smsCodes, Captchas captchas, ICurrentUser caller)
{
    /// <summary>The purposes anyone may ask for, signed in or not: each needs a solved captcha.</summary>
    public static bool NeedsCaptcha(SmsPurpose purpose) => purpose is SmsPurpose.Register or SmsPurpose.Login or SmsPurpose.ResetPassword;

    public async Task<Result> ExecuteAsync(string phone, SmsPurpose purpose, string? captchaId = null, string? captchaAnswer = null,
        CancellationToken cancellationToken = default)
    {
        var normalized = PhoneNumber.Normalize(phone);
        if (normalized is null)
        {
            return Result.Fail(Errors.PhoneInvalid);
        }
        if (NeedsCaptcha(purpose))
        {
            if (captchas.Check(captchaId, captchaAnswer) is { Succeeded: false } refused)
            {
                return refused;
            }
        }
        else if (purpose is not (SmsPurpose.ChangePhoneOld or SmsPurpose.ChangePhoneNew))
        {
            return Result.Fail(Errors.Forbidden);
        }
        else if (caller.UserId is null)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var owner = await users.FindByNameAsync(normalized);
        var exists = owner is not null;
        if (purpose is SmsPurpose.ChangePhoneNew && exists)
        {
            return Result.Fail(Errors.PhoneTaken);
        }
        if (purpose is SmsPurpose.ChangePhoneOld && owner?.Id != caller.UserId)
        {
            // The old number is the caller's own, never someone else's.
            return Result.Fail(Errors.Forbidden);
        }
        // Login and reset: the same work and answer either way; only the SMS itself is left out.
        var deliver = exists || purpose is not (SmsPurpose.Login or SmsPurpose.ResetPassword);
        return await smsCodes.SendAsync(normalized, purpose, deliver, cancellationToken);
    }
}
