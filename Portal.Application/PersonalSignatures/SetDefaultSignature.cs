using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.PersonalSignatures;

/// <summary>设为默认: the signature the signing page picks first; exactly one live signature is the default.</summary>
public sealed class SetDefaultSignature(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, AuditTrail audit)
{
    public async Task<Result> ExecuteAsync(Guid signatureId, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result.Fail(Errors.NotSignedIn);
        }
        await using var db = dbFactory.CreateForScope(null, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var live = await PersonalSignatureRules.Live(db, userId).ToListAsync(cancellationToken);
        var chosen = live.FirstOrDefault(s => s.Id == signatureId);
        if (chosen is null)
        {
            return Result.Fail(Errors.SignatureNotFound);
        }
        foreach (var s in live.Where(s => s.IsDefault != (s.Id == signatureId)))
        {
            s.IsDefault = s.Id == signatureId;
            s.ConcurrencyStamp = Guid.NewGuid();
        }
        await audit.AppendAsync(db, "signature.personal.default", chosen.Id.ToString(), AuditOutcome.Success, chosen.Name,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
