using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;

namespace Portal.Application.Accounts;

/// <summary>A message the development SMS sender "sent".</summary>
public sealed record SmsOutboxRow(long Id, DateTime SentAtUtc, string Phone, string Text);

/// <summary>The development SMS outbox, newest first (the page shows it to platform admins, and in Development to anyone).</summary>
public sealed class ListSmsOutbox(IPortalDbContextFactory dbFactory)
{
    public async Task<IReadOnlyList<SmsOutboxRow>> ExecuteAsync(int take = 100, CancellationToken cancellationToken = default)
    {
        await using var db = dbFactory.CreateForScope(null, null);
        return await db.SmsOutbox.AsNoTracking().OrderByDescending(m => m.Id).Take(take)
            .Select(m => new SmsOutboxRow(m.Id, m.SentAtUtc, m.Phone, m.Text)).ToListAsync(cancellationToken);
    }
}
