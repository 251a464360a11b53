using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Portal.Application.Captcha;

namespace Portal.Infrastructure.Captcha;

/// <summary>
/// Captcha challenges in this process's memory: 4 random characters without look-alikes (0/O, 1/I), valid 5 minutes,
/// answered once. Behind a load balancer, sticky sessions keep a browser on the node that issued its challenge.
/// </summary>
public class MemoryCaptchaChallenges(IMemoryCache cache) : ICaptchaChallenges
{
    public const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public const int Length = 4;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public string Issue()
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        cache.Set(Key(id), NewAnswer(), Lifetime);
        return id;
    }

    public virtual bool TrySolve(string? id, string? answer)
    {
        if (string.IsNullOrEmpty(id) || !cache.TryGetValue(Key(id), out string? expected))
        {
            return false;
        }
        cache.Remove(Key(id));
        return string.Equals(expected, answer?.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    public string? AnswerToDraw(string id) => cache.TryGetValue(Key(id), out string? answer) ? answer : null;

    /// <summary>The answer of a new challenge; random here, known to a test's subclass.</summary>
    protected virtual string NewAnswer() =>
        new([.. Enumerable.Range(0, Length).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)])]);

    private static string Key(string id) => "captcha:" + id;
}
