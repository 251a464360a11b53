using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Bindings;
using Portal.Application.Captcha;
using Portal.Application.Certificates;
using Portal.Application.Certification;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;
using Portal.Application.Grants;
using Portal.Application.JoinRequests;
using Portal.Application.Organizations;
using Portal.Application.PersonalSignatures;
using Portal.Application.Policies;
using Portal.Application.RealName;
using Portal.Application.Reviews;
using Portal.Application.Seals;
using Portal.Application.Seeding;
using Portal.Application.Signing;
using Portal.Application.SigningPins;
using Portal.Application.SigningTasks;
using Portal.Application.Spaces;
using Portal.Application.Todos;
using Portal.Application.TrustedCas;
using Portal.Application.Verification;
using static Portal.Tests.Application.Authorization.Who;

namespace Portal.Tests.Application.Authorization;

/// <summary>
/// The authorization matrix (issue 13, OWASP ASVS V8): for every Application use case, routable page and HTTP endpoint,
/// who may — written once. <see cref="AuthorizationMatrixTests"/> discovers them all (a new one without a row fails with
/// "add it to the matrix") and runs each use case's probe as every role of both tenants: an allowed role gets through
/// (success or a business answer), any other is refused with the specific refusal (NotSignedIn, NotAMember, Forbidden or
/// NotFound), and nobody's answer carries the other tenant's data. Probes act on tenant B's data (<see cref="TenantPair"/>).
/// </summary>
public static class AuthorizationMatrix
{
    private static readonly DateOnly Today = new(2026, 11, 23);


    /// <summary>A row that is not run here, with where it is tested instead (and why not here).</summary>
    private static UseCaseEntry N<T>(string method, Who allowed, Reach reach, string note) => new(typeof(T), method, allowed, reach, null, note);

    /// <summary>A building block that use cases call (never a page): its checks are those of its callers.</summary>
    private static UseCaseEntry S<T>(string method, string why) => new(typeof(T), method, Nobody, Reach.Caller, null, why);

    public static readonly IReadOnlyList<UseCaseEntry> UseCases =
    [
        // Accounts
        On<GetProfile>.U("ExecuteAsync", Everyone, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<RenameProfile>.U("ExecuteAsync", SignedIn, Reach.Caller, (s, w) => s.ExecuteAsync("新名字")),
        On<SetLanguage>.U("ExecuteAsync", SignedIn, Reach.Caller, (s, w) => s.ExecuteAsync("zz-ZZ")),
        On<ChangePassword>.U("ExecuteAsync", SignedIn, Reach.Caller, (s, w) => s.ExecuteAsync("wrong-old", "Portal#2026new", "Portal#2026new")),
        On<ChangePhone>.U("ExecuteAsync", SignedIn, Reach.Caller, (s, w) => s.ExecuteAsync("000000", "13500000077", "000000")),
        N<SendSmsCode>("ExecuteAsync", Everyone, Reach.Public, "anonymous code sends: captcha, limits and no enumeration in Accounts/SmsAbuseTests"),
        N<RegisterUser>("ExecuteAsync", Anonymous, Reach.Public, "Accounts/RegisterUserTests (no enumeration before the code checks)"),
        N<ResetPassword>("ExecuteAsync", Everyone, Reach.Public, "Accounts/ResetPasswordTests: the SMS code to the number is the authority"),
        // Development only: the outbox sender exists only there, and /dev/outbox answers loopback requests only (ProductionReadinessTests).
        On<ListSmsOutbox>.U("ExecuteAsync", Everyone, Reach.Public, (s, w) => s.ExecuteAsync()),
        // Spaces
        On<ListMySpaces>.U("ExecuteAsync", Everyone, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<SwitchSpace>.U("ExecuteAsync", Members, Reach.TenantB, (s, w) => s.ExecuteAsync(w.OrgB)),
        // Audit
        On<ListAuditEvents>.U("ExecuteAsync", PlatformAdmin, Reach.Platform, (s, w) => s.ExecuteAsync(20)),
        On<VerifyAuditChain>.U("ExecuteAsync", PlatformAdmin, Reach.Platform, (s, w) => s.ExecuteAsync()),
        S<CheckpointAuditChain>("ExecuteAsync", "the checkpoint job (Quartz) and the appending transaction; no page"),
        // Organizations and certification
        N<CreateOrganization>("ExecuteAsync", SignedIn, Reach.Caller, "Certification tests: the registrant becomes the owner of a new organization"),
        On<GetCertification>.U("ExecuteAsync", Owner, Reach.TenantB, (s, w) => s.ExecuteAsync(w.OrgB)),
        On<ListMyCertifications>.U("ExecuteAsync", Everyone, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<UploadCertificationDocument>.U("ExecuteAsync", Owner, Reach.TenantB, (s, w) => s.ExecuteAsync(w.OrgB, CertificationDocument.BusinessLicense,
            new UploadedFile("x.png", [1]))),
        On<RequestMicroDeposit>.U("ExecuteAsync", Owner, Reach.TenantB, (s, w) => s.ExecuteAsync(w.OrgB, "银行", "6222020200001234")),
        On<ConfirmMicroDeposit>.U("ExecuteAsync", Owner, Reach.TenantB, (s, w) => s.ExecuteAsync(w.OrgB, "0.01")),
        On<SendLegalRepresentativeCode>.U("ExecuteAsync", Owner, Reach.TenantB, (s, w) => s.ExecuteAsync(w.OrgB, "13912345678")),
        On<ConfirmLegalRepresentativeCode>.U("ExecuteAsync", Owner, Reach.TenantB, (s, w) => s.ExecuteAsync(w.OrgB, "123456")),
        On<SubmitForManualReview>.U("ExecuteAsync", Owner, Reach.TenantB, (s, w) => s.ExecuteAsync(w.OrgB)),
        On<WithdrawCertification>.U("ExecuteAsync", Owner, Reach.TenantB, (s, w) => s.ExecuteAsync(w.OrgB)),
        On<ContinueCertification>.U("ExecuteAsync", Owner, Reach.TenantB, (s, w) => s.ExecuteAsync(w.OrgB)),
        On<ListCertificationQueue>.U("ExecuteAsync", PlatformAdmin, Reach.Platform, (s, w) => s.ExecuteAsync()),
        On<ReviewCertification>.U("ExecuteAsync", PlatformAdmin, Reach.Platform, (s, w) => s.ExecuteAsync(w.OrgB, false, "核验")),
        On<GetCurrentOrganization>.U("ExecuteAsync", Members, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<ListMembers>.U("ExecuteAsync", Owner, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<ExportMembers>.U("ExecuteAsync", Owner, Reach.Caller, (s, w) => s.ExecuteAsync()),
        N<ImportMembers>("ExecuteAsync", Owner, Reach.Caller, "Organizations/ImportMembersTests; the isolation case 'ImportMembers cannot place anyone in B's departments'"),
        On<AddMember>.U("ExecuteAsync", Owner, Reach.TenantB, (s, w) => s.ExecuteAsync(new AddMemberRequest("13500001111", "新人", w.DepartmentInB, OrgRoles.Member))),
        On<AddMember>.U("AddOrInviteAsync", Owner, Reach.TenantB, (s, w) => s.AddOrInviteAsync(new AddMemberRequest("13500001112", "新人", w.DepartmentInB, OrgRoles.Member))),
        On<SetMemberRoles>.U("ExecuteAsync", Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync(await w.FreshMembershipInBAsync(), OrgRoles.Member, w.DepartmentInB)),
        On<RemoveMember>.U("ExecuteAsync", Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync(await w.FreshMembershipInBAsync())),
        On<SetLegalRepresentativeMember>.U("ExecuteAsync", Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync(await w.FreshMembershipInBAsync())),
        N<TransferOwnership>("ExecuteAsync", Owner, Reach.TenantB, "Organizations/TransferOwnershipTests (an allowed run would change B's owner for every later row)"),
        N<LeaveOrganization>("ExecuteAsync", Members, Reach.TenantB, "Organizations/LeaveOrganizationTests; isolation case 'LeaveOrganization of B is refused for a non-member'"),
        On<PreviewMemberExit>.U("RemovalAsync", Owner, Reach.TenantB, (s, w) => s.RemovalAsync(w.MembershipInB)),
        On<PreviewMemberExit>.U("LeavingAsync", Members, Reach.TenantB, (s, w) => s.LeavingAsync(w.OrgB)),
        On<RequestMemberRemoval>.U("ExecuteAsync", SealAdmin | DepartmentHead, Reach.TenantB, async (s, w) => await s.ExecuteAsync(await w.FreshMembershipInBAsync(), "离职")),
        On<DecideMemberRemoval>.U("ExecuteAsync", Owner, Reach.TenantB, (s, w) => s.ExecuteAsync(w.RemovalRequestInB, false, "留用")),
        On<CreateDepartment>.U("ExecuteAsync", Owner, Reach.TenantB, (s, w) => s.ExecuteAsync("新部门", w.DepartmentInB)),
        On<ListDepartments>.U("ExecuteAsync", Members, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<RenameDepartment>.U("ExecuteAsync", Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync(await w.FreshDepartmentInBAsync(), "改名" + Guid.NewGuid().ToString("N")[..6])),
        On<MoveDepartment>.U("ExecuteAsync", Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync(await w.FreshDepartmentInBAsync(), w.DepartmentInB)),
        On<DeleteDepartment>.U("ExecuteAsync", Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync(await w.FreshDepartmentInBAsync())),
        On<ListInvitations>.U("ExecuteAsync", Owner, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<CancelInvitation>.U("ExecuteAsync", Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync(await w.FreshInvitationInBAsync())),
        On<ListMyInvitations>.U("ExecuteAsync", SignedIn, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<AcceptInvitation>.U("ExecuteAsync", Nobody, Reach.TenantB, async (s, w) => await s.ExecuteAsync(await w.FreshInvitationInBAsync())),
        On<DeclineInvitation>.U("ExecuteAsync", Nobody, Reach.TenantB, async (s, w) => await s.ExecuteAsync(await w.FreshInvitationInBAsync())),
        On<RequestInformationChange>.U("ExecuteAsync", Owner, Reach.Caller, (s, w) => s.ExecuteAsync(new InformationChangeRequest("新名称", null, null, null, "更名", new UploadedFile("proof.pdf", [1])))),
        On<PreviewInformationChange>.U("ExecuteAsync", Owner, Reach.Caller, (s, w) => s.ExecuteAsync("新名称", null, null, null)),
        On<ApplyForOwner>.U("ExecuteAsync", Members, Reach.Caller, (s, w) => s.ExecuteAsync("联系不上", new UploadedFile("p.pdf", [1]))),
        On<ListOrganizationReviewRequests>.U("ExecuteAsync", Members, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<ListPlatformReviews>.U("ExecuteAsync", PlatformAdmin, Reach.Platform, (s, w) => s.ExecuteAsync()),
        On<DecidePlatformReview>.U("ExecuteAsync", PlatformAdmin, Reach.Platform, (s, w) => s.ExecuteAsync(Guid.NewGuid(), false, "x")),
        On<OpenReviewFile>.U("ExecuteAsync", PlatformAdmin, Reach.Platform, (s, w) => s.ExecuteAsync("none.png")),
        // Joining
        On<SearchOrganizations>.U("ExecuteAsync", SignedIn, Reach.Public, (s, w) => s.ExecuteAsync("示例")),
        On<ApplyToJoin>.U("ExecuteAsync", SignedIn, Reach.Public, (s, w) => s.ExecuteAsync(Guid.NewGuid(), "申请")),
        // The organizations one applied to (CA support applied to B in TenantPair): public names, the applicant's own rows.
        On<ListMyJoinRequests>.U("ExecuteAsync", Everyone, Reach.Public, (s, w) => s.ExecuteAsync()),
        // B's pending join request is CA support's own (TenantPair): only the applicant withdraws it.
        On<WithdrawJoinRequest>.U("ExecuteAsync", CaSupport, Reach.TenantB, (s, w) => s.ExecuteAsync(w.JoinRequestInB)),
        On<DecideJoinRequest>.U("ExecuteAsync", Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync((await w.FreshJoinRequestTodoInBAsync()).Id, false, "x")),
        // To-dos: lists are the caller's own; deciding another tenant's item is refused
        On<ListTodos>.U("ExecuteAsync", Members, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<ListTodos>.U("CountAsync", Everyone, Reach.Caller, (s, w) => s.CountAsync()),
        On<ListTodos>.U("DecideAsync", Owner, Reach.TenantB, async (s, w) => await s.DecideAsync(await w.FreshJoinRequestTodoInBAsync(), false, "不同意")),
        // Bindings
        N<StartCertificateBinding>("ExecuteAsync", SignedIn, Reach.Caller, "Bindings/CertificateBindingTests (needs a certificate file)"),
        N<BindCertificate>("ExecuteAsync", SignedIn, Reach.Caller, "Bindings/CertificateBindingTests: the challenge is the caller's own"),
        // The binding is B's owner's own; CA support unbinds on a holder's request (客服解绑).
        On<UnbindCertificate>.U("ExecuteAsync", Owner | CaSupport, Reach.TenantB, async (s, w) => await s.ExecuteAsync(await w.BindingOfOwnerBAsync(), "越界")),
        On<ListMyBindings>.U("ExecuteAsync", SignedIn, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<ListMemberBindings>.U("ExecuteAsync", Managers, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<SearchBindings>.U("ExecuteAsync", CaSupport, Reach.Platform, (s, w) => s.ExecuteAsync(new BindingSearch(null))),
        On<ListRefusedBindAttempts>.U("ExecuteAsync", CaSupport, Reach.Platform, (s, w) => s.ExecuteAsync(null)),
        On<GetBindingHistory>.U("ExecuteAsync", CaSupport, Reach.Platform, (s, w) => s.ExecuteAsync(Guid.NewGuid())),
        On<ExportSupportView>.U("BindingsAsync", CaSupport, Reach.Platform, (s, w) => s.BindingsAsync(new BindingSearch(null), k => k)),
        On<ExportSupportView>.U("RefusedAttemptsAsync", CaSupport, Reach.Platform, (s, w) => s.RefusedAttemptsAsync(null, k => k)),
        N<GetBindingState>("ForPhoneAsync", Nobody, Reach.Caller, "the certificate-login page's state; Bindings/CertificateBindingTests"),
        N<GetBindingState>("ForUserAsync", Nobody, Reach.Caller, "the certificate-login page's state; Bindings/CertificateBindingTests"),
        N<GetBindingState>("ForCertificateAsync", Nobody, Reach.Caller, "the certificate-login page's state; Bindings/CertificateBindingTests"),
        // Real name
        On<StartRealNameVerification>.U("ExecuteAsync", SignedIn, Reach.Caller, (s, w) => s.ExecuteAsync(new StartRealNameRequest("", "", RealNameChannel.Face))),
        On<ConfirmRealNameVerification>.U("ExecuteAsync", Nobody, Reach.TenantB, async (s, w) => await s.ExecuteAsync(await w.RealNameAttemptInBAsync(), "123456")),
        On<SubmitRealNameForReview>.U("ExecuteAsync", SignedIn, Reach.Caller, (s, w) => s.ExecuteAsync(new RealNameReviewRequest("", "", null))),
        On<GetRealNameStatus>.U("ExecuteAsync", SignedIn, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<ListRealNameReviews>.U("ExecuteAsync", PlatformAdmin, Reach.Platform, (s, w) => s.ExecuteAsync()),
        On<ReviewRealName>.U("ExecuteAsync", PlatformAdmin, Reach.Platform, (s, w) => s.ExecuteAsync(Guid.NewGuid(), false, "x")),
        // Personal certificates
        On<GetPersonalCertificate>.U("ExecuteAsync", SignedIn, Reach.Caller, (s, w) => s.ExecuteAsync()),
        // The certificate is B's owner's own.
        On<RevokePersonalCertificate>.U("ExecuteAsync", Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync((await w.PersonalCertificateOfOwnerBAsync()).Id, "越界", false)),
        N<IssuePersonalCertificate>("ExecuteAsync", SignedIn, Reach.Caller, "Certificates tests; isolation case 'Issue, renew, reissue … act on the caller only'"),
        N<RenewPersonalCertificate>("ExecuteAsync", SignedIn, Reach.Caller, "Certificates tests; isolation case 'Issue, renew, reissue … act on the caller only'"),
        N<ReissuePersonalCertificate>("ExecuteAsync", SignedIn, Reach.Caller, "Certificates tests; isolation case 'Issue, renew, reissue … act on the caller only'"),
        N<BuyReissuePackage>("ExecuteAsync", SignedIn, Reach.Caller, "isolation case 'Issue, renew, reissue and package purchase act on the caller only'"),
        On<ListCertificateRecords>.U("OperationsAsync", SignedIn, Reach.Caller, (s, w) => s.OperationsAsync(new())),
        On<ListCertificateRecords>.U("InstallsAsync", SignedIn, Reach.Caller, (s, w) => s.InstallsAsync(new())),
        On<ExportCertificateRecords>.U("OperationsAsync", SignedIn, Reach.Caller, (s, w) => s.OperationsAsync(new(), k => k)),
        On<ExportCertificateRecords>.U("InstallsAsync", SignedIn, Reach.Caller, (s, w) => s.InstallsAsync(new(), k => k)),
        N<IssueCertificateLoginTicket>("ExecuteAsync", Everyone, Reach.Public, "the TLS client-certificate endpoint; Integration/CertificateLoginTests"),
        N<RedeemCertificateLoginTicket>("ExecuteAsync", Everyone, Reach.Public, "isolation case 'A certificate-login ticket of B's owner cannot be redeemed from another browser'"),
        S<SendExpiryWarnings>("ExecuteAsync", "a scheduled job run as the platform; no page"),
        On<ListTrustedCas>.U("ExecuteAsync", PlatformAdmin, Reach.Platform, (s, w) => s.ExecuteAsync()),
        On<ImportTrustedCa>.U("ExecuteAsync", PlatformAdmin, Reach.Platform, (s, w) => s.ExecuteAsync([1, 2, 3], "CA", false, null)),
        On<ImportTrustedCaCrl>.U("ExecuteAsync", PlatformAdmin, Reach.Platform, (s, w) => s.ExecuteAsync([1, 2, 3])),
        // Seals
        On<ListSeals>.U("ExecuteAsync", Members, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<ListSealVoidRecords>.U("ExecuteAsync", Members, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<GetSealFace>.U("ExecuteAsync", Members, Reach.TenantB, (s, w) => s.ExecuteAsync(w.SealInB)),
        On<PreviewSealFace>.U("TemplateAsync", Members, Reach.Caller, (s, w) => s.TemplateAsync(SealType.Official)),
        On<PreviewSealFace>.U("Render", Everyone, Reach.Public, (s, w) => Task.FromResult(s.Render(new SealFaceDesign()))),
        On<MakeSeal>.U("ExecuteAsync", Managers, Reach.TenantB, (s, w) => s.ExecuteAsync(SealType.Contract, "越界章", w.DepartmentInB, null)),
        N<MakeScannedSeal>("ExecuteAsync", Managers, Reach.TenantB, "isolation case on scanned seals (a photo that decodes is needed to reach the lock)"),
        On<ListSealReviews>.U("ExecuteAsync", PlatformAdmin, Reach.Platform, (s, w) => s.ExecuteAsync()),
        On<ListSealReviews>.U("ImageAsync", PlatformAdmin, Reach.Platform, (s, w) => s.ImageAsync(Guid.NewGuid())),
        On<ReviewScannedSeal>.U("ExecuteAsync", PlatformAdmin, Reach.Platform, (s, w) => s.ExecuteAsync(Guid.NewGuid(), false, "x")),
        // Voiding B's real seal would end every later row: an unknown id here, B's seal in the isolation cases.
        On<VoidSeal>.U("ExecuteAsync", Managers, Reach.Caller, (s, w) => s.ExecuteAsync(Guid.NewGuid(), "作废")),
        On<GetLegalRepresentativeConsent>.U("ExecuteAsync", Members, Reach.Caller, (s, w) => s.ExecuteAsync()),
        // B's owner 陈静 is B's legal representative (the demo seed); A's owner is not.
        On<GiveLegalRepresentativeConsent>.U("ExecuteAsync", Owner, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<WithdrawLegalRepresentativeConsent>.U("ExecuteAsync", Owner, Reach.Caller, (s, w) => s.ExecuteAsync()),
        // Grants
        On<GrantSeal>.U("ExecuteAsync", Managers, Reach.TenantB, (s, w) => s.ExecuteAsync(new GrantInput(w.SealInB, null, w.DepartmentInB, Today, Today.AddDays(7)))),
        On<RevokeGrant>.U("ExecuteAsync", Managers, Reach.TenantB, async (s, w) => await s.ExecuteAsync(await w.FreshGrantInBAsync(), "收回")),
        On<ListGrants>.U("ExecuteAsync", Members, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<ListGrantees>.U("ExecuteAsync", Managers, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<ApplyForGrant>.U("ExecuteAsync", Members, Reach.TenantB, (s, w) => s.ExecuteAsync(w.SealInB, Today, Today.AddDays(3), "申请")),
        // B's pending grant request is 周杰's (B's member): only the applicant withdraws it.
        On<WithdrawGrantRequest>.U("ExecuteAsync", Member, Reach.TenantB, (s, w) => s.ExecuteAsync(w.GrantRequestInB)),
        On<DecideGrantRequest>.U("ExecuteAsync", Nobody, Reach.TenantB, (s, w) => s.ExecuteAsync(Guid.NewGuid(), false, "x")),
        On<ListGrantRequests>.U("MineAsync", Members, Reach.Caller, (s, w) => s.MineAsync()),
        On<ListGrantRequests>.U("ToDecideAsync", Members, Reach.Caller, (s, w) => s.ToDecideAsync()),
        On<GetSealPolicy>.U("ExecuteAsync", Managers, Reach.Caller, (s, w) => s.ExecuteAsync()),
        N<UpdateSealPolicy>("ExecuteAsync", Owner, Reach.Caller, "Policies/SealPolicyTests; isolation cases on policies"),
        // Signing
        On<ListUsableSeals>.U("ExecuteAsync", Members, Reach.Caller, (s, w) => s.ExecuteAsync()),
        N<SignWithSeal>("ExecuteAsync", Members, Reach.TenantB, "Signing isolation cases and Signing/SignWithSealTests (needs the HSM pool)"),
        N<CheckSigningDocument>("Execute", SignedIn, Reach.Caller, "Signing tests: reads only the uploaded bytes"),
        N<SubmitUseRequest>("ExecuteAsync", Members, Reach.TenantB, "Signing isolation cases: a use request on B's seal"),
        On<ListUseRequests>.U("ExecuteAsync", Members, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<GetUseRequest>.U("ExecuteAsync", Nobody, Reach.TenantB, (s, w) => s.ExecuteAsync(Guid.NewGuid())),
        On<DecideUseRequest>.U("ExecuteAsync", Nobody, Reach.TenantB, (s, w) => s.ExecuteAsync(Guid.NewGuid(), false, "x")),
        On<ListSealUsages>.U("ExecuteAsync", Members, Reach.Caller, (s, w) => s.ExecuteAsync(new SealUsageFilter())),
        On<ExportSealUsages>.U("ExecuteAsync", Members, Reach.Caller, (s, w) => s.ExecuteAsync(new SealUsageFilter(), k => k, t => t)),
        On<GetSealUsageStats>.U("ExecuteAsync", Members, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<DownloadSignedDocument>.U("ExecuteAsync", Nobody, Reach.TenantB, (s, w) => s.ExecuteAsync(Guid.NewGuid())),
        // Signing PIN and personal signatures: the caller's own
        On<GetSigningPinState>.U("ExecuteAsync", SignedIn, Reach.Caller, (s, w) => s.ExecuteAsync()),
        On<SetSigningPin>.U("ExecuteAsync", SignedIn, Reach.Caller, (s, w) => s.ExecuteAsync("1", "2")),
        On<ChangeSigningPin>.U("ExecuteAsync", SignedIn, Reach.Caller, (s, w) => s.ExecuteAsync("1", "2", "3")),
        On<ResetSigningPin>.U("ExecuteAsync", SignedIn, Reach.Caller, (s, w) => s.ExecuteAsync("000000", "1", "2")),
        N<SendSigningSmsCode>("ExecuteAsync", SignedIn, Reach.Caller, "SigningPins tests: the code goes to the caller's own phone"),
        On<ListMySignatures>.U("ExecuteAsync", SignedIn, Reach.Caller, (s, w) => s.ExecuteAsync()),
        // Signatures of B's owner: only she reaches them.
        On<ListMySignatures>.U("ImageAsync", Owner, Reach.TenantB, async (s, w) => await s.ImageAsync(await w.SignatureOfOwnerBAsync())),
        On<DeleteSignature>.U("ExecuteAsync", Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync(await w.SignatureOfOwnerBAsync())),
        On<SetDefaultSignature>.U("ExecuteAsync", Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync(await w.SignatureOfOwnerBAsync())),
        N<MakeNameSeal>("ExecuteAsync", SignedIn, Reach.Caller, "PersonalSignatures tests (needs the real name); isolation cases"),
        On<MakeNameSeal>.U("PreviewAsync", SignedIn, Reach.Caller, (s, w) => s.PreviewAsync()),
        N<SaveHandwrittenSignature>("ExecuteAsync", SignedIn, Reach.Caller, "PersonalSignatures tests; isolation cases"),
        // Verification: anyone
        On<VerifyDocument>.U("ExecuteAsync", Everyone, Reach.Public, (s, w) => s.ExecuteAsync(new VerificationUpload("x.pdf", [1, 2, 3]))),
        // Signing tasks in B: 黄磊 (B's department head) initiated, 周杰 (B's member) signs now; B's owner sees it as the
        // owner of the initiating organization; B's seal admin — a member of B but none of these — must not.
        On<GetTask>.U("ExecuteAsync", Member | DepartmentHead | Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync((await w.FreshTaskInBAsync()).Task)),
        On<ListTasks>.U("ExecuteAsync", SignedIn, Reach.Caller, async (s, w) => { await w.FreshTaskInBAsync(); return await s.ExecuteAsync(new TaskListQuery(TaskList.Organization)); }),
        On<DownloadTaskDocuments>.U("DocumentAsync", Member | DepartmentHead | Owner, Reach.TenantB, async (s, w) =>
        {
            var (task, document) = await w.FreshTaskInBAsync();
            return await s.DocumentAsync(task, document);
        }),
        On<DownloadTaskDocuments>.U("DownloadAsync", Member | DepartmentHead | Owner, Reach.TenantB, async (s, w) =>
        {
            var (task, document) = await w.FreshTaskInBAsync();
            return await s.DownloadAsync(task, document);
        }),
        // Tasks the caller may not see are left out of the archive (an empty zip), never refused one by one.
        On<DownloadTaskDocuments>.U("ZipAsync", Everyone, Reach.Caller, async (s, w) =>
        {
            using var zip = new MemoryStream();
            await s.ZipAsync([(await w.FreshTaskInBAsync()).Task], zip);
            zip.Position = 0;
            using var archive = new System.IO.Compression.ZipArchive(zip);
            return archive.Entries.Select(e => e.FullName).ToList(); // B's task number and file names, if it leaked
        }),
        On<SendTask>.U("ExecuteAsync", DepartmentHead, Reach.TenantB, async (s, w) => await s.ExecuteAsync((await w.FreshTaskInBAsync()).Task)),
        On<FinishTurn>.U("ExecuteAsync", Member | DepartmentHead | Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync((await w.FreshTaskInBAsync()).Task)),
        On<ContinueSigning>.U("ExecuteAsync", Member | DepartmentHead | Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync((await w.FreshTaskInBAsync()).Task)),
        On<RefuseTask>.U("ExecuteAsync", Member | DepartmentHead | Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync((await w.FreshTaskInBAsync()).Task, "拒签")),
        On<RevokeTasks>.U("ExecuteAsync", Member | DepartmentHead | Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync((await w.FreshTaskInBAsync()).Task, "撤回")),
        On<RemindParticipants>.U("ExecuteAsync", Member | DepartmentHead | Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync((await w.FreshTaskInBAsync()).Task)),
        On<SaveTaskDraft>.U("ExecuteAsync", DepartmentHead, Reach.TenantB, async (s, w) => await s.ExecuteAsync(new SaveTaskDraftCommand(
            (await w.FreshTaskInBAsync()).Task, "改名", null, new DateOnly(2026, 12, 31), SigningOrder.Parallel, null, [], [], []))),
        // The draft is B's head's; once sent, he gets TaskNotDraft (not an access refusal) and everyone else NotFound.
        On<GetTaskDraft>.U("ExecuteAsync", DepartmentHead, Reach.TenantB, async (s, w) => await s.ExecuteAsync((await w.FreshTaskInBAsync()).Task)),
        On<GetTaskSigning>.U("ExecuteAsync", Member | DepartmentHead | Owner, Reach.TenantB, async (s, w) => await s.ExecuteAsync((await w.FreshTaskInBAsync()).Task)),
        On<ListTaskExceptions>.U("ExecuteAsync", SignedIn, Reach.Caller, async (s, w) => { await w.FreshTaskInBAsync(); return await s.ExecuteAsync(); }),
        // Naming B's task: B's members search B's directory (as they may without it); A's roles and the platform get nothing.
        On<SearchTaskDirectory>.U("ExecuteAsync", Members, Reach.TenantB, async (s, w) => await s.ExecuteAsync("", (await w.FreshTaskInBAsync()).Task)),
        N<SubmitTaskUseRequest>("ExecuteAsync", Members, Reach.TenantB, "TaskComposeAndSignTests: visibility first, then policy, turn, seal type and placements"),
        On<EditBusinessTypes>.U("ListAsync", Members, Reach.Caller, (s, w) => s.ListAsync()),
        On<EditBusinessTypes>.U("SaveAsync", Owner, Reach.Caller, (s, w) => s.SaveAsync(null, "类型" + Guid.NewGuid().ToString("N")[..6])),
        S<ExpireTasks>("ExecuteAsync", "a scheduled job run as the platform; no page"),
        S<SendAutomaticReminders>("ExecuteAsync", "a scheduled job run as the platform; no page"),
    ];

    /// <summary>Building blocks the use cases share (registered for them, never called by a page): their checks are their callers'.</summary>
    public static readonly IReadOnlyList<UseCaseEntry> Services =
    [
        S<Access>("RequireAsync", "the membership/role check itself"),
        S<Access>("RequirePlatformRole", "the platform-role check itself"),
        S<WriteUnit>("RunAsync", "the write unit: the scope (Write.InSpace …) is the caller's check"),
        S<WriteUnit>("ReadAsync", "the write unit: the scope is the caller's check"),
        S<AuditTrail>("AppendAsync", "audit append inside a unit"),
        S<AuditTrail>("RecordAsync", "audit append outside a unit"),
        S<AuditTrail>("CheckpointHeadAsync", "signed checkpoints"),
        S<NoAuditCheckpointSigner>("SignAsync", "no audit key configured"),
        S<SmsCodes>("SendAsync", "behind SendSmsCode (captcha, limits)"),
        S<SmsCodes>("VerifyAsync", "behind the code-checking use cases"),
        S<SmsCodes>("VerifyAllAsync", "behind the code-checking use cases"),
        S<SmsNotifier>("SendAsync", "the SMS catalog"),
        S<SmsNotifier>("DeliverAsync", "the SMS catalog"),
        S<SmsNotifier>("CountAsync", "daily caps"),
        S<Captchas>("Check", "behind the anonymous code sends"),
        S<DomainEvents>("PublishAsync", "domain events inside a unit"),
        S<ConsequencePreview>("PreviewAsync", "previews inside a use case"),
        S<CertificationSteps>("CertifyAsync", "inside the certification use cases"),
        S<CertificationSteps>("ChangeOwnedAsync", "inside the certification use cases (owner of the organization)"),
        S<CreateDefaultSeals>("HandleAsync", "event handler"),
        S<RevokeGrantsOfDepartedMember>("HandleAsync", "event handler"),
        S<RevokeGrantsOfDepartedMember>("PreviewAsync", "consequence provider"),
        S<VoidLegalRepresentativeSeal>("HandleAsync", "event handler"),
        S<VoidLegalRepresentativeSeal>("PreviewAsync", "consequence provider"),
        S<VoidSealsOnIdentityChange>("HandleAsync", "event handler"),
        S<VoidSealsOnIdentityChange>("PreviewAsync", "consequence provider"),
        S<BindingRules>("CheckAsync", "inside the binding use cases"),
        S<BindingRules>("CheckCertificateAsync", "inside the binding use cases"),
        S<BindingRules>("RecordRefusalAsync", "inside the binding use cases"),
        S<PersonalCertificates>("GetCurrentAsync", "inside signing (the caller's own certificate)"),
        S<PersonalCertificates>("RecordOperationAsync", "inside signing"),
        S<SealUsePolicy>("DecideAsync", "the seal-use engine inside SignWithSeal"),
        S<WillingnessVerifier>("VerifyAsync", "inside signing"),
        S<TaskAccess>("ScopeOfAsync", "the task visibility rule: tested through every task row above"),
        S<TaskAccess>("RunOnVisibleAsync", "the task visibility rule: tested through every task row above"),
        S<TaskAccess>("ReadVisibleAsync", "the task visibility rule for reads: tested through GetTask, GetTaskSigning and the downloads above"),
        S<TaskAccess>("CurrentSpaceAsync", "the task visibility rule"),
        S<JoinRequestTodos>("ListAsync", "a to-do source behind ListTodos"),
        S<JoinRequestTodos>("DecideAsync", "a to-do source behind ListTodos.DecideAsync"),
        S<MemberRemovalTodos>("ListAsync", "a to-do source behind ListTodos"),
        S<MemberRemovalTodos>("DecideAsync", "a to-do source behind ListTodos.DecideAsync"),
        S<GrantRequestTodos>("ListAsync", "a to-do source behind ListTodos"),
        S<GrantRequestTodos>("DecideAsync", "a to-do source behind ListTodos.DecideAsync"),
        S<UseRequestTodos>("ListAsync", "a to-do source behind ListTodos"),
        S<UseRequestTodos>("DecideAsync", "a to-do source behind ListTodos.DecideAsync"),
        S<ApprovedUseTodos>("ListAsync", "a to-do source behind ListTodos"),
        S<ApprovedUseTodos>("DecideAsync", "a to-do source behind ListTodos.DecideAsync"),
        S<SigningTaskTodos>("ListAsync", "a to-do source behind ListTodos"),
        S<SigningTaskTodos>("DecideAsync", "a to-do source behind ListTodos.DecideAsync"),
        S<DemoSeed>("RunAsync", "start-up seed (Development)"),
        S<DevelopmentMicroDepositBank>("PayAsync", "development stand-in adapter"),
        S<DevelopmentMicroDepositBank>("CheckAccountHolderAsync", "development stand-in adapter"),
        S<DevelopmentPaymentGateway>("ChargeAsync", "development stand-in adapter"),
        S<DevelopmentRealNameProvider>("StartAsync", "development stand-in adapter"),
        S<DevelopmentRealNameProvider>("CompleteAsync", "development stand-in adapter"),
        S<DevelopmentRealNameProvider>("CheckPhoneAsync", "development stand-in adapter"),
    ];

    /// <summary>
    /// Pages: the policy each one carries, in the user's current space (PermissionAuthorizationHandler). What a page then shows
    /// comes from the use cases above, which check again.
    /// </summary>
    public static readonly IReadOnlyList<PageEntry> Pages =
    [
        new("/", SignedIn),
        new("/access-denied", Everyone),
        new("/account/certificate-login", Everyone),
        new("/account/forgot-password", Everyone),
        new("/account/login", Everyone),
        new("/account/register", Everyone),
        new("/authorization", Members),
        new("/authorization/policy", Managers),
        new("/authorization/requests", Members),
        new("/certificates", Managers),
        new("/console", Members),
        new("/dev/outbox", Everyone), // mapped only where the outbox sender is used, loopback only (ProductionReadinessTests)
        new("/error", Everyone),
        new("/not-found", Everyone),
        new("/organization", Owner),
        new("/organization/departments", Owner),
        new("/organization/import", Owner),
        new("/organization/information-change", Owner),
        new("/organization/members", Owner),
        new("/organization/todos", Owner),
        new("/organization/business-types", Owner),
        new("/personal", SignedIn),
        new("/personal/apply-owner", SignedIn),
        new("/personal/certificate-records", SignedIn),
        new("/personal/certificates", SignedIn),
        new("/personal/join", SignedIn),
        new("/personal/organizations", SignedIn),
        new("/personal/organizations/create", SignedIn),
        new("/personal/organizations/{Id:guid}/certify", SignedIn),
        new("/personal/password", SignedIn),
        new("/personal/personal-certificate", SignedIn),
        new("/personal/phone", SignedIn),
        new("/personal/realname", SignedIn),
        new("/personal/signatures", SignedIn),
        new("/personal/signing-pin", SignedIn),
        new("/platform", PlatformAdmin),
        new("/platform/certifications", PlatformAdmin),
        new("/platform/organization-reviews", PlatformAdmin),
        new("/platform/realname", PlatformAdmin),
        new("/platform/seal-reviews", PlatformAdmin),
        new("/platform/trusted-cas", PlatformAdmin),
        new("/seals", Managers),
        new("/seals/make", Managers),
        new("/signing", SignedIn),
        new("/signing/ledger", SignedIn),
        new("/signing/single", SignedIn),
        new("/signing/use-requests", SignedIn),
        new("/signing/use-requests/{Id:guid}", SignedIn),
        new("/signing/verify", SignedIn),
        new("/signing/tasks", SignedIn),
        new("/signing/tasks/new", SignedIn),
        new("/signing/tasks/{Id:guid}", SignedIn),
        new("/signing/tasks/{Id:guid}/edit", SignedIn),
        new("/signing/tasks/{Id:guid}/sign", SignedIn),
        new("/support", CaSupport),
        new("/verify", Everyone),
    ];

    /// <summary>
    /// HTTP endpoints besides pages, as the host maps them (route discovery in EndpointMatrixTests). Anonymous ones check what
    /// they need themselves: logout ends only the caller's own session, the captcha and PKI are public by nature, the
    /// certificate-login ticket is bound to the browser's state (isolation case), verification writes nothing for anonymous callers.
    /// </summary>
    public static readonly IReadOnlyList<EndpointEntry> Endpoints =
    [
        new("ANY /healthz", Everyone),
        new("GET /account/captcha/{id}", Everyone),
        new("GET /account/certificate-login/redeem", Everyone),
        new("GET /certificate-login/start", Everyone),
        new("GET /culture/set", Everyone),
        new("GET /openapi/{documentName}.json", Everyone),
        new("GET /pki/{**rest}", Everyone),
        new("GET /platform/files/{key}", PlatformAdmin),
        new("GET /scalar/favicon.svg", Everyone),
        new("GET /scalar/scalar.aspnetcore.js", Everyone),
        new("GET /scalar/scalar.js", Everyone),
        new("GET /scalar/v1", Everyone),
        new("GET /scalar/{documentName?}", Everyone),
        new("GET,HEAD {**path:file}", Everyone),
        new("POST /account/logout", Everyone),
        new("POST /api/v1/verify", Everyone),
        // The use case decides per task (DownloadTaskDocuments rows above): an invisible task is 404, left out of a zip.
        new("GET /signing/tasks/zip", SignedIn),
        new("GET /signing/tasks/{taskId:guid}/documents/{documentId:guid}", SignedIn),
    ];
}

/// <summary>Rows of one use case (the result type of a probe is inferred).</summary>
internal static class On<T> where T : class
{
    public static UseCaseEntry U<TResult>(string method, Who allowed, Reach reach, Func<T, TenantPair, Task<TResult>> probe) =>
        new(typeof(T), method, allowed, reach, async (s, w) => await probe((T)s, w), null);
}
