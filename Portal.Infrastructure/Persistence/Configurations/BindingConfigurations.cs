using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Application.Domain;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class CertificateBindingConfiguration : IEntityTypeConfiguration<CertificateBinding>
{
    public void Configure(EntityTypeBuilder<CertificateBinding> b)
    {
        b.Property(x => x.Fingerprint).HasMaxLength(64).IsRequired();
        // One certificate, one account: the unique index is what decides between two parallel binds.
        b.Property(x => x.HeldFingerprint).HasMaxLength(64);
        b.HasIndex(x => x.HeldFingerprint).IsUnique();
        b.HasIndex(x => x.Fingerprint);
        b.HasIndex(x => x.OwnerUserId);
        b.HasIndex(x => new { x.Subject, x.Issuer });
        b.HasIndex(x => x.SerialNumber);
        b.HasIndex(x => x.NotAfterUtc);
        b.Property(x => x.SerialNumber).HasMaxLength(80);
        b.Property(x => x.Subject).HasMaxLength(500);
        b.Property(x => x.Issuer).HasMaxLength(500);
        b.Property(x => x.CommonName).HasMaxLength(200);
        b.Property(x => x.TrustedCaName).HasMaxLength(200);
        b.Property(x => x.EndReason).HasMaxLength(500);
        b.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateBindingEventConfiguration : IEntityTypeConfiguration<CertificateBindingEvent>
{
    public void Configure(EntityTypeBuilder<CertificateBindingEvent> b)
    {
        b.HasIndex(x => x.BindingId);
        b.Property(x => x.Detail).HasMaxLength(500);
        b.HasOne<CertificateBinding>().WithMany().HasForeignKey(x => x.BindingId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateBindAttemptConfiguration : IEntityTypeConfiguration<CertificateBindAttempt>
{
    public void Configure(EntityTypeBuilder<CertificateBindAttempt> b)
    {
        b.Property(x => x.Fingerprint).HasMaxLength(64);
        b.Property(x => x.SerialNumber).HasMaxLength(80);
        b.Property(x => x.Subject).HasMaxLength(500);
        b.Property(x => x.Issuer).HasMaxLength(500);
        b.Property(x => x.Reason).HasMaxLength(64);
        b.HasIndex(x => x.Fingerprint);
        b.HasIndex(x => x.OccurredAtUtc);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateChallengeConfiguration : IEntityTypeConfiguration<CertificateChallenge>
{
    public void Configure(EntityTypeBuilder<CertificateChallenge> b)
    {
        b.Property(x => x.Fingerprint).HasMaxLength(64);
        b.Property(x => x.Nonce).HasMaxLength(32);
        b.HasIndex(x => x.OwnerUserId);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
