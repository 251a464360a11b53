using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Application.Domain;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class SigningPinConfiguration : IEntityTypeConfiguration<SigningPin>
{
    public void Configure(EntityTypeBuilder<SigningPin> b)
    {
        // One PIN per user: the unique index decides between two parallel first settings.
        b.HasIndex(x => x.OwnerUserId).IsUnique();
        b.Property(x => x.PinHash).HasMaxLength(200);
        b.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SealUsageConfiguration : IEntityTypeConfiguration<SealUsage>
{
    public void Configure(EntityTypeBuilder<SealUsage> b)
    {
        b.HasIndex(x => new { x.OrganizationId, x.SignedAtUtc });
        // The daily limit counts a user's uses of a seal: this index answers it inside the signing transaction.
        b.HasIndex(x => new { x.SealId, x.UserId, x.SignedAtUtc });
        b.HasIndex(x => new { x.OrganizationId, x.UserId });
        b.HasIndex(x => x.SigningTaskId);
        b.Property(x => x.SigningTaskNumber).HasMaxLength(32);
        b.Property(x => x.SealName).HasMaxLength(100);
        b.Property(x => x.UserName).HasMaxLength(100);
        b.Property(x => x.DocumentName).HasMaxLength(260);
        b.Property(x => x.DocumentSha256).HasMaxLength(64);
        b.Property(x => x.SignedSha256).HasMaxLength(64);
        b.Property(x => x.SignedFileKey).HasMaxLength(100);
        b.Property(x => x.Pages).HasMaxLength(2000);
        b.Property(x => x.IpAddress).HasMaxLength(64);
        b.Property(x => x.Decision).HasMaxLength(500);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SealUseRequestConfiguration : IEntityTypeConfiguration<SealUseRequest>
{
    public void Configure(EntityTypeBuilder<SealUseRequest> b)
    {
        b.HasIndex(x => new { x.OrganizationId, x.Status });
        b.HasIndex(x => new { x.ApplicantUserId, x.SealId, x.DocumentSha256 });
        b.Property(x => x.SealName).HasMaxLength(100);
        b.Property(x => x.ApplicantName).HasMaxLength(100);
        b.Property(x => x.DocumentName).HasMaxLength(260);
        b.Property(x => x.DocumentSha256).HasMaxLength(64);
        b.Property(x => x.DocumentFileKey).HasMaxLength(100);
        b.Property(x => x.Placements).HasMaxLength(4000);
        b.Property(x => x.TaskDocumentKey).HasMaxLength(100);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.DecidedByName).HasMaxLength(100);
        b.Property(x => x.DecisionReason).HasMaxLength(500);
        b.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.ApplicantUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
