using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Reviews;

/// <summary>
/// A file a platform review queue shows a platform admin (<c>/platform/files/{key}</c>): the business licence and authorization
/// letter of an organization awaiting certification review, the proof of a pending information change or owner claim, the ID
/// photo of a pending manual real-name review, a scanned seal awaiting review. Any other stored file — signed documents,
/// decided cases' proofs, personal signatures — is "not found", as an unknown key, whoever asks.
/// </summary>
public sealed class OpenReviewFile(Access access, IPortalDbContextFactory dbFactory, IFileStore files)
{
    public async Task<Result<Stream>> ExecuteAsync(string key, CancellationToken cancellationToken = default)
    {
        var allowed = access.RequirePlatformRole(PlatformRoles.PlatformAdmin);
        if (!allowed.Succeeded)
        {
            return allowed.Error!;
        }
        if (string.IsNullOrWhiteSpace(key) || key.Length > 200)
        {
            return Result<Stream>.Fail(Errors.NotFound);
        }
        await using var db = dbFactory.CreateForScope(null, null);
        // The review queues, across tenants on purpose: this is the platform's view.
        var underReview =
            await db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.AwaitingPlatformReview && o.Status == OrganizationStatus.Certifying
                && (o.BusinessLicenseFile == key || o.AuthorizationLetterFile == key), cancellationToken)
            || await db.PlatformReviewRequests.IgnoreQueryFilters().AnyAsync(r => r.Status == RequestStatus.Pending && r.ProofFile == key,
                cancellationToken)
            || await db.RealNameVerifications.IgnoreQueryFilters().AnyAsync(v => v.Channel == RealNameChannel.ManualReview
                && v.Status == RealNameStatus.Pending && v.IdPhotoFile == key, cancellationToken)
            || await db.Seals.IgnoreQueryFilters().AnyAsync(s => s.Status == SealStatus.PendingReview && s.ImageFile == key, cancellationToken);
        if (!underReview || await files.OpenAsync(key, cancellationToken) is not { } stream)
        {
            return Result<Stream>.Fail(Errors.NotFound);
        }
        return stream;
    }
}
