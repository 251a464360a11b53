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
