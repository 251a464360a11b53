using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Application.Domain;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class PersonalCertificateConfigurations :
    IEntityTypeConfiguration<PersonalCertificate>, IEntityTypeConfiguration<ReissueAllowance>, IEntityTypeConfiguration<CertificateInstallRecord>,
    IEntityTypeConfiguration<CertificateOperation>, IEntityTypeConfiguration<CertificateOrder>, IEntityTypeConfiguration<CertificateLoginTicket>
{
    public void Configure(EntityTypeBuilder<PersonalCertificate> b)
    {
        // One active personal certificate per user: the unique index decides between two parallel issues.
        b.HasIndex(x => x.ActiveOwnerUserId).IsUnique();
        b.HasIndex(x => x.OwnerUserId);
        b.HasIndex(x => x.SerialNumber).IsUnique();
        b.HasIndex(x => new { x.Status, x.NotAfterUtc });
        b.Property(x => x.KeyId).HasMaxLength(128);
        b.Property(x => x.SerialNumber).HasMaxLength(64);
        b.Property(x => x.Subject).HasMaxLength(500);
        b.Property(x => x.RevocationReason).HasMaxLength(500);
        b.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ReissueAllowance> b)
    {
        b.HasKey(x => x.OwnerUserId);
        b.Ignore(x => x.Remaining);
        b.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CertificateInstallRecord> b)
    {
        b.HasIndex(x => new { x.OwnerUserId, x.OccurredAtUtc });
        b.Property(x => x.SerialNumber).HasMaxLength(64);
        b.HasOne<PersonalCertificate>().WithMany().HasForeignKey(x => x.CertificateId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CertificateOperation> b)
    {
        b.HasIndex(x => new { x.OwnerUserId, x.OccurredAtUtc });
        b.Property(x => x.SerialNumber).HasMaxLength(80);
        b.Property(x => x.Detail).HasMaxLength(500);
        b.Property(x => x.IpAddress).HasMaxLength(64);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CertificateOrder> b)
    {
        b.HasIndex(x => x.OwnerUserId);
        b.Property(x => x.Product).HasMaxLength(64);
        b.Property(x => x.PaymentReference).HasMaxLength(128);
        b.Property(x => x.FailureReason).HasMaxLength(200);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CertificateLoginTicket> b)
    {
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.Property(x => x.StateHash).HasMaxLength(64);
        b.Property(x => x.SerialNumber).HasMaxLength(80);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonalSignatureConfiguration : IEntityTypeConfiguration<PersonalSignature>
{
    public void Configure(EntityTypeBuilder<PersonalSignature> b)
    {
        b.HasIndex(x => new { x.OwnerUserId, x.DeletedAtUtc });
        b.Property(x => x.Name).HasMaxLength(PersonalSignature.MaxNameLength);
        b.Property(x => x.FaceSpecJson).HasMaxLength(2000);
        b.Property(x => x.ImageFile).HasMaxLength(200);
        b.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
    }
}
