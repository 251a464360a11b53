using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Application.Domain;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(50);
        b.Property(u => u.Culture).HasMaxLength(10);
        b.Property(u => u.TimeZoneId).HasMaxLength(64);
        b.Property(u => u.RealName).HasMaxLength(50);
    }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.Name).HasMaxLength(100).IsRequired();
        b.Property(o => o.Uscc).HasMaxLength(18).IsRequired();
        b.HasIndex(o => o.Uscc);
        b.Property(o => o.TimeZoneId).HasMaxLength(64);
        b.Property(o => o.LegalRepresentativeName).HasMaxLength(50);
        b.Property(o => o.LegalRepresentativeIdNumber).HasMaxLength(18);
        b.Property(o => o.Address).HasMaxLength(200);
        b.Property(o => o.LegalRepresentativePhone).HasMaxLength(20);
        b.Property(o => o.AuthorizationLetterFile).HasMaxLength(64);
        b.Property(o => o.BusinessLicenseFile).HasMaxLength(64);
        b.Property(o => o.ReviewNote).HasMaxLength(500);
        b.Property(o => o.ConcurrencyStamp).IsConcurrencyToken();
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.HasIndex(m => new { m.OrganizationId, m.UserId }).IsUnique();
        b.HasIndex(m => m.UserId);
        b.Property(m => m.Name).HasMaxLength(50);
        b.Property(m => m.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(m => m.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.Property(d => d.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(d => d.OrganizationId);
        b.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(d => d.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(d => d.ConcurrencyStamp).IsConcurrencyToken();
    }
}

internal sealed class MicroDepositConfiguration : IEntityTypeConfiguration<MicroDeposit>
{
    public void Configure(EntityTypeBuilder<MicroDeposit> b)
    {
        b.Property(d => d.BankName).HasMaxLength(100);
        b.Property(d => d.BankAccount).HasMaxLength(40);
        b.Property(d => d.AccountHolder).HasMaxLength(200);
        b.HasIndex(d => new { d.OrganizationId, d.CreatedAtUtc });
        b.HasIndex(d => new { d.RequestedByUserId, d.CreatedAtUtc });
        b.Property(d => d.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class JoinRequestConfiguration : IEntityTypeConfiguration<JoinRequest>
{
    public void Configure(EntityTypeBuilder<JoinRequest> b)
    {
        b.Property(r => r.ApplicantName).HasMaxLength(50);
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.DecisionReason).HasMaxLength(500);
        b.HasIndex(r => new { r.OrganizationId, r.Status });
        b.HasIndex(r => r.ApplicantUserId);
        b.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(r => r.ApplicantUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MemberRemovalRequestConfiguration : IEntityTypeConfiguration<MemberRemovalRequest>
{
    public void Configure(EntityTypeBuilder<MemberRemovalRequest> b)
    {
        b.Property(r => r.MemberName).HasMaxLength(50);
        b.Property(r => r.RequestedByName).HasMaxLength(50);
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.DecisionReason).HasMaxLength(500);
        b.HasIndex(r => new { r.OrganizationId, r.Status });
        b.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlatformReviewRequestConfiguration : IEntityTypeConfiguration<PlatformReviewRequest>
{
    public void Configure(EntityTypeBuilder<PlatformReviewRequest> b)
    {
        b.Property(r => r.NewName).HasMaxLength(100);
        b.Property(r => r.NewUscc).HasMaxLength(18);
        b.Property(r => r.NewLegalRepresentativeName).HasMaxLength(50);
        b.Property(r => r.NewLegalRepresentativeIdNumber).HasMaxLength(18);
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.ProofFile).HasMaxLength(64);
        b.Property(r => r.DecisionReason).HasMaxLength(500);
        b.HasIndex(r => new { r.OrganizationId, r.Status });
        b.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MemberInvitationConfiguration : IEntityTypeConfiguration<MemberInvitation>
{
    public void Configure(EntityTypeBuilder<MemberInvitation> b)
    {
        b.Property(r => r.Phone).HasMaxLength(20);
        b.Property(r => r.Name).HasMaxLength(50);
        b.HasIndex(r => new { r.OrganizationId, r.Status });
        b.HasIndex(r => new { r.Phone, r.Status });
        b.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RealNameVerificationConfiguration : IEntityTypeConfiguration<RealNameVerification>
{
    public void Configure(EntityTypeBuilder<RealNameVerification> b)
    {
        b.Property(r => r.Name).HasMaxLength(50);
        b.Property(r => r.IdNumber).HasMaxLength(30);
        b.Property(r => r.ProviderReference).HasMaxLength(64);
        b.Property(r => r.IdPhotoFile).HasMaxLength(64);
        b.Property(r => r.DecisionReason).HasMaxLength(500);
        b.HasIndex(r => new { r.OwnerUserId, r.Status });
        b.HasIndex(r => r.Status);
        b.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<PortalUser>().WithMany().HasForeignKey(r => r.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SmsCodeConfiguration : IEntityTypeConfiguration<SmsCode>
{
    public void Configure(EntityTypeBuilder<SmsCode> b)
    {
        b.Property(c => c.Phone).HasMaxLength(20);
        b.Property(c => c.CodeHash).HasMaxLength(64);
        b.HasIndex(c => new { c.Phone, c.SentAtUtc });
    }
}

internal sealed class SmsSendRecordConfiguration : IEntityTypeConfiguration<SmsSendRecord>
{
    public void Configure(EntityTypeBuilder<SmsSendRecord> b)
    {
        b.Property(r => r.Phone).HasMaxLength(20);
        b.Property(r => r.TemplateId).HasMaxLength(64);
        b.HasIndex(r => new { r.Phone, r.SentAtUtc });
        b.HasIndex(r => new { r.AccountId, r.SentAtUtc });
    }
}

internal sealed class SmsOutboxConfiguration : IEntityTypeConfiguration<SmsOutboxMessage>
{
    public void Configure(EntityTypeBuilder<SmsOutboxMessage> b)
    {
        b.ToTable("SmsOutbox");
        b.Property(m => m.Phone).HasMaxLength(20);
        b.Property(m => m.Text).HasMaxLength(500);
        b.HasIndex(m => m.Phone);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.HasIndex(e => e.Sequence).IsUnique();
        b.HasIndex(e => new { e.OrganizationId, e.OccurredAtUtc });
        b.Property(e => e.Action).HasMaxLength(100);
        b.Property(e => e.Target).HasMaxLength(200);
        b.Property(e => e.Detail).HasMaxLength(2000);
        b.Property(e => e.IpAddress).HasMaxLength(64);
        b.Property(e => e.CorrelationId).HasMaxLength(64);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> b)
    {
        b.HasIndex(c => c.Sequence).IsUnique();
        b.Property(c => c.HeadHash).HasMaxLength(64);
        b.Property(c => c.KeyLabel).HasMaxLength(128);
        b.Property(c => c.Signature).HasMaxLength(1024);
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.LastHash).HasMaxLength(64);
    }
}
