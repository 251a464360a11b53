using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Certification;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;
using Portal.Application.JoinRequests;
using Portal.Application.Organizations;
using Portal.Application.SigningTasks;
using Portal.Application.Spaces;
using Portal.Application.Todos;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Authorization;

/// <summary>
/// Two tenants from the demo seed: A (示例科技有限公司) and B (示例学院). The actor is A's owner working in A's
/// space, the strongest role a tenant has. Every case tries to read or change B's data through an
/// Application service and must see nothing and change nothing.
/// </summary>
public sealed class TenantPair : IAsyncLifetime
{
    public TestDatabase Db { get; private set; } = null!;
    public Guid OrgA { get; private set; }
    public Guid OrgB { get; private set; }
    public Guid OwnerA { get; private set; }
    public Guid OwnerB { get; private set; }
    public Guid MembershipInB { get; private set; }
    public Guid DepartmentInB { get; private set; }
    public string[] NamesInB { get; private set; } = [];
    public Guid JoinRequestInB { get; private set; }
    public Guid RemovalRequestInB { get; private set; }
    public Guid SealAdminA { get; private set; }
    public Guid SealInB { get; private set; }
    public Guid GrantInB { get; private set; }
    public Guid GrantRequestInB { get; private set; }
    public Guid SealInA { get; private set; }

    /// <summary>The matrix's actors: every role in each tenant, and the roles that belong to no tenant (<see cref="Actor"/>).</summary>
    public IReadOnlyList<Actor> Actors { get; private set; } = [];
    public Guid PersonalUser { get; private set; }
    public Guid DepartmentInA { get; private set; }

    public async Task InitializeAsync()
    {
        // Seal keys and a personal CA that answer, so signing and certificate use cases reach their tenant checks instead of
        // stopping at "no HSM pool here".
        Db = await TestDatabase.CreateAsync(seedDemo: true, s =>
        {
            FakeSealKeys.Register(new FakeSealKeys())(s);
            s.AddSingleton<Portal.Application.Certificates.IPersonalCertificateAuthority, FakePersonalCertificateAuthority>();
        });
        OrgA = await Db.EnterpriseIdAsync();
        OrgB = await Db.UniversityIdAsync();
        OwnerA = await Db.UserIdAsync(Demo.EnterpriseOwner);
        OwnerB = await Db.UserIdAsync(Demo.UniversityOwner);
        await Db.SwitchAsync(OwnerA, OrgA);
        await using var ctx = Db.Db(OrgB);
        MembershipInB = await ctx.Memberships.Where(m => m.Name == "周杰").Select(m => m.Id).SingleAsync();
        DepartmentInB = await ctx.Departments.Where(d => d.Name == "计算机学院").Select(d => d.Id).SingleAsync();
        NamesInB = await ctx.Memberships.Where(m => m.UserId != Guid.Empty).Select(m => m.Name)
            .Where(n => n != "王强").ToArrayAsync(); // 王强 is a member of both on purpose
        // B's pending requests: A must neither see nor decide them.
        var applicant = await Db.UserIdAsync(Demo.CaSupport);
        JoinRequestInB = (await Db.RunAsync<ApplyToJoin, Result<Guid>>(applicant, s => s.ExecuteAsync(OrgB, "申请"))).Value;
        var sealAdminB = await Db.UserIdAsync(Demo.UniversitySealAdmin);
        await Db.SwitchAsync(sealAdminB, OrgB);
        RemovalRequestInB = (await Db.RunAsync<RequestMemberRemoval, Result<Guid>>(sealAdminB, s => s.ExecuteAsync(MembershipInB, "离职"))).Value;
        SealAdminA = await Db.UserIdAsync(Demo.EnterpriseSealAdmin);
        await Db.SwitchAsync(SealAdminA, OrgA);
        // B's department seal, its default grant, and a pending grant request: A must neither see nor touch them.
        SealInB = await ctx.Seals.Where(s => s.DepartmentId == DepartmentInB).Select(s => s.Id).SingleAsync();
        GrantInB = await ctx.SealGrants.Where(g => g.SealId == SealInB).Select(g => g.Id).FirstAsync();
        var zhou = await Db.UserIdAsync(Demo.CsMember);
        GrantRequestInB = (await Db.RunAsync<Portal.Application.Grants.ApplyForGrant, Result<Guid>>(zhou,
            s => s.ExecuteAsync(SealInB, new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30), "申请"))).Value;
        await using var ctxA = Db.Db(OrgA);
        SealInA = await ctxA.Seals.Where(s => s.Type == Portal.Application.Domain.SealType.Official).Select(s => s.Id).SingleAsync();
        await AddActorsAsync();
    }

    /// <summary>
    /// A has no department head and nobody is in no organization: the world adds a department with a head in A (invited,
    /// accepted) and a personal user. Every member actor works in their organization's space.
    /// </summary>
    private async Task AddActorsAsync()
    {
        PersonalUser = await NewUserAsync("13600000001", "孙丽");
        var headA = await NewUserAsync("13800000009", "钱军");
        DepartmentInA = (await Db.RunAsync<CreateDepartment, Result<Guid>>(OwnerA, s => s.ExecuteAsync("市场部", null))).Value;
        ResultAssert.Ok(await Db.RunAsync<AddMember, Result<AddMemberOutcome>>(OwnerA, s => s.AddOrInviteAsync(
            new AddMemberRequest("13800000009", "钱军", DepartmentInA, Portal.Application.Domain.OrgRoles.DepartmentHead))));
        await Db.AcceptInvitationAsync(headA, OrgA);
        var platform = await Db.UserIdAsync(Demo.PlatformAdmin);
        var support = await Db.UserIdAsync(Demo.CaSupport);
        Actors =
        [
            new(Role.Anonymous, Tenant.None, null, []),
            new(Role.Personal, Tenant.None, PersonalUser, []),
            new(Role.Member, Tenant.B, await Db.UserIdAsync(Demo.CsMember), []),
            new(Role.Member, Tenant.A, await Db.UserIdAsync(Demo.EnterpriseMember2), []),
            new(Role.DepartmentHead, Tenant.B, await Db.UserIdAsync(Demo.CsHead), []),
            new(Role.DepartmentHead, Tenant.A, headA, []),
            new(Role.SealAdmin, Tenant.B, await Db.UserIdAsync(Demo.UniversitySealAdmin), []),
            new(Role.SealAdmin, Tenant.A, SealAdminA, []),
            new(Role.Owner, Tenant.B, OwnerB, []),
            new(Role.Owner, Tenant.A, OwnerA, []),
            new(Role.CaSupport, Tenant.None, support, [Portal.Application.Domain.PlatformRoles.CaSupport]),
            new(Role.PlatformAdmin, Tenant.None, platform, [Portal.Application.Domain.PlatformRoles.PlatformAdmin]),
        ];
        foreach (var actor in Actors.Where(a => a.Tenant != Tenant.None))
        {
            await Db.SwitchAsync(actor.UserId!.Value, actor.Tenant == Tenant.A ? OrgA : OrgB);
        }
    }

    private async Task<Guid> NewUserAsync(string phone, string name)
    {
        await using var scope = Db.As(null);
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
        var user = new PortalUser
        {
            Id = Guid.NewGuid(),
            UserName = phone,
            PhoneNumber = phone,
            PhoneNumberConfirmed = true,
            DisplayName = name,
            CreatedAtUtc = DateTime.UtcNow,
            TermsAcceptedAtUtc = DateTime.UtcNow,
            LockoutEnabled = true,
        };
        Assert.True((await users.CreateAsync(user, Portal.Application.Seeding.DemoSeed.Password)).Succeeded);
        return user.Id;
    }

    /// <summary>A new member of B (user and membership written directly), for rows whose allowed run removes or changes one.</summary>
    public async Task<Guid> FreshMembershipInBAsync()
    {
        await using var ctx = Db.Db();
        var phone = "135" + Random.Shared.Next(10000000, 99999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var user = new PortalUser { Id = Guid.NewGuid(), UserName = phone, NormalizedUserName = phone, PhoneNumber = phone, DisplayName = "临时成员", CreatedAtUtc = DateTime.UtcNow };
        ctx.Users.Add(user);
        var membership = new Membership { Id = Guid.NewGuid(), OrganizationId = OrgB, UserId = user.Id, Name = "临时成员", DepartmentId = DepartmentInB, JoinedAtUtc = DateTime.UtcNow };
        ctx.Memberships.Add(membership);
        await ctx.SaveChangesAsync();
        return membership.Id;
    }

    /// <summary>A new department of B, under 计算机学院.</summary>
    public async Task<Guid> FreshDepartmentInBAsync()
    {
        await using var ctx = Db.Db();
        var department = new Department { Id = Guid.NewGuid(), OrganizationId = OrgB, ParentId = DepartmentInB, Name = "临时" + Guid.NewGuid().ToString("N")[..8], CreatedAtUtc = DateTime.UtcNow };
        ctx.Departments.Add(department);
        await ctx.SaveChangesAsync();
        return department.Id;
    }

    /// <summary>A pending invitation of B to a number nobody of the matrix has.</summary>
    public async Task<Guid> FreshInvitationInBAsync()
    {
        await using var ctx = Db.Db();
        var invitation = new MemberInvitation
        {
            Id = Guid.NewGuid(),
            OrganizationId = OrgB,
            Phone = "13599990000",
            Name = "受邀者",
            Roles = OrgRoles.Member,
            InvitedByUserId = OwnerB,
            Status = RequestStatus.Pending,
            CreatedAtUtc = DateTime.UtcNow,
        };
        ctx.MemberInvitations.Add(invitation);
        await ctx.SaveChangesAsync();
        return invitation.Id;
    }

    /// <summary>A pending join request to B as the to-do row B's owner sees.</summary>
    public async Task<TodoRow> FreshJoinRequestTodoInBAsync()
    {
        await using var ctx = Db.Db();
        var request = new JoinRequest
        {
            Id = Guid.NewGuid(),
            OrganizationId = OrgB,
            ApplicantUserId = PersonalUser,
            ApplicantName = "孙丽",
            Reason = "申请加入",
            Status = RequestStatus.Pending,
            CreatedAtUtc = DateTime.UtcNow,
        };
        ctx.JoinRequests.Add(request);
        await ctx.SaveChangesAsync();
        return new TodoRow("JoinRequest", request.Id, "孙丽", "孙丽", "申请加入", request.CreatedAtUtc);
    }

    /// <summary>A grant of B's department seal to 计算机学院.</summary>
    public async Task<Guid> FreshGrantInBAsync()
    {
        await using var ctx = Db.Db();
        var grant = new SealGrant
        {
            Id = Guid.NewGuid(),
            OrganizationId = OrgB,
            SealId = SealInB,
            GranteeDepartmentId = DepartmentInB,
            StartUtc = DateTime.UtcNow,
            Status = GrantStatus.Active,
            Source = GrantSource.Manual,
            GrantedByUserId = OwnerB,
            GrantedAtUtc = DateTime.UtcNow,
        };
        ctx.SealGrants.Add(grant);
        await ctx.SaveChangesAsync();
        return grant.Id;
    }

    /// <summary>A handwritten signature of B's owner.</summary>
    public async Task<Guid> SignatureOfOwnerBAsync()
    {
        await using var ctx = Db.Db();
        var signature = new PersonalSignature
        {
            Id = Guid.NewGuid(),
            OwnerUserId = OwnerB,
            Kind = PersonalSignatureKind.Handwritten,
            Name = "陈静的签名",
            FaceSpecJson = "{}",
            CreatedAtUtc = DateTime.UtcNow,
        };
        ctx.PersonalSignatures.Add(signature);
        await ctx.SaveChangesAsync();
        return signature.Id;
    }

    private Guid? _realNameAttempt;

    /// <summary>A pending real-name attempt of 郑浩 (B's member, not verified yet).</summary>
    public async Task<Guid> RealNameAttemptInBAsync()
    {
        if (_realNameAttempt is { } id)
        {
            return id;
        }
        var zheng = await Db.UserIdAsync("13700000006");
        var r = await Db.RunAsync<Portal.Application.RealName.StartRealNameVerification, Result<Guid>>(zheng, s => s.ExecuteAsync(
            new Portal.Application.RealName.StartRealNameRequest("郑浩", Checksums.CompleteIdNumber("31010419920303111"), RealNameChannel.Face)));
        _realNameAttempt = ResultAssert.Ok(r);
        return r.Value;
    }

    /// <summary>
    /// A signing task of B in progress, written directly: 黄磊 (B's department head) initiated it, 周杰 (B's member) signs now,
    /// 王强 is CC. By the visibility rule B's owner sees it too; B's seal admin does not.
    /// </summary>
    private int _taskNumbers;

    /// <summary>A task number unique in the pair (numbers are unique per tenant: random digits collided about once in 30 runs).</summary>
    public string NextTaskNumber() =>
        "ST20261123" + Interlocked.Increment(ref _taskNumbers).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<(Guid Task, Guid Document)> FreshTaskInBAsync()
    {
        var fileKey = await Db.Services.GetRequiredService<IFileStore>().SaveAsync(new MemoryStream("%PDF-1.7 B"u8.ToArray()), "b.pdf");
        await using var ctx = Db.Db(OrgB);
        var now = Db.Clock.GetUtcNow().UtcDateTime;
        var head = await Db.UserIdAsync(Demo.CsHead);
        var zhou = await Db.UserIdAsync(Demo.CsMember);
        var wang = await Db.UserIdAsync(Demo.EnterpriseMember);
        var task = new SigningTask
        {
            Id = Guid.NewGuid(),
            OrganizationId = OrgB,
            SpaceId = OrgB,
            Number = NextTaskNumber(),
            Name = "B的会签",
            InitiatorUserId = head,
            InitiatorName = "黄磊",
            Order = SigningOrder.Parallel,
            DeadlineDate = new DateOnly(2026, 12, 31),
            DeadlineUtc = new DateTime(2026, 12, 31, 15, 59, 59, DateTimeKind.Utc),
            Status = SigningTaskStatus.InProgress,
            CreatedAtUtc = now,
            SentAtUtc = now,
            CurrentStep = 1,
        };
        var document = new TaskDocument
        {
            Id = Guid.NewGuid(),
            TaskId = task.Id,
            OrganizationId = OrgB,
            Name = "B的文件.pdf",
            Pages = 1,
            CurrentVersion = 1,
            CurrentFileKey = fileKey,
            CurrentSha256 = "x",
        };
        task.Documents.Add(document);
        task.Participants.Add(new TaskParticipant
        {
            Id = Guid.NewGuid(),
            TaskId = task.Id,
            OrganizationId = OrgB,
            UserId = zhou,
            Name = "周杰",
            Step = 1,
            State = ParticipantState.Active,
            TaskStatus = SigningTaskStatus.InProgress,
            ActivatedAtUtc = now,
            AllowRefusal = true,
            Signatures = 1,
        });
        task.CcRecipients.Add(new TaskCcRecipient { Id = Guid.NewGuid(), TaskId = task.Id, OrganizationId = OrgB, UserId = wang, Name = "王强" });
        ctx.SigningTasks.Add(task);
        await ctx.SaveChangesAsync();
        return (task.Id, document.Id);
    }

    /// <summary>Text that only that tenant's data carries: its id, USCC, the names of its members and departments (王强 is in both).</summary>
    public IReadOnlyList<string> MarkersOf(Tenant tenant) => tenant == Tenant.A
        ? [OrgA.ToString(), Portal.Application.Seeding.DemoSeed.EnterpriseUscc, "张伟", "李娜", "赵敏", "刘洋", "钱军", "市场部"]
        : [OrgB.ToString(), Portal.Application.Seeding.DemoSeed.UniversityUscc, "陈静", "杨帆", "黄磊", "周杰", "吴芳", "郑浩", "计算机学院", "财务处"];

    /// <summary>Runs <paramref name="act"/> on a use case resolved in a scope acting as <paramref name="actor"/>.</summary>
    public async Task<object?> RunAsAsync(Actor actor, Type useCase, Func<object, Task<object?>> act)
    {
        await using var scope = Db.As(actor.UserId, actor.PlatformRoles);
        return await act(scope.ServiceProvider.GetRequiredService(useCase));
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();

    /// <summary>Runs a use case as A's owner in A's space.</summary>
    public Task<T> AsOwnerA<TUseCase, T>(Func<TUseCase, Task<T>> act) where TUseCase : notnull => Db.RunAsync(OwnerA, act);

    /// <summary>A binding held by B's owner (written directly: isolation cases need no trust store).</summary>
    public async Task<Guid> BindingOfOwnerBAsync()
    {
        await using var ctx = Db.Db();
        var fingerprint = Guid.NewGuid().ToString("N").ToUpperInvariant();
        var binding = new Portal.Application.Domain.CertificateBinding
        {
            Id = Guid.NewGuid(),
            OwnerUserId = OwnerB,
            Fingerprint = fingerprint,
            HeldFingerprint = fingerprint,
            Subject = "CN=B",
            CommonName = "B",
            Issuer = "CN=CA",
            Status = Portal.Application.Domain.BindingStatus.Active,
            CertificateDer = [1],
        };
        ctx.CertificateBindings.Add(binding);
        await ctx.SaveChangesAsync();
        return binding.Id;
    }

    /// <summary>A personal certificate of B's owner with an install record, an operation and a paid order (written directly).</summary>
    public async Task<Portal.Application.Domain.PersonalCertificate> PersonalCertificateOfOwnerBAsync()
    {
        await using var ctx = Db.Db();
        var serial = Guid.NewGuid().ToString("N");
        var certificate = new Portal.Application.Domain.PersonalCertificate
        {
            Id = Guid.NewGuid(),
            OwnerUserId = OwnerB,
            ActiveOwnerUserId = null,
            Type = Portal.Application.Domain.PersonalCertificateType.Standard,
            KeyId = "key-b",
            SerialNumber = serial,
            Subject = "CN=陈静",
            NotBeforeUtc = DateTime.UtcNow,
            NotAfterUtc = DateTime.UtcNow.AddYears(1),
            CertificateDer = [1],
            Status = Portal.Application.Domain.PersonalCertificateStatus.Active,
            IssuedAtUtc = DateTime.UtcNow,
        };
        if (!await ctx.PersonalCertificates.IgnoreQueryFilters().AnyAsync(c => c.ActiveOwnerUserId == OwnerB))
        {
            certificate.ActiveOwnerUserId = OwnerB;
        }
        ctx.PersonalCertificates.Add(certificate);
        ctx.CertificateInstallRecords.Add(new Portal.Application.Domain.CertificateInstallRecord
        {
            OwnerUserId = OwnerB,
            CertificateId = certificate.Id,
            Kind = Portal.Application.Domain.CertificateInstallKind.FirstDownload,
            SerialNumber = serial,
            NotAfterUtc = certificate.NotAfterUtc,
            OccurredAtUtc = DateTime.UtcNow,
        });
        ctx.CertificateOperations.Add(new Portal.Application.Domain.CertificateOperation
        {
            OwnerUserId = OwnerB,
            Source = Portal.Application.Domain.CertificateSource.Hosted,
            SerialNumber = serial,
            Kind = Portal.Application.Domain.CertificateOperationKind.Sign,
            Detail = "B的合同",
            OccurredAtUtc = DateTime.UtcNow,
        });
        ctx.CertificateOrders.Add(new Portal.Application.Domain.CertificateOrder
        {
            Id = Guid.NewGuid(),
            OwnerUserId = OwnerB,
            Product = "reissue-package",
            Quantity = 3,
            AmountFen = 3000,
            Status = Portal.Application.Domain.OrderStatus.Paid,
            PaymentReference = "B-" + serial,
            CreatedAtUtc = DateTime.UtcNow,
        });
        await ctx.SaveChangesAsync();
        return certificate;
    }

    public async Task AssertBUnchangedAsync()
    {
        await using var ctx = Db.Db(OrgB);
        Assert.True(await ctx.Memberships.AnyAsync(m => m.Id == MembershipInB));
        Assert.Equal(2, await ctx.Departments.CountAsync());
        var seal = await ctx.Seals.SingleAsync(s => s.Id == SealInB);
        Assert.Equal(Portal.Application.Domain.SealStatus.Active, seal.Status);
        Assert.Equal(Portal.Application.Domain.GrantStatus.Active, (await ctx.SealGrants.SingleAsync(g => g.Id == GrantInB)).Status);
        Assert.Equal(Portal.Application.Domain.RequestStatus.Pending, (await ctx.SealGrantRequests.SingleAsync(r => r.Id == GrantRequestInB)).Status);
    }
}

/// <summary>One attempt to cross from tenant A into tenant B.</summary>
public sealed record IsolationCase(string Name, Func<TenantPair, Task> Check)
{
    public override string ToString() => Name;
}

/// <summary>The cases; later features add theirs here (every new query and command gets one).</summary>
public static class TenantIsolationCases
{
    public static readonly IReadOnlyList<IsolationCase> All =
    [
        new("ListMembers shows no member of B", async t =>
        {
            var r = await t.AsOwnerA<ListMembers, Result<IReadOnlyList<MemberRow>>>(s => s.ExecuteAsync());
            ResultAssert.Ok(r);
            Assert.NotEmpty(r.Value!);
            Assert.DoesNotContain(r.Value!, m => t.NamesInB.Contains(m.Name));
        }),
        new("ListDepartments shows no department of B", async t =>
        {
            var r = await t.AsOwnerA<ListDepartments, Result<IReadOnlyList<Portal.Application.Domain.Department>>>(s => s.ExecuteAsync());
            ResultAssert.Ok(r);
            Assert.DoesNotContain(r.Value!, d => d.Id == t.DepartmentInB || d.OrganizationId == t.OrgB);
        }),
        new("GetCurrentOrganization returns A, never B", async t =>
        {
            var r = await t.AsOwnerA<GetCurrentOrganization, Result<OrganizationSummary>>(s => s.ExecuteAsync());
            Assert.Equal(t.OrgA, r.Value!.Id);
        }),
        new("RemoveMember cannot remove a member of B", async t =>
        {
            var r = await t.AsOwnerA<RemoveMember, Result>(s => s.ExecuteAsync(t.MembershipInB));
            ResultAssert.Refused(Errors.NotFound, r);
            await t.AssertBUnchangedAsync();
        }),
        new("SetMemberRoles cannot change a member of B", async t =>
        {
            var r = await t.AsOwnerA<SetMemberRoles, Result>(s => s.ExecuteAsync(t.MembershipInB, Portal.Application.Domain.OrgRoles.SealAdmin, null));
            ResultAssert.Refused(Errors.NotFound, r);
        }),
        new("SetLegalRepresentativeMember cannot point at a member of B", async t =>
        {
            var r = await t.AsOwnerA<SetLegalRepresentativeMember, Result<LegalRepresentativeLink>>(s => s.ExecuteAsync(t.MembershipInB));
            ResultAssert.Refused(Errors.NotFound, r);
        }),
        new("CreateDepartment cannot hang under a department of B", async t =>
        {
            var r = await t.AsOwnerA<CreateDepartment, Result<Guid>>(s => s.ExecuteAsync("越界部门", t.DepartmentInB));
            ResultAssert.Refused(Errors.NotFound, r);
            await t.AssertBUnchangedAsync();
        }),
        new("AddMember cannot place someone in a department of B", async t =>
        {
            var r = await t.AsOwnerA<AddMember, Result<Guid>>(s => s.ExecuteAsync(
                new AddMemberRequest(Demo.CaSupport, "越界成员", t.DepartmentInB, Portal.Application.Domain.OrgRoles.Member)));
            ResultAssert.Refused(Errors.NotFound, r);
        }),
        new("SwitchSpace into B is refused for a non-member", async t =>
        {
            var r = await t.AsOwnerA<SwitchSpace, Result>(s => s.ExecuteAsync(t.OrgB));
            ResultAssert.Refused(Errors.NotAMember, r);
        }),
        new("GetCertification of B is refused", async t =>
            Assert.Equal(Errors.NotAMember, (await t.AsOwnerA<GetCertification, Result<CertificationView>>(s => s.ExecuteAsync(t.OrgB))).Error?.Code)),
        new("UploadCertificationDocument to B is refused", async t =>
            Assert.Equal(Errors.NotAMember, (await t.AsOwnerA<UploadCertificationDocument, Result>(s => s.ExecuteAsync(t.OrgB,
                CertificationDocument.BusinessLicense, new UploadedFile("x.png", [1])))).Error?.Code)),
        new("RequestMicroDeposit for B is refused", async t =>
            Assert.Equal(Errors.NotAMember, (await t.AsOwnerA<RequestMicroDeposit, Result>(s => s.ExecuteAsync(t.OrgB, "银行", "6222020200001234"))).Error?.Code)),
        new("ConfirmMicroDeposit for B is refused", async t =>
            Assert.Equal(Errors.NotAMember, (await t.AsOwnerA<ConfirmMicroDeposit, Result>(s => s.ExecuteAsync(t.OrgB, "0.01"))).Error?.Code)),
        new("SendLegalRepresentativeCode for B is refused", async t =>
            Assert.Equal(Errors.NotAMember, (await t.AsOwnerA<SendLegalRepresentativeCode, Result>(s => s.ExecuteAsync(t.OrgB, "13912345678"))).Error?.Code)),
        new("ConfirmLegalRepresentativeCode for B is refused", async t =>
            Assert.Equal(Errors.NotAMember, (await t.AsOwnerA<ConfirmLegalRepresentativeCode, Result>(s => s.ExecuteAsync(t.OrgB, "123456"))).Error?.Code)),
        new("SubmitForManualReview for B is refused", async t =>
            Assert.Equal(Errors.NotAMember, (await t.AsOwnerA<SubmitForManualReview, Result>(s => s.ExecuteAsync(t.OrgB))).Error?.Code)),
        new("WithdrawCertification of B is refused", async t =>
            Assert.Equal(Errors.NotAMember, (await t.AsOwnerA<WithdrawCertification, Result>(s => s.ExecuteAsync(t.OrgB))).Error?.Code)),
        new("ContinueCertification of B is refused", async t =>
            Assert.Equal(Errors.NotAMember, (await t.AsOwnerA<ContinueCertification, Result>(s => s.ExecuteAsync(t.OrgB))).Error?.Code)),
        new("ReviewCertification and its queue are platform-only", async t =>
        {
            Assert.Equal(Errors.Forbidden, (await t.AsOwnerA<ReviewCertification, Result>(s => s.ExecuteAsync(t.OrgB, false, "x"))).Error?.Code);
            Assert.Equal(Errors.Forbidden, (await t.AsOwnerA<ListCertificationQueue, Result<IReadOnlyList<CertificationQueueRow>>>(s => s.ExecuteAsync())).Error?.Code);
        }),
        new("RenameDepartment cannot rename B's department", async t =>
        {
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<RenameDepartment, Result>(s => s.ExecuteAsync(t.DepartmentInB, "x"))).Error?.Code);
            await t.AssertBUnchangedAsync();
        }),
        new("MoveDepartment cannot move B's department", async t =>
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<MoveDepartment, Result>(s => s.ExecuteAsync(t.DepartmentInB, null))).Error?.Code)),
        new("DeleteDepartment cannot delete B's department", async t =>
        {
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<DeleteDepartment, Result>(s => s.ExecuteAsync(t.DepartmentInB))).Error?.Code);
            await t.AssertBUnchangedAsync();
        }),
        new("LeaveOrganization of B is refused for a non-member", async t =>
            Assert.Equal(Errors.NotAMember, (await t.AsOwnerA<LeaveOrganization, Result>(s => s.ExecuteAsync(t.OrgB))).Error?.Code)),
        new("PreviewMemberExit sees no member of B", async t =>
        {
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<PreviewMemberExit, Result<IReadOnlyList<Consequence>>>(s => s.RemovalAsync(t.MembershipInB))).Error?.Code);
            Assert.Equal(Errors.NotAMember, (await t.AsOwnerA<PreviewMemberExit, Result<IReadOnlyList<Consequence>>>(s => s.LeavingAsync(t.OrgB))).Error?.Code);
        }),
        new("TransferOwnership cannot hand A to a member of B", async t =>
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<TransferOwnership, Result>(s => s.ExecuteAsync(t.MembershipInB))).Error?.Code)),
        new("RequestMemberRemoval cannot target a member of B", async t =>
        {
            var r = await t.Db.RunAsync<RequestMemberRemoval, Result<Guid>>(t.SealAdminA, s => s.ExecuteAsync(t.MembershipInB, "x"));
            ResultAssert.Refused(Errors.NotFound, r);
        }),
        new("DecideMemberRemoval cannot decide B's request", async t =>
        {
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<DecideMemberRemoval, Result>(s => s.ExecuteAsync(t.RemovalRequestInB, true, null))).Error?.Code);
            await t.AssertBUnchangedAsync();
        }),
        new("DecideJoinRequest cannot decide B's join request", async t =>
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<DecideJoinRequest, Result>(s => s.ExecuteAsync(t.JoinRequestInB, true, null))).Error?.Code)),
        new("WithdrawJoinRequest cannot withdraw someone else's request to B", async t =>
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<WithdrawJoinRequest, Result>(s => s.ExecuteAsync(t.JoinRequestInB))).Error?.Code)),
        new("ListTodos and ListMyJoinRequests show nothing of B", async t =>
        {
            var todos = await t.AsOwnerA<ListTodos, Result<IReadOnlyList<TodoRow>>>(s => s.ExecuteAsync());
            Assert.DoesNotContain(todos.Value!, x => x.Id == t.JoinRequestInB || x.Id == t.RemovalRequestInB);
            Assert.Equal(0, await t.AsOwnerA<ListTodos, int>(s => s.CountAsync()));
            var mine = await t.AsOwnerA<ListMyJoinRequests, IReadOnlyList<MyJoinRequestRow>>(s => s.ExecuteAsync());
            Assert.DoesNotContain(mine, x => x.Id == t.JoinRequestInB);
        }),
        new("ExportMembers exports no member of B", async t =>
        {
            var sheet = (IMemberSpreadsheet)t.Db.Services.GetService(typeof(IMemberSpreadsheet))!;
            var r = await t.AsOwnerA<ExportMembers, Result<byte[]>>(s => s.ExecuteAsync());
            Assert.DoesNotContain(sheet.Read(r.Value!).Value!, x => t.NamesInB.Contains(x.Name));
        }),
        new("ImportMembers cannot place anyone in B's departments", async t =>
        {
            var sheet = (IMemberSpreadsheet)t.Db.Services.GetService(typeof(IMemberSpreadsheet))!;
            var file = sheet.Write([new MemberSheetRow(2, Demo.CaSupport, "越界", "计算机学院", "成员")]);
            var r = await t.AsOwnerA<ImportMembers, Result<ImportReport>>(s => s.ExecuteAsync(file));
            Assert.Equal(Errors.DepartmentPathNotFound, r.Value!.Rejected.Single().Reason.Code);
        }),
        new("A context in A's space sees no B rows at all", async t =>
        {
            await using var scope = t.Db.As(t.OwnerA);
            var factory = (IPortalDbContextFactory)scope.ServiceProvider.GetService(typeof(IPortalDbContextFactory))!;
            await using var ctx = await factory.CreateAsync();
            Assert.Equal(t.OrgA, ctx.ScopeOrganizationId);
            Assert.False(await ctx.Memberships.AnyAsync(m => m.OrganizationId == t.OrgB));
            Assert.False(await ctx.Departments.AnyAsync(d => d.OrganizationId == t.OrgB));
            Assert.False(await ctx.JoinRequests.AnyAsync(r => r.OrganizationId == t.OrgB));
            Assert.False(await ctx.MemberRemovalRequests.AnyAsync(r => r.OrganizationId == t.OrgB));
            Assert.False(await ctx.MicroDeposits.AnyAsync(r => r.OrganizationId == t.OrgB));
            Assert.False(await ctx.PlatformReviewRequests.AnyAsync(r => r.OrganizationId == t.OrgB));
            Assert.False(await ctx.MemberInvitations.AnyAsync(r => r.OrganizationId == t.OrgB));
        }),
        new("ListMyBindings shows none of B's owner's bindings", async t =>
        {
            var theirs = await t.BindingOfOwnerBAsync();
            var r = await t.AsOwnerA<Portal.Application.Bindings.ListMyBindings, Result<IReadOnlyList<Portal.Application.Bindings.MyBindingRow>>>(s => s.ExecuteAsync());
            Assert.DoesNotContain(r.Value!, b => b.Id == theirs);
        }),
        new("UnbindCertificate cannot end B's owner's binding", async t =>
        {
            var theirs = await t.BindingOfOwnerBAsync();
            var r = await t.AsOwnerA<Portal.Application.Bindings.UnbindCertificate, Result>(s => s.ExecuteAsync(theirs, "越界"));
            ResultAssert.Refused(Errors.NotFound, r);
            await using var ctx = t.Db.Db();
            Assert.True(await ctx.CertificateBindings.IgnoreQueryFilters().AnyAsync(b => b.Id == theirs && b.HeldFingerprint != null));
        }),
        new("ListMemberBindings shows no binding of B's members", async t =>
        {
            await t.BindingOfOwnerBAsync();
            var r = await t.AsOwnerA<Portal.Application.Bindings.ListMemberBindings, Result<IReadOnlyList<Portal.Application.Bindings.MemberBindingRow>>>(
                s => s.ExecuteAsync());
            ResultAssert.Ok(r);
            Assert.DoesNotContain(r.Value!, b => b.CommonName == "B" || t.NamesInB.Contains(b.MemberName));
        }),
        new("The CA support console is closed to a tenant owner", async t =>
        {
            var search = await t.AsOwnerA<Portal.Application.Bindings.SearchBindings, Result<IReadOnlyList<Portal.Application.Bindings.SupportBindingRow>>>(
                s => s.ExecuteAsync(new Portal.Application.Bindings.BindingSearch(null)));
            ResultAssert.Refused(Errors.Forbidden, search);
            var history = await t.AsOwnerA<Portal.Application.Bindings.GetBindingHistory, Result<Portal.Application.Bindings.BindingHistory>>(
                s => s.ExecuteAsync(Guid.NewGuid()));
            ResultAssert.Refused(Errors.Forbidden, history);
        }),
        new("A real-name attempt of B's member cannot be confirmed or seen from A", async t =>
        {
            var zheng = await t.Db.UserIdAsync("13700000006");
            var theirs = await t.Db.RunAsync<Portal.Application.RealName.StartRealNameVerification, Result<Guid>>(zheng, s => s.ExecuteAsync(
                new Portal.Application.RealName.StartRealNameRequest("郑浩", Checksums.CompleteIdNumber("31010419920303111"),
                    Portal.Application.Domain.RealNameChannel.Face)));
            ResultAssert.Ok(theirs);
            var r = await t.AsOwnerA<Portal.Application.RealName.ConfirmRealNameVerification, Result>(s => s.ExecuteAsync(theirs.Value, "123456"));
            ResultAssert.Refused(Errors.NotFound, r);
            var mine = await t.AsOwnerA<Portal.Application.RealName.GetRealNameStatus, Result<Portal.Application.RealName.RealNameState>>(s => s.ExecuteAsync());
            Assert.Equal("张伟", mine.Value!.RealName);
            Assert.Null(mine.Value.PendingChallengeId);
            await using var ctx = t.Db.Db(t.OrgA, t.OwnerA);
            Assert.False(await ctx.RealNameVerifications.AnyAsync(v => v.OwnerUserId != t.OwnerA));
        }),
        new("The real-name review queue and decisions are platform-only", async t =>
        {
            Assert.Equal(Errors.Forbidden, (await t.AsOwnerA<Portal.Application.RealName.ListRealNameReviews,
                Result<IReadOnlyList<Portal.Application.RealName.RealNameReviewRow>>>(s => s.ExecuteAsync())).Error?.Code);
            Assert.Equal(Errors.Forbidden, (await t.AsOwnerA<Portal.Application.RealName.ReviewRealName, Result>(
                s => s.ExecuteAsync(Guid.NewGuid(), true, null))).Error?.Code);
        }),
        new("Organization requests to the platform stay in their tenant; deciding them is platform-only", async t =>
        {
            await t.Db.SwitchAsync(t.OwnerB, t.OrgB);
            var proof = new UploadedFile("proof.pdf", [1]);
            var theirs = await t.Db.RunAsync<RequestInformationChange, Result<Guid>>(t.OwnerB, s => s.ExecuteAsync(
                new InformationChangeRequest("示例大学", null, null, null, null, proof)));
            ResultAssert.Ok(theirs);
            var mine = await t.AsOwnerA<ListOrganizationReviewRequests, Result<IReadOnlyList<OrganizationReviewRow>>>(s => s.ExecuteAsync());
            Assert.DoesNotContain(mine.Value!, r => r.Id == theirs.Value);
            Assert.Equal(Errors.Forbidden, (await t.AsOwnerA<DecidePlatformReview, Result>(s => s.ExecuteAsync(theirs.Value, true, null))).Error?.Code);
            Assert.Equal(Errors.Forbidden, (await t.AsOwnerA<ListPlatformReviews, Result<IReadOnlyList<PlatformReviewRow>>>(s => s.ExecuteAsync())).Error?.Code);
            // A's own request is filed under A, whatever it names.
            var own = await t.AsOwnerA<RequestInformationChange, Result<Guid>>(s => s.ExecuteAsync(
                new InformationChangeRequest("示例学院", null, null, null, null, proof)));
            await using var ctx = t.Db.Db(t.OrgB);
            Assert.False(await ctx.PlatformReviewRequests.AnyAsync(r => r.Id == own.Value));
            Assert.Equal("示例学院", await ctx.Organizations.Where(o => o.Id == t.OrgB).Select(o => o.Name).SingleAsync());
        }),
        new("PreviewInformationChange and ApplyForOwner work in the caller's space only", async t =>
        {
            var preview = await t.AsOwnerA<PreviewInformationChange, Result<IReadOnlyList<Consequence>>>(s => s.ExecuteAsync("x", null, null, null));
            ResultAssert.Ok(preview);
            var claim = await t.Db.RunAsync<ApplyForOwner, Result<Guid>>(t.SealAdminA, s => s.ExecuteAsync("联系不上", new UploadedFile("p.pdf", [1])));
            ResultAssert.Ok(claim);
            await using var ctx = t.Db.Db(t.OrgB);
            Assert.False(await ctx.PlatformReviewRequests.AnyAsync(r => r.Id == claim.Value));
        }),
        new("Invitations of B are neither listed nor cancelled from A", async t =>
        {
            await t.Db.SwitchAsync(t.OwnerB, t.OrgB);
            var theirs = await t.Db.RunAsync<AddMember, Result<AddMemberOutcome>>(t.OwnerB, s => s.AddOrInviteAsync(
                new AddMemberRequest("13588889999", "受邀者", null, Portal.Application.Domain.OrgRoles.Member)));
            Assert.True(theirs.Value!.Invited);
            var mine = await t.AsOwnerA<ListInvitations, Result<IReadOnlyList<InvitationRow>>>(s => s.ExecuteAsync());
            Assert.DoesNotContain(mine.Value!, i => i.Id == theirs.Value.Id);
            Assert.Equal(Errors.NotFound, (await t.AsOwnerA<CancelInvitation, Result>(s => s.ExecuteAsync(theirs.Value.Id))).Error?.Code);
            await using var ctx = t.Db.Db(t.OrgB);
            Assert.True(await ctx.MemberInvitations.AnyAsync(i => i.Id == theirs.Value.Id && i.Status == Portal.Application.Domain.RequestStatus.Pending));
        }),
        new("GetPersonalCertificate shows none of B's owner's certificates or orders", async t =>
        {
            var theirs = await t.PersonalCertificateOfOwnerBAsync();
            var r = await t.AsOwnerA<Portal.Application.Certificates.GetPersonalCertificate, Result<Portal.Application.Certificates.PersonalCertificateOverview>>(
                s => s.ExecuteAsync());
            ResultAssert.Ok(r);
            Assert.Null(r.Value!.Current);
            Assert.DoesNotContain(r.Value.History, c => c.Id == theirs.Id);
            Assert.DoesNotContain(r.Value.Orders, o => o.PaymentReference == "B-" + theirs.SerialNumber);
        }),
        new("RevokePersonalCertificate cannot revoke B's owner's certificate", async t =>
        {
            var theirs = await t.PersonalCertificateOfOwnerBAsync();
            var r = await t.AsOwnerA<Portal.Application.Certificates.RevokePersonalCertificate, Result>(s => s.ExecuteAsync(theirs.Id, "越界", false));
            ResultAssert.Refused(Errors.NotFound, r);
            await using var ctx = t.Db.Db();
            Assert.Equal(Portal.Application.Domain.PersonalCertificateStatus.Active,
                (await ctx.PersonalCertificates.IgnoreQueryFilters().SingleAsync(c => c.Id == theirs.Id)).Status);
        }),
        new("ListCertificateRecords shows none of B's owner's operations or installs", async t =>
        {
            var theirs = await t.PersonalCertificateOfOwnerBAsync();
            var operations = await t.AsOwnerA<Portal.Application.Certificates.ListCertificateRecords,
                Result<IReadOnlyList<Portal.Application.Certificates.CertificateOperationRow>>>(s => s.OperationsAsync(new()));
            var installs = await t.AsOwnerA<Portal.Application.Certificates.ListCertificateRecords,
                Result<IReadOnlyList<Portal.Application.Certificates.CertificateInstallRow>>>(s => s.InstallsAsync(new()));
            Assert.True(operations.Succeeded && installs.Succeeded);
            Assert.DoesNotContain(operations.Value!, o => o.SerialNumber == theirs.SerialNumber);
            Assert.DoesNotContain(installs.Value!, o => o.SerialNumber == theirs.SerialNumber);
        }),
        new("ExportCertificateRecords exports none of B's owner's records", async t =>
        {
            var theirs = await t.PersonalCertificateOfOwnerBAsync();
            var operations = await t.AsOwnerA<Portal.Application.Certificates.ExportCertificateRecords, Result<byte[]>>(s => s.OperationsAsync(new(), k => k));
            var installs = await t.AsOwnerA<Portal.Application.Certificates.ExportCertificateRecords, Result<byte[]>>(s => s.InstallsAsync(new(), k => k));
            foreach (var file in new[] { operations.Value!, installs.Value! })
            {
                using var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(file));
                Assert.DoesNotContain(book.Worksheets.SelectMany(w => w.CellsUsed()), c => c.GetString().Contains(theirs.SerialNumber, StringComparison.Ordinal));
            }
        }),
        new("Issue, renew, reissue and package purchase act on the caller only, never on B's owner", async t =>
        {
            var theirs = await t.PersonalCertificateOfOwnerBAsync();
            // Through the real path (the pair's CA answers): each call works, on A's owner's own certificate.
            var issued = await t.AsOwnerA<Portal.Application.Certificates.IssuePersonalCertificate, Result<Portal.Application.Certificates.PersonalCertificateView>>(
                s => s.ExecuteAsync(Portal.Application.Domain.PersonalCertificateType.Standard, 1));
            var renewed = await t.AsOwnerA<Portal.Application.Certificates.RenewPersonalCertificate, Result<Portal.Application.Certificates.PersonalCertificateView>>(
                s => s.ExecuteAsync(Portal.Application.Domain.PersonalCertificateType.Ecc, 1));
            var reissued = await t.AsOwnerA<Portal.Application.Certificates.ReissuePersonalCertificate, Result<Portal.Application.Certificates.PersonalCertificateView>>(
                s => s.ExecuteAsync(false));
            await using (var mine = t.Db.Db())
            {
                foreach (var view in new[] { issued, renewed, reissued })
                {
                    var id = ResultAssert.Ok(view).Id;
                    Assert.Equal(t.OwnerA, (await mine.PersonalCertificates.IgnoreQueryFilters().SingleAsync(c => c.Id == id)).OwnerUserId);
                }
            }
            var bought = await t.AsOwnerA<Portal.Application.Certificates.BuyReissuePackage, Result<Portal.Application.Certificates.ReissuePackagePurchase>>(
                s => s.ExecuteAsync());
            ResultAssert.Ok(bought);
            await using var ctx = t.Db.Db();
            var stored = await ctx.PersonalCertificates.IgnoreQueryFilters().SingleAsync(c => c.Id == theirs.Id);
            Assert.Equal((theirs.Status, theirs.ConcurrencyStamp), (stored.Status, stored.ConcurrencyStamp));
            Assert.False(await ctx.ReissueAllowances.IgnoreQueryFilters().AnyAsync(a => a.OwnerUserId == t.OwnerB));
            Assert.Equal(t.OwnerA, (await ctx.CertificateOrders.IgnoreQueryFilters().SingleAsync(o => o.Id == bought.Value!.OrderId)).OwnerUserId);
        }),
        new("A certificate-login ticket of B's owner cannot be redeemed from another browser", async t =>
        {
            await using (var ctx = t.Db.Db())
            {
                ctx.CertificateLoginTickets.Add(new Portal.Application.Domain.CertificateLoginTicket
                {
                    Id = Guid.NewGuid(),
                    TokenHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("ticket-b"u8.ToArray())),
                    StateHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("state-b"u8.ToArray())),
                    UserId = t.OwnerB,
                    BindingId = await t.BindingOfOwnerBAsync(),
                    CreatedAtUtc = DateTime.UtcNow,
                    ExpiresAtUtc = DateTime.UtcNow.AddHours(1),
                });
                await ctx.SaveChangesAsync();
            }
            var r = await t.AsOwnerA<Portal.Application.Certificates.RedeemCertificateLoginTicket, Result<Guid>>(s => s.ExecuteAsync("ticket-b", "state-a"));
            ResultAssert.Refused(Errors.LoginTicketInvalid, r);
        }),
        .. SealIsolationCases.All,
        .. SigningIsolationCases.All,
        .. PersonalSignatureIsolationCases.All,
        .. SigningTaskIsolationCases.All,
    ];

    public static IEnumerable<object[]> Data => All.Select(c => new object[] { c });
}
