using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

public sealed record AddMemberRequest(string Phone, string Name, Guid? DepartmentId, OrgRoles Roles);

/// <summary>What adding a member did: an invitation (<see cref="Id"/> is the invitation's); <see cref="Invited"/> is always true.</summary>
public sealed record AddMemberOutcome(Guid Id, bool Invited);

/// <summary>
/// Invites a person to the current organization (owner): the invitation is listed with the members and a fixed SMS goes out;
/// the person joins only when they accept it in the portal (registering first if the number has no account). The answer is
/// the same whether the number is registered or not. Ownership is never given here: it is transferred.
/// </summary>
public sealed class AddMember(WriteUnit unit, SmsNotifier sms)
{
    /// <summary>The invitation's id.</summary>
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
            if (request.DepartmentId is { } deptId && !await w.Db.Departments.AnyAsync(d => d.Id == deptId, cancellationToken))
            {
                return Result<AddMemberOutcome>.Fail(Errors.NotFound);
            }
            // The owner sees the members' numbers already: refusing a member again tells nothing new.
            if ((await Invitations.MemberPhonesAsync(w.Db, [phone], cancellationToken)).Count > 0)
            {
                return Result<AddMemberOutcome>.Fail(Errors.AlreadyMember);
            }
            var invitation = await Invitations.InviteAsync(w, sms, phone, request.Name, request.DepartmentId, request.Roles, cancellationToken);
            w.Audit(AuditActions.MemberInvite, invitation.Id.ToString(), PhoneNumber.Mask(phone));
            return new AddMemberOutcome(invitation.Id, true);
        }, cancellationToken);
    }
}
