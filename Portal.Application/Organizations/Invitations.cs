using Microsoft.EntityFrameworkCore;
using Portal.Application.Accounts;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>
/// Creating and refreshing invitations, shared by <see cref="AddMember"/> and <see cref="ImportMembers"/>: every add is an
/// invitation the person accepts, whether the number has an account or not, and the answer is the same either way.
/// </summary>
internal static class Invitations
{
    /// <summary>
    /// The pending invitation of <paramref name="phone"/> to the context's organization, created or updated with these terms
    /// (a new stamp even when nothing differs), its SMS queued after commit.
    /// </summary>
    public static async Task<MemberInvitation> InviteAsync(WriteContext w, SmsNotifier sms, string phone, string name, Guid? departmentId,
        OrgRoles roles, CancellationToken cancellationToken)
    {
        var me = w.Me!;
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
            w.Touch(invitation);
        }
        invitation.Name = name.Trim();
        invitation.DepartmentId = departmentId;
        invitation.Roles = roles & ~OrgRoles.Owner;
        // A fixed template: the organization's name is read in the portal, never typed into an SMS by the owner.
        w.AfterCommit(() => sms.SendAsync(phone, SmsMessages.MemberInvitation(), cancellationToken));
        return invitation;
    }

    /// <summary>The phone numbers (normalized) among <paramref name="phones"/> whose accounts are already members of the context's organization.</summary>
    public static async Task<HashSet<string>> MemberPhonesAsync(IPortalDbContext db, IReadOnlyCollection<string> phones,
        CancellationToken cancellationToken) =>
        (await db.Memberships.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.UserName!)
            .Where(p => phones.Contains(p)).ToListAsync(cancellationToken)).ToHashSet();
}

/// <summary>The invitee's side: invitations are matched by the caller's own mobile number.</summary>
internal static class MyInvitations
{
    public static Task<string> PhoneOfAsync(IPortalDbContext db, Guid userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.UserName ?? "").FirstAsync(cancellationToken);

    /// <summary>A pending invitation of the caller's own number; another number's invitation is "not found", as a missing one.</summary>
    public static async Task<Result<MemberInvitation>> FindPendingAsync(IPortalDbContext db, Guid userId, Guid invitationId,
        CancellationToken cancellationToken)
    {
        var phone = await PhoneOfAsync(db, userId, cancellationToken);
        var invitation = await db.MemberInvitations.IgnoreQueryFilters()
            .FirstOrDefaultAsync(i => i.Id == invitationId && i.Phone == phone, cancellationToken);
        return invitation is null ? Result<MemberInvitation>.Fail(Errors.NotFound)
            : invitation.Status != RequestStatus.Pending ? Result<MemberInvitation>.Fail(Errors.RequestNotPending)
            : invitation;
    }
}
