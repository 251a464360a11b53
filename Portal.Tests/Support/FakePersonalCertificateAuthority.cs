using System.Security.Cryptography;
using Portal.Application.Certificates;

namespace Portal.Tests.Support;

/// <summary>
/// A platform CA without an HSM, for tests that must reach a certificate use case's own checks (the authorization matrix):
/// issued certificates carry a random serial and placeholder bytes; revocations are remembered. The real CA is exercised in
/// the SoftHSM2 collection (PersonalCertificateTests).
/// </summary>
public sealed class FakePersonalCertificateAuthority : IPersonalCertificateAuthority
{
    public bool IsAvailable => true;

    public List<string> Revoked { get; } = [];

    public Task<IssuedPersonalCertificate> IssueAsync(PersonalCertificateRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new IssuedPersonalCertificate(request.ExistingKeyId ?? "fake-" + Guid.NewGuid().ToString("N"),
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), "CN=" + request.Name, DateTime.UtcNow, request.NotAfterUtc, [1]));

    public Task RevokeAsync(string serialNumber, PersonalRevocationReason reason, CancellationToken cancellationToken = default)
    {
        lock (Revoked)
        {
            Revoked.Add(serialNumber);
        }
        return Task.CompletedTask;
    }
}
