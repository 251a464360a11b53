using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Bindings;
using Portal.Application.Certification;
using Portal.Application.Common;
using Portal.Application.Events;
using Portal.Application.JoinRequests;
using Portal.Application.Organizations;
using Portal.Application.Seeding;
using Portal.Application.Signing;
using Portal.Application.SigningPins;
using Portal.Application.Spaces;
using Portal.Application.Todos;

namespace Portal.Application;

public static class DependencyInjection
{
    /// <summary>Use cases and their common services; the host adds Infrastructure and an <see cref="ISpaceAccessNotifier"/>.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<MutableCurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<MutableCurrentUser>());
        services.AddScoped<Access>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<VerifyAuditChain>();
        services.AddScoped<ListAuditEvents>();
        services.AddScoped<SmsCodes>();
        services.AddScoped<SendSmsCode>();
        services.AddScoped<RegisterUser>();
        services.AddScoped<ChangePassword>();
        services.AddScoped<ResetPassword>();
        services.AddScoped<ChangePhone>();
        services.AddScoped<GetProfile>();
        services.AddScoped<ListMySpaces>();
        services.AddScoped<SwitchSpace>();
        services.AddScoped<CreateOrganization>();
        services.AddScoped<DomainEvents>();
        services.AddScoped<ConsequencePreview>();
        services.AddScoped<CertificationSteps>();
        services.AddScoped<IMicroDepositBank, DevelopmentMicroDepositBank>();
        services.AddScoped<UploadCertificationDocument>();
        services.AddScoped<RequestMicroDeposit>();
        services.AddScoped<ConfirmMicroDeposit>();
        services.AddScoped<SendLegalRepresentativeCode>();
        services.AddScoped<ConfirmLegalRepresentativeCode>();
        services.AddScoped<SubmitForManualReview>();
        services.AddScoped<ReviewCertification>();
        services.AddScoped<WithdrawCertification>();
        services.AddScoped<ContinueCertification>();
        services.AddScoped<GetCertification>();
        services.AddScoped<ListCertificationQueue>();
        services.AddScoped<ListMyCertifications>();
        services.AddScoped<GetCurrentOrganization>();
        services.AddScoped<ListMembers>();
        services.AddScoped<AddMember>();
        services.AddScoped<SetMemberRoles>();
        services.AddScoped<RemoveMember>();
        services.AddScoped<SetLegalRepresentativeMember>();
        services.AddScoped<CreateDepartment>();
        services.AddScoped<ListDepartments>();
        services.AddScoped<RenameDepartment>();
        services.AddScoped<MoveDepartment>();
        services.AddScoped<DeleteDepartment>();
        services.AddScoped<LeaveOrganization>();
        services.AddScoped<PreviewMemberExit>();
        services.AddScoped<TransferOwnership>();
        services.AddScoped<RequestMemberRemoval>();
        services.AddScoped<DecideMemberRemoval>();
        services.AddScoped<SearchOrganizations>();
        services.AddScoped<ApplyToJoin>();
        services.AddScoped<WithdrawJoinRequest>();
        services.AddScoped<ListMyJoinRequests>();
        services.AddScoped<DecideJoinRequest>();
        services.AddScoped<ListTodos>();
        services.AddTodoSource<JoinRequestTodos>();
        services.AddTodoSource<MemberRemovalTodos>();
        services.AddScoped<ImportMembers>();
        services.AddScoped<ExportMembers>();
        services.AddScoped<BindingRules>();
        services.AddScoped<StartCertificateBinding>();
        services.AddScoped<BindCertificate>();
        services.AddScoped<UnbindCertificate>();
        services.AddScoped<ListMyBindings>();
        services.AddScoped<GetBindingState>();
        services.AddScoped<SearchBindings>();
        services.AddScoped<ListRefusedBindAttempts>();
        services.AddScoped<GetBindingHistory>();
        services.AddScoped<ExportSupportView>();
        services.AddScoped<ListMemberBindings>();
        services.AddSigning();
        services.AddTransient<DemoSeed>();
        return services;
    }
}
