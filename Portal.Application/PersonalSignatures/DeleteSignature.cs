using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.PersonalSignatures;

/// <summary>
/// 删除签名: soft delete (signed documents and records keep it); it can no longer sign. When it was the default, the newest
/// remaining signature becomes the default.
/// </summary>
public sealed class DeleteSignature(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result> ExecuteAsync(Guid signatureId, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var live = await PersonalSignatureRules.Live(db, userId).OrderByDescending(s => s.CreatedAtUtc).ToListAsync(cancellationToken);
        var signature = live.FirstOrDefault(s => s.Id == signatureId);
        if (signature is null)
        {
            return Result.Fail(Errors.SignatureNotFound);
        }
        signature.DeletedAtUtc = clock.GetUtcNow().UtcDateTime;
        signature.ConcurrencyStamp = Guid.NewGuid();
        if (signature.IsDefault)
        {
            signature.IsDefault = false;
            if (live.FirstOrDefault(s => s.Id != signatureId) is { } next)
            {
                next.IsDefault = true;
                next.ConcurrencyStamp = Guid.NewGuid();
            }
        }
        await audit.AppendAsync(db, "signature.personal.delete", signature.Id.ToString(), AuditOutcome.Success, signature.Name,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
