using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Application.Domain;

namespace Portal.Infrastructure.Persistence.Configurations;

internal sealed class SigningTaskConfiguration : IEntityTypeConfiguration<SigningTask>
{
    public void Configure(EntityTypeBuilder<SigningTask> b)
    {
        b.HasIndex(x => new { x.SpaceId, x.Number }).IsUnique();
        // The lists: 我发起的 / 草稿 (initiator), the owner's organization list, and the expiry and reminder jobs.
        // The tenancy filter's OrganizationId trails each list index, so counting a list reads the index alone.
        b.HasIndex(x => new { x.SpaceId, x.InitiatorUserId, x.Status, x.CreatedAtUtc, x.OrganizationId });
        b.HasIndex(x => new { x.SpaceId, x.Status, x.CreatedAtUtc, x.OrganizationId });
        // The owner's organization list (every status but drafts) newest first: read in order, a page stops after its rows
        // instead of sorting the whole space.
        b.HasIndex(x => new { x.SpaceId, x.CreatedAtUtc, x.OrganizationId, x.Status });
        b.HasIndex(x => new { x.Status, x.DeadlineUtc });
        b.Property(x => x.Number).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.BusinessTypeName).HasMaxLength(100);
        b.Property(x => x.InitiatorName).HasMaxLength(100);
        b.Property(x => x.TimeZoneId).HasMaxLength(64);
        b.Property(x => x.VoidReason).HasMaxLength(500);
        b.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.InitiatorUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Documents).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Participants).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.CcRecipients).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TaskDocumentConfiguration : IEntityTypeConfiguration<TaskDocument>
{
    public void Configure(EntityTypeBuilder<TaskDocument> b)
    {
        b.HasIndex(x => new { x.TaskId, x.Position });
        b.Property(x => x.Name).HasMaxLength(260);
        b.Property(x => x.CurrentFileKey).HasMaxLength(100);
        b.Property(x => x.CurrentSha256).HasMaxLength(64);
        b.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        b.HasMany(x => x.Versions).WithOne().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TaskDocumentVersionConfiguration : IEntityTypeConfiguration<TaskDocumentVersion>
{
    public void Configure(EntityTypeBuilder<TaskDocumentVersion> b)
    {
        // A version number is taken once: two signers committing the same next version cannot both succeed.
        b.HasIndex(x => new { x.DocumentId, x.Number }).IsUnique();
        b.HasIndex(x => x.TaskId);
        b.Property(x => x.FileKey).HasMaxLength(100);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.SignerName).HasMaxLength(100);
    }
}

internal sealed class TaskParticipantConfiguration : IEntityTypeConfiguration<TaskParticipant>
{
    public void Configure(EntityTypeBuilder<TaskParticipant> b)
    {
        // 待我签署 / 待他人签署 / 已完成 / 已作废 start from the caller's participations.
        b.HasIndex(x => new { x.UserId, x.State, x.TaskId, x.OrganizationId });
        // A user's lists: their participations in tasks of one status, without looking each task up.
        b.HasIndex(x => new { x.UserId, x.TaskStatus, x.State, x.TaskId, x.OrganizationId });
        b.HasIndex(x => new { x.TaskId, x.Step });
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.RefusalReason).HasMaxLength(500);
        b.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Positions).WithOne().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TaskParticipantPositionConfiguration : IEntityTypeConfiguration<TaskParticipantPosition>
{
    public void Configure(EntityTypeBuilder<TaskParticipantPosition> b)
    {
        b.Property(x => x.Keyword).HasMaxLength(100);
    }
}

internal sealed class TaskCcRecipientConfiguration : IEntityTypeConfiguration<TaskCcRecipient>
{
    public void Configure(EntityTypeBuilder<TaskCcRecipient> b)
    {
        b.HasIndex(x => new { x.UserId, x.TaskId, x.OrganizationId });
        b.HasIndex(x => x.TaskId);
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TaskEventConfiguration : IEntityTypeConfiguration<TaskEvent>
{
    public void Configure(EntityTypeBuilder<TaskEvent> b)
    {
        b.HasIndex(x => new { x.TaskId, x.AtUtc });
        b.Property(x => x.ActorName).HasMaxLength(100);
        b.Property(x => x.IpAddress).HasMaxLength(64);
        b.Property(x => x.Action).HasMaxLength(64);
        b.Property(x => x.Detail).HasMaxLength(1000);
    }
}

internal sealed class TaskBusinessTypeConfiguration : IEntityTypeConfiguration<TaskBusinessType>
{
    public void Configure(EntityTypeBuilder<TaskBusinessType> b)
    {
        b.HasIndex(x => new { x.OrganizationId, x.Name }).IsUnique();
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TaskNumberSequenceConfiguration : IEntityTypeConfiguration<TaskNumberSequence>
{
    public void Configure(EntityTypeBuilder<TaskNumberSequence> b) => b.HasKey(x => new { x.SpaceId, x.Day });
}
