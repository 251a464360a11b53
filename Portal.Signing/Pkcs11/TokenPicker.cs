namespace Portal.Signing.Pkcs11;

/// <summary>
/// The one token picker of the pool: the least busy healthy token, ties broken from a rotating start so load spreads
/// across tokens; used both to pick where a key is generated and, with the tokens already tried, for signing failover.
/// </summary>
internal sealed class TokenPicker(HsmToken[] tokens)
{
    private int _roundRobin;

    /// <summary>A rotating start index for one operation.</summary>
    public int Start() => (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)tokens.Length);

    /// <summary>The least busy healthy token.</summary>
    public HsmToken? Pick()
    {
        var none = 0UL;
        return Pick(Start(), ref none);
    }

    /// <summary>The least busy healthy token not in <paramref name="tried"/> (a bit per token index), which it then joins; allocation-free.</summary>
    public HsmToken? Pick(int start, ref ulong tried)
    {
        HsmToken? best = null;
        var bestIndex = -1;
        for (var i = 0; i < tokens.Length; i++)
        {
            var index = (start + i) % tokens.Length;
            var candidate = tokens[index];
            if ((tried & (1UL << index)) != 0 || candidate.IsDown)
            {
                continue;
            }

            if (best is null || candidate.InUse < best.InUse)
            {
                best = candidate;
                bestIndex = index;
            }
        }

        if (best is not null)
        {
            tried |= 1UL << bestIndex;
        }

        return best;
    }
}
