using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Common;

public class WriteUnitTests
{
    private static async Task<(TestDatabase Db, Guid Owner, Guid Member, Guid Org)> DemoAsync()
    {
        var db = await TestDatabase.CreateAsync(seedDemo: true);
        var owner = await db.UserIdAsync(Demo.EnterpriseOwner);
        var member = await db.UserIdAsync(Demo.EnterpriseMember);
        var org = await db.EnterpriseIdAsync();
        await db.SwitchAsync(owner, org);
        await db.SwitchAsync(member, org);
        return (db, owner, member, org);
    }

    private static async Task<string> AddressAsync(TestDatabase db, Guid org)
    {
        await using var ctx = db.Db(org);
        return await ctx.Organizations.Where(o => o.Id == org).Select(o => o.Address).SingleAsync();
    }

    private static async Task<List<AuditEvent>> AuditAsync(TestDatabase db, string action)
    {
        await using var ctx = db.Db();
        return await ctx.AuditEvents.Where(e => e.Action == action).OrderBy(e => e.Sequence).ToListAsync();
    }

    private static Task<Result> ChangeAddressAsync(TestDatabase db, Guid user, Write who, Func<WriteContext, Organization, Result> then) =>
        db.RunAsync<WriteUnit, Result>(user, unit => unit.RunAsync(who, async w =>
        {
            var org = await w.Db.Organizations.FirstAsync(o => o.Id == w.Db.ScopeOrganizationId);
            org.Address = "changed " + Guid.NewGuid();
            return then(w, org);
        }));

    [Fact]
    public async Task A_success_applies_audits_saves_and_commits_and_bumps_the_concurrency_stamp_once()
    {
        var (db, owner, _, org) = await DemoAsync();
        await using var _ = db;
        Guid before;
        await using (var ctx = db.Db(org))
        {
            before = await ctx.Organizations.Where(o => o.Id == org).Select(o => o.ConcurrencyStamp).SingleAsync();
        }

        var result = await ChangeAddressAsync(db, owner, Write.InSpace(OrgRoles.Owner), (w, o) =>
        {
            w.Audit("test.change", o.Id.ToString(), "detail");
            return Result.Ok();
        });

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.StartsWith("changed ", await AddressAsync(db, org));
        var events = await AuditAsync(db, "test.change");
        var e = Assert.Single(events);
        Assert.Equal(AuditOutcome.Success, e.Outcome);
        Assert.Equal(owner, e.ActorUserId);
        Assert.Equal(org, e.OrganizationId);
        await using var check = db.Db(org);
        Assert.NotEqual(before, await check.Organizations.Where(o => o.Id == org).Select(o => o.ConcurrencyStamp).SingleAsync());
    }

    [Fact]
    public async Task A_refusal_writes_nothing_and_queued_audits_are_dropped()
    {
        var (db, owner, _, org) = await DemoAsync();
        await using var _ = db;
        var address = await AddressAsync(db, org);

        var result = await ChangeAddressAsync(db, owner, Write.InSpace(OrgRoles.Owner), (w, o) =>
        {
            w.Audit("test.change", o.Id.ToString());
            return Result.Fail(Errors.NothingChanged);
        });

        Assert.Equal(Errors.NothingChanged, result.Error?.Code);
        Assert.Equal(address, await AddressAsync(db, org));
        Assert.Empty(await AuditAsync(db, "test.change"));
    }

    [Fact]
    public async Task An_audited_refusal_discards_the_changes_and_commits_only_the_refusal()
    {
        var (db, owner, _, org) = await DemoAsync();
        await using var _ = db;
        var address = await AddressAsync(db, org);

        var result = await ChangeAddressAsync(db, owner, Write.InSpace(OrgRoles.Owner), (w, o) =>
        {
            w.Audit("test.change", o.Id.ToString());
            return w.Refuse(new PortalError(Errors.SealPolicyForbids), "test.refused", o.Id.ToString());
        });

        Assert.Equal(Errors.SealPolicyForbids, result.Error?.Code);
        Assert.Equal(address, await AddressAsync(db, org));
        Assert.Empty(await AuditAsync(db, "test.change"));
        var refusal = Assert.Single(await AuditAsync(db, "test.refused"));
        Assert.Equal(AuditOutcome.Refused, refusal.Outcome);
        Assert.Equal(Errors.SealPolicyForbids, refusal.Detail);
    }

    [Fact]
    public async Task A_kept_refusal_commits_what_the_work_changed_and_returns_the_refusal()
    {
        var (db, owner, _, org) = await DemoAsync();
        await using var _ = db;
        var address = await AddressAsync(db, org);

        var result = await ChangeAddressAsync(db, owner, Write.InSpace(OrgRoles.Owner), (w, o) =>
        {
            w.Audit("test.try", o.Id.ToString(), outcome: AuditOutcome.Refused);
            return w.Keep(new PortalError(Errors.SigningPinWrong, 4));
        });

        Assert.Equal(Errors.SigningPinWrong, result.Error?.Code);
        Assert.NotEqual(address, await AddressAsync(db, org));
        Assert.Equal(AuditOutcome.Refused, Assert.Single(await AuditAsync(db, "test.try")).Outcome);
    }

    [Fact]
    public async Task The_caller_is_checked_inside_the_lock_and_an_outsider_never_reaches_the_work()
    {
        var (db, _, member, org) = await DemoAsync();
        await using var _ = db;
        var address = await AddressAsync(db, org);
        var reached = false;

        var asMember = await ChangeAddressAsync(db, member, Write.InSpace(OrgRoles.Owner), (_, _) =>
        {
            reached = true;
            return Result.Ok();
        });
        var anonymous = await db.RunAsync<WriteUnit, Result>(null, unit => unit.RunAsync(Write.AsUser(), _ =>
        {
            reached = true;
            return Task.FromResult(Result.Ok());
        }));
        var notPlatform = await db.RunAsync<WriteUnit, Result>(member, unit => unit.RunAsync(Write.AsPlatform(PlatformRoles.PlatformAdmin), _ =>
        {
            reached = true;
            return Task.FromResult(Result.Ok());
        }));

        Assert.Equal(Errors.Forbidden, asMember.Error?.Code);
        Assert.Equal(Errors.NotSignedIn, anonymous.Error?.Code);
        Assert.Equal(Errors.Forbidden, notPlatform.Error?.Code);
        Assert.False(reached);
        Assert.Equal(address, await AddressAsync(db, org));
    }

    [Fact]
    public async Task Prepared_work_runs_outside_the_lock_after_the_read_check_and_an_outsider_never_prepares()
    {
        var (db, owner, member, org) = await DemoAsync();
        await using var _ = db;
        var prepared = 0;
        Task<Result<string>> Prepare()
        {
            prepared++;
            // Outside the lock: another writer gets its turn while this one prepares.
            return WriteFromOutsideAsync(db, owner, org).ContinueWith(_ => Result<string>.Ok("heavy"), TaskScheduler.Default);
        }

        var refused = await db.RunAsync<WriteUnit, Result<string>>(member, unit => unit.RunAsync(Write.InSpace(OrgRoles.Owner), Prepare,
            (_, p) => Task.FromResult(Result<string>.Ok(p))));
        var ok = await db.RunAsync<WriteUnit, Result<string>>(owner, unit => unit.RunAsync(Write.InSpace(OrgRoles.Owner), Prepare,
            (w, p) => Task.FromResult(Result<string>.Ok(p + " " + w.Me!.Name))));

        Assert.Equal(Errors.Forbidden, refused.Error?.Code);
        Assert.Equal(1, prepared);
        Assert.True(ok.Succeeded, ok.Error?.ToString());
        Assert.StartsWith("heavy ", ok.Value);
        Assert.Single(await AuditAsync(db, "test.outside"));
    }

    private static Task<Result> WriteFromOutsideAsync(TestDatabase db, Guid owner, Guid org) =>
        db.RunAsync<WriteUnit, Result>(owner, unit => unit.RunAsync(Write.InOrganization(org, OrgRoles.Owner), w =>
        {
            w.Audit("test.outside", org.ToString());
            return Task.FromResult(Result.Ok());
        }));

    [Fact]
    public async Task After_commit_actions_run_only_after_a_commit_and_clean_up_actions_only_without_one()
    {
        var (db, owner, _, _) = await DemoAsync();
        await using var _ = db;
        var log = new List<string>();

        await ChangeAddressAsync(db, owner, Write.InSpace(OrgRoles.Owner), (w, _) =>
        {
            w.AfterCommit(() => { log.Add("sent"); return Task.CompletedTask; });
            w.IfNotCommitted(() => { log.Add("deleted"); return Task.CompletedTask; });
            return Result.Ok();
        });
        await ChangeAddressAsync(db, owner, Write.InSpace(OrgRoles.Owner), (w, _) =>
        {
            w.AfterCommit(() => { log.Add("sent 2"); return Task.CompletedTask; });
            w.IfNotCommitted(() => { log.Add("deleted 2"); return Task.CompletedTask; });
            return Result.Fail(Errors.NothingChanged);
        });

        Assert.Equal(["sent", "deleted 2"], log);
    }

    [Fact]
    public async Task A_stale_copy_is_refused_as_a_concurrency_conflict_and_writes_nothing()
    {
        var (db, owner, _, org) = await DemoAsync();
        await using var _ = db;
        Organization stale;
        await using (var ctx = db.Db(org))
        {
            stale = await ctx.Organizations.AsNoTracking().SingleAsync(o => o.Id == org);
        }
        await ChangeAddressAsync(db, owner, Write.InSpace(OrgRoles.Owner), (_, _) => Result.Ok());
        var address = await AddressAsync(db, org);

        var result = await db.RunAsync<WriteUnit, Result>(owner, unit => unit.RunAsync(Write.InSpace(OrgRoles.Owner), w =>
        {
            w.Db.Organizations.Attach(stale);
            stale.Address = "from a stale copy";
            w.Audit("test.stale", org.ToString());
            return Task.FromResult(Result.Ok());
        }));

        Assert.Equal(Errors.Concurrency, result.Error?.Code);
        Assert.Equal(address, await AddressAsync(db, org));
        Assert.Empty(await AuditAsync(db, "test.stale"));
    }

    [Fact]
    public async Task Many_writers_at_once_all_commit_in_turn_without_database_is_locked()
    {
        var (db, owner, _, org) = await DemoAsync();
        await using var _ = db;
        const int writers = 24;

        var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() =>
            db.RunAsync<WriteUnit, Result>(owner, unit => unit.RunAsync(Write.InOrganization(org, OrgRoles.Owner), async w =>
            {
                var o = await w.Db.Organizations.FirstAsync(x => x.Id == org);
                o.Address = $"writer {i}";
                // Hold the lock a little, as a real unit does, so the writers really queue.
                await Task.Delay(20);
                w.Audit("test.queue", i.ToString());
                return Result.Ok();
            })))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.ToString()));
        var events = await AuditAsync(db, "test.queue");
        Assert.Equal(writers, events.Count);
        Assert.Equal(Enumerable.Range(0, writers).Select(i => i.ToString()).Order(), events.Select(e => e.Target).Order());
        await using var scope = db.As(null);
        var chain = await scope.ServiceProvider.GetRequiredService<Portal.Application.Audit.VerifyAuditChain>().WalkAsync();
        Assert.True(chain.Intact, chain.Problem);
    }

    [Fact]
    public async Task Touch_moves_the_stamp_of_an_aggregate_root_whose_own_fields_did_not_change()
    {
        var (db, owner, _, org) = await DemoAsync();
        await using var _ = db;
        Guid before;
        await using (var ctx = db.Db(org))
        {
            before = await ctx.Organizations.Where(o => o.Id == org).Select(o => o.ConcurrencyStamp).SingleAsync();
        }

        var result = await db.RunAsync<WriteUnit, Result>(owner, unit => unit.RunAsync(Write.InSpace(OrgRoles.Owner), async w =>
        {
            w.Touch(await w.Db.Organizations.FirstAsync(o => o.Id == org));
            return Result.Ok();
        }));

        Assert.True(result.Succeeded, result.Error?.ToString());
        await using var check = db.Db(org);
        Assert.NotEqual(before, await check.Organizations.Where(o => o.Id == org).Select(o => o.ConcurrencyStamp).SingleAsync());
    }

    [Fact]
    public async Task An_unchecked_unit_sees_the_personal_data_of_the_user_it_names_and_runs_plain_after_commit_actions()
    {
        var (db, _, member, _) = await DemoAsync();
        await using var _ = db;
        var log = new List<string>();

        var scoped = await db.RunAsync<WriteUnit, Result<Guid?>>(null, unit => unit.RunAsync(Write.Unchecked(scopeUserId: member), w =>
        {
            w.AfterCommit(() => log.Add("notified"));
            return Task.FromResult(Result<Guid?>.Ok(w.Db.ScopeUserId));
        }));

        Assert.True(scoped.Succeeded, scoped.Error?.ToString());
        Assert.Equal(member, scoped.Value);
        Assert.Equal(["notified"], log);
    }
}
