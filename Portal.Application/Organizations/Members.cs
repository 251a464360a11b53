using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

public sealed record MemberRow(Guid MembershipId, Guid UserId, string Name, string PhoneMasked, string? Department, OrgRoles Roles, bool IsLegalRepresentative,
    Guid? DepartmentId = null);

public sealed record OrganizationSummary(Guid Id, string Name, string Uscc, OrganizationType Type, OrganizationStatus Status,
    string TimeZoneId, string LegalRepresentativeName, int MemberCount);

/// <summary>The current organization's information (any member).</summary>
public sealed class GetCurrentOrganization(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<OrganizationSummary>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var org = await db.Organizations.Where(o => o.Id == db.ScopeOrganizationId)
            .Select(o => new OrganizationSummary(o.Id, o.Name, o.Uscc, o.Type, o.Status, o.TimeZoneId, o.LegalRepresentativeName,
                db.Memberships.Count()))
            .FirstAsync(cancellationToken);
        return org;
    }
}

/// <summary>The member list of the current organization (owner).</summary>
public sealed class ListMembers(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<IReadOnlyList<MemberRow>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var legalRep = await db.Organizations.Where(o => o.Id == db.ScopeOrganizationId)
            .Select(o => o.LegalRepresentativeUserId).FirstAsync(cancellationToken);
        var rows = await db.Memberships
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u.UserName })
            .GroupJoin(db.Departments, x => x.m.DepartmentId, d => d.Id, (x, ds) => new { x.m, x.UserName, ds })
            .SelectMany(x => x.ds.DefaultIfEmpty(), (x, d) => new { x.m, x.UserName, Dept = d == null ? null : d.Name })
            .OrderBy(x => x.m.JoinedAtUtc)
            .ToListAsync(cancellationToken);
        return rows.Select(x => new MemberRow(x.m.Id, x.m.UserId, x.m.Name, PhoneNumber.Mask(x.UserName ?? ""), x.Dept, x.m.Roles,
            x.m.UserId == legalRep, x.m.DepartmentId)).ToList();
    }
}

public sealed record AddMemberRequest(string Phone, string Name, Guid? DepartmentId, OrgRoles Roles);

/// <summary>What adding a member did: <see cref="Invited"/> when the number has no account yet (then <see cref="Id"/> is the invitation's).</summary>
public sealed record AddMemberOutcome(Guid Id, bool Invited);

/// <summary>
/// Adds a registered user to the current organization (owner). An unknown number is invited instead: the
/// invitation is listed with the members, an SMS goes out, and the person joins when they register with that
/// number. Ownership is never given here: it is transferred.
/// </summary>
public sealed class AddMember(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, TimeProvider clock, ISmsSender sms)
{
    /// <summary>The membership's id, or the invitation's for an unknown number.</summary>
    public async Task<Result<Guid>> ExecuteAsync(AddMemberRequest request, CancellationToken cancellationToken = default)
    {
        var r = await AddOrInviteAsync(request, cancellationToken);
        return r.Succeeded ? r.Value!.Id : r.Error!;
    }

    public async Task<Result<AddMemberOutcome>> AddOrInviteAsync(AddMemberRequest request, CancellationToken cancellationToken = default)
    {
        var phone = PhoneNumber.Normalize(request.Phone);
        if (phone is null)
        {
            return Result<AddMemberOutcome>.Fail(Errors.PhoneInvalid);
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 50)
        {
            return Result<AddMemberOutcome>.Fail(Errors.NameRequired);
        }
        string? invitationText = null;
        AddMemberOutcome outcome;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
            var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
            if (!me.Succeeded)
            {
                return me.Error!;
            }
            if (request.DepartmentId is { } deptId && !await db.Departments.AnyAsync(d => d.Id == deptId, cancellationToken))
            {
                return Result<AddMemberOutcome>.Fail(Errors.NotFound);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == phone, cancellationToken);
            if (user is null)
            {
                var invitation = await db.MemberInvitations.FirstOrDefaultAsync(i => i.Phone == phone && i.Status == RequestStatus.Pending,
                    cancellationToken);
                if (invitation is null)
                {
                    invitation = new MemberInvitation
                    {
                        Id = Guid.NewGuid(),
                        OrganizationId = me.Value!.OrganizationId,
                        Phone = phone,
                        Status = RequestStatus.Pending,
                        InvitedByUserId = me.Value.UserId,
                        CreatedAtUtc = now,
                    };
                    db.MemberInvitations.Add(invitation);
                }
                // Inviting the same number again updates the invitation and sends the SMS again.
                invitation.Name = request.Name.Trim();
                invitation.DepartmentId = request.DepartmentId;
                invitation.Roles = request.Roles & ~OrgRoles.Owner;
                invitation.ConcurrencyStamp = Guid.NewGuid();
                var orgName = await db.Organizations.Where(o => o.Id == me.Value!.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
                invitationText = $"【Portal】{orgName} 邀请您加入，请用本手机号注册，注册后即成为成员。{orgName} invites you: register with this number to join.";
                await audit.AppendAsync(db, "member.invite", invitation.Id.ToString(), AuditOutcome.Success, PhoneNumber.Mask(phone),
                    cancellationToken: cancellationToken);
                outcome = new AddMemberOutcome(invitation.Id, true);
            }
            else
            {
                if (await db.Memberships.AnyAsync(m => m.UserId == user.Id, cancellationToken))
                {
                    return Result<AddMemberOutcome>.Fail(Errors.AlreadyMember);
                }
                var membership = new Membership
                {
                    Id = Guid.NewGuid(),
                    OrganizationId = me.Value!.OrganizationId,
                    UserId = user.Id,
                    Name = request.Name.Trim(),
                    DepartmentId = request.DepartmentId,
                    Roles = request.Roles & ~OrgRoles.Owner,
                    JoinedAtUtc = now,
                };
                db.Memberships.Add(membership);
                await audit.AppendAsync(db, "member.add", membership.Id.ToString(), AuditOutcome.Success,
                    $"{membership.Name} {membership.Roles}", cancellationToken: cancellationToken);
                outcome = new AddMemberOutcome(membership.Id, false);
            }
            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        if (invitationText is not null)
        {
            await sms.SendAsync(phone, invitationText, cancellationToken);
        }
        return outcome;
    }
}

/// <summary>Changes a member's department and roles (owner). Takes effect at once in the member's open sessions.</summary>
public sealed class SetMemberRoles(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, ISpaceAccessNotifier notifier)
{
    public async Task<Result> ExecuteAsync(Guid membershipId, OrgRoles roles, Guid? departmentId, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(membershipId, roles, departmentId, null, cancellationToken);

    /// <summary>Edits a member: name (when given), department and roles.</summary>
    public async Task<Result> ExecuteAsync(Guid membershipId, OrgRoles roles, Guid? departmentId, string? name,
        CancellationToken cancellationToken = default)
    {
        if (name is not null && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50))
        {
            return Result.Fail(Errors.NameRequired);
        }
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var member = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (member is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        if (departmentId is { } deptId && !await db.Departments.AnyAsync(d => d.Id == deptId, cancellationToken))
        {
            return Result.Fail(Errors.NotFound);
        }
        if (roles.HasFlag(OrgRoles.DepartmentHead) && departmentId is null)
        {
            return Result.Fail(Errors.DepartmentRequired);
        }
        // The owner flag only moves by transfer.
        member.Roles = (roles & ~OrgRoles.Owner) | (member.Roles & OrgRoles.Owner);
        member.DepartmentId = departmentId;
        member.Name = name?.Trim() ?? member.Name;
        member.ConcurrencyStamp = Guid.NewGuid();
        await audit.AppendAsync(db, "member.roles", member.Id.ToString(), AuditOutcome.Success, member.Roles.ToString(),
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        notifier.AccessChanged(member.UserId, member.OrganizationId);
        return Result.Ok();
    }
}

/// <summary>
/// Removes a member (owner). Nobody removes themself, the owner or the legal representative (seed 001).
/// The member's open sessions in this space end at once.
/// </summary>
public sealed class RemoveMember(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, ISpaceAccessNotifier notifier,
    DomainEvents events)
{
    public async Task<Result> ExecuteAsync(Guid membershipId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var member = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (member is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        if (member.UserId == me.Value!.UserId)
        {
            return Result.Fail(Errors.CannotRemoveSelf);
        }
        if (member.Has(OrgRoles.Owner))
        {
            return Result.Fail(Errors.CannotRemoveOwner);
        }
        var legalRep = await db.Organizations.Where(o => o.Id == member.OrganizationId).Select(o => o.LegalRepresentativeUserId)
            .FirstAsync(cancellationToken);
        if (legalRep == member.UserId)
        {
            return Result.Fail(Errors.CannotRemoveLegalRepresentative);
        }
        db.Memberships.Remove(member);
        var user = await db.Users.FirstAsync(u => u.Id == member.UserId, cancellationToken);
        if (user.CurrentOrganizationId == member.OrganizationId)
        {
            user.CurrentOrganizationId = null;
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }
        // The seals issue revokes the member's grants in this same unit of work.
        await events.PublishAsync(db, new MemberRemoved(member.OrganizationId, member.Id, member.UserId), cancellationToken);
        await audit.AppendAsync(db, "member.remove", member.Id.ToString(), AuditOutcome.Success, member.Name,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        notifier.AccessChanged(member.UserId, member.OrganizationId);
        return Result.Ok();
    }
}

/// <summary>Adds a department under an optional parent (owner).</summary>
public sealed class CreateDepartment(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, TimeProvider clock)
{
    public async Task<Result<Guid>> ExecuteAsync(string name, Guid? parentId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return Result<Guid>.Fail(Errors.NameRequired);
        }
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        if (parentId is { } p && !await db.Departments.AnyAsync(d => d.Id == p, cancellationToken))
        {
            return Result<Guid>.Fail(Errors.NotFound);
        }
        var dept = new Department
        {
            Id = Guid.NewGuid(),
            OrganizationId = me.Value!.OrganizationId,
            ParentId = parentId,
            Name = name.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Departments.Add(dept);
        await audit.AppendAsync(db, "department.create", dept.Id.ToString(), AuditOutcome.Success, dept.Name,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return dept.Id;
    }
}

/// <summary>The departments of the current organization (any member).</summary>
public sealed class ListDepartments(IPortalDbContextFactory dbFactory, Access access)
{
    public async Task<Result<IReadOnlyList<Department>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        return await db.Departments.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);
    }
}

/// <summary>Links a member as the organization's legal representative (owner).</summary>
public sealed class SetLegalRepresentativeMember(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, DomainEvents events)
{
    public async Task<Result> ExecuteAsync(Guid membershipId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var tx = await db.BeginWriteTransactionAsync(cancellationToken);
        var me = await access.RequireAsync(db, OrgRoles.Owner, cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var member = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, cancellationToken);
        if (member is null)
        {
            return Result.Fail(Errors.NotFound);
        }
        var org = await db.Organizations.FirstAsync(o => o.Id == member.OrganizationId, cancellationToken);
        var oldUserId = org.LegalRepresentativeUserId;
        org.LegalRepresentativeUserId = member.UserId;
        if (oldUserId is not null && oldUserId != member.UserId)
        {
            await events.PublishAsync(db, new LegalRepresentativeChanged(org.Id, org.LegalRepresentativeName, org.LegalRepresentativeName,
                oldUserId, member.UserId), cancellationToken);
        }
        org.ConcurrencyStamp = Guid.NewGuid();
        await audit.AppendAsync(db, "organization.legal-representative.link", member.Id.ToString(), AuditOutcome.Success,
            cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Result.Ok();
    }
}
