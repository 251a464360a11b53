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

    /// <summary>Runs a write whose seal (if it makes one) takes a key generated before the lock; the key is settled after it.</summary>
    public static async Task<Result<T>> RunAsync<T>(WriteUnit unit, Write who, ISealKeys keys,
        Func<WriteContext, PregeneratedSealKey, Task<Result<T>>> apply, CancellationToken cancellationToken)
    {
        PregeneratedSealKey? key = null;
        var result = await unit.RunAsync(who,
            async () =>
            {
                var generated = await GenerateAsync(keys, cancellationToken);
                key = generated.Value;
                return generated;
            }, apply, cancellationToken);
        return await SettleAsync(key, result, result.Succeeded);
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public static async Task<Result> RunAsync(WriteUnit unit, Write who, ISealKeys keys, Func<WriteContext, PregeneratedSealKey, Task<Result>> apply,
        CancellationToken cancellationToken)
    {
        var result = await RunAsync<bool>(unit, who, keys, async (w, key) =>
        {
            var r = await apply(w, key);
            return r.Succeeded ? Result<bool>.Ok(true) : r.Error!;
        }, cancellationToken);
        return result.Succeeded ? Result.Ok() : result.Error!;
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
