using Portal.Application.Audit;
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
public sealed class UploadCertificationDocument(CertificationSteps steps, IFileStore files, AuditTrail audit)
{
    public async Task<Result> ExecuteAsync(Guid organizationId, CertificationDocument kind, UploadedFile file,
        CancellationToken cancellationToken = default)
    {
        if (Uploads.Check(file.FileName, file.Content.LongLength) is { } bad)
        {
            return bad;
        }
        await using var db = steps.Open(organizationId);
        var check = await steps.OwnedAsync(db, cancellationToken);
        if (!check.Succeeded)
        {
            return check.Error!;
        }
        if (check.Value!.Status is not (OrganizationStatus.Draft or OrganizationStatus.Certifying) || check.Value.AwaitingPlatformReview)
        {
            return Result.Fail(Errors.OrganizationNotDraft);
        }
        // The file is stored before the transaction: an orphan file is harmless, a long write lock is not.
        var key = await files.SaveAsync(new MemoryStream(file.Content), file.FileName, cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var org = (await steps.OwnedAsync(db, cancellationToken)).Value!;
        if (kind == CertificationDocument.AuthorizationLetter)
        {
            org.AuthorizationLetterFile = key;
        }
        else
        {
            org.BusinessLicenseFile = key;
        }
        org.ConcurrencyStamp = Guid.NewGuid();
        await audit.AppendAsync(db, "organization.document.upload", org.Id.ToString(), AuditOutcome.Success, kind.ToString(),
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
