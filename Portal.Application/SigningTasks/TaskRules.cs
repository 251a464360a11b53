using System.Globalization;
using System.Text.RegularExpressions;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Grants;
using Portal.Application.Signing;

namespace Portal.Application.SigningTasks;

/// <summary>The trail's action names (resource keys <c>TaskEvent.{Action}</c>).</summary>
public static class TaskEventActions
{
    public const string Created = "Created";
    public const string Edited = "Edited";
    public const string Sent = "Sent";
    public const string TurnStarted = "TurnStarted";
    public const string Signed = "Signed";
    public const string SignRefused = "SignRefused";
    public const string Finished = "Finished";
    public const string Continued = "Continued";
    public const string Refused = "Refused";
    public const string Revoked = "Revoked";
    public const string Expired = "Expired";
    public const string Completed = "Completed";
    public const string Reminded = "Reminded";
    public const string AutoReminded = "AutoReminded";
    public const string Downloaded = "Downloaded";
}

/// <summary>
/// The signing task's rules (ADR 12: pure functions of the task and the values they need): numbers, deadlines, whose turn
/// it is, completion, what a caller may do in which state, reminder limits and the text of a reminder.
/// </summary>
public static partial class TaskRules
{
    public const int MaxNameLength = 200;
    public const int MaxDocuments = 20;
    public const int MaxParticipants = 50;
    public const int MaxCc = 50;
    public const int MaxReasonLength = 500;

    /// <summary>At most one reminder per participant per hour (manual and automatic alike).</summary>
    public static readonly TimeSpan ReminderSpacing = TimeSpan.FromHours(1);

    /// <summary>Automatic reminders stop this long after sending (or at the deadline, whichever is first).</summary>
    public const int MaxAutomaticReminderDays = 30;

    /// <summary>User-typed text in an SMS is cut to this many characters, links removed.</summary>
    public const int SmsUserTextLength = 20;

    /// <summary>"ST" + local date + a 6-digit per-space, per-day sequence.</summary>
    public static string Number(DateOnly localDay, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"ST{localDay:yyyyMMdd}{sequence:000000}");

    public static DateTime DeadlineUtc(DateOnly day, string timeZoneId) => GrantWindows.EndOfDayUtc(day, timeZoneId);

    public static bool IsPastDeadline(SigningTask task, DateTime nowUtc) => nowUtc > task.DeadlineUtc;

    /// <summary>A deadline must be today or later in the task's zone.</summary>
    public static PortalError? CheckDeadline(DateOnly day, string timeZoneId, DateTime nowUtc) =>
        day < GrantWindows.LocalDate(nowUtc, timeZoneId) ? new PortalError(Errors.TaskDeadlineInvalid) : null;

    /// <summary>The steps participants sign in: sequential — their order; parallel — all in step 1; groups — as chosen.</summary>
    public static void AssignSteps(SigningTask task)
    {
        var ordered = task.Participants.OrderBy(p => p.Position).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Step = task.Order switch
            {
                SigningOrder.Sequential => i + 1,
                SigningOrder.Parallel => 1,
                _ => Math.Max(1, ordered[i].Step),
            };
        }
        if (task.Order == SigningOrder.Groups)
        {
            // Renumber the chosen groups 1..n so "the next step" is always CurrentStep + something present.
            var steps = ordered.Select(p => p.Step).Distinct().Order().ToList();
            foreach (var p in ordered)
            {
                p.Step = steps.IndexOf(p.Step) + 1;
            }
        }
    }

    /// <summary>
    /// Moves the task on: when nobody is active, the lowest waiting step becomes active (returned, to be told); when nobody
    /// is active or waiting, the task is completed. Refused participants void the task elsewhere, never here.
    /// </summary>
    public static IReadOnlyList<TaskParticipant> Advance(SigningTask task, DateTime nowUtc)
    {
        if (task.Status != SigningTaskStatus.InProgress || task.Participants.Any(p => p.State == ParticipantState.Active))
        {
            return [];
        }
        var waiting = task.Participants.Where(p => p.State == ParticipantState.Waiting).ToList();
        if (waiting.Count == 0)
        {
            task.SetStatus(SigningTaskStatus.Completed);
            task.CompletedAtUtc = nowUtc;
            return [];
        }
        var step = waiting.Min(p => p.Step);
        var next = waiting.Where(p => p.Step == step).ToList();
        foreach (var p in next)
        {
            p.State = ParticipantState.Active;
            p.ActivatedAtUtc = nowUtc;
            p.Round = 1;
        }
        task.CurrentStep = step;
        return next;
    }

    /// <summary>A task that can still move: in progress and not past its deadline.</summary>
    public static PortalError? CheckOpen(SigningTask task, DateTime nowUtc) =>
        task.Status == SigningTaskStatus.Draft ? new PortalError(Errors.TaskNotSent, task.Number)
        : task.Status == SigningTaskStatus.Completed ? new PortalError(Errors.TaskCompleted, task.Number)
        : task.Status == SigningTaskStatus.Voided ? new PortalError(Errors.TaskVoided, task.Number)
        : IsPastDeadline(task, nowUtc) ? new PortalError(Errors.TaskDeadlinePassed, task.Number)
        : null;

    /// <summary>The caller's participation whose turn it is, or why they cannot act now.</summary>
    public static Result<TaskParticipant> ActiveParticipant(SigningTask task, Guid userId, DateTime nowUtc)
    {
        if (CheckOpen(task, nowUtc) is { } closed)
        {
            return closed;
        }
        var mine = task.Participants.Where(p => p.UserId == userId).ToList();
        if (mine.Count == 0)
        {
            return new PortalError(Errors.TaskNotAParticipant, task.Number);
        }
        var active = mine.FirstOrDefault(p => p.State == ParticipantState.Active);
        if (active is not null)
        {
            return active;
        }
        return mine.Any(p => p.State == ParticipantState.Waiting) ? new PortalError(Errors.TaskNotYourTurn, task.Number)
            : new PortalError(Errors.TaskTurnFinished, task.Number);
    }

    /// <summary>
    /// Whether a signature of this kind and placements fits the participant's options. Without free placement every stamp
    /// must be one of their designated positions on this document: a single stamp within a few points of a designated point,
    /// or a keyword stamp on a designated keyword (each occurrence, on the keyword itself).
    /// </summary>
    public static PortalError? CheckSignature(TaskParticipant participant, Guid documentId, SealType? sealType, bool personal,
        IReadOnlyList<StampSpec> stamps)
    {
        if (personal != (participant.SignAs == ParticipantSignAs.Person))
        {
            return new PortalError(personal ? Errors.TaskSealRequired : Errors.TaskPersonalSignatureRequired);
        }
        if (!personal && participant.DesignatedSealType is { } designated && sealType != designated)
        {
            return new PortalError(Errors.TaskSealTypeDesignated, designated.ToString());
        }
        if (!participant.AllowFreePlacement)
        {
            var positions = participant.Positions.Where(p => p.DocumentId == documentId).ToList();
            foreach (var s in stamps)
            {
                var fits = s.Kind switch
                {
                    StampKind.Single => positions.Any(p => p.Page is { } page && p.X is { } x && p.Y is { } y && s.Page == page
                        && Math.Abs(s.X - x) <= PositionTolerance && Math.Abs(s.Y - y) <= PositionTolerance),
                    StampKind.Keyword => positions.Any(p => p.Keyword is { } k && string.Equals(s.Keyword, k, StringComparison.Ordinal))
                        && s.Match == KeywordMatch.Each && Math.Abs(s.X) <= PositionTolerance && Math.Abs(s.Y) <= PositionTolerance,
                    _ => false,
                };
                if (!fits)
                {
                    return new PortalError(Errors.TaskPlacementNotAllowed);
                }
            }
        }
        return null;
    }

    /// <summary>How far (PDF points) a placed stamp may sit from its designated point.</summary>
    public const double PositionTolerance = 12;

    /// <summary>Who may be reminded: active participants; who may remind: the initiator or a participant who has signed.</summary>
    public static PortalError? CheckMayRemind(SigningTask task, Guid userId, DateTime nowUtc)
    {
        if (CheckOpen(task, nowUtc) is { } closed)
        {
            return closed;
        }
        var mayRemind = task.InitiatorUserId == userId || task.Participants.Any(p => p.UserId == userId && p.Signatures > 0);
        return mayRemind ? null : new PortalError(Errors.TaskReminderNotAllowed, task.Number);
    }

    public static bool MayBeReminded(TaskParticipant p, DateTime nowUtc) =>
        p.State == ParticipantState.Active && (p.LastRemindedAtUtc is not { } last || nowUtc - last >= ReminderSpacing);

    /// <summary>Whether an automatic reminder round is due (interval days passed, within 30 days of sending and the deadline).</summary>
    public static bool AutomaticReminderDue(SigningTask task, DateTime nowUtc) =>
        task.Status == SigningTaskStatus.InProgress && task.ReminderIntervalDays is { } days && task.SentAtUtc is { } sent
        && nowUtc <= task.DeadlineUtc && nowUtc <= sent.AddDays(MaxAutomaticReminderDays)
        && nowUtc >= (task.LastAutoReminderAtUtc ?? sent).AddDays(days);

    /// <summary>Voids the task (refused, revoked, expired): every open turn ends.</summary>
    public static void Void(SigningTask task, TaskVoidKind kind, string? reason, Guid? byUserId, DateTime nowUtc)
    {
        task.SetStatus(SigningTaskStatus.Voided);
        task.VoidKind = kind;
        task.VoidReason = reason;
        task.VoidedByUserId = byUserId;
        task.VoidedAtUtc = nowUtc;
    }

    /// <summary>User-typed text fit for an SMS: links removed, whitespace collapsed, cut to 20 characters.</summary>
    public static string SmsText(string? text)
    {
        var cleaned = Link().Replace(text ?? "", "");
        cleaned = Whitespace().Replace(cleaned, " ").Trim();
        return cleaned.Length <= SmsUserTextLength ? cleaned : cleaned[..SmsUserTextLength];
    }

    public static string? CleanReason(string? reason)
    {
        var r = reason?.Trim();
        return string.IsNullOrEmpty(r) ? null : r.Length > MaxReasonLength ? r[..MaxReasonLength] : r;
    }

    public static TaskEvent Event(SigningTask task, DateTime nowUtc, Guid? actorUserId, string actorName, string? ip, string action,
        string? detail = null, AuditOutcome outcome = AuditOutcome.Success) => new()
        {
            TaskId = task.Id,
            OrganizationId = task.OrganizationId,
            AtUtc = nowUtc,
            ActorUserId = actorUserId,
            ActorName = actorName,
            IpAddress = ip,
            Action = action,
            Outcome = outcome,
            Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
        };

    // Anything that looks like a link or a bare domain (an SMS may carry only the platform's own link).
    [GeneratedRegex(@"(?i)(https?://[\x21-\x7E]*|www\.[\x21-\x7E]*|[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|cn|net|org|io|top|xyz|cc|me|info|link|ly)\b[\x21-\x7E]*)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
