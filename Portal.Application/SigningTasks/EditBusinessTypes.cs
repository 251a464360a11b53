using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.SigningTasks;

public sealed record BusinessTypeRow(Guid Id, string Name, bool Archived);

/// <summary>
/// 业务类型: the organization's list of task kinds. Every member reads the active ones (the draft page); the owner adds,
/// renames and archives (a task keeps the name it was saved with).
/// </summary>
public sealed class EditBusinessTypes(WriteUnit unit)
{
    public const int MaxNameLength = 100;
    public const int MaxTypes = 200;

    public Task<Result<IReadOnlyList<BusinessTypeRow>>> ListAsync(bool includeArchived = false, CancellationToken cancellationToken = default) =>
        unit.ReadAsync<IReadOnlyList<BusinessTypeRow>>(Write.InSpace(), async w =>
            await w.Db.TaskBusinessTypes.AsNoTracking().Where(t => includeArchived || !t.Archived).OrderBy(t => t.Position).ThenBy(t => t.Name)
                .Select(t => new BusinessTypeRow(t.Id, t.Name, t.Archived)).ToListAsync(cancellationToken), cancellationToken);

    /// <summary>Adds (<paramref name="id"/> null) or renames / archives / restores a type.</summary>
    public Task<Result<Guid>> SaveAsync(Guid? id, string name, bool archived = false, CancellationToken cancellationToken = default) =>
        unit.RunAsync<Guid>(Write.InSpace(OrgRoles.Owner), async w =>
        {
            var clean = name?.Trim() ?? "";
            if (clean.Length == 0 || clean.Length > MaxNameLength)
            {
                return Result<Guid>.Fail(Errors.TaskBusinessTypeInvalid);
            }
            var all = await w.Db.TaskBusinessTypes.ToListAsync(cancellationToken);
            if (all.Any(t => t.Name == clean && t.Id != id) || (id is null && all.Count >= MaxTypes))
            {
                return Result<Guid>.Fail(Errors.TaskBusinessTypeInvalid);
            }
            var type = id is { } existing ? all.FirstOrDefault(t => t.Id == existing) : null;
            if (id is not null && type is null)
            {
                return Result<Guid>.Fail(Errors.NotFound);
            }
            if (type is null)
            {
                type = new TaskBusinessType { Id = Guid.NewGuid(), OrganizationId = w.Me!.OrganizationId, Position = all.Count };
                w.Db.TaskBusinessTypes.Add(type);
            }
            type.Name = clean;
            type.Archived = archived;
            w.Audit(AuditActions.TaskBusinessTypeSave, type.Id.ToString(), $"{clean}{(archived ? " (archived)" : "")}");
            return type.Id;
        }, cancellationToken);
}
