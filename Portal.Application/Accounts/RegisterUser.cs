using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Accounts;

public sealed record RegisterRequest(string Phone, string DisplayName, string Password, string ConfirmPassword, string SmsCode, bool AcceptTerms);

/// <summary>注册: mobile number, password twice, SMS code and consent to the agreement and privacy notice.</summary>
public sealed class RegisterUser(IServiceScopeFactory scopes, SmsCodes smsCodes, AuditTrail audit, IPortalDbContextFactory dbFactory,
    TimeProvider clock)
{
    /// <summary>Checks everything that needs no database, so a bad form never consumes the SMS code.</summary>
    public static PortalError? Validate(RegisterRequest r)
    {
        if (PhoneNumber.Normalize(r.Phone) is null)
        {
            return new PortalError(Errors.PhoneInvalid);
        }
        if (string.IsNullOrWhiteSpace(r.DisplayName) || r.DisplayName.Trim().Length > 50)
        {
            return new PortalError(Errors.NameRequired);
        }
        if (!PasswordPolicy.IsSatisfiedBy(r.Password))
        {
            return new PortalError(Errors.PasswordPolicy);
        }
        if (r.Password != r.ConfirmPassword)
        {
            return new PortalError(Errors.PasswordMismatch);
        }
        if (!r.AcceptTerms)
        {
            return new PortalError(Errors.TermsRequired);
        }
        return null;
    }

    public async Task<Result<Guid>> ExecuteAsync(RegisterRequest request, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }
        var phone = PhoneNumber.Normalize(request.Phone)!;
        // The code first: only whoever holds the number learns that it is registered already (no enumeration).
        var code = await smsCodes.VerifyAsync(phone, SmsPurpose.Register, request.SmsCode, cancellationToken);
        if (!code.Succeeded)
        {
            return code.Error!;
        }
        if (await users.FindByNameAsync(phone) is not null)
        {
            return Result<Guid>.Fail(Errors.PhoneTaken);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var user = new PortalUser
        {
            Id = Guid.NewGuid(),
            UserName = phone,
            PhoneNumber = phone,
            PhoneNumberConfirmed = true,
            DisplayName = request.DisplayName.Trim(),
            CreatedAtUtc = now,
            TermsAcceptedAtUtc = now,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
        {
            // A parallel registration of the same number lost the race on the unique user name.
            return Result<Guid>.Fail(created.Errors.Any(e => e.Code.Contains("DuplicateUserName", StringComparison.Ordinal))
                ? Errors.PhoneTaken : Errors.PasswordPolicy);
        }
        await audit.RecordAsync(dbFactory, AuditActions.AccountRegister, user.Id.ToString(), AuditOutcome.Success, PhoneNumber.Mask(phone),
            cancellationToken: cancellationToken);
        // Invitations of this number wait for the new user to accept them (personal space, 我的单位): nobody joins unasked.
        return user.Id;
    }
}
