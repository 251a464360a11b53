using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.RealName;

/// <summary>Who is being verified, with the channel's extra factors (phone for three-factor; card and reserved phone for four-factor).</summary>
public sealed record RealNameSubject(Guid UserId, string Name, string IdNumber, string AccountPhone, string? Phone, string? BankCard);

/// <summary>
/// A real-name verification service (公安 identity check plus a challenge the person answers). Start checks the
/// identity and opens a session (its reference, or <see cref="Errors.RealNameMismatch"/>); Complete checks the answer.
/// </summary>
public interface IRealNameProvider
{
    Task<Result<string>> StartAsync(RealNameSubject subject, CancellationToken cancellationToken = default);

    Task<Result> CompleteAsync(string reference, string? answer, CancellationToken cancellationToken = default);
}

/// <summary>Face recognition (人脸识别) against the ID photo on record.</summary>
public interface IFaceVerificationProvider : IRealNameProvider;

/// <summary>Phone three-factor: the operator confirms name, ID number and mobile number belong together.</summary>
public interface IPhoneThreeFactorProvider : IRealNameProvider
{
    /// <summary>
    /// The operator's answer alone, without a challenge: is <paramref name="phone"/> registered to <paramref name="name"/> and
    /// <paramref name="idNumber"/>? <see cref="Errors.RealNameMismatch"/> when not. Used where a third party's number is named
    /// (the legal representative's phone in certification).
    /// </summary>
    Task<Result> CheckPhoneAsync(string name, string idNumber, string phone, CancellationToken cancellationToken = default);
}

/// <summary>Bank card four-factor: the bank confirms name, ID number, card number and reserved mobile number.</summary>
public interface IBankCardFourFactorProvider : IRealNameProvider;

/// <summary>
/// The development providers. The identity registry knows every ID number with a valid check digit, except
/// those whose sequence code (digits 15–17) is 000, which it reports as not matching the name. The challenge
/// is a one-time code through the SMS outbox: face — to the account's phone (standing in for the camera
/// capture); three-factor — to the phone given; four-factor — to the card's reserved phone. A person finishes
/// the flow by reading the outbox page. For the three-factor check alone, the operator's register is the platform's own: a
/// number belongs to a person when an account with that number is real-name verified with that name and ID number (the demo
/// people); every other combination is refused.
/// </summary>
public sealed class DevelopmentRealNameProvider(SmsCodes codes, IPortalDbContextFactory dbFactory)
    : IFaceVerificationProvider, IPhoneThreeFactorProvider, IBankCardFourFactorProvider
{
    public const string UnknownSequence = "000";

    public async Task<Result<string>> StartAsync(RealNameSubject subject, CancellationToken cancellationToken = default)
    {
        if (subject.IdNumber.Length == 18 && subject.IdNumber.Substring(14, 3) == UnknownSequence)
        {
            return Result<string>.Fail(Errors.RealNameMismatch);
        }
        var phone = subject.Phone ?? subject.AccountPhone;
        var sent = await codes.SendAsync(phone, SmsPurpose.RealName, cancellationToken);
        if (!sent.Succeeded)
        {
            return sent.Error!;
        }
        return PhoneNumber.Normalize(phone)!;
    }

    public async Task<Result> CheckPhoneAsync(string name, string idNumber, string phone, CancellationToken cancellationToken = default)
    {
        if (PhoneNumber.Normalize(phone) is not { } normalized)
        {
            return Result.Fail(Errors.RealNameMismatch);
        }
        await using var db = dbFactory.CreateForScope(null, null);
        // Across accounts on purpose: the operator knows every number.
        var userId = await db.Users.Where(u => u.UserName == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
        var identity = userId is { } id ? await VerifiedIdentity.OfAsync(db, id, cancellationToken) : null;
        return identity is not null && identity.Name == name.Trim() && identity.IdNumber == RealNameRules.Normalize(idNumber)
            ? Result.Ok() : Result.Fail(Errors.RealNameMismatch);
    }

    public Task<Result> CompleteAsync(string reference, string? answer, CancellationToken cancellationToken = default) =>
        codes.VerifyAsync(reference, SmsPurpose.RealName, answer, cancellationToken);
}
