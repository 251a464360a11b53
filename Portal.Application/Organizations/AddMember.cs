using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

public sealed record AddMemberRequest(string Phone, string Name, Guid? DepartmentId, OrgRoles Roles);

/// <summary>What adding a member did: <see cref="Invited"/> when the number has no account yet (then <see cref="Id"/> is the invitation's).</summary>
public sealed record AddMemberOutcome(Guid Id, bool Invited);

/// <summary>
/// Adds a registered user to the current organization (owner). An unknown number is invited instead: the
/// invitation is listed with the members, an SMS goes out, and the person joins when they register with that
/// number. Ownership is never given here: it is transferred.
/// </summary>
public sealed class AddMember(IPortalDbContextFactory dbFactory, Access access, AuditTrail audit, TimeProvider clock, SmsNotifier sms)
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
        SmsMessage? invitationText = null;
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
                invitationText = SmsMessages.MemberInvitation(orgName);
                await audit.AppendAsync(db, AuditActions.MemberInvite, invitation.Id.ToString(), AuditOutcome.Success, PhoneNumber.Mask(phone),
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
                await audit.AppendAsync(db, AuditActions.MemberAdd, membership.Id.ToString(), AuditOutcome.Success,
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
