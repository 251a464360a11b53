using Microsoft.AspNetCore.Identity;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningPins;

/// <summary>
/// The rules of 证书密码. The seed manual sets no format; we require 6–12 ASCII letters and digits with at least one
/// of each (a 6-digit PIN alone is guessable from a birthday), compared case-sensitively. Hashed with Identity's
/// PBKDF2 hasher (<see cref="IPasswordHasher{SigningPin}"/>: its cost comes from <see cref="PasswordHasherOptions"/>, Identity's
/// default in production; only tests lower it). Five wrong tries lock the PIN for 15 minutes; the refusal says how many tries remain.
/// </summary>
public static class SigningPinRules
{
    public const int MinLength = 6;
    public const int MaxLength = 12;
    public const int MaxTries = 5;
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    public static bool IsWellFormed(string? pin) =>
        pin is { Length: >= MinLength and <= MaxLength }
        && pin.All(char.IsAsciiLetterOrDigit)
        && pin.Any(char.IsAsciiLetter)
        && pin.Any(char.IsAsciiDigit);

    /// <summary>Format and confirmation of a new PIN.</summary>
    public static PortalError? CheckNew(string? pin, string? confirm) =>
        !IsWellFormed(pin) ? new PortalError(Errors.SigningPinFormat, MinLength, MaxLength)
        : pin != confirm ? new PortalError(Errors.SigningPinMismatch)
        : null;

    public static string Hash(IPasswordHasher<SigningPin> hasher, SigningPin entity, string pin) => hasher.HashPassword(entity, pin);

    /// <summary>
    /// Checks <paramref name="pin"/> against <paramref name="entity"/> and updates its try counter and lock (the caller saves
    /// inside its write transaction, also when the answer is a refusal).
    /// </summary>
    public static Result Check(IPasswordHasher<SigningPin> hasher, SigningPin entity, string? pin, DateTime nowUtc)
    {
        if (entity.LockedUntilUtc is { } until)
        {
            if (nowUtc < until)
            {
                return Result.Fail(Errors.SigningPinLocked, (int)Math.Ceiling((until - nowUtc).TotalMinutes));
            }
            // The lock has run out: a fresh series of tries.
            entity.LockedUntilUtc = null;
            entity.FailedAttempts = 0;
        }
        var verdict = string.IsNullOrEmpty(pin) ? PasswordVerificationResult.Failed : hasher.VerifyHashedPassword(entity, entity.PinHash, pin);
        entity.ConcurrencyStamp = Guid.NewGuid();
        if (verdict == PasswordVerificationResult.Failed)
        {
            entity.FailedAttempts++;
            if (entity.FailedAttempts >= MaxTries)
            {
                entity.LockedUntilUtc = nowUtc + LockDuration;
                return Result.Fail(Errors.SigningPinLocked, (int)LockDuration.TotalMinutes);
            }
            return Result.Fail(Errors.SigningPinWrong, MaxTries - entity.FailedAttempts);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            entity.PinHash = hasher.HashPassword(entity, pin!);
        }
        entity.FailedAttempts = 0;
        return Result.Ok();
    }
}
