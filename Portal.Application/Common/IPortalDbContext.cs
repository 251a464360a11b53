using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Application.Domain;

namespace Portal.Application.Common;

/// <summary>The database as use cases see it: one context per operation (Blazor circuits are long-lived).</summary>
public interface IPortalDbContext : IAsyncDisposable, IDisposable
{
    DbSet<PortalUser> Users { get; }
    DbSet<Organization> Organizations { get; }
    DbSet<Membership> Memberships { get; }
    DbSet<Department> Departments { get; }
    DbSet<MicroDeposit> MicroDeposits { get; }
    DbSet<JoinRequest> JoinRequests { get; }
    DbSet<MemberRemovalRequest> MemberRemovalRequests { get; }
    DbSet<PlatformReviewRequest> PlatformReviewRequests { get; }
    DbSet<MemberInvitation> MemberInvitations { get; }
    DbSet<RealNameVerification> RealNameVerifications { get; }
    DbSet<SmsCode> SmsCodes { get; }
    DbSet<SmsOutboxMessage> SmsOutbox { get; }
    DbSet<SmsSendRecord> SmsSends { get; }
    DbSet<AuditEvent> AuditEvents { get; }
    DbSet<AuditChainHead> AuditChainHeads { get; }
    DbSet<AuditCheckpoint> AuditCheckpoints { get; }
    DbSet<CertificateBinding> CertificateBindings { get; }
    DbSet<CertificateBindingEvent> CertificateBindingEvents { get; }
    DbSet<CertificateBindAttempt> CertificateBindAttempts { get; }
    DbSet<CertificateChallenge> CertificateChallenges { get; }
    DbSet<PersonalCertificate> PersonalCertificates { get; }
    DbSet<ReissueAllowance> ReissueAllowances { get; }
    DbSet<CertificateInstallRecord> CertificateInstallRecords { get; }
    DbSet<CertificateOperation> CertificateOperations { get; }
    DbSet<CertificateOrder> CertificateOrders { get; }
    DbSet<CertificateLoginTicket> CertificateLoginTickets { get; }
    DbSet<SigningPin> SigningPins { get; }
    DbSet<PersonalSignature> PersonalSignatures { get; }
    DbSet<SealUsage> SealUsages { get; }
    DbSet<SealUseRequest> SealUseRequests { get; }
    DbSet<Seal> Seals { get; }
    DbSet<SealVoidRecord> SealVoidRecords { get; }
    DbSet<LegalRepresentativeSealConsent> LegalRepresentativeSealConsents { get; }
    DbSet<SealGrant> SealGrants { get; }
    DbSet<SealGrantRequest> SealGrantRequests { get; }
    DbSet<SealGrantRequestStep> SealGrantRequestSteps { get; }
    DbSet<SealPolicy> SealPolicies { get; }
    DbSet<SealPolicyRule> SealPolicyRules { get; }
    DbSet<SigningTask> SigningTasks { get; }
    DbSet<TaskDocument> TaskDocuments { get; }
    DbSet<TaskDocumentVersion> TaskDocumentVersions { get; }
    DbSet<TaskParticipant> TaskParticipants { get; }
    DbSet<TaskParticipantPosition> TaskParticipantPositions { get; }
    DbSet<TaskCcRecipient> TaskCcRecipients { get; }
    DbSet<TaskEvent> TaskEvents { get; }
    DbSet<TaskBusinessType> TaskBusinessTypes { get; }
    DbSet<TaskNumberSequence> TaskNumberSequences { get; }

    DatabaseFacade Database { get; }

    ChangeTracker ChangeTracker { get; }

    /// <summary>The organization the global query filter scopes to (the current space); null sees no organization data.</summary>
    Guid? ScopeOrganizationId { get; }

    /// <summary>The user personal entities are scoped to.</summary>
    Guid? ScopeUserId { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts the one kind of transaction that writes: it takes the database write lock at once
    /// (SQLite: BEGIN IMMEDIATE; SQL Server: SERIALIZABLE), so writers serialize.
    /// </summary>
    Task<IDbContextTransaction> BeginWriteTransactionAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the audit chain head under an update lock (inside a write transaction).</summary>
    Task<AuditChainHead> LockAuditChainHeadAsync(CancellationToken cancellationToken = default);
}

/// <summary>Creates contexts scoped to the caller's current space.</summary>
public interface IPortalDbContextFactory
{
    /// <summary>A context whose query filters follow the current user and space.</summary>
    Task<IPortalDbContext> CreateAsync(CancellationToken cancellationToken = default);

    /// <summary>A context with an explicit scope (seeding, background jobs, platform views).</summary>
    IPortalDbContext CreateForScope(Guid? organizationId, Guid? userId);
}
