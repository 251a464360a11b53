using Portal.Application.Certificates;
using Portal.Application.Seeding;
using Portal.Signing.Pki;

namespace Portal.Tests.Application.Certificates;

public class CertificateLoginRulesTests
{
    [Fact]
    public void A_platform_seal_certificate_subject_is_an_organization_certificate()
    {
        // As BouncyCastle prints it, the way the certificate inspector hands subjects to Application.
        var subject = CertificateSubjects.Seal(new SealSubject("示例科技有限公司", DemoSeed.EnterpriseUscc, "公章")).ToString();
        Assert.True(CertificateLogin.IsOrganizationCertificate(subject), subject);
    }

    [Theory]
    [InlineData("C=CN,O=示例科技有限公司,SERIALNUMBER={uscc},CN=示例科技有限公司", true)]
    [InlineData("C=CN,O=某单位,2.5.4.97=NTRCN-{uscc},CN=某单位", true)]
    [InlineData("C=CN,O=示例科技有限公司,CN=赵敏", false)]
    [InlineData("C=CN,CN=王强,SERIALNUMBER=PID1-0123456789abcdef0123456789abcdef", false)]
    [InlineData("C=CN,CN=张伟,SERIALNUMBER={wrong}", false)] // 18 characters but a wrong check digit: not a USCC
    public void Organization_certificates_are_recognised_by_identifier_or_uscc(string subject, bool organization)
    {
        var uscc = DemoSeed.EnterpriseUscc;
        var wrong = uscc[..17] + (uscc[17] == '0' ? '1' : '0');
        Assert.Equal(organization, CertificateLogin.IsOrganizationCertificate(subject.Replace("{uscc}", uscc).Replace("{wrong}", wrong)));
    }
}
