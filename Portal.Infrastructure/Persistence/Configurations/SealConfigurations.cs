using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Application.Domain;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class SealConfiguration : IEntityTypeConfiguration<Seal>
{
    public void Configure(EntityTypeBuilder<Seal> b)
    {
        b.Property(s => s.Name).HasMaxLength(100).IsRequired();
        b.Property(s => s.FaceSpecJson).HasMaxLength(4000);
        b.Property(s => s.ImageFile).HasMaxLength(64);
        b.Property(s => s.KeyId).HasMaxLength(128);
        b.Property(s => s.CertificateSerial).HasMaxLength(64);
        b.Property(s => s.VoidReason).HasMaxLength(500);
        b.Property(s => s.ReviewNote).HasMaxLength(500);
        b.Property(s => s.ConcurrencyStamp).IsConcurrencyToken();
        b.Ignore(s => s.IsOrganizationSeal);
        b.HasIndex(s => new { s.OrganizationId, s.Type, s.Status });
        b.HasIndex(s => s.Status);
        b.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SealVoidRecordConfiguration : IEntityTypeConfiguration<SealVoidRecord>
{
    public void Configure(EntityTypeBuilder<SealVoidRecord> b)
    {
        b.Property(r => r.SealName).HasMaxLength(100);
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.VoidedByName).HasMaxLength(50);
        b.HasIndex(r => new { r.OrganizationId, r.VoidedAtUtc });
        b.HasOne<Seal>().WithMany().HasForeignKey(r => r.SealId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LegalRepresentativeSealConsentConfiguration : IEntityTypeConfiguration<LegalRepresentativeSealConsent>
{
    public void Configure(EntityTypeBuilder<LegalRepresentativeSealConsent> b)
    {
        b.Property(c => c.LegalRepresentativeName).HasMaxLength(50);
        b.Property(c => c.ConcurrencyStamp).IsConcurrencyToken();
        b.HasIndex(c => new { c.OrganizationId, c.UserId });
        b.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SealGrantConfiguration : IEntityTypeConfiguration<SealGrant>
{
    public void Configure(EntityTypeBuilder<SealGrant> b)
    {
        b.Property(g => g.RevokeReason).HasMaxLength(500);
        b.Property(g => g.ConcurrencyStamp).IsConcurrencyToken();
        b.HasIndex(g => new { g.OrganizationId, g.SealId, g.Status });
        b.HasIndex(g => new { g.OrganizationId, g.GranteeUserId });
        b.HasIndex(g => new { g.OrganizationId, g.GranteeDepartmentId });
        b.HasOne<Seal>().WithMany().HasForeignKey(g => g.SealId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(g => g.GranteeDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_SealGrants_OneGrantee",
            "(\"GranteeUserId\" IS NULL AND \"GranteeDepartmentId\" IS NOT NULL) OR (\"GranteeUserId\" IS NOT NULL AND \"GranteeDepartmentId\" IS NULL)"));
    }
}

internal sealed class SealGrantRequestConfiguration : IEntityTypeConfiguration<SealGrantRequest>
{
    public void Configure(EntityTypeBuilder<SealGrantRequest> b)
    {
        b.Property(r => r.ApplicantName).HasMaxLength(50);
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        b.HasIndex(r => new { r.OrganizationId, r.Status });
        b.HasIndex(r => new { r.OrganizationId, r.ApplicantUserId });
        b.HasOne<Seal>().WithMany().HasForeignKey(r => r.SealId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SealGrantRequestStepConfiguration : IEntityTypeConfiguration<SealGrantRequestStep>
{
    public void Configure(EntityTypeBuilder<SealGrantRequestStep> b)
    {
        b.Property(s => s.DecidedByName).HasMaxLength(50);
        b.Property(s => s.Reason).HasMaxLength(500);
        b.HasIndex(s => new { s.RequestId, s.Order }).IsUnique();
        b.HasIndex(s => new { s.OrganizationId, s.Status });
    }
}

internal sealed class SealPolicyConfiguration : IEntityTypeConfiguration<SealPolicy>
{
    public void Configure(EntityTypeBuilder<SealPolicy> b)
    {
        b.HasIndex(p => p.OrganizationId).IsUnique();
        b.Property(p => p.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Rules).WithOne().HasForeignKey(r => r.PolicyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SealPolicyRuleConfiguration : IEntityTypeConfiguration<SealPolicyRule>
{
    public void Configure(EntityTypeBuilder<SealPolicyRule> b)
    {
        // The chain as "1,2": ordered step kinds.
        b.Property(r => r.ApprovalChain).HasMaxLength(32).HasConversion(
            v => string.Join(",", v.Select(k => (int)k)),
            v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => (ApprovalStepKind)int.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            new ValueComparer<List<ApprovalStepKind>>((a, c) => a!.SequenceEqual(c!), v => v.Aggregate(0, (h, k) => HashCode.Combine(h, k)), v => v.ToList()));
        b.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        b.HasIndex(r => new { r.PolicyId, r.SealType, r.SealId });
        b.HasOne<Seal>().WithMany().HasForeignKey(r => r.SealId).OnDelete(DeleteBehavior.Cascade);
    }
}
