using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.TrustedCas;

/// <summary>Platform admins import a CRL (DER or PEM) of a trusted CA; the trust store checks its signature.</summary>
public sealed class ImportTrustedCaCrl(ITrustStoreAdministration trustStore, Access access, AuditTrail audit, IPortalDbContextFactory dbFactory)
{
    public async Task<Result> ExecuteAsync(byte[] crl, CancellationToken cancellationToken = default)
    {
        var allowed = access.RequirePlatformRole(PlatformRoles.PlatformAdmin);
        if (!allowed.Succeeded)
        {
            return allowed.Error!;
        }
        var imported = crl.Length <= TrustedCaFiles.MaxUploadBytes
            ? await trustStore.ImportCrlAsync(crl, cancellationToken)
            : Result<TrustedCaImported>.Fail(Errors.CrlInvalid);
        if (!imported.Succeeded)
        {
            await audit.RecordAsync(dbFactory, AuditActions.PkiCrlImport, "", AuditOutcome.Refused, imported.Error!.Code, cancellationToken: cancellationToken);
            return Result.Fail(imported.Error.Code);
        }
        var ca = imported.Value!;
        await audit.RecordAsync(dbFactory, AuditActions.PkiCrlImport, ca.Id, AuditOutcome.Success, ca.Name, cancellationToken: cancellationToken);
        return Result.Ok();
    }
}
