using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
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
public sealed class AddMember(WriteUnit unit, SmsNotifier sms)
{
    /// <summary>The membership's id, or the invitation's for an unknown number.</summary>
    public async Task<Result<Guid>> ExecuteAsync(AddMemberRequest request, CancellationToken cancellationToken = default)
    {
        var r = await AddOrInviteAsync(request, cancellationToken);
        return r.Succeeded ? r.Value!.Id : r.Error!;
    }

    public Task<Result<AddMemberOutcome>> AddOrInviteAsync(AddMemberRequest request, CancellationToken cancellationToken = default)
    {
        var phone = PhoneNumber.Normalize(request.Phone);
        if (phone is null)
        {
            return Task.FromResult(Result<AddMemberOutcome>.Fail(Errors.PhoneInvalid));
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 50)
        {
            return Task.FromResult(Result<AddMemberOutcome>.Fail(Errors.NameRequired));
        }
        return unit.RunAsync(Write.InSpace(OrgRoles.Owner), async w =>
        {
            var me = w.Me!;
            if (request.DepartmentId is { } deptId && !await w.Db.Departments.AnyAsync(d => d.Id == deptId, cancellationToken))
            {
                return Result<AddMemberOutcome>.Fail(Errors.NotFound);
            }
            var user = await w.Db.Users.FirstOrDefaultAsync(u => u.UserName == phone, cancellationToken);
            if (user is null)
            {
                var invitation = await w.Db.MemberInvitations.FirstOrDefaultAsync(i => i.Phone == phone && i.Status == RequestStatus.Pending,
                    cancellationToken);
                if (invitation is null)
                {
                    invitation = new MemberInvitation
                    {
                        Id = Guid.NewGuid(),
                        OrganizationId = me.OrganizationId,
                        Phone = phone,
                        Status = RequestStatus.Pending,
                        InvitedByUserId = me.UserId,
                        CreatedAtUtc = w.Now,
                    };
                    w.Db.MemberInvitations.Add(invitation);
                }
                else
                {
                    // Inviting the same number again updates the invitation (a new stamp even when nothing differs) and sends the SMS again.
                    w.Touch(invitation);
                }
                invitation.Name = request.Name.Trim();
                invitation.DepartmentId = request.DepartmentId;
                invitation.Roles = request.Roles & ~OrgRoles.Owner;
                var orgName = await w.Db.Organizations.Where(o => o.Id == me.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
                var invitationText = SmsMessages.MemberInvitation(orgName);
                w.Audit(AuditActions.MemberInvite, invitation.Id.ToString(), PhoneNumber.Mask(phone));
                w.AfterCommit(() => sms.SendAsync(phone, invitationText, cancellationToken));
                return new AddMemberOutcome(invitation.Id, true);
            }
            if (await w.Db.Memberships.AnyAsync(m => m.UserId == user.Id, cancellationToken))
            {
                return Result<AddMemberOutcome>.Fail(Errors.AlreadyMember);
            }
            var membership = new Membership
            {
                Id = Guid.NewGuid(),
                OrganizationId = me.OrganizationId,
                UserId = user.Id,
                Name = request.Name.Trim(),
                DepartmentId = request.DepartmentId,
                Roles = request.Roles & ~OrgRoles.Owner,
                JoinedAtUtc = w.Now,
            };
            w.Db.Memberships.Add(membership);
            w.Audit(AuditActions.MemberAdd, membership.Id.ToString(), $"{membership.Name} {membership.Roles}");
            return new AddMemberOutcome(membership.Id, false);
        }, cancellationToken);
    }
}
