using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Application.Domain;

namespace Portal.Infrastructure.Identity;

/// <summary>
/// One sign-in session held on the server (<see cref="DbTicketStore"/>): the cookie carries only <see cref="Key"/>. A session
/// is alive while it is not revoked and neither its sliding nor its absolute expiry has passed.
/// </summary>
public sealed class UserSessionRow
{
    public string Key { get; set; } = "";
    public Guid UserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime AbsoluteExpiresAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }

    /// <summary>The authentication ticket (claims and properties) as ASP.NET Core serializes it.</summary>
    public byte[] Ticket { get; set; } = [];
}

internal sealed class UserSessionRowConfiguration : IEntityTypeConfiguration<UserSessionRow>
{
    public void Configure(EntityTypeBuilder<UserSessionRow> b)
    {
        b.ToTable("UserSessions");
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(64);
        b.HasIndex(x => x.UserId);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
