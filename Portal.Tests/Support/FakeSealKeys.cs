using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Application.Seals;

namespace Portal.Tests.Support;

/// <summary>
/// Seal keys without an HSM, for rule tests (the real pool is exercised in SealKeysHsmTests): material is random and
/// revocations are remembered, so tests can see the revocation moment.
/// </summary>
public sealed class FakeSealKeys : ISealKeys
{
    public bool IsAvailable { get; set; } = true;

    public List<(string Serial, SealCertificateRevocation Reason)> Revoked { get; } = [];

    public static Action<IServiceCollection> Register(FakeSealKeys keys) => s => s.AddSingleton<ISealKeys>(keys);

    public Task<SealKeyMaterial> CreateAsync(IPortalDbContext db, Guid sealId, string organizationName, string uscc, string sealName,
        CancellationToken cancellationToken = default) =>
        Task.FromResult(new SealKeyMaterial("fake-" + sealId.ToString("N"), RandomNumberGenerator.GetBytes(64),
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), new DateTime(2028, 11, 23, 0, 0, 0, DateTimeKind.Utc)));

    public Task RevokeAsync(IPortalDbContext db, Seal seal, SealCertificateRevocation reason, CancellationToken cancellationToken = default)
    {
        if (seal.CertificateRevokedAtUtc is null)
        {
            seal.CertificateRevokedAtUtc = DateTime.UtcNow;
            lock (Revoked)
            {
                Revoked.Add((seal.CertificateSerial, reason));
            }
        }
        return Task.CompletedTask;
    }
}
