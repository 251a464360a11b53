using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Accounts;

/// <summary>Remembers the language the signed-in user switched to (zh-CN unless en-US): SMS to them are sent in it.</summary>
public sealed class SetLanguage(IServiceScopeFactory scopes, ICurrentUser currentUser, Audit.AuditTrail audit, IPortalDbContextFactory dbFactory)
{
    public async Task<Result> ExecuteAsync(string culture)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (await users.FindByIdAsync(userId.ToString()) is not { } user)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        var language = SmsLanguages.Of(culture);
        if (user.Culture != language)
        {
            user.Culture = language;
            if ((await users.UpdateAsync(user)).Succeeded)
            {
                // A change only: switching to the language already stored writes nothing.
                await audit.RecordAsync(dbFactory, AuditActions.AccountLanguageSet, userId.ToString(), AuditOutcome.Success, language);
            }
        }
        return Result.Ok();
    }
}
