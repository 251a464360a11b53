using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Accounts;
using Portal.Application.Audit;
using Portal.Application.Bindings;
using Portal.Application.Common;
using Portal.Application.Organizations;
using Portal.Application.Seeding;
using Portal.Application.Spaces;

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
        services.AddScoped<ReviewCertification>();
        services.AddScoped<GetCurrentOrganization>();
        services.AddScoped<ListMembers>();
        services.AddScoped<AddMember>();
        services.AddScoped<SetMemberRoles>();
        services.AddScoped<RemoveMember>();
        services.AddScoped<SetLegalRepresentativeMember>();
        services.AddScoped<CreateDepartment>();
        services.AddScoped<ListDepartments>();
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
        services.AddTransient<DemoSeed>();
        return services;
    }
}
