using Microsoft.AspNetCore.Identity;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningPins;

/// <summary>
/// The rules of 证书密码. The seed manual sets no format; we require 6–12 ASCII letters and digits with at least one
/// of each (a 6-digit PIN alone is guessable from a birthday), compared case-sensitively. Hashed with Identity's
/// PBKDF2 hasher (<see cref="IPasswordHasher{SigningPin}"/>: Identity's default cost in production; only tests lower it
/// through <see cref="PasswordHasherOptions"/>). Five wrong tries lock the PIN for 15 minutes; the refusal says how many tries remain.
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

    /// <summary>Hashes a new PIN (PBKDF2, ~50 ms): call it before the write unit takes the lock.</summary>
    public static string Hash(IPasswordHasher<SigningPin> hasher, string pin) => hasher.HashPassword(Nobody, pin);

    /// <summary>The minutes a lock still runs at <paramref name="nowUtc"/>, or null when the PIN is not locked.</summary>
    public static int? LockedMinutes(SigningPin entity, DateTime nowUtc) =>
        entity.LockedUntilUtc is { } until && nowUtc < until ? (int)Math.Ceiling((until - nowUtc).TotalMinutes) : null;

    /// <summary>
    /// The slow half of a check, for outside the lock: compares <paramref name="pin"/> with <paramref name="pinHash"/>
    /// (PBKDF2, ~50 ms) and, when the hash should be upgraded, makes the new one. Changes nothing.
    /// </summary>
    public static PinComparison Compare(IPasswordHasher<SigningPin> hasher, string pinHash, string? pin)
    {
        var verdict = string.IsNullOrEmpty(pin) ? PasswordVerificationResult.Failed : hasher.VerifyHashedPassword(Nobody, pinHash, pin);
        return new PinComparison(pinHash, verdict != PasswordVerificationResult.Failed,
            verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(Nobody, pin!) : null);
    }

    /// <summary>
    /// The fast half, under the lock, on the PIN as it is now: a lock refuses; a PIN changed since <paramref name="comparison"/>
    /// was made (or no comparison, because the PIN was locked when read) refuses without counting — the comparison says
    /// nothing about the PIN as it is now; otherwise a wrong PIN counts a try
    /// (the fifth locks for <see cref="LockDuration"/>) and a right one clears the count. The caller saves, also on a refusal.
    /// </summary>
    public static Result Record(SigningPin entity, PinComparison? comparison, DateTime nowUtc)
    {
        if (LockedMinutes(entity, nowUtc) is { } minutes)
        {
            return Result.Fail(Errors.SigningPinLocked, minutes);
        }
        if (comparison is null || entity.PinHash != comparison.PinHash)
        {
            return Result.Fail(Errors.Concurrency);
        }
        if (entity.LockedUntilUtc is not null)
        {
            // The lock has run out: a fresh series of tries.
            entity.LockedUntilUtc = null;
            entity.FailedAttempts = 0;
        }
        if (!comparison.Matches)
        {
            entity.FailedAttempts++;
            if (entity.FailedAttempts >= MaxTries)
            {
                entity.LockedUntilUtc = nowUtc + LockDuration;
                return Result.Fail(Errors.SigningPinLocked, (int)LockDuration.TotalMinutes);
            }
            return Result.Fail(Errors.SigningPinWrong, MaxTries - entity.FailedAttempts);
        }
        if (comparison.Rehashed is { } upgraded)
        {
            entity.PinHash = upgraded;
        }
        if (entity.FailedAttempts != 0)
        {
            entity.FailedAttempts = 0;
        }
        return Result.Ok();
    }

    // Identity's hasher takes the user for salting schemes of its own; the PBKDF2 format ignores it.
    private static readonly SigningPin Nobody = new();
}

/// <summary>A PIN compared outside the lock: against which hash, whether it matched, and an upgraded hash if one is due.</summary>
public sealed record PinComparison(string PinHash, bool Matches, string? Rehashed);
