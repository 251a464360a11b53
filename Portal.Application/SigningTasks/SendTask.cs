using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Grants;
using Portal.Application.Policies;
using Portal.Application.Signing;

namespace Portal.Application.SigningTasks;

/// <summary>
/// 发送签署: the initiator sends a draft. Everything is checked again under the lock — name, documents, participants still
/// members, a deadline not in the past — and a participant who can never sign (signs with a seal, but no seal of the
/// designated type exists, or they hold no grant for one and nobody may grant it) is refused with the reason before the task
/// starts, and so is a designated keyword that is not in its document (searched before the lock, every document once).
/// Then the first step's participants get their turn and an SMS.
/// </summary>
public sealed class SendTask(WriteUnit unit, TaskAccess access, ICurrentUser currentUser, TaskNotifications notifications, IDocumentSigner signer,
    IFileStore files)
{
    public async Task<Result> ExecuteAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        // Outside the lock: each designated keyword searched in its document's current file (a parse of the whole PDF).
        var searched = await access.ReadVisibleAsync(unit, taskId, (w, task) => SearchKeywordsAsync(w, task, cancellationToken), cancellationToken);
        if (!searched.Succeeded)
        {
            return searched.Error!;
        }
        var keywords = searched.Value!;
        return await access.RunOnVisibleAsync(unit, taskId, async (w, task) =>
        {
            // Only the initiator sends; to anyone else a draft does not exist.
            if (task.InitiatorUserId != w.UserId)
            {
                return Result.Fail(Errors.NotFound);
            }
            if (task.Status != SigningTaskStatus.Draft)
            {
                return Result.Fail(Errors.TaskNotDraft, task.Number);
            }
            if (await CheckReadyAsync(w, task, keywords, cancellationToken) is { } notReady)
            {
                return w.Refuse(notReady, AuditActions.TaskSend, task.Id.ToString(), $"{task.Number}: {notReady}");
            }
            task.SetStatus(SigningTaskStatus.InProgress);
            task.SentAtUtc = w.Now;
            TaskRules.AssignSteps(task);
            var actor = task.InitiatorName;
            w.Db.TaskEvents.Add(TaskRules.Event(task, w.Now, w.UserId, actor, currentUser.IpAddress, TaskEventActions.Sent));
            var first = TaskRules.Advance(task, w.Now);
            foreach (var p in first)
            {
                w.Db.TaskEvents.Add(TaskRules.Event(task, w.Now, null, p.Name, null, TaskEventActions.TurnStarted, p.Name));
            }
            notifications.TurnStarted(w, task, first);
            w.Audit(AuditActions.TaskSend, task.Id.ToString(), $"{task.Number} {task.Name}; participants {task.Participants.Count}");
            return Result.Ok();
        }, cancellationToken);
    }

    /// <summary>Whether each designated keyword occurs in its document, by <see cref="KeywordKey"/> (a draft of the caller only).</summary>
    private async Task<Result<Dictionary<string, bool>>> SearchKeywordsAsync(WriteContext w, SigningTask task, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (task.InitiatorUserId != w.UserId || task.Status != SigningTaskStatus.Draft)
        {
            return found; // refused under the lock
        }
        foreach (var document in task.Documents)
        {
            var keywords = KeywordsOf(task, document).ToList();
            if (keywords.Count == 0)
            {
                continue;
            }
            await using var stream = await files.OpenAsync(document.CurrentFileKey, cancellationToken);
            if (stream is null)
            {
                return Result<Dictionary<string, bool>>.Fail(Errors.NotFound);
            }
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            var pdf = buffer.ToArray();
            foreach (var keyword in keywords)
            {
                var hits = signer.FindKeyword(pdf, keyword);
                if (!hits.Succeeded)
                {
                    return hits.Error!;
                }
                found[KeywordKey(document, keyword)] = hits.Value!.Count > 0;
            }
        }
        return found;
    }

    private static IEnumerable<string> KeywordsOf(SigningTask task, TaskDocument document) => task.Participants
        .SelectMany(p => p.Positions).Where(p => p.DocumentId == document.Id && p.Keyword is not null).Select(p => p.Keyword!).Distinct(StringComparer.Ordinal);

    private static string KeywordKey(TaskDocument document, string keyword) => $"{document.CurrentFileKey}\n{keyword}";

    private static async Task<PortalError?> CheckReadyAsync(WriteContext w, SigningTask task, Dictionary<string, bool> keywords,
        CancellationToken cancellationToken)
    {
        if (task.Documents.Count == 0)
        {
            return new PortalError(Errors.TaskDocumentsRequired);
        }
        if (task.Participants.Count == 0)
        {
            return new PortalError(Errors.TaskParticipantsRequired);
        }
        if (TaskRules.CheckDeadline(task.DeadlineDate, task.TimeZoneId, w.Now) is { } deadline)
        {
            return deadline;
        }
        foreach (var p in task.Participants.OrderBy(p => p.Position))
        {
            if (await CanNeverSignAsync(w.Db, task, p, w.Now, cancellationToken) is { } reason)
            {
                return new PortalError(reason, p.Name);
            }
        }
        foreach (var document in task.Documents)
        {
            foreach (var keyword in KeywordsOf(task, document))
            {
                if (!keywords.TryGetValue(KeywordKey(document, keyword), out var found))
                {
                    return new PortalError(Errors.Concurrency); // the draft changed while it was searched: send again
                }
                if (!found)
                {
                    return new PortalError(Errors.TaskKeywordNotFound, keyword, document.Name);
                }
            }
        }
        return null;
    }

    /// <summary>Why <paramref name="p"/> could never sign (an error code whose argument is the participant's name), or null.</summary>
    public static async Task<string?> CanNeverSignAsync(IPortalDbContext db, SigningTask task, TaskParticipant p, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        if (task.OrganizationId is not { } org)
        {
            return p.UserId == task.InitiatorUserId ? null : Errors.TaskParticipantNotMember;
        }
        var member = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.OrganizationId == org && m.UserId == p.UserId, cancellationToken);
        if (member is null)
        {
            return Errors.TaskParticipantNotMember;
        }
        if (p.SignAs == ParticipantSignAs.Person)
        {
            return null;
        }
        var types = p.DesignatedSealType is { } designated ? [designated] : SealPolicies.OrganizationTypes;
        var seals = await db.Seals.AsNoTracking()
            .Where(s => s.OrganizationId == org && types.Contains(s.Type) && s.Status == SealStatus.Active && s.CertificateRevokedAtUtc == null)
            .ToListAsync(cancellationToken);
        if (seals.Count == 0)
        {
            return Errors.TaskNoSealOfType;
        }
        foreach (var seal in seals)
        {
            if (await SealGrants.ActiveGrantForAsync(db, p.UserId!.Value, seal.Id, nowUtc, cancellationToken) is not null)
            {
                return null;
            }
        }
        foreach (var seal in seals)
        {
            var rule = await SealPolicies.EffectiveRuleAsync(db, seal, cancellationToken);
            if ((await SealUsePolicy.NamesWithAsync(db, org, rule.GrantRoles, cancellationToken)).Length > 0)
            {
                return null;
            }
        }
        return Errors.TaskNobodyToGrant;
    }
}
