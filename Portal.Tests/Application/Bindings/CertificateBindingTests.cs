using Microsoft.EntityFrameworkCore;
using Portal.Application.Bindings;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Bindings;

/// <summary>Binding an external (UKey) certificate: proof of possession, trust, uniqueness, renewal, unbinding.</summary>
public class CertificateBindingTests : IAsyncLifetime
{
    private BindingWorld _w = null!;
    private Guid _member, _member2, _owner;

    public async Task InitializeAsync()
    {
        _w = await BindingWorld.CreateAsync();
        _member = await _w.Db.UserIdAsync(Demo.EnterpriseMember);
        _member2 = await _w.Db.UserIdAsync(Demo.EnterpriseMember2);
        _owner = await _w.Db.UserIdAsync(Demo.EnterpriseOwner);
    }

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private Task<BindingState> StateAsync(Guid user) => _w.Db.RunAsync<GetBindingState, BindingState>(null, s => s.ForUserAsync(user));

    [Fact]
    public async Task A_user_binds_a_trusted_certificate_by_signing_the_challenge()
    {
        Assert.Equal(BindingStateKind.NotBound, (await StateAsync(_member)).Kind);
        var leaf = _w.Leaf("张三");
        var bound = await _w.BindAsync(_member, leaf);
        ResultAssert.Ok(bound);
        Assert.Equal(CertificateTrustStatus.Trusted, bound.Value!.Trust);

        var mine = await _w.Db.RunAsync<ListMyBindings, Result<IReadOnlyList<MyBindingRow>>>(_member, s => s.ExecuteAsync());
        var row = Assert.Single(mine.Value!);
        Assert.Equal("张三", row.CommonName);
        Assert.Equal("深圳CA", row.TrustedCaName);
        Assert.True(row.IsHeld);
        var state = await StateAsync(_member);
        Assert.Equal(BindingStateKind.Bound, state.Kind);
        Assert.Equal("BindingState.Bound", state.MessageKey);
        Assert.Equal(BindingStateKind.Bound, (await _w.Db.RunAsync<GetBindingState, BindingState>(null, s => s.ForCertificateAsync(leaf.Certificate.GetEncoded()))).Kind);

        // Binding it again to the same account says so.
        Assert.Equal(Errors.CertificateBoundToYou, (await _w.BindAsync(_member, leaf)).Error?.Code);
        await using var ctx = _w.Db.Db();
        Assert.Equal(1, await ctx.AuditEvents.CountAsync(e => e.Action == AuditActions.BindingBind && e.Outcome == AuditOutcome.Success));
    }

    [Fact]
    public async Task Wrong_replayed_expired_or_foreign_challenges_are_refused()
    {
        var leaf = _w.Leaf("张三");
        var other = _w.Leaf("李四");

        var start = (await _w.StartAsync(_member, leaf.Certificate)).Value!;
        // Signed with another key: no proof, and the challenge is gone.
        Assert.Equal(Errors.ProofInvalid, (await _w.CompleteAsync(_member, start.ChallengeId, BindingWorld.Sign(other.Keys.Private, start.ToBeSigned))).Error?.Code);
        Assert.Equal(Errors.ChallengeUsed, (await _w.CompleteAsync(_member, start.ChallengeId, BindingWorld.Sign(leaf.Keys.Private, start.ToBeSigned))).Error?.Code);

        // Another user cannot complete someone else's challenge.
        var second = (await _w.StartAsync(_member, leaf.Certificate)).Value!;
        Assert.Equal(Errors.ChallengeInvalid, (await _w.CompleteAsync(_member2, second.ChallengeId, BindingWorld.Sign(leaf.Keys.Private, second.ToBeSigned))).Error?.Code);

        // Short-lived.
        var third = (await _w.StartAsync(_member, leaf.Certificate)).Value!;
        _w.Db.Clock.Advance(BindingRules.ChallengeValidity + TimeSpan.FromSeconds(1));
        Assert.Equal(Errors.ChallengeExpired, (await _w.CompleteAsync(_member, third.ChallengeId, BindingWorld.Sign(leaf.Keys.Private, third.ToBeSigned))).Error?.Code);

        // A signature over a different challenge proves nothing about this one.
        var fourth = (await _w.StartAsync(_member, leaf.Certificate)).Value!;
        var fifth = (await _w.StartAsync(_member, leaf.Certificate)).Value!;
        Assert.Equal(Errors.ProofInvalid, (await _w.CompleteAsync(_member, fifth.ChallengeId, BindingWorld.Sign(leaf.Keys.Private, fourth.ToBeSigned))).Error?.Code);
        Assert.Equal(Errors.ChallengeInvalid, (await _w.CompleteAsync(_member, Guid.NewGuid(), [1, 2, 3])).Error?.Code);

        await using var ctx = _w.Db.Db();
        Assert.False(await ctx.CertificateBindings.IgnoreQueryFilters().AnyAsync());
        Assert.Equal(Errors.ProofInvalid, (await ctx.CertificateBindAttempts.OrderBy(a => a.Id).FirstAsync()).Reason);
    }

    [Fact]
    public async Task Untrusted_revoked_expired_and_fail_closed_unknown_certificates_are_refused_and_recorded()
    {
        var stranger = new Portal.Tests.Signing.Pki.ExternalTestCa("陌生CA");
        Assert.Equal(Errors.CertificateUntrusted, (await _w.BindAsync(_member, _w.Leaf("张三", ca: stranger))).Error?.Code);

        var revoked = _w.Leaf("李四");
        await _w.TrustStore().ImportCrlAsync(_w.Ca.Crl(_w.Now.AddDays(7), revoked.Certificate));
        Assert.Equal(Errors.CertificateRevoked, (await _w.BindAsync(_member, revoked)).Error?.Code);

        Assert.Equal(Errors.CertificateExpired, (await _w.BindAsync(_member, _w.Leaf("王五", notBeforeDaysAgo: 400, validDays: -1))).Error?.Code);
        Assert.Equal(Errors.CertificateIsCa, (await _w.StartAsync(_member, _w.Ca.Certificate)).Error?.Code);
        Assert.Equal(Errors.CertificateInvalid, (await _w.Db.RunAsync<StartCertificateBinding, Result<BindingChallenge>>(_member,
            s => s.ExecuteAsync("not a certificate"u8.ToArray()))).Error?.Code);

        // 福建CA is fail-closed and has no CRL: revocation unknown is not good enough.
        Assert.Equal(Errors.CertificateRevocationUnknown, (await _w.BindAsync(_member, _w.Leaf("赵六", ca: _w.StrictCa))).Error?.Code);

        await using var ctx = _w.Db.Db();
        var reasons = await ctx.CertificateBindAttempts.Where(a => a.UserId == _member).Select(a => a.Reason).ToListAsync();
        Assert.Equal([Errors.CertificateUntrusted, Errors.CertificateRevoked, Errors.CertificateExpired, Errors.CertificateIsCa,
            Errors.CertificateRevocationUnknown], reasons);
        Assert.Equal(5, await ctx.AuditEvents.CountAsync(e => e.Action == AuditActions.BindingBind && e.Outcome == AuditOutcome.Refused));
    }

    [Fact]
    public async Task A_fail_open_ca_without_a_fresh_crl_binds_and_says_revocation_unknown()
    {
        _w.Db.Clock.Advance(TimeSpan.FromDays(8)); // the 深圳CA CRL is now stale
        var bound = await _w.BindAsync(_member, _w.Leaf("张三"));
        ResultAssert.Ok(bound);
        Assert.Equal(CertificateTrustStatus.RevocationUnknown, bound.Value!.Trust);
    }

    [Fact]
    public async Task A_certificate_bound_elsewhere_is_refused_without_naming_the_account_and_support_sees_the_attempt()
    {
        var leaf = _w.Leaf("张三");
        var first = await _w.BindAsync(_member, leaf);
        ResultAssert.Ok(first);
        var refused = await _w.BindAsync(_member2, leaf);
        ResultAssert.Refused(Errors.CertificateAlreadyBound, refused);
        Assert.Empty(refused.Error!.Args);

        var attempts = await _w.AsSupport<ListRefusedBindAttempts, Result<IReadOnlyList<RefusedAttemptRow>>>(s => s.ExecuteAsync(null, conflictsOnly: true));
        var attempt = Assert.Single(attempts.Value!);
        Assert.Equal(Demo.EnterpriseMember2, attempt.UserPhone);
        Assert.Equal(Demo.EnterpriseMember, attempt.HolderPhone);
        Assert.Equal(first.Value!.BindingId, attempt.ConflictingBindingId);
    }

    [Fact]
    public async Task Two_parallel_binds_of_one_certificate_exactly_one_wins()
    {
        var leaf = _w.Leaf("张三");
        // Both pass step 1 before either binds: only the bind itself (and the unique index) can decide.
        var a = (await _w.StartAsync(_member, leaf.Certificate)).Value!;
        var b = (await _w.StartAsync(_member2, leaf.Certificate)).Value!;
        var results = await Task.WhenAll(
            Task.Run(() => _w.CompleteAsync(_member, a.ChallengeId, BindingWorld.Sign(leaf.Keys.Private, a.ToBeSigned))),
            Task.Run(() => _w.CompleteAsync(_member2, b.ChallengeId, BindingWorld.Sign(leaf.Keys.Private, b.ToBeSigned))));
        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(Errors.CertificateAlreadyBound, Assert.Single(results, r => !r.Succeeded).Error?.Code);
        await using var ctx = _w.Db.Db();
        Assert.Equal(1, await ctx.CertificateBindings.IgnoreQueryFilters().CountAsync(x => x.HeldFingerprint != null));
        Assert.Equal(1, await ctx.CertificateBindAttempts.CountAsync(x => x.Reason == Errors.CertificateAlreadyBound));
    }

    [Fact]
    public async Task The_unique_index_refuses_a_second_holder_even_when_the_check_is_skipped()
    {
        var leaf = _w.Leaf("张三");
        var bound = await _w.BindAsync(_member, leaf);
        await using var ctx = _w.Db.Db();
        var existing = await ctx.CertificateBindings.IgnoreQueryFilters().AsNoTracking().SingleAsync();
        ctx.CertificateBindings.Add(new CertificateBinding
        {
            Id = Guid.NewGuid(),
            OwnerUserId = _member2,
            Fingerprint = existing.Fingerprint,
            HeldFingerprint = existing.Fingerprint,
            Status = BindingStatus.Active,
            CertificateDer = existing.CertificateDer,
        });
        await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
        ResultAssert.Ok(bound);
    }

    [Fact]
    public async Task A_certificate_with_the_same_subject_bound_by_another_user_never_changes_their_binding_and_support_unbinds_with_a_reason()
    {
        var old = _w.Leaf("张三", notBeforeDaysAgo: 300);
        var renewed = _w.Leaf("张三", notBeforeDaysAgo: 1);
        var oldBinding = (await _w.BindAsync(_member, old)).Value!.BindingId;
        var outcome = await _w.BindAsync(_member2, renewed);
        ResultAssert.Ok(outcome);
        // Anyone can get a certificate with someone's subject: it says nothing about the other account's binding.
        Assert.Empty(outcome.Value!.RenewedBindingIds);
        Assert.Equal(BindingStateKind.Bound, (await StateAsync(_member)).Kind);
        var none = await _w.AsSupport<SearchBindings, Result<IReadOnlyList<SupportBindingRow>>>(s => s.ExecuteAsync(new BindingSearch(null, BindingView.Renewed)));
        Assert.Empty(none.Value!);

        Assert.Equal(Errors.ReasonRequired, (await _w.AsSupport<UnbindCertificate, Result>(s => s.ExecuteAsync(oldBinding, "  "))).Error?.Code);
        Assert.True((await _w.AsSupport<UnbindCertificate, Result>(s => s.ExecuteAsync(oldBinding, "证书已续期，解绑旧证书"))).Succeeded);
        Assert.Equal(BindingStateKind.NotBound, (await StateAsync(_member)).Kind);

        var history = await _w.AsSupport<GetBindingHistory, Result<BindingHistory>>(s => s.ExecuteAsync(oldBinding));
        Assert.Equal(["Bound", "UnboundBySupport"], history.Value!.Entries.Select(e => e.Kind));
        Assert.Equal(Demo.CaSupport, history.Value.Entries[^1].ActorPhone);
        Assert.Equal("证书已续期，解绑旧证书", history.Value.Entries[^1].Detail);

        // The old certificate is free again (history kept).
        await using var ctx = _w.Db.Db();
        Assert.Equal(2, await ctx.CertificateBindings.IgnoreQueryFilters().CountAsync());
    }

    [Fact]
    public async Task Renewing_within_one_account_replaces_the_old_binding()
    {
        var old = (await _w.BindAsync(_member, _w.Leaf("张三", notBeforeDaysAgo: 300))).Value!.BindingId;
        var outcome = await _w.BindAsync(_member, _w.Leaf("张三", notBeforeDaysAgo: 1));
        Assert.Equal([old], outcome.Value!.RenewedBindingIds);
        Assert.Equal(BindingStateKind.Bound, (await StateAsync(_member)).Kind);
        var mine = (await _w.Db.RunAsync<ListMyBindings, Result<IReadOnlyList<MyBindingRow>>>(_member, s => s.ExecuteAsync())).Value!;
        Assert.Equal([true, false], mine.Select(m => m.IsHeld));
        Assert.Equal(BindingStatus.Renewed, mine[1].Status);
        // A different subject is not a renewal.
        var unrelated = await _w.BindAsync(_member2, _w.Leaf("李四", notBeforeDaysAgo: 0));
        Assert.Empty(unrelated.Value!.RenewedBindingIds);
    }

    [Fact]
    public async Task Only_the_owner_or_ca_support_with_a_reason_unbinds()
    {
        var leaf = _w.Leaf("张三");
        var id = (await _w.BindAsync(_member, leaf)).Value!.BindingId;
        Assert.Equal(Errors.NotFound, (await _w.Db.RunAsync<UnbindCertificate, Result>(_member2, s => s.ExecuteAsync(id, "想要"))).Error?.Code);
        Assert.Equal(Errors.NotFound, (await _w.Db.RunAsync<UnbindCertificate, Result>(_owner, s => s.ExecuteAsync(id, "单位管理员"))).Error?.Code);
        Assert.Equal(Errors.NotSignedIn, (await _w.Db.RunAsync<UnbindCertificate, Result>(null, s => s.ExecuteAsync(id))).Error?.Code);
        Assert.True((await _w.Db.RunAsync<UnbindCertificate, Result>(_member, s => s.ExecuteAsync(id))).Succeeded);
        Assert.Equal(Errors.NotFound, (await _w.Db.RunAsync<UnbindCertificate, Result>(_member, s => s.ExecuteAsync(id))).Error?.Code);
        Assert.Equal(BindingStateKind.NotBound, (await StateAsync(_member)).Kind);
        await using var ctx = _w.Db.Db();
        Assert.Equal(1, await ctx.AuditEvents.CountAsync(e => e.Action == AuditActions.BindingUnbind && e.Outcome == AuditOutcome.Success));
        // Unbound: the certificate can now be bound to another account.
        Assert.True((await _w.BindAsync(_member2, leaf)).Succeeded);
    }

    [Fact]
    public async Task A_user_never_sees_another_users_bindings()
    {
        await _w.BindAsync(_member, _w.Leaf("张三"));
        var theirs = await _w.Db.RunAsync<ListMyBindings, Result<IReadOnlyList<MyBindingRow>>>(_member2, s => s.ExecuteAsync());
        Assert.Empty(theirs.Value!);
        await using var ctx = _w.Db.Db(userId: _member2);
        Assert.Empty(await ctx.CertificateBindings.ToListAsync());
    }

    [Fact]
    public async Task Binding_state_of_an_unknown_phone_is_not_registered()
    {
        var state = await _w.Db.RunAsync<GetBindingState, BindingState>(null, s => s.ForPhoneAsync("13012345678"));
        Assert.Equal(BindingStateKind.NotRegistered, state.Kind);
        Assert.Equal("BindingState.NotRegistered", state.MessageKey);
    }
}
