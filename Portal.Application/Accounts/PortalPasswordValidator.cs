using Microsoft.AspNetCore.Identity;
using Portal.Application.Domain;

namespace Portal.Application.Accounts;

/// <summary>Plugs <see cref="PasswordPolicy"/> into ASP.NET Core Identity.</summary>
public sealed class PortalPasswordValidator : IPasswordValidator<PortalUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password) =>
        Task.FromResult(PasswordPolicy.IsSatisfiedBy(password)
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = Common.Errors.PasswordPolicy, Description = Common.Errors.PasswordPolicy }));
}
