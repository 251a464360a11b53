using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningPins;

/// <summary>Sends a code to the caller's own number: to reset the signing PIN, or to confirm a signature by SMS.</summary>
public sealed class SendSigningSmsCode(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, SmsCodes smsCodes)
{
    public async Task<Result> ExecuteAsync(SmsPurpose purpose, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        if (purpose is not (SmsPurpose.ResetSigningPin or SmsPurpose.SigningConfirmation))
        {
            return Result.Fail(Errors.Forbidden);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        var phone = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken);
        return phone is null ? Result.Fail(Errors.NotSignedIn) : await smsCodes.SendAsync(phone, purpose, cancellationToken);
    }
}
