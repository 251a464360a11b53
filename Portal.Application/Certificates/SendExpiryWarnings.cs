using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

/// <summary>
/// The daily expiry check (run by the Quartz job <c>CertificateExpiryWarningsJob</c>, <c>Jobs:CertificateExpiryWarningsEvery</c>): an SMS to the owner of every active personal certificate
/// ending within 30 days, and again within 7 days. Each warning goes out once: it is claimed in its own write unit
/// (re-read under the lock; a second run or node that lost the race gets a concurrency refusal and skips it) and the
/// message is sent after that unit commits. A certificate found already inside 7 days gets only the 7-day warning.
/// </summary>
public sealed class SendExpiryWarnings(WriteUnit unit, SmsNotifier sms, TimeProvider clock, ILogger<SendExpiryWarnings> logger)
{
    public static readonly TimeSpan FirstWarning = TimeSpan.FromDays(30);
    public static readonly TimeSpan LastWarning = TimeSpan.FromDays(7);

    /// <summary>Returns how many warnings were sent.</summary>
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        // One "now" for the whole run: the list and every claim use the same cut-offs.
        var now = clock.GetUtcNow().UtcDateTime;
        var first = now + FirstWarning;
        var last = now + LastWarning;
        // A platform job with no caller: it reads every user's certificates, naming exactly the rows it needs.
        var due = await unit.ReadAsync(Write.Unchecked(), async r => Result<List<Guid>>.Ok(
            await r.Db.PersonalCertificates.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.Status == PersonalCertificateStatus.Active && c.NotAfterUtc > now && c.NotAfterUtc <= first
                    && (c.Warned30AtUtc == null || (c.NotAfterUtc <= last && c.Warned7AtUtc == null)))
                .Select(c => c.Id).ToListAsync(cancellationToken)), cancellationToken);
        var sent = 0;
        foreach (var id in due.Value!)
        {
            // A claim lost to another run ends in Errors.Concurrency and sends nothing; the SMS is sent only after a commit.
            await ClaimAsync(id, now, last, () => sent++, cancellationToken);
        }
        if (sent > 0)
        {
            logger.LogInformation("Sent {Count} personal certificate expiry warnings", sent);
        }
        return sent;
    }

    private Task<Result> ClaimAsync(Guid id, DateTime now, DateTime last, Action counted, CancellationToken cancellationToken) =>
        unit.RunAsync(Write.Unchecked(), async w =>
        {
            var c = await w.Db.PersonalCertificates.IgnoreQueryFilters().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
            if (c is null || c.Status != PersonalCertificateStatus.Active || c.NotAfterUtc <= now)
            {
                return Result.Ok();
            }
            int days;
            if (c.NotAfterUtc <= last && c.Warned7AtUtc is null)
            {
                c.Warned7AtUtc = now;
                c.Warned30AtUtc ??= now;
                days = 7;
            }
            else if (c.Warned30AtUtc is null)
            {
                c.Warned30AtUtc = now;
                days = 30;
            }
            else
            {
                return Result.Ok();
            }
            var phone = await w.Db.Users.Where(u => u.Id == c.OwnerUserId).Select(u => u.PhoneNumber ?? u.UserName).FirstOrDefaultAsync(cancellationToken);
            w.Audit(AuditActions.CertificatePersonalExpiryWarning, c.SerialNumber, $"{days}d");
            if (!string.IsNullOrEmpty(phone))
            {
                var end = DateOnly.FromDateTime(c.NotAfterUtc.AddHours(8));
                var text = SmsMessages.CertificateExpiring(c.SerialNumber[..Math.Min(8, c.SerialNumber.Length)], end);
                w.AfterCommit(async () =>
                {
                    await sms.SendAsync(phone, text, cancellationToken);
                    counted();
                });
            }
            return Result.Ok();
        }, cancellationToken);
}
