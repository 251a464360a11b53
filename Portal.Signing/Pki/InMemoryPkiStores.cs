using System.Collections.Concurrent;

namespace Portal.Signing.Pki;

/// <summary>In-memory store implementations for tests and benchmarks (production uses the database).</summary>
public sealed class InMemoryPkiStores : IIssuedCertificateStore, IRevocationStore, ITrustedCaStore, IKeyRegistry
{
    private readonly ConcurrentDictionary<(string, string), IssuedCertificate> _issued = new();
    private readonly ConcurrentQueue<IssuedCertificate> _issuedOrder = new();
    private readonly ConcurrentDictionary<(string, string), CertificateRevocation> _revocations = new();
    private readonly ConcurrentDictionary<string, long> _crlNumbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrustedCa> _trusted = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RegisteredKey> _keys = new();

    Task IIssuedCertificateStore.AddAsync(IssuedCertificate certificate, CancellationToken cancellationToken)
    {
        _issued[(certificate.IssuerId, certificate.SerialNumber)] = certificate;
        _issuedOrder.Enqueue(certificate);
        return Task.CompletedTask;
    }

    Task<IssuedCertificate?> IIssuedCertificateStore.FindAsync(string issuerId, string serialNumber, CancellationToken cancellationToken)
        => Task.FromResult(_issued.GetValueOrDefault((issuerId, serialNumber)));

    public Task<IssuedCertificate?> FindLatestAsync(CertificateKind kind, CancellationToken cancellationToken = default)
        => Task.FromResult(_issuedOrder.LastOrDefault(c => c.Kind == kind));

    Task IRevocationStore.AddAsync(CertificateRevocation revocation, CancellationToken cancellationToken)
    {
        _revocations.TryAdd((revocation.IssuerId, revocation.SerialNumber), revocation);
        return Task.CompletedTask;
    }

    Task<CertificateRevocation?> IRevocationStore.FindAsync(string issuerId, string serialNumber, CancellationToken cancellationToken)
        => Task.FromResult(_revocations.GetValueOrDefault((issuerId, serialNumber)));

    public Task<IReadOnlyList<CertificateRevocation>> ListAsync(string issuerId, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<CertificateRevocation>>(_revocations.Values.Where(r => r.IssuerId == issuerId).ToList());

    public Task<long> NextCrlNumberAsync(string issuerId, CancellationToken cancellationToken = default)
        => Task.FromResult(_crlNumbers.AddOrUpdate(issuerId, 1, (_, n) => n + 1));

    public Task<IReadOnlyList<TrustedCa>> ListAsync(CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<TrustedCa>>(_trusted.Values.ToList());

    public Task SaveAsync(TrustedCa ca, CancellationToken cancellationToken = default)
    {
        _trusted[ca.Id] = ca;
        return Task.CompletedTask;
    }

    Task IKeyRegistry.AddAsync(RegisteredKey key, CancellationToken cancellationToken)
    {
        _keys.Enqueue(key);
        return Task.CompletedTask;
    }

    Task<RegisteredKey?> IKeyRegistry.FindAsync(string keyId, CancellationToken cancellationToken)
        => Task.FromResult(_keys.FirstOrDefault(k => k.KeyId == keyId));

    public Task<RegisteredKey?> FindByPurposeAsync(string purpose, CancellationToken cancellationToken = default)
        => Task.FromResult(_keys.LastOrDefault(k => k.Purpose == purpose));
}
