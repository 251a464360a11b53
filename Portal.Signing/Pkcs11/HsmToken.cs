using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Portal.Signing.Pkcs11;

/// <summary>Thrown inside the pool when a token must be skipped (down, or the key is not on it); never leaves the pool.</summary>
internal sealed class TokenSkippedException(string message, bool tokenDown, Exception? inner = null) : Exception(message, inner)
{
    public bool TokenDown { get; } = tokenDown;
}

/// <summary>Handles of one key pair on one token, valid until the next logout.</summary>
internal sealed record KeyHandles(IObjectHandle Private, IObjectHandle Public, KeyAlgorithm Algorithm);

/// <summary>One token of the pool: its login, bounded session pool, key handle cache, breaker and statistics.</summary>
internal sealed class HsmToken : IDisposable
{
    private readonly IHsmSessionFactory _factory;
    private readonly IPinProvider _pins;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate;
    private readonly ConcurrentBag<IHsmSession> _idle = [];
    private readonly ConcurrentDictionary<string, KeyHandles> _keys = new(StringComparer.Ordinal);
    private readonly Lock _loginLock = new();
    private readonly LatencyWindow _latency = new();

    // SoftHSM2's file store is not safe for a search or read running while another thread of the process writes a new
    // object (its file locks are per process): the half-written key is then unreadable or missing from searches for a while.
    // Object writes (generate, unwrap, create, destroy) therefore run alone on a token; every other call runs in parallel.
    private readonly ReaderWriterLockSlim _objects = new(LockRecursionPolicy.NoRecursion);
    private readonly TimeSpan _waitTimeout;
    private IHsmSession? _main;
    private IObjectHandle? _wrappingKey;
    private int _generation;
    private int _inUse;
    private long _operations;
    private long _errors;
    private long _relogins;
    private volatile bool _down;
    private volatile bool _pinRejected;
    private DateTime? _downSince;
    private string? _lastError;
    private DateTime? _lastErrorUtc;

    public HsmToken(ISlot slot, string label, int maxSessions, TimeSpan waitTimeout, IHsmSessionFactory factory, IPinProvider pins, ILogger logger)
    {
        Slot = slot;
        Label = label;
        MaxSessions = maxSessions;
        _waitTimeout = waitTimeout;
        _factory = factory;
        _pins = pins;
        _logger = logger;
        _gate = new SemaphoreSlim(maxSessions, maxSessions);
    }

    public ISlot Slot { get; }

    public string Label { get; }

    public int MaxSessions { get; }

    public bool IsDown => _down;

    public int InUse => Volatile.Read(ref _inUse);

    /// <summary>Opens the main session and logs in; throws on failure (the caller marks the token down).</summary>
    public void Connect()
    {
        lock (_loginLock)
        {
            _main?.Dispose();
            _main = null;
            var main = _factory.Open(Slot, Label);
            try
            {
                LoginOn(main);
            }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_LOCKED or CKR.CKR_PIN_EXPIRED or CKR.CKR_PIN_INVALID)
            {
                main.Dispose();
                _pinRejected = true;
                throw;
            }
            catch
            {
                main.Dispose();
                throw;
            }

            _main = main;
            _keys.Clear();
            _wrappingKey = null;
            _generation++;
        }
    }

    private void LoginOn(IHsmSession session)
    {
        try
        {
            session.Login(_pins.GetUserPin(Label));
        }
        catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // Login is per token per process: another session (or pool) already did it.
        }
    }

    /// <summary>Logs in again after a logout was observed; only the first thread of a generation does the work.</summary>
    private void Relogin(int observedGeneration)
    {
        lock (_loginLock)
        {
            if (_generation != observedGeneration)
            {
                return;
            }

            _logger.LogWarning("HSM token {Token}: session lost its login or key handles; logging in again", Label);
            try
            {
                if (_main is null)
                {
                    throw new Pkcs11Exception("C_Login", CKR.CKR_SESSION_HANDLE_INVALID);
                }

                LoginOn(_main);
            }
            catch (Pkcs11Exception e) when (e.RV is CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_SESSION_CLOSED)
            {
                _main?.Dispose();
                _main = _factory.Open(Slot, Label);
                LoginOn(_main);
            }

            _keys.Clear();
            _wrappingKey = null;
            _generation++;
            Interlocked.Increment(ref _relogins);
        }
    }

    /// <summary>Runs one operation on a pooled session with the return-code handling of issue 3.</summary>
    /// <param name="writesObjects">True when the operation creates or destroys token objects: it then runs alone on the token.</param>
    public T Run<T>(Func<IHsmSession, T> operation, CancellationToken cancellationToken = default, bool evenIfDown = false, bool writesObjects = false)
    {
        if (_down && !evenIfDown)
        {
            throw new TokenSkippedException($"token {Label} is down", tokenDown: true);
        }

        if (!_gate.Wait(_waitTimeout, cancellationToken))
        {
            throw new HsmException("hsm.busy", $"No free session on token {Label} within {_waitTimeout.TotalSeconds:0.#} s.");
        }

        Interlocked.Increment(ref _inUse);
        IHsmSession? session = null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var reloginAttempts = 0;
            var reopenAttempts = 0;
            var generalErrorRetried = false;
            while (true)
            {
                var generation = Volatile.Read(ref _generation);
                try
                {
                    session ??= _idle.TryTake(out var idle) ? idle : _factory.Open(Slot, Label);
                    var result = Exclusive(operation, session, writesObjects);
                    Interlocked.Increment(ref _operations);
                    _latency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    return result;
                }
                catch (Pkcs11Exception e)
                {
                    switch (e.RV)
                    {
                        case CKR.CKR_USER_NOT_LOGGED_IN or CKR.CKR_OBJECT_HANDLE_INVALID or CKR.CKR_KEY_HANDLE_INVALID when reloginAttempts++ < 2:
                            try
                            {
                                Relogin(generation);
                            }
                            catch (Pkcs11Exception loginError)
                            {
                                // A token we cannot log in to is of no use until the probe succeeds.
                                session?.Dispose();
                                session = null;
                                MarkDown(loginError);
                                throw new TokenSkippedException($"token {Label}: re-login failed: {loginError.RV}", tokenDown: true, loginError);
                            }

                            continue;
                        case CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_SESSION_CLOSED when reopenAttempts++ < 2:
                            session?.Dispose();
                            session = null;
                            continue;
                        // Seen from C_SignInit around a re-login: retry once before holding it against the token.
                        case CKR.CKR_GENERAL_ERROR when !generalErrorRetried:
                            generalErrorRetried = true;
                            session?.Dispose();
                            session = null;
                            continue;
                        case CKR.CKR_DEVICE_ERROR or CKR.CKR_TOKEN_NOT_PRESENT or CKR.CKR_DEVICE_REMOVED or CKR.CKR_DEVICE_MEMORY
                            or CKR.CKR_GENERAL_ERROR or CKR.CKR_CRYPTOKI_NOT_INITIALIZED or CKR.CKR_USER_NOT_LOGGED_IN
                            or CKR.CKR_OBJECT_HANDLE_INVALID or CKR.CKR_KEY_HANDLE_INVALID or CKR.CKR_SESSION_HANDLE_INVALID
                            or CKR.CKR_SESSION_CLOSED:
                            session?.Dispose();
                            session = null;
                            MarkDown(e);
                            throw new TokenSkippedException($"token {Label} failed: {e.RV}", tokenDown: true, e);
                        default:
                            // A request the token refuses (bad data length, mechanism...): the caller's problem, not the token's.
                            session?.Dispose();
                            session = null;
                            RecordError(e);
                            throw new HsmException("hsm.error", $"Token {Label}: {e.Method} returned {e.RV}.", e.RV, e);
                    }
                }
            }
        }
        finally
        {
            if (session is not null)
            {
                _idle.Add(session);
            }

            Interlocked.Decrement(ref _inUse);
            _gate.Release();
        }
    }

    private T Exclusive<T>(Func<IHsmSession, T> operation, IHsmSession session, bool writesObjects)
    {
        if (writesObjects)
        {
            _objects.EnterWriteLock();
        }
        else
        {
            _objects.EnterReadLock();
        }

        try
        {
            return operation(session);
        }
        finally
        {
            if (writesObjects)
            {
                _objects.ExitWriteLock();
            }
            else
            {
                _objects.ExitReadLock();
            }
        }
    }

    /// <summary>Finds (and caches) the key pair with this id; throws <see cref="TokenSkippedException"/> when the token does not hold it.</summary>
    public KeyHandles GetKey(IHsmSession session, string keyId)
    {
        if (_keys.TryGetValue(keyId, out var cached))
        {
            return cached;
        }

        var found = FindKey(session, keyId) ?? throw new TokenSkippedException($"key {keyId} is not on token {Label}", tokenDown: false);
        _keys[keyId] = found;
        return found;
    }

    /// <summary>Looks the key pair up without caching; null when this token does not hold it.</summary>
    /// <remarks>
    /// SoftHSM2's file store now and then hides an existing object from one search (seen in long test runs: a key found,
    /// then not found, then found again). "Not here" is therefore only believed after three looks; a key that really is
    /// absent (deleted, or on a token that missed it) costs the wait, which is rare.
    /// </remarks>
    public KeyHandles? FindKey(IHsmSession session, string keyId)
    {
        for (var look = 1; ; look++)
        {
            if (FindKeyOnce(session, keyId) is { } found)
            {
                return found;
            }

            if (look == 3)
            {
                return null;
            }

            Thread.Sleep(look * 25);
        }
    }

    private static KeyHandles? FindKeyOnce(IHsmSession session, string keyId)
    {
        var id = KeyTemplates.IdBytes(keyId);
        var priv = session.FindAll(KeyTemplates.Find(CKO.CKO_PRIVATE_KEY, id));
        if (priv.Count == 0)
        {
            // Private objects are invisible without a login: tell "not logged in" apart from "not here".
            if (session.GetState() is not (CKS.CKS_RW_USER_FUNCTIONS or CKS.CKS_RO_USER_FUNCTIONS))
            {
                throw new Pkcs11Exception("C_FindObjects", CKR.CKR_USER_NOT_LOGGED_IN);
            }

            return null;
        }

        var pub = session.FindAll(KeyTemplates.Find(CKO.CKO_PUBLIC_KEY, id));
        if (pub.Count == 0)
        {
            return null;
        }

        return new KeyHandles(priv[0], pub[0], KeyTemplates.ReadAlgorithm(session, pub[0]));
    }

    public void ForgetKey(string keyId) => _keys.TryRemove(keyId, out _);

    /// <summary>Finds or creates the AES key-wrapping key from the shared secret (same secret on every token).</summary>
    public IObjectHandle GetWrappingKey(IHsmSession session, string labelPrefix, bool trusted = false)
    {
        if (_wrappingKey is { } cached)
        {
            return cached;
        }

        if (trusted)
        {
            // Made by the security officer (TrustedWrappingKey.Create); the user PIN can neither make nor mark one.
            var af = session.Inner.Factories.ObjectAttributeFactory;
            var found = session.FindAll([
                af.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
                af.Create(CKA.CKA_LABEL, labelPrefix),
                af.Create(CKA.CKA_TRUSTED, true),
            ]);
            _wrappingKey = found.Count > 0 ? found[0]
                : throw new HsmException("hsm.config", $"Token '{Label}' has no trusted wrapping key '{labelPrefix}' (create it under the SO PIN).");
            return _wrappingKey;
        }

        var secret = _pins.GetKeyWrappingSecret();
        // The label carries a fingerprint of the secret, so a changed secret gets a new key instead of a silent mismatch.
        var label = labelPrefix + "-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(secret))[..12];
        var f = session.Inner.Factories.ObjectAttributeFactory;
        var existing = session.FindAll([
            f.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            f.Create(CKA.CKA_LABEL, label),
        ]);
        if (existing.Count == 0)
        {
            if (session.GetState() is not (CKS.CKS_RW_USER_FUNCTIONS or CKS.CKS_RO_USER_FUNCTIONS))
            {
                throw new Pkcs11Exception("C_FindObjects", CKR.CKR_USER_NOT_LOGGED_IN);
            }

            existing.Add(session.CreateObject([
                f.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
                f.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES),
                f.Create(CKA.CKA_TOKEN, true),
                f.Create(CKA.CKA_PRIVATE, true),
                f.Create(CKA.CKA_LABEL, label),
                f.Create(CKA.CKA_VALUE, secret[..32]),
                f.Create(CKA.CKA_WRAP, true),
                f.Create(CKA.CKA_UNWRAP, true),
                f.Create(CKA.CKA_SENSITIVE, true),
                f.Create(CKA.CKA_EXTRACTABLE, false),
            ]));
        }

        _wrappingKey = existing[0];
        return existing[0];
    }

    /// <summary>Checks a token that is down: true when a fresh login and session work (the pool then syncs keys and calls <see cref="MarkUp"/>).</summary>
    public bool Probe()
    {
        try
        {
            // Sessions opened before the failure may be dead: start clean.
            while (_idle.TryTake(out var stale))
            {
                stale.Dispose();
            }

            Connect();
            using var session = _factory.Open(Slot, Label);
            if (session.GetState() is not (CKS.CKS_RW_USER_FUNCTIONS or CKS.CKS_RO_USER_FUNCTIONS))
            {
                throw new Pkcs11Exception("C_GetSessionInfo", CKR.CKR_USER_NOT_LOGGED_IN);
            }

            // A token brought back by the probe got a fresh login too: under load a lost login can end in
            // "down, then probed back" instead of an in-line re-login, and both count as a recovery.
            Interlocked.Increment(ref _relogins);
            return true;
        }
        catch (Pkcs11Exception e) when (e.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_LOCKED or CKR.CKR_PIN_EXPIRED or CKR.CKR_PIN_INVALID)
        {
            // Retrying a wrong PIN would lock a real HSM's user: stop probing until an operator restarts with the right PIN.
            RecordError(e);
            _pinRejected = true;
            _logger.LogCritical("HSM token {Token} rejected the PIN ({Code}); no further login attempts", Label, e.RV);
            return false;
        }
        catch (Exception e) when (e is Pkcs11Exception or HsmException)
        {
            RecordError(e);
            return false;
        }
    }

    /// <summary>True when the token refused the PIN: the probe leaves it alone.</summary>
    public bool PinRejected => _pinRejected;

    public void MarkUp()
    {
        _down = false;
        _downSince = null;
        _logger.LogInformation("HSM token {Token} is up again", Label);
    }

    public void MarkDown(Exception cause)
    {
        RecordError(cause);
        if (!_down)
        {
            _downSince = DateTime.UtcNow;
            _down = true;
            _logger.LogError(cause, "HSM token {Token} marked down", Label);
        }
    }

    private void RecordError(Exception e)
    {
        Interlocked.Increment(ref _errors);
        _lastError = e is Pkcs11Exception p ? $"{p.Method}: {p.RV}" : e.Message;
        _lastErrorUtc = DateTime.UtcNow;
    }

    public HsmTokenStatus Status()
    {
        var (p50, p95) = _latency.Percentiles();
        return new HsmTokenStatus(Label, !_down, InUse, MaxSessions, Interlocked.Read(ref _operations), Interlocked.Read(ref _errors), Interlocked.Read(ref _relogins),
            p50, p95, _lastError, _lastErrorUtc, _downSince);
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }

        lock (_loginLock)
        {
            _main?.Dispose();
            _main = null;
        }

        _gate.Dispose();
        _objects.Dispose();
    }
}

/// <summary>The latest latencies of a token in a lock-free ring, for p50/p95.</summary>
internal sealed class LatencyWindow
{
    private readonly double[] _ring = new double[2048];
    private long _count;

    public void Add(double milliseconds)
    {
        var i = Interlocked.Increment(ref _count) - 1;
        _ring[i & (_ring.Length - 1)] = milliseconds;
    }

    public (double P50, double P95) Percentiles()
    {
        var n = (int)Math.Min(Interlocked.Read(ref _count), _ring.Length);
        if (n == 0)
        {
            return (0, 0);
        }

        var copy = _ring[..n];
        Array.Sort(copy);
        return (copy[(int)(0.50 * (n - 1))], copy[(int)(0.95 * (n - 1))]);
    }
}
