using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.RealName;

/// <summary>Non-mainland 实名认证: name, document number and a photo of the document (front, back and held in hand).</summary>
public sealed record RealNameReviewRequest(string Name, string DocumentNumber, UploadedFile? IdPhoto);

/// <summary>A non-mainland user submits their ID photos for manual review by a platform admin (人工审核).</summary>
public sealed class SubmitRealNameForReview(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, IFileStore files, AuditTrail audit,
    TimeProvider clock)
{
    public async Task<Result<Guid>> ExecuteAsync(RealNameReviewRequest request, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<Guid>.Fail(Errors.NotSignedIn);
        }
        var number = RealNameRules.Normalize(request.DocumentNumber);
        if ((RealNameRules.CheckName(request.Name) ?? RealNameRules.CheckDocumentNumber(number)) is { } bad)
        {
            return bad;
        }
        if (request.IdPhoto is null)
        {
            return Result<Guid>.Fail(Errors.IdPhotoRequired);
        }
        if (Uploads.Check(request.IdPhoto.FileName, request.IdPhoto.Content.LongLength) is { } badFile)
        {
            return badFile;
        }
        await using (var probe = dbFactory.CreateForScope(null, userId))
        {
            var user = await probe.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
            if (await RealNameChecks.RefusalAsync(probe, user, number, cancellationToken) is { } refused)
            {
                return refused;
            }
        }
        // Stored before the transaction: an orphan file is harmless, a long write lock is not.
        var key = await files.SaveAsync(new MemoryStream(request.IdPhoto.Content), request.IdPhoto.FileName, cancellationToken);
        await using var db = dbFactory.CreateForScope(null, userId);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        if (await RealNameChecks.RefusalAsync(db, me, number, cancellationToken) is { } raced)
        {
            return raced;
        }
        var attempt = new RealNameVerification
        {
            Id = Guid.NewGuid(),
            OwnerUserId = userId,
            Name = request.Name.Trim(),
            IdNumber = number,
            Channel = RealNameChannel.ManualReview,
            Status = RealNameStatus.Pending,
            IdPhotoFile = key,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.RealNameVerifications.Add(attempt);
        await audit.AppendAsync(db, "realname.review.submit", userId.ToString(), AuditOutcome.Success, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return attempt.Id;
    }
}
