using Portal.Application.Domain;

namespace Portal.Application.Grants;

/// <summary>Who may decide a step, and how a request moves along its chain.</summary>
public static class GrantRequestFlow
{
    /// <summary>The step waiting for a decision, or null when the request is closed.</summary>
    public static SealGrantRequestStep? CurrentStep(SealGrantRequest r) =>
        r.Status != RequestStatus.Pending ? null : r.Steps.OrderBy(s => s.Order).FirstOrDefault(s => s.Status == GrantRequestStepStatus.Pending);

    /// <summary>
    /// Department head: any head of the applicant's department; seal admin; owner. Nobody decides their own request.
    /// </summary>
    public static bool CanDecide(SealGrantRequestStep step, SealGrantRequest r, Membership me) =>
        me.UserId != r.ApplicantUserId && step.Kind switch
        {
            ApprovalStepKind.DepartmentHead => me.Has(OrgRoles.DepartmentHead) && me.DepartmentId is not null && me.DepartmentId == r.ApplicantDepartmentId,
            ApprovalStepKind.SealAdmin => me.Has(OrgRoles.SealAdmin),
            ApprovalStepKind.Owner => me.Has(OrgRoles.Owner),
            _ => false,
        };

    /// <summary>Closes a request; steps not reached are cancelled.</summary>
    public static void Close(SealGrantRequest r, RequestStatus status, DateTime nowUtc)
    {
        r.Status = status;
        r.DecidedAtUtc = nowUtc;
        foreach (var s in r.Steps.Where(s => s.Status is GrantRequestStepStatus.Waiting or GrantRequestStepStatus.Pending))
        {
            s.Status = GrantRequestStepStatus.Cancelled;
        }
    }
}
