namespace Portal.Signing.Pkcs11;

/// <summary>Supplies token PINs and the pool's secrets; never backed by committed configuration.</summary>
public interface IPinProvider
{
    /// <summary>The user PIN of the token with this label.</summary>
    string GetUserPin(string tokenLabel);

    /// <summary>The 32-byte secret from which every token's AES key-wrapping key is created (the "cloning domain").</summary>
    byte[] GetKeyWrappingSecret();

    /// <summary>A secret used to hash personal identifiers into certificates (see docs/adr/0008-personal-id-in-certificates.md).</summary>
    byte[] GetIdentifierPepper();
}

/// <summary>Reads PINs and secrets from environment variables, falling back to a KEY=VALUE secrets file (dev).</summary>
/// <remarks>
/// Names: <c>PORTAL_HSM_PIN_&lt;LABEL&gt;</c> (label upper-cased, non-alphanumerics as '_'), else
/// <c>PORTAL_HSM_PIN</c>; <c>PORTAL_HSM_WRAP_SECRET</c> and <c>PORTAL_PKI_ID_PEPPER</c> as hex.
/// </remarks>
public sealed class EnvironmentPinProvider : IPinProvider
{
    private readonly Dictionary<string, string> _file = new(StringComparer.Ordinal);
    private readonly Func<string, string?> _environment;

    public EnvironmentPinProvider(string? secretsFile = null)
        : this(secretsFile, Environment.GetEnvironmentVariable)
    {
    }

    public EnvironmentPinProvider(string? secretsFile, Func<string, string?> environment)
    {
        _environment = environment;
        if (secretsFile is null || !File.Exists(secretsFile))
        {
            return;
        }

        foreach (var raw in File.ReadAllLines(secretsFile))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line[7..];
            }

            var eq = line.IndexOf('=');
            if (eq > 0)
            {
                _file[line[..eq].Trim()] = line[(eq + 1)..].Trim().Trim('"', '\'');
            }
        }
    }

    public string GetUserPin(string tokenLabel)
    {
        var specific = "PORTAL_HSM_PIN_" + new string(tokenLabel.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        return Get(specific) ?? Get("PORTAL_HSM_PIN")
            ?? throw new HsmException("hsm.config", $"No PIN for token '{tokenLabel}' ({specific} or PORTAL_HSM_PIN).");
    }

    public byte[] GetKeyWrappingSecret() => GetHex("PORTAL_HSM_WRAP_SECRET", 32);

    public byte[] GetIdentifierPepper() => GetHex("PORTAL_PKI_ID_PEPPER", 16);

    private byte[] GetHex(string name, int minBytes)
    {
        var value = Get(name) ?? throw new HsmException("hsm.config", $"Secret {name} is not set.");
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(value);
        }
        catch (FormatException e)
        {
            throw new HsmException("hsm.config", $"Secret {name} is not hex.", inner: e);
        }

        if (bytes.Length < minBytes)
        {
            throw new HsmException("hsm.config", $"Secret {name} must have at least {minBytes} bytes.");
        }

        return bytes;
    }

    private string? Get(string name)
    {
        var env = _environment(name);
        return !string.IsNullOrEmpty(env) ? env : _file.GetValueOrDefault(name);
    }
}

/// <summary>PINs and secrets handed over in code (tests, benchmarks, tools that read them elsewhere).</summary>
public sealed class StaticPinProvider(string userPin, byte[] keyWrappingSecret, byte[] identifierPepper) : IPinProvider
{
    public string GetUserPin(string tokenLabel) => userPin;

    public byte[] GetKeyWrappingSecret() => keyWrappingSecret;

    public byte[] GetIdentifierPepper() => identifierPepper;
}
