namespace Portal.Application.Common;

/// <summary>
/// Audit action names: the stable strings written to the audit chain (and read by the platform audit page and tests).
/// One place, so a use case and its test cannot drift apart. Names are area.object.verb in lower case.
/// </summary>
public static class AuditActions
{
    public const string AccountLogin = "account.login";
    public const string AccountLoginCertificate = "account.login.certificate";
    public const string AccountLoginCertificateTicket = "account.login.certificate.ticket";
    public const string AccountLoginPassword = "account.login.password";
    public const string AccountLoginSms = "account.login.sms";
    public const string AccountLanguageSet = "account.language.set";
    public const string AccountLogout = "account.logout";
    public const string AccountPasswordChange = "account.password.change";
    public const string AccountPasswordReset = "account.password.reset";
    public const string AccountPhoneChange = "account.phone.change";
    public const string AccountProfileRename = "account.profile.rename";
    public const string AccountRegister = "account.register";

    public const string BindingBind = "binding.bind";
    public const string BindingChallenge = "binding.challenge";
    public const string BindingSupportExport = "binding.support.export";
    public const string BindingSupportHistory = "binding.support.history";
    public const string BindingSupportUnbind = "binding.support.unbind";
    public const string BindingSupportView = "binding.support.view";
    public const string BindingUnbind = "binding.unbind";

    public const string CertificateOrderCreate = "certificate.order.create";
    public const string CertificateOrderPay = "certificate.order.pay";
    /// <summary>A personal certificate request refused before any plan (e.g. real name missing).</summary>
    public const string CertificatePersonal = "certificate.personal";
    public const string CertificatePersonalChange = "certificate.personal.change";
    public const string CertificatePersonalExpiryWarning = "certificate.personal.expiry-warning";
    public const string CertificatePersonalIssue = "certificate.personal.issue";
    public const string CertificatePersonalReissue = "certificate.personal.reissue";
    public const string CertificatePersonalRenew = "certificate.personal.renew";
    public const string CertificatePersonalRevoke = "certificate.personal.revoke";
    public const string CertificateRecordsExport = "certificate.records.export";

    public const string DepartmentCreate = "department.create";
    public const string DepartmentDelete = "department.delete";
    public const string DepartmentMove = "department.move";
    public const string DepartmentRename = "department.rename";

    public const string DocumentVerify = "document.verify";

    public const string GrantCreate = "grant.create";
    public const string GrantRequest = "grant.request";
    public const string GrantRequestApprove = "grant.request.approve";
    public const string GrantRequestReject = "grant.request.reject";
    public const string GrantRequestWithdraw = "grant.request.withdraw";
    public const string GrantRevoke = "grant.revoke";

    public const string JoinApply = "join.apply";
    public const string JoinApprove = "join.approve";
    public const string JoinReject = "join.reject";
    public const string JoinWithdraw = "join.withdraw";

    public const string MemberAdd = "member.add";

    /// <summary>The member list exported with every member's mobile number.</summary>
    public const string MemberExport = "member.export";
    public const string MemberImport = "member.import";
    public const string MemberInvite = "member.invite";
    public const string MemberInviteAccept = "member.invite.accept";
    public const string MemberInviteCancel = "member.invite.cancel";
    public const string MemberInviteDecline = "member.invite.decline";
    public const string MemberLeave = "member.leave";
    public const string MemberRemove = "member.remove";
    public const string MemberRemoveApprove = "member.remove.approve";
    public const string MemberRemoveReject = "member.remove.reject";
    public const string MemberRemoveRequest = "member.remove.request";
    public const string MemberRoles = "member.roles";

    public const string OrganizationCertify = "organization.certify";
    public const string OrganizationCertifyContinue = "organization.certify.continue";
    public const string OrganizationCertifyLegalSmsConfirm = "organization.certify.legal-sms.confirm";
    public const string OrganizationCertifyLegalSmsSend = "organization.certify.legal-sms.send";
    public const string OrganizationCertifyManualSubmit = "organization.certify.manual.submit";
    public const string OrganizationCertifyMicroDepositConfirm = "organization.certify.micro-deposit.confirm";
    public const string OrganizationCertifyMicroDepositRequest = "organization.certify.micro-deposit.request";
    public const string OrganizationCertifyWithdraw = "organization.certify.withdraw";
    public const string OrganizationCreate = "organization.create";
    public const string OrganizationDocumentUpload = "organization.document.upload";
    public const string OrganizationInformationChangeApprove = "organization.information-change.approve";
    public const string OrganizationInformationChangeReject = "organization.information-change.reject";
    public const string OrganizationInformationChangeRequest = "organization.information-change.request";
    public const string OrganizationLegalRepresentativeLink = "organization.legal-representative.link";
    public const string OrganizationOwnerClaimApprove = "organization.owner-claim.approve";
    public const string OrganizationOwnerClaimReject = "organization.owner-claim.reject";
    public const string OrganizationOwnerClaimRequest = "organization.owner-claim.request";
    public const string OrganizationOwnerTransfer = "organization.owner.transfer";
    public const string OrganizationReject = "organization.reject";
    /// <summary>A platform review gave the organization's USCC to another organization (a takeover): it is no longer certified.</summary>
    public const string OrganizationDecertify = "organization.decertify";

    public const string PkiCaImport = "pki.ca.import";
    public const string PkiCrlImport = "pki.crl.import";

    public const string RealnameConfirm = "realname.confirm";
    public const string RealnameReviewApprove = "realname.review.approve";
    public const string RealnameReviewReject = "realname.review.reject";
    public const string RealnameReviewSubmit = "realname.review.submit";
    public const string RealnameStart = "realname.start";
    public const string RealnameVerify = "realname.verify";

    public const string SealDefaults = "seal.defaults";
    public const string SealLegalRepresentativeConsent = "seal.legal-representative.consent";
    public const string SealLegalRepresentativeConsentWithdraw = "seal.legal-representative.consent.withdraw";
    public const string SealMake = "seal.make";
    public const string SealPolicyUpdate = "seal.policy.update";
    public const string SealReviewApprove = "seal.review.approve";
    public const string SealReviewReject = "seal.review.reject";
    public const string SealScan = "seal.scan";
    public const string SealUsageExport = "seal.usage.export";
    public const string SealUse = "seal.use";
    public const string SealUseRequestApprove = "seal.use-request.approve";
    public const string SealUseRequestReject = "seal.use-request.reject";
    public const string SealUseRequestSubmit = "seal.use-request.submit";
    public const string SealUseCheck = "seal.use.check";
    public const string SealVoid = "seal.void";

    public const string SignaturePersonalDefault = "signature.personal.default";
    public const string SignaturePersonalDelete = "signature.personal.delete";
    public const string SignaturePersonalHandwritten = "signature.personal.handwritten";
    public const string SignaturePersonalNameSeal = "signature.personal.name-seal";
    public const string SignaturePersonalUse = "signature.personal.use";

    public const string SigningPinChange = "signing-pin.change";
    public const string SigningPinReset = "signing-pin.reset";
    public const string SigningPinSet = "signing-pin.set";
    public const string SigningPinVerify = "signing-pin.verify";

    /// <summary>An SMS refused by the daily cap per phone number or per sending account (detail: which).</summary>
    public const string SmsDailyLimit = "sms.daily-limit";

    public const string SpaceSwitch = "space.switch";

    public const string TaskBusinessTypeSave = "task.business-type.save";
    public const string TaskContinue = "task.continue";
    public const string TaskCreate = "task.create";
    public const string TaskDownload = "task.download";
    public const string TaskEdit = "task.edit";
    public const string TaskExpire = "task.expire";
    public const string TaskFinish = "task.finish";
    public const string TaskRefuse = "task.refuse";
    public const string TaskRemind = "task.remind";
    public const string TaskRemindAutomatic = "task.remind.automatic";
    public const string TaskRevoke = "task.revoke";
    public const string TaskSend = "task.send";
    public const string TaskSign = "task.sign";

    /// <summary>A personal certificate operation record (操作记录) written as an audit event: "certificate.operation.{kind}".</summary>
    public static string CertificateOperation(string kind) => "certificate.operation." + kind.ToLowerInvariant();
}
