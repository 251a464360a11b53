namespace Portal.Application.Domain;

public enum SigningTaskStatus
{
    /// <summary>草稿: saved, editable, not sent; seen by its initiator only.</summary>
    Draft = 0,

    /// <summary>签署中.</summary>
    InProgress = 1,

    /// <summary>已完成: every participant finished.</summary>
    Completed = 2,

    /// <summary>已作废: refused, revoked or expired (<see cref="SigningTask.VoidKind"/>).</summary>
    Voided = 3,
}

/// <summary>Why a task was voided.</summary>
public enum TaskVoidKind
{
    /// <summary>拒签: a participant refused (where allowed).</summary>
    Refused = 1,

    /// <summary>撤销: the initiator revoked it.</summary>
    Revoked = 2,

    /// <summary>过期: the deadline passed before everyone finished.</summary>
    Expired = 3,
}

/// <summary>签署顺序.</summary>
public enum SigningOrder
{
    /// <summary>One participant after another, in <see cref="TaskParticipant.Step"/> order.</summary>
    Sequential = 1,

    /// <summary>Everyone at once.</summary>
    Parallel = 2,

    /// <summary>Groups: parallel inside a step, steps in order.</summary>
    Groups = 3,
}

/// <summary>
/// 签署任务: one or more PDFs that participants sign in order, in the space it was started in (an organization, or the
/// initiator's personal space when <see cref="OrganizationId"/> is null). Rules: <c>SigningTasks.TaskRules</c>.
/// </summary>
public class SigningTask
{
    public Guid Id { get; set; }

    /// <summary>The initiating organization; null for a task started in the personal space.</summary>
    public Guid? OrganizationId { get; set; }

    /// <summary>The space the task belongs to: the organization, or the initiator for a personal task (lists and numbers).</summary>
    public Guid SpaceId { get; set; }

    /// <summary>Generated, unique per space: ST + local date + a per-day sequence (ST20261123000001).</summary>
    public string Number { get; set; } = "";
    public string Name { get; set; } = "";
    public Guid? BusinessTypeId { get; set; }

    /// <summary>The business type's name when the task was saved (types can be renamed or removed later).</summary>
    public string BusinessTypeName { get; set; } = "";
    public Guid InitiatorUserId { get; set; }
    public string InitiatorName { get; set; } = "";
    public SigningOrder Order { get; set; } = SigningOrder.Sequential;

    /// <summary>Automatic reminders every N days to whoever holds the task up (null: none).</summary>
    public int? ReminderIntervalDays { get; set; }

    /// <summary>The deadline's local date: the task expires at 23:59:59 of this day in <see cref="TimeZoneId"/>.</summary>
    public DateOnly DeadlineDate { get; set; }

    /// <summary>23:59:59 of <see cref="DeadlineDate"/> in <see cref="TimeZoneId"/>, as UTC.</summary>
    public DateTime DeadlineUtc { get; set; }

    /// <summary>The organization's zone, or the initiator's account zone for a personal task.</summary>
    public string TimeZoneId { get; set; } = "Asia/Shanghai";
    /// <summary>Changed only through <see cref="SetStatus"/>, which keeps the participations' copy in step.</summary>
    public SigningTaskStatus Status { get; set; }

    /// <summary>Moves the task to a status; every participation (loaded with the task) carries the same.</summary>
    public void SetStatus(SigningTaskStatus status)
    {
        Status = status;
        foreach (var p in Participants)
        {
            p.TaskStatus = status;
        }
    }
    public TaskVoidKind? VoidKind { get; set; }
    public string? VoidReason { get; set; }
    public Guid? VoidedByUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public DateTime? CompletedAtUtc { get; set; }
    public DateTime? VoidedAtUtc { get; set; }

    /// <summary>The step whose participants are active (sequential and groups); 0 before sending.</summary>
    public int CurrentStep { get; set; }

    /// <summary>When the last automatic reminder round ran.</summary>
    public DateTime? LastAutoReminderAtUtc { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    public List<TaskDocument> Documents { get; set; } = [];
    public List<TaskParticipant> Participants { get; set; } = [];
    public List<TaskCcRecipient> CcRecipients { get; set; } = [];
    public List<TaskEvent> Events { get; set; } = [];
}

/// <summary>One PDF of a task; every signed version is kept (<see cref="TaskDocumentVersion"/>), the newest is current.</summary>
public class TaskDocument
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }
    public Guid? OrganizationId { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
    public int Pages { get; set; }

    /// <summary>
    /// The current version's number (1: as uploaded). A signer reserves it under the lock and commits only if it is still
    /// current (docs/adr/0020-signing-tasks.md).
    /// </summary>
    public int CurrentVersion { get; set; }
    public string CurrentFileKey { get; set; } = "";
    public string CurrentSha256 { get; set; } = "";
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
    public List<TaskDocumentVersion> Versions { get; set; } = [];
}

/// <summary>One stored version of a task document: the upload (number 1) or the result of one signature.</summary>
public class TaskDocumentVersion
{
    public Guid Id { get; set; }
    public Guid DocumentId { get; set; }
    public Guid TaskId { get; set; }
    public Guid? OrganizationId { get; set; }
    public int Number { get; set; }
    public string FileKey { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The participant whose signature made this version (null for the upload).</summary>
    public Guid? ParticipantId { get; set; }
    public string? SignerName { get; set; }

    /// <summary>The ledger entry (organization seal) of the signature, when there is one.</summary>
    public Guid? SealUsageId { get; set; }
}

/// <summary>Who a participant is; this issue adds internal members, the next external persons and other organizations.</summary>
public enum ParticipantKind
{
    /// <summary>A member of the initiating organization (or the initiator themself).</summary>
    Member = 1,

    /// <summary>A person outside the platform's organizations (next issue).</summary>
    ExternalPerson = 2,

    /// <summary>Another organization (next issue).</summary>
    OtherOrganization = 3,
}

public enum ParticipantState
{
    /// <summary>Not their turn yet: neither notified nor able to open the documents.</summary>
    Waiting = 0,

    /// <summary>Their turn: they may sign (in rounds) until they press 结束签署.</summary>
    Active = 1,

    /// <summary>结束签署 pressed.</summary>
    Finished = 2,

    /// <summary>拒签.</summary>
    Refused = 3,
}

/// <summary>Whether a participant signs as a person (人名章 / 手写签名) or with an organization seal.</summary>
public enum ParticipantSignAs
{
    Person = 1,
    OrganizationSeal = 2,
}

/// <summary>签署方: one participant of a task with their options and where they stand.</summary>
public class TaskParticipant
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }
    public Guid? OrganizationId { get; set; }
    public ParticipantKind Kind { get; set; } = ParticipantKind.Member;

    /// <summary>The account (internal members).</summary>
    public Guid? UserId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The step (1-based) in which the participant signs; equal steps sign in parallel.</summary>
    public int Step { get; set; }

    /// <summary>Display order within the task.</summary>
    public int Position { get; set; }
    public ParticipantSignAs SignAs { get; set; } = ParticipantSignAs.Person;

    /// <summary>指定印章类型 (organization seal only).</summary>
    public SealType? DesignatedSealType { get; set; }

    /// <summary>Whether placements beyond the designated positions are allowed.</summary>
    public bool AllowFreePlacement { get; set; } = true;
    public bool AllowRefusal { get; set; }
    public ParticipantState State { get; set; }

    /// <summary>The task's status, copied onto each participation (<see cref="SigningTask.SetStatus"/>) so that a user's lists
    /// read one index (user, task status, state) instead of looking every participation's task up.</summary>
    public SigningTaskStatus TaskStatus { get; set; }

    /// <summary>Signing rounds started (继续签署 starts another).</summary>
    public int Round { get; set; }

    /// <summary>Signatures made in this task.</summary>
    public int Signatures { get; set; }
    public DateTime? ActivatedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    public DateTime? LastSignedAtUtc { get; set; }
    public DateTime? LastRemindedAtUtc { get; set; }
    public string? RefusalReason { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
    public List<TaskParticipantPosition> Positions { get; set; } = [];
}

/// <summary>指定签署位置: a document and either a page and point (PDF points from the lower-left corner, the stamp centre) or a keyword.</summary>
public class TaskParticipantPosition
{
    public Guid Id { get; set; }
    public Guid ParticipantId { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid DocumentId { get; set; }
    public int? Page { get; set; }
    public double? X { get; set; }
    public double? Y { get; set; }
    public string? Keyword { get; set; }
}

/// <summary>抄送人: sees the task, its documents and trail once it is sent.</summary>
public class TaskCcRecipient
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>签署轨迹: one event of a task (created, sent, signed, finished, refused, reminded …), with who and from where.</summary>
public class TaskEvent
{
    /// <summary>Database-generated, in the order events were written (events of one unit share their time).</summary>
    public long Id { get; set; }
    public Guid TaskId { get; set; }
    public Guid? OrganizationId { get; set; }
    public DateTime AtUtc { get; set; }
    public Guid? ActorUserId { get; set; }

    /// <summary>The actor's name then; "system" (the scheduler) when <see cref="ActorUserId"/> is null.</summary>
    public string ActorName { get; set; } = "";
    public string? IpAddress { get; set; }

    /// <summary>The action (resource key <c>TaskEvent.{Action}</c>): see <c>SigningTasks.TaskEvents</c>.</summary>
    public string Action { get; set; } = "";
    public AuditOutcome Outcome { get; set; }
    public string? Detail { get; set; }
}

/// <summary>业务类型: a per-organization list of task kinds the owner edits (多人会签, 合同 …).</summary>
public class TaskBusinessType : IOrganizationOwned
{
    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    public int Position { get; set; }
    public bool Archived { get; set; }
}

/// <summary>The per-space, per-day counter behind task numbers (taken under the write lock).</summary>
public class TaskNumberSequence
{
    public Guid SpaceId { get; set; }
    public DateOnly Day { get; set; }
    public int Last { get; set; }
}
