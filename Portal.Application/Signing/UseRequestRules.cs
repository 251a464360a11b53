using Portal.Application.Domain;
using Portal.Application.Policies;

namespace Portal.Application.Signing;

public static class UseRequestRules
{
    /// <summary>An approver holds one of the use-approver roles and is not the applicant (nobody approves their own use).</summary>
    public static bool MayDecide(EffectiveSealRule rule, Membership me, SealUseRequest request) =>
        me.UserId != request.ApplicantUserId && EffectiveSealRule.Allows(rule.UseApproverRoles, me);
}
