using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Infrastructure.Persistence;
using Portal.Tests.Support;

namespace Portal.Tests.Infrastructure.Persistence;

/// <summary>The Data Protection key ring in the database is encrypted to the configured certificate.</summary>
public class DataProtectionKeyRingTests
{
    /// <summary>The portal with the certificate <c>run.sh</c> makes: a PEM file holding the certificate and its key.</summary>
    private sealed class CertifiedPortal(string pem) : PortalWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("DataProtection:Certificate:Path", pem);
        }
    }

    [Fact]
    public async Task Stored_keys_hold_an_encrypted_secret_and_no_plaintext_master_key_and_still_protect()
    {
        var dir = TestTemp.NewFolder("dp-pem");
        Directory.CreateDirectory(dir);
        try
        {
            var pem = Path.Combine(dir, "dataprotection-dev.pem");
            // The same command run.sh uses.
            string[] arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=Portal DP test",
                "-keyout", pem + ".key", "-out", pem + ".crt"];
            using (var openssl = Process.Start(new ProcessStartInfo("openssl", arguments) { RedirectStandardError = true })!)
            {
                await openssl.WaitForExitAsync();
                Assert.Equal(0, openssl.ExitCode);
            }
            await File.WriteAllTextAsync(pem, await File.ReadAllTextAsync(pem + ".crt") + await File.ReadAllTextAsync(pem + ".key"));

            await using var portal = new CertifiedPortal(pem);
            using var client = portal.CreateClient();
            // The login form's antiforgery token needs a key: the ring is created and stored now.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
            // Cookies protected with the encrypted ring still sign in.
            using var signedIn = await portal.LoginAsync(Demo.EnterpriseMember);
            Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/personal")).StatusCode);

            await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            });
        }
        finally
        {
            TestTemp.TryDelete(dir);
        }
    }
}
