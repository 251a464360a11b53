using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.RealName;

/// <summary>Non-mainland 实名认证: name, document number and a photo of the document (front, back and held in hand).</summary>
public sealed record RealNameReviewRequest(string Name, string DocumentNumber, UploadedFile? IdPhoto);

/// <summary>A non-mainland user submits their ID photos for manual review by a platform admin (人工审核).</summary>
public sealed class SubmitRealNameForReview(WriteUnit unit, IFileStore files)
{
    public Task<Result<Guid>> ExecuteAsync(RealNameReviewRequest request, CancellationToken cancellationToken = default)
    {
        var number = RealNameRules.Normalize(request.DocumentNumber);
        return unit.RunAsync(Write.AsUser(),
            async () =>
            {
                if ((RealNameRules.CheckName(request.Name) ?? RealNameRules.CheckDocumentNumber(number)) is { } bad)
                {
                    return bad;
                }
                if (request.IdPhoto is not { } photo)
                {
                    return Result<string>.Fail(Errors.IdPhotoRequired);
                }
                if (Uploads.Check(photo.FileName, photo.Content.LongLength) is { } badFile)
                {
                    return badFile;
                }
                var allowed = await unit.ReadAsync(Write.AsUser(), r => RefusalAsync(r.Db, r.UserId!.Value, number, cancellationToken), cancellationToken);
                if (!allowed.Succeeded)
                {
                    return allowed.Error!;
                }
                // Stored before the lock: an orphan file is harmless, a long write lock is not.
                return Result<string>.Ok(await files.SaveAsync(new MemoryStream(photo.Content), photo.FileName, cancellationToken));
            },
            async (w, key) =>
            {
                var userId = w.UserId!.Value;
                var allowed = await RefusalAsync(w.Db, userId, number, cancellationToken);
                if (!allowed.Succeeded)
                {
                    return allowed.Error!;
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
                    CreatedAtUtc = w.Now,
                };
                w.Db.RealNameVerifications.Add(attempt);
                w.Audit(AuditActions.RealnameReviewSubmit, userId.ToString());
                return Result<Guid>.Ok(attempt.Id);
            }, cancellationToken);
    }

    private static async Task<Result<bool>> RefusalAsync(IPortalDbContext db, Guid userId, string number, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        return await RealNameChecks.RefusalAsync(db, user, number, cancellationToken) is { } refused ? refused : true;
    }
}
