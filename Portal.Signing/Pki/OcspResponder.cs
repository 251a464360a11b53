using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace Portal.Signing.Pki;

/// <summary>RFC 6960 OCSP responder for the platform CAs: request bytes in, response bytes out (the web layer maps GET and POST).</summary>
public sealed class OcspResponder(PlatformCa ca)
{
    /// <summary>Answers a DER OCSPRequest (the body of a POST with content type application/ocsp-request).</summary>
    public async Task<byte[]> RespondAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
    {
        OcspReq req;
        try
        {
            req = new OcspReq(request.ToArray());
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or Asn1Exception)
        {
            return new OCSPRespGenerator().Generate(OcspRespStatus.MalformedRequest, null).GetEncoded();
        }

        var requests = req.GetRequestList();
        if (requests.Length == 0)
        {
            return new OCSPRespGenerator().Generate(OcspRespStatus.MalformedRequest, null).GetEncoded();
        }

        // The issuing CA answers for its certificates, the root for the issuing CA; both sign their own responses.
        var responder = requests.All(r => r.GetCertID().MatchesIssuer(ca.Root.Certificate)) ? ca.Root : ca.Issuing;
        var issuerId = responder == ca.Root ? PlatformCa.RootId : PlatformCa.IssuingId;
        var generator = new BasicOcspRespGenerator(new RespID(responder.Certificate.SubjectDN));
        var now = ca.Now;
        foreach (var r in requests)
        {
            var id = r.GetCertID();
            CertificateStatus? status;
            if (!id.MatchesIssuer(responder.Certificate))
            {
                status = new UnknownStatus();
            }
            else
            {
                var serial = PlatformCa.SerialHex(id.SerialNumber);
                var revoked = await ca.Stores.Revocations.FindAsync(issuerId, serial, cancellationToken);
                var issued = revoked is null ? await ca.Stores.Certificates.FindAsync(issuerId, serial, cancellationToken) : null;
                status = revoked is not null ? new RevokedStatus(revoked.RevokedAtUtc, (int)revoked.Reason)
                    : issued is not null ? CertificateStatus.Good
                    : new UnknownStatus();
            }

            generator.AddResponse(id, status, now, now + ca.Options.CrlValidity, null);
        }

        var nonce = req.RequestExtensions?.GetExtension(OcspObjectIdentifiers.PkixOcspNonce);
        if (nonce is not null)
        {
            generator.SetResponseExtensions(new X509Extensions(new Dictionary<DerObjectIdentifier, X509Extension> { [OcspObjectIdentifiers.PkixOcspNonce] = nonce }));
        }

        var basic = generator.Generate(new SigningKeySignatureFactory(responder.Key), [responder.Certificate], now);
        return new OCSPRespGenerator().Generate(OcspRespStatus.Successful, basic).GetEncoded();
    }

    /// <summary>Answers a GET request whose last path segment is the URL-encoded base64 DER request (RFC 6960 A.1).</summary>
    public Task<byte[]> RespondToGetAsync(string encodedRequest, CancellationToken cancellationToken = default)
    {
        byte[] der;
        try
        {
            var base64 = Uri.UnescapeDataString(encodedRequest).Replace('-', '+').Replace('_', '/');
            der = Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
        }
        catch (FormatException)
        {
            return Task.FromResult(new OCSPRespGenerator().Generate(OcspRespStatus.MalformedRequest, null).GetEncoded());
        }

        return RespondAsync(der, cancellationToken);
    }

    /// <summary>Builds a request for a certificate (used by tests and by the verifier for platform certificates).</summary>
    public static byte[] CreateRequest(X509Certificate certificate, X509Certificate issuer, byte[]? nonce = null)
    {
        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(CertificateID.DigestSha1, issuer, certificate.SerialNumber));
        if (nonce is not null)
        {
            generator.SetRequestExtensions(new X509Extensions(new Dictionary<DerObjectIdentifier, X509Extension>
            {
                [OcspObjectIdentifiers.PkixOcspNonce] = new(false, new DerOctetString(new DerOctetString(nonce))),
            }));
        }

        return generator.Generate().GetEncoded();
    }
}
