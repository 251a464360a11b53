using System.Diagnostics;

namespace Portal.Tests.Signing.Pkcs11;

public sealed class ProvisionHsmScriptTests
{
    [Fact]
    public void Provisioning_creates_two_tokens_and_secrets_and_is_idempotent()
    {
        var data = Portal.Tests.Support.TestTemp.NewFolder("provision");
        try
        {
            var first = Run(data);
            var secrets = File.ReadAllText(Path.Combine(data, "dev-secrets.env"));
            var second = Run(data);

            Assert.Contains("token portal-a initialized", first);
            Assert.Contains("token portal-b initialized", first);
            Assert.Contains("token portal-a present", second);
            Assert.DoesNotContain("initialized", second);
            Assert.Equal(secrets, File.ReadAllText(Path.Combine(data, "dev-secrets.env")));
            Assert.Matches("PORTAL_HSM_WRAP_SECRET=[0-9a-f]{64}", secrets);
            Assert.Contains($"SOFTHSM2_CONF={data}/hsm/softhsm2.conf", second);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "dev-secrets.env")));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static string Run(string data)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Portal.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        }

        var psi = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "provision-hsm.sh")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["PORTAL_APP_DATA"] = data;
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, error);
        return output.Result + error;
    }
}
