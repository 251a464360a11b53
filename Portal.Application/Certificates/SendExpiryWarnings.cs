using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

/// <summary>
/// The daily expiry check (run by a hosted job): an SMS to the owner of every active personal certificate
/// ending within 30 days, and again within 7 days. Each warning goes out once: it is claimed in a write unit
/// (a concurrency stamp makes a second run or node skip it) before the message is sent. A certificate found
/// already inside 7 days gets only the 7-day warning.
/// </summary>
public sealed class SendExpiryWarnings(IPortalDbContextFactory dbFactory, SmsNotifier sms, AuditTrail audit, TimeProvider clock,
    ILogger<SendExpiryWarnings> logger)
{
    public static readonly TimeSpan FirstWarning = TimeSpan.FromDays(30);
    public static readonly TimeSpan LastWarning = TimeSpan.FromDays(7);

    /// <summary>Returns how many warnings were sent.</summary>
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var first = now + FirstWarning;
        var last = now + LastWarning;
        List<Guid> due;
        await using (var db = dbFactory.CreateForScope(null, null))
        {
            // A platform job: it reads every user's certificates, naming exactly the rows it needs.
            due = await db.PersonalCertificates.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.Status == PersonalCertificateStatus.Active && c.NotAfterUtc > now && c.NotAfterUtc <= first
                    && (c.Warned30AtUtc == null || (c.NotAfterUtc <= last && c.Warned7AtUtc == null)))
                .Select(c => c.Id).ToListAsync(cancellationToken);
        }
        var sent = 0;
        foreach (var id in due)
        {
            if (await ClaimAsync(id, now, last, cancellationToken) is not { } message)
            {
                continue;
            }
            await sms.SendAsync(message.Phone, message.Text, cancellationToken);
            sent++;
        }
        if (sent > 0)
        {
            logger.LogInformation("Sent {Count} personal certificate expiry warnings", sent);
        }
        return sent;
    }

    private sealed record Message(string Phone, SmsMessage Text);

    private async Task<Message?> ClaimAsync(Guid id, DateTime now, DateTime last, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateForScope(null, null);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var c = await db.PersonalCertificates.IgnoreQueryFilters().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null || c.Status != PersonalCertificateStatus.Active || c.NotAfterUtc <= now)
        {
            return null;
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
            return null;
        }
        c.ConcurrencyStamp = Guid.NewGuid();
        var phone = await db.Users.Where(u => u.Id == c.OwnerUserId).Select(u => u.PhoneNumber ?? u.UserName).FirstOrDefaultAsync(cancellationToken);
        await audit.AppendAsync(db, AuditActions.CertificatePersonalExpiryWarning, c.SerialNumber, AuditOutcome.Success, $"{days}d", cancellationToken: cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }
        if (string.IsNullOrEmpty(phone))
        {
            return null;
        }
        var end = DateOnly.FromDateTime(c.NotAfterUtc.AddHours(8));
        return new Message(phone, SmsMessages.CertificateExpiring(c.SerialNumber[..Math.Min(8, c.SerialNumber.Length)], end));
    }
}
