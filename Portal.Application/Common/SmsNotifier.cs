using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Application.Accounts;
using Portal.Application.Domain;

namespace Portal.Application.Common;

/// <summary>
/// The one path every SMS takes: counts it against the daily caps per phone number and per sending account (rows of
/// <see cref="IPortalDbContext.SmsSends"/>, so the caps hold across restarts and nodes), then sends the catalog message
/// in its recipient's language (zh-CN when the number has no account).
/// </summary>
public sealed class SmsNotifier(IPortalDbContextFactory dbFactory, ISmsSender sender, WriteUnit unit, RateLimitOptions limits,
    ILogger<SmsNotifier> logger)
{
    /// <summary>The <see cref="SmsDelivery.Failure"/> of a message a daily cap held back.</summary>
    public const string DailyLimitFailure = "sms.daily-limit";

    public static readonly TimeSpan CapWindow = TimeSpan.FromDays(1);

    /// <summary>
    /// Counts and sends one message; not sent (<c>sms.daily-limit</c>) when a daily cap refused it (the refusal is audited).
    /// It runs a write unit of its own: call it after a commit (<see cref="WriteContext.AfterCommit(Func{Task})"/>), never
    /// inside a unit.
    /// </summary>
    public async Task<SmsDelivery> SendAsync(string phone, SmsMessage message, CancellationToken cancellationToken = default)
    {
        // The count and the new row share one write unit, so two senders cannot both take the last permit.
        var counted = await unit.RunAsync(Write.Unchecked(), async w =>
            await CountAsync(w, phone, message.Template, delivered: true, cancellationToken) is { } refused ? refused : Result.Ok(),
            cancellationToken);
        if (!counted.Succeeded)
        {
            logger.LogWarning("SMS {Template} to {Phone} not sent: {Error}", message.Template.Id, PhoneNumber.Mask(phone), counted.Error);
            return SmsDelivery.Failed(DailyLimitFailure);
        }
        return await DeliverAsync(phone, message, cancellationToken);
    }

    /// <summary>
    /// Counts one message inside the caller's write unit (a code and its count commit together). Over a cap it records the
    /// refusal (<see cref="WriteContext.Refuse"/>) and returns the error the caller returns; nothing else of the unit commits.
    /// </summary>
    public async Task<PortalError?> CountAsync(WriteContext w, string phone, SmsTemplate template, bool delivered,
        CancellationToken cancellationToken = default)
    {
        var since = w.Now - CapWindow;
        if (await w.Db.SmsSends.CountAsync(r => r.Phone == phone && r.SentAtUtc > since, cancellationToken) >= limits.DailySmsPerPhone)
        {
            return w.Refuse(new PortalError(Errors.SmsDailyLimitPhone), AuditActions.SmsDailyLimit, PhoneNumber.Mask(phone), "phone");
        }
        if (w.UserId is { } account
            && await w.Db.SmsSends.CountAsync(r => r.AccountId == account && r.SentAtUtc > since, cancellationToken) >= limits.DailySmsPerAccount)
        {
            return w.Refuse(new PortalError(Errors.SmsDailyLimitAccount), AuditActions.SmsDailyLimit, account.ToString(), "account");
        }
        w.Db.SmsSends.Add(new SmsSendRecord
        {
            Phone = phone,
            AccountId = w.UserId,
            TemplateId = template.Id,
            Delivered = delivered,
            SentAtUtc = w.Now,
        });
        return null;
    }

    /// <summary>Hands a message already counted by <see cref="CountAsync"/> to the gateway.</summary>
    public async Task<SmsDelivery> DeliverAsync(string phone, SmsMessage message, CancellationToken cancellationToken = default)
    {
        string? culture;
        await using (var db = dbFactory.CreateForScope(null, null))
        {
            culture = await db.Users.Where(u => u.UserName == phone).Select(u => u.Culture).FirstOrDefaultAsync(cancellationToken);
        }
        return await sender.SendAsync(phone, message.Template.Id, message.Parameters, SmsLanguages.Of(culture), cancellationToken);
    }
}
