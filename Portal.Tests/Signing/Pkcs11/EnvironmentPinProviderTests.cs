using Portal.Signing.Pkcs11;

namespace Portal.Tests.Signing.Pkcs11;

public sealed class EnvironmentPinProviderTests
{
    [Fact]
    public void Reads_the_dev_secrets_file_the_provisioning_script_writes()
    {
        var file = Portal.Tests.Support.TestTemp.NewFilePath(".env");
        try
        {
            File.WriteAllLines(file, [
                "# dev secrets",
                "PORTAL_HSM_PIN=1111",
                "PORTAL_HSM_PIN_PORTAL_B=2222",
                "PORTAL_HSM_WRAP_SECRET=" + new string('a', 64),
                "export PORTAL_PKI_ID_PEPPER=\"" + new string('0', 32) + "\"",
            ]);
            var pins = new EnvironmentPinProvider(file, _ => null);

            Assert.Equal("1111", pins.GetUserPin("portal-a"));
            Assert.Equal("2222", pins.GetUserPin("portal-b"));
            Assert.Equal(32, pins.GetKeyWrappingSecret().Length);
            Assert.Equal(new byte[16], pins.GetIdentifierPepper());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Missing_or_short_secret_is_a_configuration_error()
    {
        var file = Portal.Tests.Support.TestTemp.NewFilePath(".env");
        try
        {
            File.WriteAllLines(file, ["PORTAL_HSM_WRAP_SECRET=abcd"]);
            var pins = new EnvironmentPinProvider(file, _ => null);

            Assert.Equal("hsm.config", Assert.Throws<HsmException>(() => pins.GetKeyWrappingSecret()).Code);
            Assert.Equal("hsm.config", Assert.Throws<HsmException>(() => pins.GetIdentifierPepper()).Code);
            Assert.Equal("9", new EnvironmentPinProvider(file, n => n == "PORTAL_HSM_PIN" ? "9" : null).GetUserPin("x"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
