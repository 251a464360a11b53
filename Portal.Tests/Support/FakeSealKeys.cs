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

    /// <summary>Keys generated and not yet discarded (a refused write must leave none behind).</summary>
    public HashSet<string> Generated { get; } = [];

    public Task<string> GenerateKeyAsync(CancellationToken cancellationToken = default)
    {
        var keyId = "fake-" + Guid.NewGuid().ToString("N");
        lock (Generated)
        {
            Generated.Add(keyId);
        }
        return Task.FromResult(keyId);
    }

    public Task DiscardAsync(string keyId, CancellationToken cancellationToken = default)
    {
        lock (Generated)
        {
            Generated.Remove(keyId);
        }
        return Task.CompletedTask;
    }

    public Task<SealKeyMaterial> CertifyAsync(IPortalDbContext db, string keyId, Guid sealId, string organizationName, string uscc, string sealName,
        CancellationToken cancellationToken = default) =>
        Task.FromResult(new SealKeyMaterial(keyId, RandomNumberGenerator.GetBytes(64),
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
