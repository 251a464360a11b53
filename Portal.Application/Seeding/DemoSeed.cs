using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Application.Certification;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Organizations;
using Portal.Application.Seals;

namespace Portal.Application.Seeding;

/// <summary>A demo account the README and run.sh list.</summary>
public sealed record DemoAccount(string Phone, string Name, string Role);

/// <summary>
/// The Development demo data, created through the same use cases a person would use (acting as each
/// demo user in turn), so later features' handlers can add to it. Runs once: skipped when present.
/// </summary>
public sealed class DemoSeed(IServiceScopeFactory scopes, ILogger<DemoSeed> logger)
{
    public const string Password = "Demo@2026";
    public static readonly string EnterpriseUscc = Checksums.CompleteUscc("91310000MA1FL0000");
    public static readonly string UniversityUscc = Checksums.CompleteUscc("12310000425000000");

    /// <summary>The demo members' signing PIN (证书密码).</summary>
    public const string SigningPin = "Pin2026";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("13900000001", "平台管理员", "platform admin"),
        new("13900000002", "CA客服", "CA support"),
        new("13800000001", "张伟", "示例科技有限公司 owner"),
        new("13800000002", "李娜", "示例科技有限公司 seal admin"),
        new("13800000003", "王强", "示例科技有限公司 member; also 示例学院 计算机学院 member"),
        new("13800000004", "赵敏", "示例科技有限公司 member"),
        new("13800000005", "刘洋", "示例科技有限公司 legal representative"),
        new("13700000001", "陈静", "示例学院 owner"),
        new("13700000002", "杨帆", "示例学院 seal admin"),
        new("13700000003", "黄磊", "示例学院 计算机学院 department head"),
        new("13700000004", "周杰", "示例学院 计算机学院 member"),
        new("13700000005", "吴芳", "示例学院 财务处 department head"),
        new("13700000006", "郑浩", "示例学院 财务处 member"),
    ];

    /// <summary>The seed is no client: it has no address, so the per-client limits on code sends and checks do not apply.</summary>
    private const string? SeedAddress = null;

    /// <summary>A 1×1 PNG standing in for the demo organizations' scanned documents.</summary>
    private static readonly byte[] SamplePng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public async Task<bool> RunAsync(CancellationToken cancellationToken = default)
    {
        await using (var probe = scopes.CreateAsyncScope())
        {
            var factory = probe.ServiceProvider.GetRequiredService<IPortalDbContextFactory>();
            await using var db = factory.CreateForScope(null, null);
            if (await db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Uscc == EnterpriseUscc, cancellationToken))
            {
                return false;
            }
        }

        var ids = new Dictionary<string, Guid>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<PortalRole>>();
            foreach (var role in PlatformRoles.All)
            {
                if (!await roles.RoleExistsAsync(role))
                {
                    Check(await roles.CreateAsync(new PortalRole { Name = role }));
                }
            }
            foreach (var a in Accounts)
            {
                var user = await users.FindByNameAsync(a.Phone);
                if (user is null)
                {
                    user = new PortalUser
                    {
                        Id = Guid.NewGuid(),
                        UserName = a.Phone,
                        PhoneNumber = a.Phone,
                        PhoneNumberConfirmed = true,
                        DisplayName = a.Name,
                        CreatedAtUtc = DateTime.UtcNow,
                        TermsAcceptedAtUtc = DateTime.UtcNow,
                        LockoutEnabled = true,
                    };
                    Check(await users.CreateAsync(user, Password));
                }
                ids[a.Phone] = user.Id;
            }
            Check(await users.AddToRoleAsync((await users.FindByNameAsync("13900000001"))!, PlatformRoles.PlatformAdmin));
            Check(await users.AddToRoleAsync((await users.FindByNameAsync("13900000002"))!, PlatformRoles.CaSupport));
        }

        // Real names first: a registrant who is the legal representative, and a member linked as one, must be verified as that person.
        var verified = await VerifyRealNamesAsync(ids, cancellationToken);

        var enterprise = await CreateCertifiedAsync(ids["13800000001"], ids["13900000001"], new CreateOrganizationRequest(
            "示例科技有限公司", EnterpriseUscc, OrganizationType.Enterprise, "刘洋", Checksums.CompleteIdNumber("11010519800101123"), false),
            cancellationToken);
        await AsOwnerAsync(ids["13800000001"], enterprise, async sp =>
        {
            var add = sp.GetRequiredService<AddMember>();
            Value(await add.ExecuteAsync(new AddMemberRequest("13800000002", "李娜", null, OrgRoles.SealAdmin), cancellationToken));
            Value(await add.ExecuteAsync(new AddMemberRequest("13800000003", "王强", null, OrgRoles.Member), cancellationToken));
            Value(await add.ExecuteAsync(new AddMemberRequest("13800000004", "赵敏", null, OrgRoles.Member), cancellationToken));
            Value(await add.ExecuteAsync(new AddMemberRequest("13800000005", "刘洋", null, OrgRoles.Member), cancellationToken));
        });
        foreach (var phone in new[] { "13800000002", "13800000003", "13800000004", "13800000005" })
        {
            await AcceptInvitationAsync(ids[phone], enterprise, cancellationToken);
        }
        await AsOwnerAsync(ids["13800000001"], enterprise, async sp =>
        {
            if (verified)
            {
                var members = Value(await sp.GetRequiredService<ListMembers>().ExecuteAsync(cancellationToken));
                var legal = members.First(m => m.UserId == ids["13800000005"]).MembershipId;
                Value(await sp.GetRequiredService<SetLegalRepresentativeMember>().ExecuteAsync(legal, cancellationToken));
            }
            await SeedEnterpriseGrantAsync(sp, cancellationToken);
        });

        var university = await CreateCertifiedAsync(ids["13700000001"], ids["13900000001"], new CreateOrganizationRequest(
            "示例学院", UniversityUscc, OrganizationType.University, "陈静", Checksums.CompleteIdNumber("31010419750505202"), verified),
            cancellationToken);
        Guid cs = Guid.Empty;
        await AsOwnerAsync(ids["13700000001"], university, async sp =>
        {
            var depts = sp.GetRequiredService<CreateDepartment>();
            cs = Value(await depts.ExecuteAsync("计算机学院", null, cancellationToken));
            var finance = Value(await depts.ExecuteAsync("财务处", null, cancellationToken));
            var add = sp.GetRequiredService<AddMember>();
            Value(await add.ExecuteAsync(new AddMemberRequest("13700000002", "杨帆", null, OrgRoles.SealAdmin), cancellationToken));
            Value(await add.ExecuteAsync(new AddMemberRequest("13700000003", "黄磊", cs, OrgRoles.DepartmentHead), cancellationToken));
            Value(await add.ExecuteAsync(new AddMemberRequest("13700000004", "周杰", cs, OrgRoles.Member), cancellationToken));
            Value(await add.ExecuteAsync(new AddMemberRequest("13800000003", "王强", cs, OrgRoles.Member), cancellationToken));
            Value(await add.ExecuteAsync(new AddMemberRequest("13700000005", "吴芳", finance, OrgRoles.DepartmentHead), cancellationToken));
            Value(await add.ExecuteAsync(new AddMemberRequest("13700000006", "郑浩", finance, OrgRoles.Member), cancellationToken));
        });
        foreach (var phone in new[] { "13700000002", "13700000003", "13700000004", "13800000003", "13700000005", "13700000006" })
        {
            await AcceptInvitationAsync(ids[phone], university, cancellationToken);
        }
        await AsOwnerAsync(ids["13700000001"], university, sp => SeedDepartmentSealAsync(sp, cs, cancellationToken));
        // Each demo member starts in their organization's space, as after choosing it in the switcher.
        foreach (var (phone, org) in Accounts.Where(a => a.Phone.StartsWith("138", StringComparison.Ordinal) || a.Phone.StartsWith("137", StringComparison.Ordinal))
                     .Select(a => (a.Phone, a.Phone.StartsWith("138", StringComparison.Ordinal) ? enterprise : university)))
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<MutableCurrentUser>().Set(ids[phone], [], SeedAddress, "seed");
            Check(await scope.ServiceProvider.GetRequiredService<Spaces.SwitchSpace>().ExecuteAsync(org, cancellationToken));
            // Signing PINs for the real-name-verified members (赵敏 and 郑浩 are the unverified ones).
            if (phone is not ("13800000004" or "13700000006"))
            {
                var pin = await scope.ServiceProvider.GetRequiredService<SigningPins.SetSigningPin>().ExecuteAsync(SigningPin, SigningPin, cancellationToken);
                if (pin.Error?.Code != Errors.SigningPinAlreadySet)
                {
                    Check(pin);
                }
            }
        }
        logger.LogInformation("Demo data seeded: {Enterprise}, {University}", enterprise, university);
        return true;
    }

    /// <summary>Demo members kept unverified, to show the 实名认证 reminder.</summary>
    public static readonly IReadOnlySet<string> UnverifiedMembers = new HashSet<string> { "13800000004", "13700000006" };

    /// <summary>The ID number each verified demo member verifies with (the legal representatives' match their organizations').</summary>
    public static string DemoIdNumber(string phone) => phone switch
    {
        "13800000005" => Checksums.CompleteIdNumber("11010519800101123"),
        "13700000001" => Checksums.CompleteIdNumber("31010419750505202"),
        _ => Checksums.CompleteIdNumber((phone.StartsWith("138", StringComparison.Ordinal) ? "110105" : "310104") + "19900101" + phone[^3..]),
    };

    /// <summary>
    /// 实名认证 of the demo members through the use case and the development face provider, answering its
    /// challenge from the SMS outbox as a person would. Skipped (false) when another provider is configured.
    /// </summary>
    private async Task<bool> VerifyRealNamesAsync(Dictionary<string, Guid> ids, CancellationToken ct)
    {
        foreach (var a in Accounts.Where(a => (a.Phone.StartsWith("138", StringComparison.Ordinal) || a.Phone.StartsWith("137", StringComparison.Ordinal))
                     && !UnverifiedMembers.Contains(a.Phone)))
        {
            await using var scope = scopes.CreateAsyncScope();
            if (scope.ServiceProvider.GetRequiredService<RealName.IFaceVerificationProvider>() is not RealName.DevelopmentRealNameProvider)
            {
                return false;
            }
            scope.ServiceProvider.GetRequiredService<MutableCurrentUser>().Set(ids[a.Phone], [], SeedAddress, "seed");
            var attempt = Value(await scope.ServiceProvider.GetRequiredService<RealName.StartRealNameVerification>().ExecuteAsync(
                new RealName.StartRealNameRequest(a.Name, DemoIdNumber(a.Phone), RealNameChannel.Face), ct));
            string text;
            await using (var db = scope.ServiceProvider.GetRequiredService<IPortalDbContextFactory>().CreateForScope(null, null))
            {
                text = await db.SmsOutbox.Where(m => m.Phone == a.Phone).OrderByDescending(m => m.Id).Select(m => m.Text).FirstAsync(ct);
            }
            var code = System.Text.RegularExpressions.Regex.Match(text, @"\d{6}").Value;
            Check(await scope.ServiceProvider.GetRequiredService<RealName.ConfirmRealNameVerification>().ExecuteAsync(attempt, code, ct));
        }
        return true;
    }

    /// <summary>The demo member accepts the organization's invitation in the portal, as a person would.</summary>
    private async Task AcceptInvitationAsync(Guid userId, Guid organizationId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MutableCurrentUser>().Set(userId, [], SeedAddress, "seed");
        var invitations = Value(await scope.ServiceProvider.GetRequiredService<ListMyInvitations>().ExecuteAsync(ct));
        var invitation = invitations.First(i => i.OrganizationId == organizationId);
        Check(await scope.ServiceProvider.GetRequiredService<AcceptInvitation>().ExecuteAsync(invitation.Id, ct));
    }

    /// <summary>王强 holds a grant on 示例科技's 合同专用章 (the default seals come from certification when a pool exists).</summary>
    private static async Task SeedEnterpriseGrantAsync(IServiceProvider sp, CancellationToken ct)
    {
        if (!sp.GetRequiredService<ISealKeys>().IsAvailable)
        {
            return;
        }
        var seals = Value(await sp.GetRequiredService<ListSeals>().ExecuteAsync(new SealFilter(SealType.Contract, null, SealStatus.Active), ct));
        var members = Value(await sp.GetRequiredService<ListMembers>().ExecuteAsync(ct));
        var wang = members.First(m => m.Name == "王强").UserId;
        var today = Grants.GrantWindows.LocalDate(sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, "Asia/Shanghai");
        Value(await sp.GetRequiredService<Grants.GrantSeal>().ExecuteAsync(
            new Grants.GrantInput(seals[0].Id, wang, null, today, today.AddDays(364)), ct));
    }

    /// <summary>计算机学院's department seal, granted by default to its head 黄磊 (周杰 has none: he applies in the E2E).</summary>
    private static async Task SeedDepartmentSealAsync(IServiceProvider sp, Guid department, CancellationToken ct)
    {
        if (!sp.GetRequiredService<ISealKeys>().IsAvailable)
        {
            return;
        }
        var template = Value(await sp.GetRequiredService<PreviewSealFace>().TemplateAsync(SealType.Official, "计算机学院", ct));
        Value(await sp.GetRequiredService<MakeSeal>().ExecuteAsync(SealType.Official, "计算机学院印章", department, template, ct));
    }

    private async Task<Guid> CreateCertifiedAsync(Guid ownerId, Guid platformAdminId, CreateOrganizationRequest request, CancellationToken ct)
    {
        Guid orgId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<MutableCurrentUser>().Set(ownerId, [], SeedAddress, "seed");
            orgId = Value(await scope.ServiceProvider.GetRequiredService<CreateOrganization>().ExecuteAsync(request, ct));
            var upload = scope.ServiceProvider.GetRequiredService<UploadCertificationDocument>();
            Check(await upload.ExecuteAsync(orgId, CertificationDocument.BusinessLicense, new UploadedFile("licence.png", SamplePng), ct));
            if (!request.RegistrantIsLegalRepresentative)
            {
                Check(await upload.ExecuteAsync(orgId, CertificationDocument.AuthorizationLetter, new UploadedFile("letter.png", SamplePng), ct));
            }
            Check(await scope.ServiceProvider.GetRequiredService<SubmitForManualReview>().ExecuteAsync(orgId, ct));
        }
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<MutableCurrentUser>().Set(platformAdminId, [PlatformRoles.PlatformAdmin], SeedAddress, "seed");
            Check(await scope.ServiceProvider.GetRequiredService<ReviewCertification>().ExecuteAsync(orgId, true, "demo seed", ct));
        }
        return orgId;
    }

    private async Task AsOwnerAsync(Guid ownerId, Guid orgId, Func<IServiceProvider, Task> act)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MutableCurrentUser>().Set(ownerId, [], SeedAddress, "seed");
        // The owner works in the organization's space, as a person would after switching to it.
        Check(await scope.ServiceProvider.GetRequiredService<Spaces.SwitchSpace>().ExecuteAsync(orgId));
        await act(scope.ServiceProvider);
    }

    private static void Check(IdentityResult r)
    {
        if (!r.Succeeded)
        {
            throw new InvalidOperationException("Demo seed failed: " + string.Join("; ", r.Errors.Select(e => e.Code)));
        }
    }

    private static void Check(Result r)
    {
        if (!r.Succeeded)
        {
            throw new InvalidOperationException("Demo seed failed: " + r.Error);
        }
    }

    private static T Value<T>(Result<T> r) =>
        r.Succeeded ? r.Value! : throw new InvalidOperationException("Demo seed failed: " + r.Error);
}
