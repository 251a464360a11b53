using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Events;

namespace Portal.Application.Organizations;

/// <summary>
/// 单位信息变更 as values: what differs from the organization now (null: unchanged). The same delta is previewed
/// when the owner submits, previewed again when the platform admin decides, and applied on approval.
/// </summary>
public sealed record InformationDelta(string? Name, string? Uscc, string? LegalRepresentativeName, string? LegalRepresentativeIdNumber)
{
    public bool ChangesIdentity => Name is not null || Uscc is not null;
    public bool ChangesLegalRepresentative => LegalRepresentativeName is not null || LegalRepresentativeIdNumber is not null;
}

/// <summary>Validation, consequence preview and application of an information change.</summary>
public static class InformationChanges
{
    /// <summary>The delta between the organization and the requested values, or why the request is refused.</summary>
    public static Result<InformationDelta> Compare(Organization org, string? name, string? uscc, string? legalName, string? legalId)
    {
        name = Blank(name);
        uscc = Blank(uscc)?.ToUpperInvariant();
        legalName = Blank(legalName);
        legalId = Blank(legalId)?.ToUpperInvariant();
        if (name is not null && name.Length > 100)
        {
            return Result<InformationDelta>.Fail(Errors.NameRequired);
        }
        if (uscc is not null && (org.IsMainland ? !Checksums.IsValidUscc(uscc) : uscc.Length > 18))
        {
            return Result<InformationDelta>.Fail(Errors.UsccInvalid);
        }
        // A new legal representative is a person: name and ID number together.
        if ((legalName is null) != (legalId is null))
        {
            return Result<InformationDelta>.Fail(legalName is null ? Errors.NameRequired : Errors.IdNumberInvalid);
        }
        if (legalName is not null && legalName.Length > 50)
        {
            return Result<InformationDelta>.Fail(Errors.NameRequired);
        }
        if (legalId is not null && (org.IsMainland ? !Checksums.IsValidIdNumber(legalId) : legalId.Length > 18))
        {
            return Result<InformationDelta>.Fail(Errors.IdNumberInvalid);
        }
        var legalChanges = legalName is not null && (legalName != org.LegalRepresentativeName || legalId != org.LegalRepresentativeIdNumber);
        var delta = new InformationDelta(
            name == org.Name ? null : name,
            uscc == org.Uscc ? null : uscc,
            legalChanges ? legalName : null,
            legalChanges ? legalId : null);
        return delta.ChangesIdentity || delta.ChangesLegalRepresentative ? delta : Result<InformationDelta>.Fail(Errors.NothingChanged);
    }

    /// <summary>The member whose verified real name carries the new legal representative's ID number, if one has joined.</summary>
    public static async Task<Guid?> MemberWithIdNumberAsync(IPortalDbContext db, Guid organizationId, string idNumber, CancellationToken cancellationToken)
    {
        // Real-name rows are personal: the lookup names the organization's members explicitly.
        var members = db.Memberships.Where(m => m.OrganizationId == organizationId).Select(m => m.UserId);
        return await db.RealNameVerifications.IgnoreQueryFilters()
            .Where(v => v.IdNumber == idNumber && v.Status == RealNameStatus.Verified && members.Contains(v.OwnerUserId))
            .Select(v => (Guid?)v.OwnerUserId).FirstOrDefaultAsync(cancellationToken);
    }

    private static async Task<(OrganizationIdentityChanged? Identity, LegalRepresentativeChanged? Legal)> EventsAsync(IPortalDbContext db,
        Organization org, InformationDelta delta, CancellationToken cancellationToken)
    {
        var identity = delta.ChangesIdentity
            ? new OrganizationIdentityChanged(org.Id, org.Name, delta.Name ?? org.Name, org.Uscc, delta.Uscc ?? org.Uscc)
            : null;
        LegalRepresentativeChanged? legal = null;
        if (delta.ChangesLegalRepresentative)
        {
            var newUser = await MemberWithIdNumberAsync(db, org.Id, delta.LegalRepresentativeIdNumber!, cancellationToken);
            legal = new LegalRepresentativeChanged(org.Id, org.LegalRepresentativeName, delta.LegalRepresentativeName!,
                org.LegalRepresentativeUserId, newUser);
        }
        return (identity, legal);
    }

    /// <summary>What the change would cause (seals voided and so on), from the features that subscribe to its events.</summary>
    public static async Task<IReadOnlyList<Consequence>> PreviewAsync(IPortalDbContext db, ConsequencePreview preview, Organization org,
        InformationDelta delta, CancellationToken cancellationToken)
    {
        var (identity, legal) = await EventsAsync(db, org, delta, cancellationToken);
        var all = new List<Consequence>();
        if (identity is not null)
        {
            all.AddRange(await preview.PreviewAsync(db, identity, cancellationToken));
        }
        if (legal is not null)
        {
            all.AddRange(await preview.PreviewAsync(db, legal, cancellationToken));
        }
        return all;
    }

    /// <summary>Applies the change and raises its events in the caller's unit of work.</summary>
    public static async Task ApplyAsync(IPortalDbContext db, DomainEvents events, Organization org, InformationDelta delta,
        CancellationToken cancellationToken)
    {
        var (identity, legal) = await EventsAsync(db, org, delta, cancellationToken);
        if (identity is not null)
        {
            org.Name = identity.NewName;
            org.Uscc = identity.NewUscc;
            await events.PublishAsync(db, identity, cancellationToken);
        }
        if (legal is not null)
        {
            org.LegalRepresentativeName = delta.LegalRepresentativeName!;
            org.LegalRepresentativeIdNumber = delta.LegalRepresentativeIdNumber!;
            org.LegalRepresentativeUserId = legal.NewUserId;
            await events.PublishAsync(db, legal, cancellationToken);
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
