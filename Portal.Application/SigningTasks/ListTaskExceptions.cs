using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Grants;
using Portal.Application.Policies;
using Portal.Application.Signing;

namespace Portal.Application.SigningTasks;

/// <summary>Why a participant whose turn is open cannot sign (查看异常任务).</summary>
public enum TaskBlockReason
{
    /// <summary>The participant is no longer a member of the task's organization.</summary>
    ParticipantLeft = 1,

    /// <summary>No seal of the designated type (or of any organization type) exists.</summary>
    NoSealOfType = 2,

    /// <summary>Every seal of the designated type is voided (or its certificate revoked or expired).</summary>
    SealVoided = 3,

    /// <summary>The participant's grant for the seal type has expired.</summary>
    GrantExpired = 4,

    /// <summary>The participant's grant for the seal type was revoked.</summary>
    GrantRevoked = 5,

    /// <summary>The participant holds no grant for a seal of the type (someone may grant one).</summary>
    NoGrant = 6,

    /// <summary>No grant, and nobody left who may grant one: the task can only be revoked.</summary>
    NobodyToGrant = 7,
}

/// <summary>
/// One stuck participant of an unfinished task: why they cannot sign, on which seal (type, name) where it matters, and
/// who can fix it (names of the members who may grant or make seals, or the initiator, who can only revoke and start again).
/// </summary>
public sealed record TaskExceptionRow(Guid TaskId, string Number, string Name, string ParticipantName, TaskBlockReason Reason,
    SealType? SealType, string? SealName, string FixedBy, DateOnly DeadlineDate);

/// <summary>
/// 查看异常任务: the unfinished tasks in the current space that cannot move because a participant whose turn is open can
/// never sign as things stand — left the organization; no usable seal of the designated type (none, or voided); the grant
/// expired or was revoked, or there is none — with the reason and who can fix it. The initiator sees their own tasks; the
/// organization's owner sees every sent task of the organization (the visibility rule of <see cref="TaskAccess"/>).
/// The newest <see cref="MaxTasks"/> unfinished tasks are checked.
/// </summary>
public sealed class ListTaskExceptions(WriteUnit unit, TaskAccess access)
{
    public const int MaxTasks = 500;

    /// <summary>Who may make or void seals (the fix for a missing or voided seal).</summary>
    private const OrgRoles SealMakers = OrgRoles.Owner | OrgRoles.SealAdmin;

    public async Task<Result<IReadOnlyList<TaskExceptionRow>>> ExecuteAsync(CancellationToken cancellationToken = default) =>
        await unit.ReadAsync<IReadOnlyList<TaskExceptionRow>>(await access.CurrentSpaceAsync(cancellationToken), async w =>
        {
            var me = w.UserId!.Value;
            var db = w.Db;
            var space = db.ScopeOrganizationId ?? me;
            var owner = w.Me is { } m && m.Has(OrgRoles.Owner);
            var tasks = db.SigningTasks.AsNoTracking().Where(t => t.SpaceId == space && t.Status == SigningTaskStatus.InProgress);
            if (!owner)
            {
                tasks = tasks.Where(t => t.InitiatorUserId == me);
            }
            var open = await tasks.OrderByDescending(t => t.SentAtUtc).ThenBy(t => t.Id).Take(MaxTasks)
                .Select(t => new { t.Id, t.Number, t.Name, t.OrganizationId, t.InitiatorName, t.DeadlineDate })
                .ToListAsync(cancellationToken);
            if (open.Count == 0 || db.ScopeOrganizationId is not { } org)
            {
                // A personal-space task has the initiator as its only participant, signing as a person: nothing can block it.
                return Result<IReadOnlyList<TaskExceptionRow>>.Ok([]);
            }
            var ids = open.Select(t => t.Id).ToList();
            // Internal members only: external persons and other organizations (next issue) are checked by their own rules.
            var active = (await db.TaskParticipants.AsNoTracking()
                    .Where(p => ids.Contains(p.TaskId) && p.State == ParticipantState.Active && p.Kind == ParticipantKind.Member)
                    .Select(p => new { p.TaskId, p.UserId, p.Name, p.SignAs, p.DesignatedSealType, p.Position }).ToListAsync(cancellationToken))
                .ToLookup(p => p.TaskId);
            var check = new Diagnosis(db, org, w.Now);
            var rows = new List<TaskExceptionRow>();
            foreach (var t in open)
            {
                foreach (var p in active[t.Id].OrderBy(p => p.Position))
                {
                    var found = await check.WhyBlockedAsync(p.UserId, p.SignAs, p.DesignatedSealType, cancellationToken);
                    if (found is { } f)
                    {
                        rows.Add(new TaskExceptionRow(t.Id, t.Number, t.Name, p.Name, f.Reason, f.Type, f.SealName,
                            f.FixedBy.Length > 0 ? f.FixedBy : t.InitiatorName, t.DeadlineDate));
                    }
                }
            }
            return rows;
        }, cancellationToken);

    /// <summary>What blocks one participant (empty FixedBy: only the initiator can act — revoke and start again).</summary>
    private sealed record Block(TaskBlockReason Reason, SealType? Type, string? SealName, string FixedBy);

    /// <summary>The checks, with the organization's seals, members and grants read once per call and answers cached per (user, type).</summary>
    private sealed class Diagnosis(IPortalDbContext db, Guid org, DateTime nowUtc)
    {
        private readonly Dictionary<(Guid?, ParticipantSignAs, SealType?), Block?> _answers = [];
        private List<Seal>? _seals;

        public async Task<Block?> WhyBlockedAsync(Guid? userId, ParticipantSignAs signAs, SealType? designated, CancellationToken cancellationToken)
        {
            var key = (userId, signAs, signAs == ParticipantSignAs.OrganizationSeal ? designated : null);
            if (!_answers.TryGetValue(key, out var answer))
            {
                answer = await DiagnoseAsync(userId, signAs, key.Item3, cancellationToken);
                _answers[key] = answer;
            }
            return answer;
        }

        private async Task<Block?> DiagnoseAsync(Guid? userId, ParticipantSignAs signAs, SealType? designated, CancellationToken cancellationToken)
        {
            var member = userId is { } u
                ? await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.OrganizationId == org && m.UserId == u, cancellationToken)
                : null;
            if (member is null)
            {
                return new Block(TaskBlockReason.ParticipantLeft, null, null, "");
            }
            if (signAs == ParticipantSignAs.Person)
            {
                return null;
            }
            _seals ??= await db.Seals.AsNoTracking().Where(s => s.OrganizationId == org && s.Type != SealType.Name).ToListAsync(cancellationToken);
            var types = designated is { } d ? [d] : SealPolicies.OrganizationTypes;
            var ofType = _seals.Where(s => types.Contains(s.Type) && s.Status != SealStatus.PendingReview && s.Status != SealStatus.Rejected).ToList();
            var usable = ofType.Where(s => s.Status == SealStatus.Active && s.CertificateRevokedAtUtc == null && s.CertificateNotAfterUtc > nowUtc).ToList();
            if (usable.Count == 0)
            {
                var makers = await SealUsePolicy.NamesWithAsync(db, org, SealMakers, cancellationToken);
                var voided = ofType.OrderByDescending(s => s.VoidedAtUtc ?? s.CertificateRevokedAtUtc ?? s.CreatedAtUtc).FirstOrDefault();
                return voided is null
                    ? new Block(TaskBlockReason.NoSealOfType, designated, null, makers)
                    : new Block(TaskBlockReason.SealVoided, voided.Type, voided.Name, makers);
            }
            foreach (var seal in usable)
            {
                if (await SealGrants.ActiveGrantForAsync(db, userId!.Value, seal.Id, nowUtc, cancellationToken) is not null)
                {
                    return null;
                }
            }
            // No grant in force on any usable seal: say what became of the last one they (or their department) had.
            var sealIds = usable.Select(s => s.Id).ToList();
            var last = await db.SealGrants.AsNoTracking()
                .Where(g => sealIds.Contains(g.SealId) && (g.GranteeUserId == userId || (member.DepartmentId != null && g.GranteeDepartmentId == member.DepartmentId)))
                .OrderByDescending(g => g.GrantedAtUtc).FirstOrDefaultAsync(cancellationToken);
            var grantors = "";
            foreach (var seal in usable)
            {
                var rule = await SealPolicies.EffectiveRuleAsync(db, seal, cancellationToken);
                grantors = await SealUsePolicy.NamesWithAsync(db, org, rule.GrantRoles, cancellationToken);
                if (grantors.Length > 0)
                {
                    break;
                }
            }
            var lastSeal = last is null ? usable[0] : usable.First(s => s.Id == last.SealId);
            if (grantors.Length == 0)
            {
                return new Block(TaskBlockReason.NobodyToGrant, lastSeal.Type, lastSeal.Name, "");
            }
            var reason = last switch
            {
                { Status: GrantStatus.Revoked } => TaskBlockReason.GrantRevoked,
                { } g when g.IsExpiredAt(nowUtc) => TaskBlockReason.GrantExpired,
                _ => TaskBlockReason.NoGrant,
            };
            return new Block(reason, lastSeal.Type, lastSeal.Name, grantors);
        }
    }
}
