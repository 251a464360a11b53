using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Accounts;

/// <summary>
/// One-time SMS codes: 6 digits, valid 10 minutes, single use, at most 5 tries, at most one send per 60 seconds per
/// number; sends and checks are limited per client IP (<see cref="ClientThrottle"/>), every send counts toward the daily
/// SMS caps, and a wrong code counts toward the number's account lockout across sends (as a wrong password does).
/// </summary>
public sealed class SmsCodes(WriteUnit unit, SmsNotifier sender, ClientThrottle throttle, ICurrentUser caller, ILogger<SmsCodes> logger)
{
    public static readonly TimeSpan Validity = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(60);
    public const int MaxTries = 5;

    /// <summary>Sends a fresh code; earlier unused codes of the same purpose stop working.</summary>
    public Task<Result> SendAsync(string phone, SmsPurpose purpose, CancellationToken cancellationToken = default) =>
        SendAsync(phone, purpose, deliver: true, cancellationToken);

    /// <summary>
    /// With <paramref name="deliver"/> false the code is made, counted and answered exactly as a sent one, but no SMS leaves:
    /// a login or reset code asked for an unregistered number, so the answer never tells whether it is registered.
    /// </summary>
    internal Task<Result> SendAsync(string phone, SmsPurpose purpose, bool deliver, CancellationToken cancellationToken)
    {
        var normalized = PhoneNumber.Normalize(phone);
        if (normalized is null)
        {
            return Task.FromResult(Result.Fail(Errors.PhoneInvalid));
        }
        if (!throttle.TryAcquire(ClientAction.CodeSend, caller.IpAddress))
        {
            logger.LogWarning("Code send to {Phone} refused: too many sends from {Ip}", PhoneNumber.Mask(normalized), caller.IpAddress);
            return Task.FromResult(Result.Fail(Errors.TooManyRequests));
        }
        // Codes go to a number, not to a caller: registration and password reset send them before anyone is signed in.
        return unit.RunAsync(Write.Unchecked(), async w =>
        {
            var now = w.Now;
            var lastSent = await w.Db.SmsCodes.Where(c => c.Phone == normalized)
                .OrderByDescending(c => c.SentAtUtc).Select(c => (DateTime?)c.SentAtUtc).FirstOrDefaultAsync(cancellationToken);
            if (lastSent is { } last && now - last < ResendInterval)
            {
                var wait = (int)Math.Ceiling((ResendInterval - (now - last)).TotalSeconds);
                return Result.Fail(Errors.SmsTooSoon, wait);
            }
            var open = await w.Db.SmsCodes.Where(c => c.Phone == normalized && c.Purpose == purpose && c.ConsumedAtUtc == null)
                .ToListAsync(cancellationToken);
            foreach (var old in open)
            {
                old.ConsumedAtUtc = now;
            }
            if (await sender.CountAsync(w, normalized, SmsTemplates.VerificationCode, deliver, cancellationToken) is { } capped)
            {
                return capped;
            }
            var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            w.Db.SmsCodes.Add(new SmsCode
            {
                Id = Guid.NewGuid(),
                Phone = normalized,
                Purpose = purpose,
                CodeHash = Hash(normalized, purpose, code),
                SentAtUtc = now,
                ExpiresAtUtc = now + Validity,
            });
            if (deliver)
            {
                w.AfterCommit(() => sender.DeliverAsync(normalized, SmsMessages.VerificationCode(code), cancellationToken));
            }
            return Result.Ok();
        }, cancellationToken);
    }

    /// <summary>Checks and consumes a code. A wrong code counts a try; the error says how many remain.</summary>
    public Task<Result> VerifyAsync(string phone, SmsPurpose purpose, string? code, CancellationToken cancellationToken = default) =>
        VerifyAllAsync([(phone, purpose, code)], cancellationToken);

    /// <summary>
    /// Checks several codes (e.g. to the old and the new number) and consumes them only when all are right,
    /// so one wrong code never burns the other.
    /// </summary>
    public Task<Result> VerifyAllAsync(IReadOnlyList<(string Phone, SmsPurpose Purpose, string? Code)> codes,
        CancellationToken cancellationToken = default)
    {
        if (!throttle.TryAcquire(ClientAction.CodeCheck, caller.IpAddress))
        {
            logger.LogWarning("Code check refused: too many checks from {Ip}", caller.IpAddress);
            return Task.FromResult(Result.Fail(Errors.TooManyRequests));
        }
        // Codes belong to numbers, not to a caller (registration, password reset): the code itself is the check.
        return unit.RunAsync(Write.Unchecked(), async w =>
        {
            var matched = new List<SmsCode>();
            foreach (var (phone, purpose, code) in codes)
            {
                var normalized = PhoneNumber.Normalize(phone);
                if (normalized is null)
                {
                    return Result.Fail(Errors.PhoneInvalid);
                }
                // The number's account (none for a number being registered or moved to).
                var account = await w.Db.Users.FirstOrDefaultAsync(u => u.UserName == normalized, cancellationToken);
                if (account is { LockoutEnd: { } lockedUntil } && lockedUntil.UtcDateTime > w.Now)
                {
                    return Result.Fail(Errors.LockedOut, Math.Max(1, (int)Math.Ceiling((lockedUntil.UtcDateTime - w.Now).TotalMinutes)));
                }
                var entry = await w.Db.SmsCodes.Where(c => c.Phone == normalized && c.Purpose == purpose && c.ConsumedAtUtc == null)
                    .OrderByDescending(c => c.SentAtUtc).FirstOrDefaultAsync(cancellationToken);
                if (entry is null)
                {
                    return Result.Fail(Errors.SmsCodeInvalid, 0);
                }
                if (w.Now >= entry.ExpiresAtUtc)
                {
                    return Result.Fail(Errors.SmsCodeExpired);
                }
                if (entry.FailedAttempts >= MaxTries)
                {
                    return Result.Fail(Errors.SmsCodeTooManyTries);
                }
                var given = Encoding.ASCII.GetBytes(Hash(normalized, purpose, (code ?? "").Trim()));
                if (!CryptographicOperations.FixedTimeEquals(given, Encoding.ASCII.GetBytes(entry.CodeHash)))
                {
                    // The wrong try is kept (it counts toward the limit); nothing is consumed. It also counts toward the
                    // account's lockout, which a new code does not reset.
                    entry.FailedAttempts++;
                    if (account is not null && CountFailure(account, w.Now) is { } locked)
                    {
                        w.Audit(AuditActions.AccountLogin, account.Id.ToString(), "SmsCodeLockout", AuditOutcome.Refused);
                        return w.Keep(locked);
                    }
                    return w.Keep(entry.FailedAttempts >= MaxTries
                        ? new PortalError(Errors.SmsCodeTooManyTries)
                        : new PortalError(Errors.SmsCodeInvalid, MaxTries - entry.FailedAttempts));
                }
                matched.Add(entry);
            }
            foreach (var entry in matched)
            {
                entry.ConsumedAtUtc = w.Now;
            }
            return Result.Ok();
        }, cancellationToken);
    }

    /// <summary>Identity's lockout rule for a wrong code: the fifth failure in a row locks the account for the lockout time.</summary>
    private static PortalError? CountFailure(PortalUser account, DateTime now)
    {
        if (!account.LockoutEnabled)
        {
            return null;
        }
        account.AccessFailedCount++;
        if (account.AccessFailedCount < LoginLockout.MaxFailedAttempts)
        {
            return null;
        }
        account.AccessFailedCount = 0;
        account.LockoutEnd = new DateTimeOffset(now + LoginLockout.Duration, TimeSpan.Zero);
        return new PortalError(Errors.LockedOut, (int)LoginLockout.Duration.TotalMinutes);
    }

    private static string Hash(string phone, SmsPurpose purpose, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{phone}|{(int)purpose}|{code}")));
}
