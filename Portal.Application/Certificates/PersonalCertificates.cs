using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Certificates;

/// <summary>The key and certificate a person signs with (personal signatures, name seals): a pool key id and the DER certificate.</summary>
public sealed record PersonalSigningCertificate(Guid CertificateId, string KeyId, string SerialNumber, byte[] CertificateDer, DateTime NotAfterUtc,
    PersonalCertificateType Type);

/// <summary>
/// The seam other features call: the user's current personal signing certificate (with the refusal a user can
/// act on when there is none), and recording a certificate operation (sign, verify, login …) for the
/// operation records page — inside the caller's write unit or on its own.
/// </summary>
public sealed class PersonalCertificates(WriteUnit unit, IPortalDbContextFactory dbFactory, ICurrentUser currentUser, TimeProvider clock)
{
    /// <summary>
    /// The active, unexpired personal certificate of <paramref name="userId"/>; refusals: RealNameRequired,
    /// NoPersonalCertificate (apply on /personal/personal-certificate), PersonalCertificateExpired (renew it).
    /// </summary>
    public async Task<Result<PersonalSigningCertificate>> GetCurrentAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = dbFactory.CreateForScope(null, userId);
        if (await PersonalCertificateSteps.RealNameAsync(db, userId, cancellationToken) is null)
        {
            return Result<PersonalSigningCertificate>.Fail(Errors.RealNameRequired);
        }
        var current = await db.PersonalCertificates.AsNoTracking().FirstOrDefaultAsync(c => c.ActiveOwnerUserId == userId, cancellationToken);
        if (current is null)
        {
            return Result<PersonalSigningCertificate>.Fail(Errors.NoPersonalCertificate);
        }
        if (current.NotAfterUtc <= clock.GetUtcNow().UtcDateTime)
        {
            return Result<PersonalSigningCertificate>.Fail(Errors.PersonalCertificateExpired, current.NotAfterUtc.ToString("yyyy-MM-dd"));
        }
        return new PersonalSigningCertificate(current.Id, current.KeyId, current.SerialNumber, current.CertificateDer, current.NotAfterUtc, current.Type);
    }

    /// <summary>Adds an operation record to the caller's unit of work (the caller saves and commits).</summary>
    public void RecordOperation(IPortalDbContext db, Guid userId, CertificateSource source, string serialNumber, CertificateOperationKind kind,
        string? detail = null) =>
        db.CertificateOperations.Add(Operation(userId, source, serialNumber, kind, detail, currentUser.IpAddress, clock.GetUtcNow().UtcDateTime));

    /// <summary>Records an operation in its own write unit, audited.</summary>
    public Task RecordOperationAsync(Guid userId, CertificateSource source, string serialNumber, CertificateOperationKind kind,
        string? detail = null, CancellationToken cancellationToken = default) =>
        // The feature that calls this has already checked its caller.
        unit.RunAsync(Write.Unchecked(scopeUserId: userId), w =>
        {
            RecordOperation(w.Db, userId, source, serialNumber, kind, detail);
            w.Audit(AuditActions.CertificateOperation(kind.ToString()), serialNumber, detail);
            return Task.FromResult(Result.Ok());
        }, cancellationToken);

    internal static CertificateOperation Operation(Guid userId, CertificateSource source, string serial, CertificateOperationKind kind, string? detail,
        string? ip, DateTime now) => new()
        {
            OwnerUserId = userId,
            Source = source,
            SerialNumber = serial.Length <= 80 ? serial : serial[..80],
            Kind = kind,
            Detail = detail is { Length: > 500 } ? detail[..500] : detail,
            IpAddress = ip,
            OccurredAtUtc = now,
        };
}
