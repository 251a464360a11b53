using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Portal.Signing.Pki;

/// <summary>The subject of an organization seal certificate: organization name, USCC (organizationIdentifier) and seal name.</summary>
public sealed record SealSubject(string OrganizationName, string Uscc, string SealName);

/// <summary>The subject of a personal certificate; the ID number never appears in clear (docs/adr/0008-personal-id-in-certificates.md).</summary>
public sealed record PersonSubject(string Name, string IdNumber);

/// <summary>Builds the distinguished names of end-entity certificates.</summary>
public static class CertificateSubjects
{
    /// <summary>organizationIdentifier (X.520, 2.5.4.97), used for the USCC.</summary>
    public static readonly DerObjectIdentifier OrganizationIdentifier = new("2.5.4.97");

    public static X509Name Seal(SealSubject s)
    {
        if (string.IsNullOrWhiteSpace(s.OrganizationName) || string.IsNullOrWhiteSpace(s.SealName) || string.IsNullOrWhiteSpace(s.Uscc))
        {
            throw new ArgumentException("Organization name, USCC and seal name are required.", nameof(s));
        }

        // ETSI EN 319 412-1 semantics identifier for a national trade register number: NTR + country + '-' + number.
        return Build(
            (X509Name.C, "CN"),
            (X509Name.O, s.OrganizationName.Trim()),
            (OrganizationIdentifier, "NTRCN-" + s.Uscc.Trim().ToUpperInvariant()),
            (X509Name.CN, s.SealName.Trim()));
    }

    public static X509Name Person(PersonSubject p, byte[] pepper)
    {
        if (string.IsNullOrWhiteSpace(p.Name) || string.IsNullOrWhiteSpace(p.IdNumber))
        {
            throw new ArgumentException("Name and ID number are required.", nameof(p));
        }

        return Build((X509Name.C, "CN"), (X509Name.CN, p.Name.Trim()), (X509Name.SerialNumber, PersonalIdentifier(p.IdNumber, pepper)));
    }

    /// <summary>The pseudonymous SERIALNUMBER of a person: "PID1-" + 32 hex of HMAC-SHA256(pepper, normalized ID number).</summary>
    public static string PersonalIdentifier(string idNumber, byte[] pepper)
    {
        var normalized = idNumber.Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return "PID1-" + Convert.ToHexStringLower(HMACSHA256.HashData(pepper, Encoding.UTF8.GetBytes(normalized)))[..32];
    }

    private static X509Name Build(params (DerObjectIdentifier Oid, string Value)[] parts)
        => new([.. parts.Select(p => p.Oid)], [.. parts.Select(p => p.Value)], new X509DefaultEntryConverter());
}
