using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.TrustedCas;

/// <summary>A trusted CA as the platform page lists it.</summary>
public sealed record TrustedCaRow(string Id, string Name, string Subject, bool IsPlatform, bool FailClosed, DateTime NotAfterUtc,
    DateTime? CrlThisUpdateUtc, DateTime? CrlNextUpdateUtc, string? CrlUrl, bool CrlFresh);

/// <summary>The trust store's CAs and the freshness of their CRLs (platform admins).</summary>
public sealed class ListTrustedCas(ITrustStoreAdministration trustStore, Access access, TimeProvider clock)
{
    public async Task<Result<IReadOnlyList<TrustedCaRow>>> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var allowed = access.RequirePlatformRole(PlatformRoles.PlatformAdmin);
        if (!allowed.Succeeded)
        {
            return allowed.Error!;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var cas = await trustStore.ListAsync(cancellationToken);
        return cas.Select(ca => new TrustedCaRow(ca.Id, ca.Name, ca.Subject, ca.IsPlatform, ca.FailClosed, ca.NotAfterUtc,
            ca.CrlThisUpdateUtc, ca.CrlNextUpdateUtc, ca.CrlUrl, ca.IsPlatform || ca.CrlNextUpdateUtc > now)).ToList();
    }
}
