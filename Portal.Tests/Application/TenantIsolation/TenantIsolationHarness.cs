using Microsoft.EntityFrameworkCore;
using Portal.Application.Certification;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;
using Portal.Application.JoinRequests;
using Portal.Application.Organizations;
using Portal.Application.Spaces;
using Portal.Application.Todos;
using Portal.Tests.Support;

namespace Portal.Tests.Application.TenantIsolation;

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

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync(seedDemo: true, FakeSealKeys.Register(new FakeSealKeys()));
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
            Assert.True(r.Succeeded);
            Assert.NotEmpty(r.Value!);
            Assert.DoesNotContain(r.Value!, m => t.NamesInB.Contains(m.Name));
        }),
        new("ListDepartments shows no department of B", async t =>
        {
            var r = await t.AsOwnerA<ListDepartments, Result<IReadOnlyList<Portal.Application.Domain.Department>>>(s => s.ExecuteAsync());
            Assert.True(r.Succeeded);
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
            Assert.Equal(Errors.NotFound, r.Error?.Code);
            await t.AssertBUnchangedAsync();
        }),
        new("SetMemberRoles cannot change a member of B", async t =>
        {
            var r = await t.AsOwnerA<SetMemberRoles, Result>(s => s.ExecuteAsync(t.MembershipInB, Portal.Application.Domain.OrgRoles.SealAdmin, null));
            Assert.Equal(Errors.NotFound, r.Error?.Code);
        }),
        new("SetLegalRepresentativeMember cannot point at a member of B", async t =>
        {
            var r = await t.AsOwnerA<SetLegalRepresentativeMember, Result>(s => s.ExecuteAsync(t.MembershipInB));
            Assert.Equal(Errors.NotFound, r.Error?.Code);
        }),
        new("CreateDepartment cannot hang under a department of B", async t =>
        {
            var r = await t.AsOwnerA<CreateDepartment, Result<Guid>>(s => s.ExecuteAsync("越界部门", t.DepartmentInB));
            Assert.Equal(Errors.NotFound, r.Error?.Code);
            await t.AssertBUnchangedAsync();
        }),
        new("AddMember cannot place someone in a department of B", async t =>
        {
            var r = await t.AsOwnerA<AddMember, Result<Guid>>(s => s.ExecuteAsync(
                new AddMemberRequest(Demo.CaSupport, "越界成员", t.DepartmentInB, Portal.Application.Domain.OrgRoles.Member)));
            Assert.Equal(Errors.NotFound, r.Error?.Code);
        }),
        new("SwitchSpace into B is refused for a non-member", async t =>
        {
            var r = await t.AsOwnerA<SwitchSpace, Result>(s => s.ExecuteAsync(t.OrgB));
            Assert.Equal(Errors.NotAMember, r.Error?.Code);
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
            Assert.Equal(Errors.NotFound, r.Error?.Code);
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
            Assert.DoesNotContain(sheet.Read(r.Value!)!, x => t.NamesInB.Contains(x.Name));
        }),
        new("ImportMembers cannot place anyone in B's departments", async t =>
        {
            var sheet = (IMemberSpreadsheet)t.Db.Services.GetService(typeof(IMemberSpreadsheet))!;
            var file = sheet.Write([new MemberSheetRow(2, Demo.CaSupport, "越界", "计算机学院", "成员")]);
            var r = await t.AsOwnerA<ImportMembers, Result<ImportReport>>(s => s.ExecuteAsync(file));
            Assert.Equal(Errors.DepartmentNotFound, r.Value!.Rejected.Single().Reason.Code);
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
            Assert.Equal(Errors.NotFound, r.Error?.Code);
            await using var ctx = t.Db.Db();
            Assert.True(await ctx.CertificateBindings.IgnoreQueryFilters().AnyAsync(b => b.Id == theirs && b.HeldFingerprint != null));
        }),
        new("ListMemberBindings shows no binding of B's members", async t =>
        {
            await t.BindingOfOwnerBAsync();
            var r = await t.AsOwnerA<Portal.Application.Bindings.ListMemberBindings, Result<IReadOnlyList<Portal.Application.Bindings.MemberBindingRow>>>(
                s => s.ExecuteAsync());
            Assert.True(r.Succeeded);
            Assert.DoesNotContain(r.Value!, b => b.CommonName == "B" || t.NamesInB.Contains(b.MemberName));
        }),
        new("The CA support console is closed to a tenant owner", async t =>
        {
            var search = await t.AsOwnerA<Portal.Application.Bindings.SearchBindings, Result<IReadOnlyList<Portal.Application.Bindings.SupportBindingRow>>>(
                s => s.ExecuteAsync(new Portal.Application.Bindings.BindingSearch(null)));
            Assert.Equal(Errors.Forbidden, search.Error?.Code);
            var history = await t.AsOwnerA<Portal.Application.Bindings.GetBindingHistory, Result<Portal.Application.Bindings.BindingHistory>>(
                s => s.ExecuteAsync(Guid.NewGuid()));
            Assert.Equal(Errors.Forbidden, history.Error?.Code);
        }),
        .. SealIsolationCases.All,
        .. SigningIsolationCases.All,
    ];

    public static IEnumerable<object[]> Data => All.Select(c => new object[] { c });
}

public class TenantIsolationTests(TenantPair pair) : IClassFixture<TenantPair>
{
    [Theory]
    [MemberData(nameof(TenantIsolationCases.Data), MemberType = typeof(TenantIsolationCases))]
    public Task Tenant_A_cannot_reach_tenant_B(IsolationCase @case) => @case.Check(pair);
}
