using System.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Infrastructure.Persistence.JobStore;

namespace Portal.Infrastructure.Persistence;

/// <summary>
/// Identity + domain. Organization-owned entities are filtered to <see cref="ScopeOrganizationId"/>
/// and personal ones to <see cref="ScopeUserId"/>; the provider-specific subclasses hold the migrations.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options)
    : IdentityDbContext<PortalUser, PortalRole, Guid>(options), IPortalDbContext, IDataProtectionKeyContext
{
    public Guid? ScopeOrganizationId { get; internal set; }
    public Guid? ScopeUserId { get; internal set; }

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<MicroDeposit> MicroDeposits => Set<MicroDeposit>();
    public DbSet<JoinRequest> JoinRequests => Set<JoinRequest>();
    public DbSet<MemberRemovalRequest> MemberRemovalRequests => Set<MemberRemovalRequest>();
    public DbSet<PlatformReviewRequest> PlatformReviewRequests => Set<PlatformReviewRequest>();
    public DbSet<MemberInvitation> MemberInvitations => Set<MemberInvitation>();
    public DbSet<RealNameVerification> RealNameVerifications => Set<RealNameVerification>();
    public DbSet<SmsCode> SmsCodes => Set<SmsCode>();
    public DbSet<SmsOutboxMessage> SmsOutbox => Set<SmsOutboxMessage>();
    public DbSet<SmsSendRecord> SmsSends => Set<SmsSendRecord>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<CertificateBinding> CertificateBindings => Set<CertificateBinding>();
    public DbSet<CertificateBindingEvent> CertificateBindingEvents => Set<CertificateBindingEvent>();
    public DbSet<CertificateBindAttempt> CertificateBindAttempts => Set<CertificateBindAttempt>();
    public DbSet<CertificateChallenge> CertificateChallenges => Set<CertificateChallenge>();
    public DbSet<PersonalCertificate> PersonalCertificates => Set<PersonalCertificate>();
    public DbSet<ReissueAllowance> ReissueAllowances => Set<ReissueAllowance>();
    public DbSet<CertificateInstallRecord> CertificateInstallRecords => Set<CertificateInstallRecord>();
    public DbSet<CertificateOperation> CertificateOperations => Set<CertificateOperation>();
    public DbSet<CertificateOrder> CertificateOrders => Set<CertificateOrder>();
    public DbSet<CertificateLoginTicket> CertificateLoginTickets => Set<CertificateLoginTicket>();
    public DbSet<SigningPin> SigningPins => Set<SigningPin>();
    public DbSet<PersonalSignature> PersonalSignatures => Set<PersonalSignature>();
    public DbSet<SealUsage> SealUsages => Set<SealUsage>();
    public DbSet<SealUseRequest> SealUseRequests => Set<SealUseRequest>();
    public DbSet<Seal> Seals => Set<Seal>();
    public DbSet<SealVoidRecord> SealVoidRecords => Set<SealVoidRecord>();
    public DbSet<LegalRepresentativeSealConsent> LegalRepresentativeSealConsents => Set<LegalRepresentativeSealConsent>();
    public DbSet<SealGrant> SealGrants => Set<SealGrant>();
    public DbSet<SealGrantRequest> SealGrantRequests => Set<SealGrantRequest>();
    public DbSet<SealGrantRequestStep> SealGrantRequestSteps => Set<SealGrantRequestStep>();
    public DbSet<SealPolicy> SealPolicies => Set<SealPolicy>();
    public DbSet<SealPolicyRule> SealPolicyRules => Set<SealPolicyRule>();
    public DbSet<SigningTask> SigningTasks => Set<SigningTask>();
    public DbSet<TaskDocument> TaskDocuments => Set<TaskDocument>();
    public DbSet<TaskDocumentVersion> TaskDocumentVersions => Set<TaskDocumentVersion>();
    public DbSet<TaskParticipant> TaskParticipants => Set<TaskParticipant>();
    public DbSet<TaskParticipantPosition> TaskParticipantPositions => Set<TaskParticipantPosition>();
    public DbSet<TaskCcRecipient> TaskCcRecipients => Set<TaskCcRecipient>();
    public DbSet<TaskEvent> TaskEvents => Set<TaskEvent>();
    public DbSet<TaskBusinessType> TaskBusinessTypes => Set<TaskBusinessType>();
    public DbSet<TaskNumberSequence> TaskNumberSequences => Set<TaskNumberSequence>();

    /// <summary>Data Protection keys live in the database so several web nodes share them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected abstract bool IsSqlServer { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        // Quartz.NET's job store tables (ADR 0021), with each provider's column types.
        builder.AddQuartzTables(IsSqlServer);

        // Tenancy: one filter per owned entity type, parameterized by the context's scope.
        builder.Entity<Membership>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<Department>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<MicroDeposit>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<MemberRemovalRequest>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<PlatformReviewRequest>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<MemberInvitation>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        // The organization sees its join requests; the applicant sees their own from the personal space.
        builder.Entity<JoinRequest>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId || e.ApplicantUserId == ScopeUserId);
        builder.Entity<RealNameVerification>().HasQueryFilter(e => e.OwnerUserId == ScopeUserId);
        // Personal: a user's bindings and challenges; CA support reads across users with IgnoreQueryFilters.
        builder.Entity<CertificateBinding>().HasQueryFilter(e => e.OwnerUserId == ScopeUserId);
        builder.Entity<CertificateChallenge>().HasQueryFilter(e => e.OwnerUserId == ScopeUserId);
        // Personal certificates and their records: the owner only; the expiry job reads across users explicitly.
        builder.Entity<PersonalCertificate>().HasQueryFilter(e => e.OwnerUserId == ScopeUserId);
        builder.Entity<ReissueAllowance>().HasQueryFilter(e => e.OwnerUserId == ScopeUserId);
        builder.Entity<CertificateInstallRecord>().HasQueryFilter(e => e.OwnerUserId == ScopeUserId);
        builder.Entity<CertificateOperation>().HasQueryFilter(e => e.OwnerUserId == ScopeUserId);
        builder.Entity<CertificateOrder>().HasQueryFilter(e => e.OwnerUserId == ScopeUserId);
        builder.Entity<SigningPin>().HasQueryFilter(e => e.OwnerUserId == ScopeUserId);
        builder.Entity<PersonalSignature>().HasQueryFilter(e => e.OwnerUserId == ScopeUserId);
        builder.Entity<SealUsage>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<SealUseRequest>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        // Seals, grants and policies belong to the organization.
        builder.Entity<Seal>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<SealVoidRecord>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<LegalRepresentativeSealConsent>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<SealGrant>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<SealGrantRequest>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<SealGrantRequestStep>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<SealPolicy>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<SealPolicyRule>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        // Signing tasks belong to their space: the organization's scope, or (OrganizationId null) the personal scope. Who of
        // the space may see one (initiator, owner, participants, CC) is SigningTasks.TaskVisibility's rule on top.
        builder.Entity<SigningTask>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<TaskDocument>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<TaskDocumentVersion>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<TaskParticipant>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<TaskParticipantPosition>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<TaskCcRecipient>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<TaskEvent>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
        builder.Entity<TaskBusinessType>().HasQueryFilter(e => e.OrganizationId == ScopeOrganizationId);
    }

    public async Task<IDbContextTransaction> BeginWriteTransactionAsync(CancellationToken cancellationToken = default)
    {
        if (IsSqlServer)
        {
            return await Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        }
        // Writers queue in the process first (fair, async), then Microsoft.Data.Sqlite starts a non-deferred transaction as
        // BEGIN IMMEDIATE: the write lock is taken now and is free, so SQLite's blocking busy-sleep is not where anyone waits.
        var turn = await SqliteWriteGate.For(Database.GetConnectionString()).EnterAsync(cancellationToken);
        try
        {
            return new GatedTransaction(await Database.BeginTransactionAsync(cancellationToken), turn);
        }
        catch
        {
            turn.Dispose();
            throw;
        }
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpConcurrencyStamps();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpConcurrencyStamps();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// The one place a domain concurrency stamp changes: every modified entity with a Guid <c>ConcurrencyStamp</c> token gets a
    /// new one, so a writer holding a stale copy fails (SQLite has no database-generated row versions). Identity's own
    /// string stamps are left to Identity.
    /// </summary>
    private void BumpConcurrencyStamps()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Modified
                && entry.Metadata.FindProperty(nameof(Organization.ConcurrencyStamp)) is { IsConcurrencyToken: true } stamp
                && stamp.ClrType == typeof(Guid))
            {
                entry.Property(stamp.Name).CurrentValue = Guid.NewGuid();
            }
        }
    }

    public async Task<AuditChainHead> LockAuditChainHeadAsync(CancellationToken cancellationToken = default)
    {
        var head = IsSqlServer
            ? await AuditChainHeads.FromSqlRaw("SELECT * FROM [AuditChainHeads] WITH (UPDLOCK, HOLDLOCK) WHERE [Id] = 1")
                .FirstOrDefaultAsync(cancellationToken)
            : await AuditChainHeads.FirstOrDefaultAsync(h => h.Id == 1, cancellationToken);
        if (head is null)
        {
            head = new AuditChainHead { Id = 1, LastSequence = 0, LastHash = "" };
            AuditChainHeads.Add(head);
        }
        return head;
    }
}

public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options)
{
    protected override bool IsSqlServer => false;
}

public sealed class SqlServerPortalDbContext(DbContextOptions<SqlServerPortalDbContext> options) : PortalDbContext(options)
{
    protected override bool IsSqlServer => true;
}
