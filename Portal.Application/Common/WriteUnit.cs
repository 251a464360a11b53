using Microsoft.EntityFrameworkCore;
using Portal.Application.Audit;
using Portal.Application.Domain;

namespace Portal.Application.Common;

/// <summary>Who may run a unit and where its context is scoped.</summary>
public sealed record Write
{
    private Write(Guid? organizationId, bool currentSpace, OrgRoles? roles, string? platformRole, bool signedIn, Guid? scopeUserId = null)
    {
        ScopeUserId = scopeUserId;
        OrganizationId = organizationId;
        CurrentSpace = currentSpace;
        Roles = roles;
        PlatformRole = platformRole;
        RequiresSignIn = signedIn;
    }

    /// <summary>An explicit organization scope (null with <see cref="CurrentSpace"/> false: personal / platform scope).</summary>
    public Guid? OrganizationId { get; }

    /// <summary>Scoped to the caller's current space.</summary>
    public bool CurrentSpace { get; }

    /// <summary>The organization roles the caller must hold in the scoped organization (null: no membership check).</summary>
    public OrgRoles? Roles { get; }

    /// <summary>The platform role the caller must hold (null: none).</summary>
    public string? PlatformRole { get; }

    public bool RequiresSignIn { get; }

    /// <summary>The user whose personal data the context sees, when not the caller (registration, login: nobody is signed in yet).</summary>
    public Guid? ScopeUserId { get; }

    /// <summary>A member of the current space holding one of <paramref name="roles"/> (Member: any member).</summary>
    public static Write InSpace(OrgRoles roles = OrgRoles.Member) => new(null, true, roles, null, true);

    /// <summary>
    /// A signed-in caller in the current space whose membership the work decides itself, with its own refusals (the seal-use
    /// policy).
    /// </summary>
    public static Write InSpaceDecidedByWork() => new(null, true, null, null, true);

    /// <summary>A member of <paramref name="organizationId"/> holding one of <paramref name="roles"/> (e.g. an organization under certification).</summary>
    public static Write InOrganization(Guid organizationId, OrgRoles roles = OrgRoles.Member) => new(organizationId, false, roles, null, true);

    /// <summary>The signed-in caller's own data (personal scope: no organization).</summary>
    public static Write AsUser() => new(null, false, null, null, true);

    /// <summary>
    /// A platform role (platform admin, CA support) working across tenants; personal scope, or the one organization the work
    /// concerns (a seal under review) when <paramref name="organizationId"/> is given.
    /// </summary>
    public static Write AsPlatform(string role, Guid? organizationId = null) => new(organizationId, false, null, role, true);

    /// <summary>No caller check: registration, login, jobs and seeding. The use case states why it needs none.</summary>
    public static Write Unchecked(Guid? organizationId = null, Guid? scopeUserId = null) =>
        new(organizationId, false, null, null, false, scopeUserId);
}

/// <summary>What a unit's work sees: the context, the caller's membership (when a role was required), the time, and the audit queue.</summary>
public sealed class WriteContext
{
    private readonly List<(string Action, string Target, AuditOutcome Outcome, string? Detail, Guid? OrganizationId)> _audits = [];
    private readonly List<Func<Task>> _afterCommit = [];
    private readonly List<Func<Task>> _ifNotCommitted = [];

    internal WriteContext(IPortalDbContext db, Guid? userId, Membership? me, DateTime now)
    {
        Db = db;
        UserId = userId;
        Me = me;
        Now = now;
    }

    public IPortalDbContext Db { get; }

    /// <summary>The caller (null only for <see cref="Write.Unchecked"/> units).</summary>
    public Guid? UserId { get; }

    /// <summary>The caller's membership in the scoped organization, when the unit required a role.</summary>
    public Membership? Me { get; }

    /// <summary>The unit's one "now" (UTC), read once when the lock was taken.</summary>
    public DateTime Now { get; }

    internal CommitMode Mode { get; private set; } = CommitMode.Normal;

    internal IReadOnlyList<(string Action, string Target, AuditOutcome Outcome, string? Detail, Guid? OrganizationId)> Audits => _audits;

    internal IReadOnlyList<Func<Task>> AfterCommitActions => _afterCommit;

    internal IReadOnlyList<Func<Task>> IfNotCommittedActions => _ifNotCommitted;

    /// <summary>Queues an audit event; it is appended to the chain just before the unit saves, in the order queued.</summary>
    public void Audit(string action, string target, string? detail = null, AuditOutcome outcome = AuditOutcome.Success, Guid? organizationId = null) =>
        _audits.Add((action, target, outcome, detail, organizationId));

    /// <summary>
    /// An audited refusal: every change the work made is discarded, the refusal alone is recorded (outcome Refused, or
    /// Failed for a fault), committed, and <paramref name="error"/> is returned to the caller.
    /// </summary>
    public PortalError Refuse(PortalError error, string action, string target, string? detail = null,
        AuditOutcome outcome = AuditOutcome.Refused)
    {
        _audits.Clear();
        _audits.Add((action, target, outcome, detail ?? error.ToString(), null));
        Mode = CommitMode.RefusalOnly;
        return error;
    }

    /// <summary>
    /// A refusal that still commits what the work changed and queued (e.g. a wrong PIN try counted toward the lock-out).
    /// </summary>
    public PortalError Keep(PortalError error)
    {
        Mode = CommitMode.KeepChanges;
        return error;
    }

    /// <summary>
    /// Marks an aggregate root changed when only its parts changed (a policy whose rules were edited), so SaveChanges bumps its
    /// concurrency stamp and an editor holding the old stamp is refused.
    /// </summary>
    public void Touch(object entity)
    {
        var entry = Db.ChangeTracker.Context.Entry(entity);
        if (entry.State == EntityState.Unchanged)
        {
            entry.Property(nameof(Organization.ConcurrencyStamp)).IsModified = true;
        }
    }

    /// <summary>Runs after a successful commit (notifications, SMS): outside the lock, never rolled back.</summary>
    public void AfterCommit(Func<Task> action) => _afterCommit.Add(action);

    /// <inheritdoc cref="AfterCommit(Func{Task})"/>
    public void AfterCommit(Action action) => _afterCommit.Add(() =>
    {
        action();
        return Task.CompletedTask;
    });

    /// <summary>Runs when the unit ends without committing (clean-up of files written for it).</summary>
    public void IfNotCommitted(Func<Task> action) => _ifNotCommitted.Add(action);

    internal enum CommitMode
    {
        Normal,
        RefusalOnly,
        KeepChanges,
    }
}

/// <summary>
/// The one write unit every command runs in; the order of its steps is written here and nowhere else:
/// caller check (read, no lock) → <c>prepare</c>: heavy or untrusted work outside the lock (parse, hash, convert, sign) →
/// write lock → caller re-checked → <c>apply</c> (state re-checked and changed) → audit → save → commit → after-commit actions.
/// A failed result rolls everything back unless the work asked to <see cref="WriteContext.Refuse">record the refusal</see> or
/// to <see cref="WriteContext.Keep">keep its changes</see>. Concurrency stamps are bumped by the context's SaveChanges.
/// </summary>
public sealed class WriteUnit(IPortalDbContextFactory dbFactory, ICurrentUser currentUser, Access access, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result> RunAsync(Write who, Func<WriteContext, Task<Result>> apply, CancellationToken cancellationToken = default) =>
        ToUntyped(await RunCoreAsync(who, null, async w => ToTyped(await apply(w)), cancellationToken));

    public Task<Result<T>> RunAsync<T>(Write who, Func<WriteContext, Task<Result<T>>> apply, CancellationToken cancellationToken = default) =>
        RunCoreAsync(who, null, apply, cancellationToken);

    /// <summary>
    /// With work outside the lock: <paramref name="prepare"/> runs after the caller passed a read-only check and before the
    /// lock is taken; its value is handed to <paramref name="apply"/>, which runs under the lock.
    /// </summary>
    public async Task<Result<T>> RunAsync<TPrepared, T>(Write who, Func<Task<Result<TPrepared>>> prepare,
        Func<WriteContext, TPrepared, Task<Result<T>>> apply, CancellationToken cancellationToken = default)
    {
        TPrepared prepared = default!;
        return await RunCoreAsync(who, async () =>
        {
            var p = await prepare();
            if (!p.Succeeded)
            {
                return p.Error;
            }
            prepared = p.Value!;
            return null;
        }, w => apply(w, prepared), cancellationToken);
    }

    /// <inheritdoc cref="RunAsync{TPrepared, T}(Write, Func{Task{Result{TPrepared}}}, Func{WriteContext, TPrepared, Task{Result{T}}}, CancellationToken)"/>
    public async Task<Result> RunAsync<TPrepared>(Write who, Func<Task<Result<TPrepared>>> prepare,
        Func<WriteContext, TPrepared, Task<Result>> apply, CancellationToken cancellationToken = default) =>
        ToUntyped(await RunAsync<TPrepared, bool>(who, prepare, async (w, p) => ToTyped(await apply(w, p)), cancellationToken));

    /// <summary>
    /// A read with the same caller check and scoping as a write, without the lock (lists, details, downloads).
    /// </summary>
    public async Task<Result<T>> ReadAsync<T>(Write who, Func<WriteContext, Task<Result<T>>> read, CancellationToken cancellationToken = default)
    {
        if (Caller(who) is { } refused)
        {
            return refused;
        }
        await using var db = await OpenAsync(who, cancellationToken);
        var me = await CheckMembershipAsync(who, db, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        return await read(new WriteContext(db, currentUser.UserId, me.Value, clock.GetUtcNow().UtcDateTime));
    }

    private async Task<Result<T>> RunCoreAsync<T>(Write who, Func<Task<PortalError?>>? prepare, Func<WriteContext, Task<Result<T>>> apply,
        CancellationToken cancellationToken)
    {
        if (Caller(who) is { } refused)
        {
            return refused;
        }
        if (prepare is not null)
        {
            // Refuse an outsider before doing their heavy work, and before they can queue for the lock.
            if (who.Roles is not null)
            {
                await using var read = await OpenAsync(who, cancellationToken);
                var allowed = await CheckMembershipAsync(who, read, cancellationToken);
                if (!allowed.Succeeded)
                {
                    return allowed.Error!;
                }
            }
            if (await prepare() is { } notPrepared)
            {
                return notPrepared;
            }
        }

        WriteContext? w = null;
        var committed = false;
        try
        {
            await using var db = await OpenAsync(who, cancellationToken);
            await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
            var me = await CheckMembershipAsync(who, db, cancellationToken);
            if (!me.Succeeded)
            {
                return me.Error!;
            }
            w = new WriteContext(db, currentUser.UserId, me.Value, clock.GetUtcNow().UtcDateTime);
            var result = await apply(w);
            if (!result.Succeeded && w.Mode == WriteContext.CommitMode.Normal)
            {
                return result;
            }
            if (w.Mode == WriteContext.CommitMode.RefusalOnly)
            {
                db.ChangeTracker.Clear();
            }
            foreach (var (action, target, outcome, detail, organizationId) in w.Audits)
            {
                await audit.AppendAsync(db, action, target, outcome, detail, organizationId, cancellationToken);
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed what this unit read before it took the lock (a stale entity handed in): nothing is written.
                return Result<T>.Fail(Errors.Concurrency);
            }
            await tx.CommitAsync(cancellationToken);
            committed = true;
            return result;
        }
        finally
        {
            if (w is not null)
            {
                foreach (var action in committed ? w.AfterCommitActions : w.IfNotCommittedActions)
                {
                    await action();
                }
            }
        }
    }

    private PortalError? Caller(Write who)
    {
        if (who.RequiresSignIn && currentUser.UserId is null)
        {
            return new PortalError(Errors.NotSignedIn);
        }
        if (who.PlatformRole is { } role && !currentUser.IsInPlatformRole(role))
        {
            return new PortalError(Errors.Forbidden);
        }
        return null;
    }

    private async Task<IPortalDbContext> OpenAsync(Write who, CancellationToken cancellationToken) =>
        who.CurrentSpace ? await dbFactory.CreateAsync(cancellationToken) : dbFactory.CreateForScope(who.OrganizationId, who.ScopeUserId ?? currentUser.UserId);

    private async Task<Result<Membership?>> CheckMembershipAsync(Write who, IPortalDbContext db, CancellationToken cancellationToken)
    {
        if (who.Roles is not { } roles)
        {
            return Result<Membership?>.Ok(null);
        }
        var me = await access.RequireAsync(db, roles, cancellationToken);
        return me.Succeeded ? Result<Membership?>.Ok(me.Value) : me.Error!;
    }

    private static Result<bool> ToTyped(Result result) => result.Succeeded ? true : result.Error!;

    private static Result ToUntyped(Result<bool> result) => result.Succeeded ? Result.Ok() : result.Error!;
}
