using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.PersonalSignatures;

/// <summary>
/// 删除签名: soft delete (signed documents and records keep it); it can no longer sign. When it was the default, the newest
/// remaining signature becomes the default.
/// </summary>
public sealed class DeleteSignature(WriteUnit unit)
{
    public Task<Result> ExecuteAsync(Guid signatureId, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.AsUser(), async w =>
        {
            var live = await PersonalSignatureRules.Live(w.Db, w.UserId!.Value).OrderByDescending(s => s.CreatedAtUtc).ToListAsync(cancellationToken);
            var signature = live.FirstOrDefault(s => s.Id == signatureId);
            if (signature is null)
            {
                return Result.Fail(Errors.SignatureNotFound);
            }
            signature.DeletedAtUtc = w.Now;
            if (signature.IsDefault)
            {
                signature.IsDefault = false;
                if (live.FirstOrDefault(s => s.Id != signatureId) is { } next)
                {
                    next.IsDefault = true;
                }
            }
            w.Audit(AuditActions.SignaturePersonalDelete, signature.Id.ToString(), signature.Name);
            return Result.Ok();
        }, cancellationToken);
}
