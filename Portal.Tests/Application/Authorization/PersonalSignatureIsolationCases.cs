using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.PersonalSignatures;
using Portal.Application.Seals;
using Portal.Application.Signing;
using Portal.Application.SigningPins;
using Portal.Tests.Signing.Support;
using Portal.Tests.Support;

namespace Portal.Tests.Application.Authorization;

/// <summary>Personal signatures: A's owner neither sees nor changes nor signs with B's owner's signature.</summary>
public static class PersonalSignatureIsolationCases
{
    /// <summary>A name seal of B's owner (陈静), written directly.</summary>
    private static async Task<PersonalSignature> SignatureOfOwnerBAsync(TenantPair t)
    {
        await using var ctx = t.Db.Db(null, t.OwnerB);
        var signature = new PersonalSignature
        {
            Id = Guid.NewGuid(),
            OwnerUserId = t.OwnerB,
            Kind = PersonalSignatureKind.NameSeal,
            Name = "陈静",
            FaceSpecJson = SealFaces.PersonalName("陈静").ToJson(),
            IsDefault = true,
            CreatedAtUtc = t.Db.Clock.GetUtcNow().UtcDateTime,
        };
        ctx.PersonalSignatures.Add(signature);
        await ctx.SaveChangesAsync();
        return signature;
    }

    public static readonly IReadOnlyList<IsolationCase> All =
    [
        new("ListMySignatures and its image show nothing of B's owner's signatures", async t =>
        {
            var theirs = await SignatureOfOwnerBAsync(t);
            var mine = await t.AsOwnerA<ListMySignatures, Result<IReadOnlyList<PersonalSignatureView>>>(s => s.ExecuteAsync());
            ResultAssert.Ok(mine);
            Assert.DoesNotContain(mine.Value!, s => s.Id == theirs.Id);
            Assert.Equal(Errors.SignatureNotFound, (await t.AsOwnerA<ListMySignatures, Result<byte[]>>(s => s.ImageAsync(theirs.Id))).Error?.Code);
        }),
        new("SetDefaultSignature and DeleteSignature cannot touch B's owner's signature", async t =>
        {
            var theirs = await SignatureOfOwnerBAsync(t);
            Assert.Equal(Errors.SignatureNotFound, (await t.AsOwnerA<SetDefaultSignature, Result>(s => s.ExecuteAsync(theirs.Id))).Error?.Code);
            Assert.Equal(Errors.SignatureNotFound, (await t.AsOwnerA<DeleteSignature, Result>(s => s.ExecuteAsync(theirs.Id))).Error?.Code);
            await using var ctx = t.Db.Db(null, t.OwnerB);
            var stored = await ctx.PersonalSignatures.AsNoTracking().SingleAsync(s => s.Id == theirs.Id);
            Assert.Equal((null, true, theirs.ConcurrencyStamp), ((DateTime?)stored.DeletedAtUtc, stored.IsDefault, stored.ConcurrencyStamp));
        }),
        new("SignWithSeal cannot sign with B's owner's personal signature", async t =>
        {
            var theirs = await SignatureOfOwnerBAsync(t);
            var before = await CertificatesAndSignsAsync(t);
            var setA = await t.AsOwnerA<SetSigningPin, Result>(s => s.ExecuteAsync("Pin2026", "Pin2026"));
            Assert.True(setA.Succeeded || setA.Error?.Code == Errors.SigningPinAlreadySet);
            var sign = await t.AsOwnerA<SignWithSeal, Result<SignedDocument>>(s => s.ExecuteAsync(SignWithSealCommand.Personal(theirs.Id, "x.pdf",
                TestPdfs.Make(1), [new StampSpec(StampKind.Single, 1, 100, 100)], new PinProof("Pin2026"))));
            ResultAssert.Refused(Errors.SignatureNotFound, sign);
            // Other cases share the pair: nothing was issued or recorded by this attempt.
            Assert.Equal(before, await CertificatesAndSignsAsync(t));
        }),
    ];

    private static async Task<(int Certificates, int Signs)> CertificatesAndSignsAsync(TenantPair t)
    {
        await using var ctx = t.Db.Db();
        return (await ctx.PersonalCertificates.IgnoreQueryFilters().CountAsync(c => c.OwnerUserId == t.OwnerA || c.OwnerUserId == t.OwnerB),
            await ctx.CertificateOperations.IgnoreQueryFilters().CountAsync(o => o.Kind == CertificateOperationKind.Sign));
    }
}
