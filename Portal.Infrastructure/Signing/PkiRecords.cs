using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Infrastructure.Signing;

/// <summary>A certificate the platform CA issued (rows of <see cref="EfPkiStores"/>).</summary>
public sealed class PkiCertificateRecord
{
    public long Id { get; set; }
    public string IssuerId { get; set; } = "";
    public string SerialNumber { get; set; } = "";
    public int Kind { get; set; }
    public string KeyId { get; set; } = "";
    public string Subject { get; set; } = "";
    public DateTime NotBeforeUtc { get; set; }
    public DateTime NotAfterUtc { get; set; }
    public byte[] Der { get; set; } = [];
}

public sealed class PkiRevocationRecord
{
    public long Id { get; set; }
    public string IssuerId { get; set; } = "";
    public string SerialNumber { get; set; } = "";
    public DateTime RevokedAtUtc { get; set; }
    public int Reason { get; set; }
}

/// <summary>The CRL number sequence of one CA.</summary>
public sealed class PkiCrlCounter
{
    public string IssuerId { get; set; } = "";
    public long LastNumber { get; set; }
}

public sealed class PkiKeyRecord
{
    public long Id { get; set; }
    public string KeyId { get; set; } = "";
    public int Algorithm { get; set; }
    public string Purpose { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
}

public sealed class PkiTrustedCaRecord
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public byte[] CertificateDer { get; set; } = [];
    public bool IsPlatform { get; set; }
    public bool FailClosed { get; set; }
    public byte[]? CrlDer { get; set; }
    public DateTime? CrlThisUpdateUtc { get; set; }
    public DateTime? CrlNextUpdateUtc { get; set; }
    public string? CrlUrl { get; set; }
}

internal sealed class PkiConfigurations :
    IEntityTypeConfiguration<PkiCertificateRecord>, IEntityTypeConfiguration<PkiRevocationRecord>, IEntityTypeConfiguration<PkiCrlCounter>,
    IEntityTypeConfiguration<PkiKeyRecord>, IEntityTypeConfiguration<PkiTrustedCaRecord>
{
    public void Configure(EntityTypeBuilder<PkiCertificateRecord> b)
    {
        b.ToTable("PkiCertificates");
        b.Property(x => x.IssuerId).HasMaxLength(32);
        b.Property(x => x.SerialNumber).HasMaxLength(64);
        b.Property(x => x.KeyId).HasMaxLength(128);
        b.Property(x => x.Subject).HasMaxLength(1000);
        b.HasIndex(x => new { x.IssuerId, x.SerialNumber }).IsUnique();
        b.HasIndex(x => x.Kind);
    }

    public void Configure(EntityTypeBuilder<PkiRevocationRecord> b)
    {
        b.ToTable("PkiRevocations");
        b.Property(x => x.IssuerId).HasMaxLength(32);
        b.Property(x => x.SerialNumber).HasMaxLength(64);
        b.HasIndex(x => new { x.IssuerId, x.SerialNumber }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<PkiCrlCounter> b)
    {
        b.ToTable("PkiCrlCounters");
        b.HasKey(x => x.IssuerId);
        b.Property(x => x.IssuerId).HasMaxLength(32);
        b.Property(x => x.LastNumber).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<PkiKeyRecord> b)
    {
        b.ToTable("PkiKeys");
        b.Property(x => x.KeyId).HasMaxLength(128);
        b.Property(x => x.Purpose).HasMaxLength(200);
        b.HasIndex(x => x.KeyId).IsUnique();
        b.HasIndex(x => x.Purpose);
    }

    public void Configure(EntityTypeBuilder<PkiTrustedCaRecord> b)
    {
        b.ToTable("PkiTrustedCas");
        b.Property(x => x.Id).HasMaxLength(128);
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.CrlUrl).HasMaxLength(1000);
    }
}
