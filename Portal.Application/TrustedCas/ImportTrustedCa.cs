using Portal.Application.Audit;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.TrustedCas;

/// <summary>Platform admins import an external CA certificate (DER or PEM) into the trust store.</summary>
public sealed class ImportTrustedCa(ITrustStoreAdministration trustStore, Access access, AuditTrail audit, IPortalDbContextFactory dbFactory)
{
    public async Task<Result> ExecuteAsync(byte[] certificate, string name, bool failClosed, string? crlUrl,
        CancellationToken cancellationToken = default)
    {
        var allowed = access.RequirePlatformRole(PlatformRoles.PlatformAdmin);
        if (!allowed.Succeeded)
        {
            return allowed.Error!;
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            return Result.Fail(Errors.NameRequired);
        }
        if (crlUrl is { Length: > 0 } && !Uri.TryCreate(crlUrl, UriKind.Absolute, out _))
        {
            return Result.Fail(Errors.UrlInvalid);
        }
        var imported = certificate.Length <= TrustedCaFiles.MaxUploadBytes
            ? await trustStore.ImportCaAsync(certificate, name.Trim(), failClosed, string.IsNullOrWhiteSpace(crlUrl) ? null : crlUrl.Trim(),
                cancellationToken)
            : Result<TrustedCaImported>.Fail(Errors.CertificateInvalid);
        if (!imported.Succeeded)
        {
            await audit.RecordAsync(dbFactory, AuditActions.PkiCaImport, name, AuditOutcome.Refused, imported.Error!.Code, cancellationToken: cancellationToken);
            return Result.Fail(imported.Error.Code);
        }
        var ca = imported.Value!;
        await audit.RecordAsync(dbFactory, AuditActions.PkiCaImport, ca.Id, AuditOutcome.Success, $"{ca.Name} fail-closed={failClosed}",
            cancellationToken: cancellationToken);
        return Result.Ok();
    }
}
