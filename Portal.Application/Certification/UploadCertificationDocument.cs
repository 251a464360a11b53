using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certification;

public enum CertificationDocument
{
    /// <summary>授权书, required when the registrant is not the legal representative.</summary>
    AuthorizationLetter = 1,

    /// <summary>营业执照 image.</summary>
    BusinessLicense = 2,
}

/// <summary>Attaches the authorization letter or business licence to a draft organization (owner).</summary>
public sealed class UploadCertificationDocument(WriteUnit unit, IFileStore files)
{
    public Task<Result> ExecuteAsync(Guid organizationId, CertificationDocument kind, UploadedFile file,
        CancellationToken cancellationToken = default)
    {
        if (Uploads.Check(file.FileName, file.Content.LongLength) is { } bad)
        {
            return Task.FromResult<Result>(bad);
        }
        var owner = Write.InOrganization(organizationId, OrgRoles.Owner);
        return unit.RunAsync(owner,
            async () =>
            {
                var draft = await unit.ReadAsync(owner, async r =>
                {
                    var org = await r.Db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
                    return org.Status is not (OrganizationStatus.Draft or OrganizationStatus.Certifying) || org.AwaitingPlatformReview
                        ? Result<bool>.Fail(Errors.OrganizationNotDraft) : true;
                }, cancellationToken);
                if (!draft.Succeeded)
                {
                    return draft.Error!;
                }
                // The file is stored before the lock: an orphan file is harmless, a long write lock is not.
                return Result<string>.Ok(await files.SaveAsync(new MemoryStream(file.Content), file.FileName, cancellationToken));
            },
            async (w, key) =>
            {
                var org = await w.Db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
                if (kind == CertificationDocument.AuthorizationLetter)
                {
                    org.AuthorizationLetterFile = key;
                }
                else
                {
                    org.BusinessLicenseFile = key;
                }
                w.Audit(AuditActions.OrganizationDocumentUpload, org.Id.ToString(), kind.ToString());
                return Result.Ok();
            }, cancellationToken);
    }
}
