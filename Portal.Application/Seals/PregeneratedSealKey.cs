using Portal.Application.Common;

namespace Portal.Application.Seals;

/// <summary>
/// A seal key generated before the write lock is taken (<see cref="ISealKeys.GenerateKeyAsync"/>), handed to the work under
/// the lock, and deleted again unless a committed seal took it: a refused or failed write leaves no key behind.
/// </summary>
public sealed class PregeneratedSealKey
{
    private readonly ISealKeys _keys;
    private string? _keyId;
    private bool _taken;

    private PregeneratedSealKey(ISealKeys keys) => _keys = keys;

    /// <summary>Generates the key when the instance has a pool (without one the use case refuses under the lock anyway).</summary>
    public static async Task<Result<PregeneratedSealKey>> GenerateAsync(ISealKeys keys, CancellationToken cancellationToken)
    {
        var key = new PregeneratedSealKey(keys);
        if (keys.IsAvailable)
        {
            key._keyId = await keys.GenerateKeyAsync(cancellationToken);
        }
        return Result<PregeneratedSealKey>.Ok(key);
    }

    /// <summary>The key for the seal being made (null without a pool).</summary>
    public string? Take()
    {
        _taken = _keyId is not null;
        return _keyId;
    }

    /// <summary>After the write: deletes the key unless it went into a committed seal; returns <paramref name="result"/>.</summary>
    public static async Task<T> SettleAsync<T>(PregeneratedSealKey? key, T result, bool committed)
    {
        if (key?._keyId is { } keyId && !(committed && key._taken))
        {
            await key._keys.DiscardAsync(keyId, CancellationToken.None);
        }
        return result;
    }
}
