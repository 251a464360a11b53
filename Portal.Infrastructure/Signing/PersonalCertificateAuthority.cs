using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Certificates;
using Portal.Application.Domain;
using Portal.Signing;
using Portal.Signing.Pki;

namespace Portal.Infrastructure.Signing;

/// <summary>
/// Application's personal-certificate port over the platform CA: keys are generated in the HSM pool (purpose
/// "personal:{user}") and never leave it. The CA is resolved only when used: without a pool it does not exist.
/// </summary>
internal sealed class PersonalCertificateAuthority(IServiceProvider services, SigningAvailability availability, TimeProvider clock)
    : IPersonalCertificateAuthority
{
    public bool IsAvailable => availability.IsConfigured;

    public async Task<IssuedPersonalCertificate> IssueAsync(PersonalCertificateRequest request, CancellationToken cancellationToken = default)
    {
        var ca = await ReadyAsync(cancellationToken);
        var keyId = request.ExistingKeyId;
        if (keyId is null)
        {
            var algorithm = request.Type == PersonalCertificateType.Ecc ? KeyAlgorithm.EcP256 : KeyAlgorithm.Rsa2048;
            keyId = (await ca.GenerateKeyAsync(algorithm, "personal:" + request.UserId.ToString("N"), cancellationToken)).KeyId;
        }
        var validity = request.NotAfterUtc - clock.GetUtcNow().UtcDateTime;
        var issued = await ca.IssuePersonalCertificateAsync(keyId, new PersonSubject(request.Name, request.IdNumber), validity, cancellationToken);
        return new IssuedPersonalCertificate(keyId, issued.SerialNumber, issued.Subject, issued.NotBeforeUtc, issued.NotAfterUtc, issued.Der);
    }

    public async Task RevokeAsync(string serialNumber, PersonalRevocationReason reason, CancellationToken cancellationToken = default)
    {
        var ca = await ReadyAsync(cancellationToken);
        await ca.RevokeAsync(PlatformCa.IssuingId, serialNumber, (RevocationReason)(int)reason, cancellationToken);
    }

    private async Task<PlatformCa> ReadyAsync(CancellationToken cancellationToken)
    {
        if (!availability.IsConfigured)
        {
            throw new InvalidOperationException("The HSM pool is not configured: personal certificates are unavailable.");
        }
        var ca = services.GetRequiredService<PlatformCa>();
        await ca.InitializeAsync(cancellationToken);
        return ca;
    }
}
