using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;

namespace Portal.Application.PersonalSignatures;

/// <summary>设为默认: the signature the signing page picks first; exactly one live signature is the default.</summary>
public sealed class SetDefaultSignature(WriteUnit unit)
{
    public Task<Result> ExecuteAsync(Guid signatureId, CancellationToken cancellationToken = default) =>
        unit.RunAsync(Write.AsUser(), async w =>
        {
            var live = await PersonalSignatureRules.Live(w.Db, w.UserId!.Value).ToListAsync(cancellationToken);
            var chosen = live.FirstOrDefault(s => s.Id == signatureId);
            if (chosen is null)
            {
                return Result.Fail(Errors.SignatureNotFound);
            }
            foreach (var s in live.Where(s => s.IsDefault != (s.Id == signatureId)))
            {
                s.IsDefault = s.Id == signatureId;
            }
            w.Audit(AuditActions.SignaturePersonalDefault, chosen.Id.ToString(), chosen.Name);
            return Result.Ok();
        }, cancellationToken);
}
