using Microsoft.EntityFrameworkCore;

namespace Portal.Application.Common;

/// <summary>Sends a catalog message to a number in its account's language (zh-CN when the number has no account).</summary>
public sealed class SmsNotifier(IPortalDbContextFactory dbFactory, ISmsSender sender)
{
    public async Task<SmsDelivery> SendAsync(string phone, SmsMessage message, CancellationToken cancellationToken = default)
    {
        string? culture;
        await using (var db = dbFactory.CreateForScope(null, null))
        {
            culture = await db.Users.Where(u => u.UserName == phone).Select(u => u.Culture).FirstOrDefaultAsync(cancellationToken);
        }
        return await sender.SendAsync(phone, message.Template.Id, message.Parameters, SmsLanguages.Of(culture), cancellationToken);
    }
}
