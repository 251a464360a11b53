using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Signing;

namespace Portal.Application.SigningTasks;

/// <summary>A designated position: a document (by its index in the draft's list) and a page + point, or a keyword.</summary>
public sealed record TaskPositionInput(int DocumentIndex, int? Page, double? X, double? Y, string? Keyword);

/// <summary>
/// A participant as the initiator set them up. <paramref name="Step"/> is used only in group order (equal steps sign in
/// parallel); the list order is the signing order otherwise.
/// </summary>
public sealed record TaskParticipantInput(Guid UserId, ParticipantSignAs SignAs = ParticipantSignAs.Person, SealType? DesignatedSealType = null,
    bool AllowFreePlacement = true, bool AllowRefusal = false, int Step = 1, IReadOnlyList<TaskPositionInput>? Positions = null);

/// <summary>A document of the draft: one already in it (kept) or a new upload.</summary>
public sealed record TaskDocumentInput(Guid? ExistingId, UploadedFile? Upload)
{
    public static TaskDocumentInput Keep(Guid id) => new(id, null);

    public static TaskDocumentInput New(string fileName, byte[] pdf) => new(null, new UploadedFile(fileName, pdf));
}

/// <summary>
/// A draft to create (<paramref name="TaskId"/> null) or edit. <paramref name="ConcurrencyStamp"/> is the stamp the editor
/// read (an edit made meanwhile is refused).
/// </summary>
public sealed record SaveTaskDraftCommand(Guid? TaskId, string Name, Guid? BusinessTypeId, DateOnly Deadline, SigningOrder Order,
    int? ReminderIntervalDays, IReadOnlyList<TaskDocumentInput> Documents, IReadOnlyList<TaskParticipantInput> Participants,
    IReadOnlyList<Guid> CcUserIds, Guid? ConcurrencyStamp = null);

public sealed record SavedTaskDraft(Guid TaskId, string Number);

/// <summary>
/// 草稿: saves a task in the caller's current space without sending it. The uploads are inspected (bounded PDF engine),
/// hashed and stored outside the lock; under it the participants and CC recipients must be members of the organization
/// (in the personal space: the initiator only), the business type the organization's, and a draft is edited only by its
/// initiator while it is a draft. Sending checks the rest (<see cref="SendTask"/>).
/// </summary>
public sealed class SaveTaskDraft(WriteUnit unit, TaskAccess access, ICurrentUser currentUser, IDocumentSigner signer, IFileStore files)
{
    private sealed record StoredUpload(int Index, string Name, int Pages, string Sha256, string FileKey);

    public async Task<Result<SavedTaskDraft>> ExecuteAsync(SaveTaskDraftCommand command, CancellationToken cancellationToken = default)
    {
        if (currentUser.UserId is not { } userId)
        {
            return Result<SavedTaskDraft>.Fail(Errors.NotSignedIn);
        }
        Write who;
        if (command.TaskId is { } existing)
        {
            var scope = await access.ScopeOfAsync(existing, cancellationToken);
            if (!scope.Succeeded)
            {
                return scope.Error!;
            }
            who = scope.Value!;
        }
        else
        {
            who = await access.CurrentSpaceAsync(cancellationToken);
        }
        if (Validate(command) is { } invalid)
        {
            return invalid;
        }

        var stored = new List<StoredUpload>();
        var result = await unit.RunAsync<List<StoredUpload>, SavedTaskDraft>(who, async () =>
        {
            // Hostile uploads: bounded inspection before any lock, and only after the caller passed the scope check.
            for (var i = 0; i < command.Documents.Count; i++)
            {
                if (command.Documents[i].Upload is not { } upload)
                {
                    continue;
                }
                if (upload.Content.LongLength > signer.MaxBytes)
                {
                    return new PortalError(Errors.PdfTooLarge, signer.MaxBytes / 1024 / 1024);
                }
                var pages = signer.Inspect(upload.Content);
                if (!pages.Succeeded)
                {
                    return pages.Error!;
                }
                var name = SignWithSeal.SafeName(upload.FileName);
                var key = await files.SaveAsync(new MemoryStream(upload.Content), name, cancellationToken);
                stored.Add(new StoredUpload(i, name, pages.Value, DocumentHash.Of(upload.Content), key));
            }
            return stored;
        }, (w, uploads) => ApplyAsync(w, userId, command, uploads, cancellationToken), cancellationToken);
        if (!result.Succeeded)
        {
            // Never keep an upload whose unit did not commit.
            foreach (var u in stored)
            {
                await files.DeleteAsync(u.FileKey, CancellationToken.None);
            }
        }
        return result;
    }

    private static PortalError? Validate(SaveTaskDraftCommand c)
    {
        var name = c.Name?.Trim() ?? "";
        return name.Length == 0 || name.Length > TaskRules.MaxNameLength ? new PortalError(Errors.TaskNameRequired, TaskRules.MaxNameLength)
            : c.Documents.Count > TaskRules.MaxDocuments ? new PortalError(Errors.TaskTooManyDocuments, TaskRules.MaxDocuments)
            : c.Participants.Count > TaskRules.MaxParticipants ? new PortalError(Errors.TaskTooManyParticipants, TaskRules.MaxParticipants)
            : c.CcUserIds.Count > TaskRules.MaxCc ? new PortalError(Errors.TaskTooManyParticipants, TaskRules.MaxCc)
            : c.ReminderIntervalDays is { } d && (d < 1 || d > TaskRules.MaxAutomaticReminderDays)
                ? new PortalError(Errors.TaskReminderIntervalInvalid, TaskRules.MaxAutomaticReminderDays)
            : c.Participants.SelectMany(p => p.Positions ?? []).Any(p => p.Keyword is { } k && !StampSpec.IsValidKeyword(k.Trim()))
                ? new PortalError(Errors.PlacementKeywordInvalid, StampSpec.MaxKeywordLength)
            : c.Participants.SelectMany(p => p.Positions ?? []).Any(p => p.DocumentIndex < 0 || p.DocumentIndex >= c.Documents.Count
                || (p.Keyword is null && (p.Page is not > 0 || p.X is null || p.Y is null)))
                ? new PortalError(Errors.PlacementInvalid, 0)
            : null;
    }

    private static async Task<Result<SavedTaskDraft>> ApplyAsync(WriteContext w, Guid userId, SaveTaskDraftCommand c,
        List<StoredUpload> uploads, CancellationToken cancellationToken)
    {
        var orgId = w.Db.ScopeOrganizationId;
        var me = await w.Db.Users.Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.RealName, u.TimeZoneId }).FirstAsync(cancellationToken);
        var members = orgId is null ? [] : await w.Db.Memberships.AsNoTracking().Where(m => m.OrganizationId == orgId).ToListAsync(cancellationToken);
        var initiatorName = members.FirstOrDefault(m => m.UserId == userId)?.Name ?? me.RealName ?? me.DisplayName;
        string NameOf(Guid user) => members.FirstOrDefault(m => m.UserId == user)?.Name ?? initiatorName;
        bool MayTakePart(Guid user) => user == userId || members.Any(m => m.UserId == user);
        if (c.Participants.Any(p => !MayTakePart(p.UserId)) || c.CcUserIds.Any(u => !MayTakePart(u)))
        {
            return new PortalError(Errors.TaskParticipantNotMember, "");
        }
        if (c.Participants.Select(p => p.UserId).Distinct().Count() != c.Participants.Count)
        {
            return new PortalError(Errors.TaskParticipantTwice);
        }
        if (orgId is null && c.Participants.Any(p => p.SignAs == ParticipantSignAs.OrganizationSeal))
        {
            return new PortalError(Errors.TaskSealRequiresOrganization);
        }
        TaskBusinessType? type = null;
        if (c.BusinessTypeId is { } typeId)
        {
            type = await w.Db.TaskBusinessTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == typeId && !t.Archived, cancellationToken);
            if (type is null)
            {
                return new PortalError(Errors.TaskBusinessTypeInvalid);
            }
        }
        var zone = orgId is null ? me.TimeZoneId
            : await w.Db.Organizations.Where(o => o.Id == orgId).Select(o => o.TimeZoneId).FirstAsync(cancellationToken);

        SigningTask task;
        if (c.TaskId is { } taskId)
        {
            var loaded = await TaskAccess.LoadVisibleAsync(w, taskId, cancellationToken);
            if (!loaded.Succeeded)
            {
                return loaded.Error!;
            }
            task = loaded.Value!;
            if (task.InitiatorUserId != userId)
            {
                return new PortalError(Errors.NotFound);
            }
            if (task.Status != SigningTaskStatus.Draft)
            {
                return new PortalError(Errors.TaskNotDraft, task.Number);
            }
            if (c.ConcurrencyStamp is { } stamp && stamp != task.ConcurrencyStamp)
            {
                return new PortalError(Errors.Concurrency);
            }
            if (c.Documents.Any(d => d.ExistingId is { } id && task.Documents.All(x => x.Id != id)))
            {
                return new PortalError(Errors.NotFound);
            }
            w.Touch(task);
        }
        else
        {
            var spaceId = orgId ?? userId;
            var day = Grants.GrantWindows.LocalDate(w.Now, zone);
            var sequence = await w.Db.TaskNumberSequences.FirstOrDefaultAsync(s => s.SpaceId == spaceId && s.Day == day, cancellationToken);
            if (sequence is null)
            {
                sequence = new TaskNumberSequence { SpaceId = spaceId, Day = day };
                w.Db.TaskNumberSequences.Add(sequence);
            }
            sequence.Last++;
            task = new SigningTask
            {
                Id = Guid.NewGuid(),
                OrganizationId = orgId,
                SpaceId = spaceId,
                Number = TaskRules.Number(day, sequence.Last),
                InitiatorUserId = userId,
                InitiatorName = initiatorName,
                Status = SigningTaskStatus.Draft,
                CreatedAtUtc = w.Now,
            };
            w.Db.SigningTasks.Add(task);
        }

        task.Name = c.Name.Trim();
        task.BusinessTypeId = type?.Id;
        task.BusinessTypeName = type?.Name ?? "";
        task.Order = c.Order;
        task.ReminderIntervalDays = c.ReminderIntervalDays;
        task.TimeZoneId = zone;
        task.DeadlineDate = c.Deadline;
        task.DeadlineUtc = TaskRules.DeadlineUtc(c.Deadline, zone);

        // Documents: keep the named ones in the new order, add the uploads, drop the rest.
        var documents = new List<TaskDocument>();
        for (var i = 0; i < c.Documents.Count; i++)
        {
            TaskDocument doc;
            if (c.Documents[i].ExistingId is { } keep)
            {
                doc = task.Documents.Single(d => d.Id == keep);
            }
            else
            {
                var u = uploads.Single(x => x.Index == i);
                doc = new TaskDocument
                {
                    Id = Guid.NewGuid(),
                    TaskId = task.Id,
                    OrganizationId = orgId,
                    Name = u.Name,
                    Pages = u.Pages,
                    CurrentVersion = 1,
                    CurrentFileKey = u.FileKey,
                    CurrentSha256 = u.Sha256,
                };
                doc.Versions.Add(new TaskDocumentVersion
                {
                    Id = Guid.NewGuid(),
                    DocumentId = doc.Id,
                    TaskId = task.Id,
                    OrganizationId = orgId,
                    Number = 1,
                    FileKey = u.FileKey,
                    Sha256 = u.Sha256,
                    CreatedAtUtc = w.Now,
                });
                w.Db.TaskDocuments.Add(doc);
            }
            doc.Position = i;
            documents.Add(doc);
        }
        foreach (var gone in task.Documents.Except(documents).ToList())
        {
            w.Db.TaskDocuments.Remove(gone);
        }

        // Participants and CC are replaced as a whole: a draft has no history to keep.
        foreach (var p in task.Participants.ToList())
        {
            w.Db.TaskParticipants.Remove(p);
        }
        foreach (var cc in task.CcRecipients.ToList())
        {
            w.Db.TaskCcRecipients.Remove(cc);
        }
        for (var i = 0; i < c.Participants.Count; i++)
        {
            var input = c.Participants[i];
            var participant = new TaskParticipant
            {
                Id = Guid.NewGuid(),
                TaskId = task.Id,
                OrganizationId = orgId,
                Kind = ParticipantKind.Member,
                UserId = input.UserId,
                Name = NameOf(input.UserId),
                Position = i,
                Step = Math.Max(1, input.Step),
                SignAs = input.SignAs,
                DesignatedSealType = input.SignAs == ParticipantSignAs.OrganizationSeal ? input.DesignatedSealType : null,
                AllowFreePlacement = input.AllowFreePlacement || (input.Positions ?? []).Count == 0,
                AllowRefusal = input.AllowRefusal,
                State = ParticipantState.Waiting,
            };
            foreach (var pos in input.Positions ?? [])
            {
                participant.Positions.Add(new TaskParticipantPosition
                {
                    Id = Guid.NewGuid(),
                    ParticipantId = participant.Id,
                    OrganizationId = orgId,
                    DocumentId = documents[pos.DocumentIndex].Id,
                    Page = pos.Keyword is null ? pos.Page : null,
                    X = pos.Keyword is null ? pos.X : null,
                    Y = pos.Keyword is null ? pos.Y : null,
                    Keyword = pos.Keyword?.Trim(),
                });
            }
            w.Db.TaskParticipants.Add(participant);
        }
        foreach (var ccUser in c.CcUserIds.Distinct())
        {
            w.Db.TaskCcRecipients.Add(new TaskCcRecipient
            {
                Id = Guid.NewGuid(),
                TaskId = task.Id,
                OrganizationId = orgId,
                UserId = ccUser,
                Name = NameOf(ccUser),
            });
        }
        w.Db.TaskEvents.Add(TaskRules.Event(task, w.Now, userId, initiatorName, null, c.TaskId is null ? TaskEventActions.Created : TaskEventActions.Edited));
        w.Audit(c.TaskId is null ? AuditActions.TaskCreate : AuditActions.TaskEdit, task.Id.ToString(),
            $"{task.Number} {task.Name}; documents {documents.Count}; participants {c.Participants.Count}", organizationId: orgId);
        return new SavedTaskDraft(task.Id, task.Number);
    }
}
