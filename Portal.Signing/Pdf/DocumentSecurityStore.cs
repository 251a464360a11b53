using System.Security.Cryptography;
using Org.BouncyCastle.X509;
using Portal.Signing.Pdf.Parsing;
using Portal.Signing.Pdf.Verification;

namespace Portal.Signing.Pdf;

/// <summary>What a validator needs to check a signature offline years later: the certificates and the revocation answers (DER).</summary>
public sealed record ValidationMaterial(IReadOnlyList<byte[]> Certificates, IReadOnlyList<byte[]> OcspResponses, IReadOnlyList<byte[]> Crls)
{
    public static readonly ValidationMaterial Empty = new([], [], []);

    public bool IsEmpty => Certificates.Count == 0 && OcspResponses.Count == 0 && Crls.Count == 0;
}

/// <summary>
/// Produces the validation material of a signer's chain (the platform CA answers in process: its OCSP responses and CRLs,
/// never fetched over the network).
/// </summary>
public interface IValidationMaterialSource
{
    /// <summary>Certificates, OCSP responses and CRLs for the signer's chain (signer first) and the timestamp authority.</summary>
    Task<ValidationMaterial> CollectAsync(IReadOnlyList<X509Certificate> signerChain, CancellationToken cancellationToken = default);
}

/// <summary>
/// The PAdES document security store (ETSI EN 319 142-1 §5.4, ISO 32000-2 §12.8.4.3): appends, in an incremental update of
/// its own after a signature's revision, a <c>/DSS</c> dictionary in the catalog with <c>/Certs</c>, <c>/OCSPs</c>, <c>/CRLs</c>
/// (one stream per DER item, unfiltered) and a <c>/VRI</c> entry keyed by the upper-case hex SHA-1 of the signature's
/// <c>/Contents</c> (all its bytes, padding included, as pyHanko and Adobe key it). An existing DSS is carried over: its
/// items are kept and an item already there (same bytes) is referenced, not written again.
/// </summary>
public static class DocumentSecurityStore
{
    /// <summary>More existing DSS items than this are kept but not compared for duplicates (the comparison reads each one).</summary>
    private const int MaxItemsCompared = 4096;

    /// <summary>
    /// Appends a DSS revision with <paramref name="material"/>, with a VRI entry for the signature whose revision ends the file
    /// (none when the file ends otherwise: material added later, e.g. fresher answers, belongs to no one signature).
    /// </summary>
    public static byte[] Append(ReadOnlyMemory<byte> signedPdf, ValidationMaterial material, PdfSigningOptions? options = null)
    {
        try
        {
            return AppendCore(signedPdf, material, options ?? new PdfSigningOptions());
        }
        catch (Exception ex) when (PdfInput.IsMalformed(ex))
        {
            throw PdfInput.Broken(ex);
        }
    }

    /// <summary>The VRI key of a signature: upper-case hex SHA-1 of its /Contents bytes (padding included).</summary>
    public static string VriKey(ReadOnlySpan<byte> contents)
    {
#pragma warning disable CA5350 // SHA-1 is what PAdES names for VRI keys; it is an identifier, not a security function.
        return Convert.ToHexString(SHA1.HashData(contents));
#pragma warning restore CA5350
    }

    private static byte[] AppendCore(ReadOnlyMemory<byte> pdf, ValidationMaterial material, PdfSigningOptions options)
    {
        var file = PdfFile.Open(pdf, new PdfBudget(options.Limits));
        var signature = RevisionAnalysis.FindSignatures(file).LastOrDefault(s => s.End == pdf.Length);

        var update = new IncrementalUpdate(file);
        var catalog = new PdfDictionary(file.Catalog);
        var old = file.ResolveDict(catalog["DSS"]);
        var certs = Items(file, old?["Certs"]);
        var ocsps = Items(file, old?["OCSPs"]);
        var crls = Items(file, old?["CRLs"]);
        var known = Known(file, certs.Items.Concat(ocsps.Items).Concat(crls.Items));

        List<PdfObject> AddAll(IReadOnlyList<byte[]> ders, PdfArray into)
        {
            var refs = new List<PdfObject>();
            foreach (var der in ders)
            {
                var hash = Convert.ToHexString(SHA256.HashData(der));
                if (!known.TryGetValue(hash, out var r))
                {
                    r = update.Add(new PdfStream(new PdfDictionary(), der));
                    known[hash] = r;
                    into.Items.Add(r);
                }

                if (!refs.Contains(r))
                {
                    refs.Add(r);
                }
            }

            return refs;
        }

        var vriCerts = AddAll(material.Certificates, certs);
        var vriOcsps = AddAll(material.OcspResponses, ocsps);
        var vriCrls = AddAll(material.Crls, crls);

        var vri = file.ResolveDict(old?["VRI"]) is { } oldVri ? new PdfDictionary(oldVri) : new PdfDictionary();
        var entry = new PdfDictionary().Set("Type", new PdfName("VRI")).Set("Cert", new PdfArray(vriCerts));
        if (vriOcsps.Count > 0)
        {
            entry.Set("OCSP", new PdfArray(vriOcsps));
        }

        if (vriCrls.Count > 0)
        {
            entry.Set("CRL", new PdfArray(vriCrls));
        }

        if (signature is not null)
        {
            vri[VriKey(signature.Contents)] = entry;
        }

        // A new DSS object each time: the revision then changes only the catalog's /DSS, an addition every validator allows.
        var dss = new PdfDictionary().Set("Type", new PdfName("DSS")).Set("Certs", certs);
        if (ocsps.Count > 0)
        {
            dss.Set("OCSPs", ocsps);
        }

        if (crls.Count > 0)
        {
            dss.Set("CRLs", crls);
        }

        if (vri.Entries.Count > 0)
        {
            dss.Set("VRI", vri);
        }
        catalog["DSS"] = update.Add(dss);
        update.Replace(file.RootRef.Number, catalog);

        var appended = update.Write();
        var output = new byte[pdf.Length + appended.Length];
        pdf.Span.CopyTo(output);
        appended.Span.CopyTo(output.AsSpan(pdf.Length));
        return output;
    }

    /// <summary>An existing DSS array (direct or not) as a new array of the same entries.</summary>
    private static PdfArray Items(PdfFile file, PdfObject? o) => file.Resolve(o) is PdfArray a ? new PdfArray(a.Items) : new PdfArray();

    private static Dictionary<string, PdfObject> Known(PdfFile file, IEnumerable<PdfObject> items)
    {
        var known = new Dictionary<string, PdfObject>();
        foreach (var item in items.Take(MaxItemsCompared))
        {
            if (item is PdfReference r && file.Resolve(r) is PdfStream st)
            {
                known.TryAdd(Convert.ToHexString(SHA256.HashData(file.DecodeStream(st))), r);
            }
        }

        return known;
    }
}

/// <summary>
/// A document's DSS as the verifier reads it: OCSP responses and CRLs, read and parsed on first use, bounded.
/// The material is untrusted: an answer counts only when its signature verifies with the key of the issuer the caller has
/// already validated (or a delegated OCSP responder that issuer certified for OCSP signing).
/// </summary>
internal sealed class DssMaterial
{
    private const int MaxItems = 1024;

    private readonly PdfFile _file;
    private readonly PdfDictionary _dss;
    private List<Org.BouncyCastle.Ocsp.BasicOcspResp>? _ocsps;
    private List<X509Crl>? _crls;
    private readonly Dictionary<(object Answer, X509Certificate Issuer), bool> _verified = new();

    private DssMaterial(PdfFile file, PdfDictionary dss)
    {
        _file = file;
        _dss = dss;
    }

    /// <summary>The DSS of the file's catalog, or null when it has none; its streams are read on the first question.</summary>
    public static DssMaterial? Read(PdfFile file) => file.ResolveDict(file.Catalog["DSS"]) is { } dss ? new DssMaterial(file, dss) : null;

    private List<byte[]> Streams(string key)
    {
        var list = new List<byte[]>();
        try
        {
            if (_file.Resolve(_dss[key]) is PdfArray a)
            {
                foreach (var item in a.Items.Take(MaxItems))
                {
                    if (_file.Resolve(item) is PdfStream st)
                    {
                        list.Add(_file.DecodeStream(st));
                    }
                }
            }
        }
        catch (Exception ex) when (PdfInput.IsMalformed(ex))
        {
            // A damaged (or too costly) DSS is no material: the signatures are judged without it.
        }

        return list;
    }

    /// <summary>
    /// Whether <paramref name="certificate"/> was revoked at <paramref name="at"/> according to an answer of the DSS that
    /// <paramref name="issuer"/> signed and that speaks for that time (issued at or after it, or current at it); null when none does.
    /// </summary>
    public RevocationStatus? StatusAt(X509Certificate certificate, X509Certificate issuer, DateTimeOffset at)
    {
        var when = at.UtcDateTime;
        var whenSecond = when.AddTicks(-(when.Ticks % TimeSpan.TicksPerSecond));
        bool Covers(DateTime thisUpdate, DateTime? nextUpdate) =>
            thisUpdate.ToUniversalTime() >= whenSecond || (thisUpdate.ToUniversalTime() <= when && (nextUpdate is null || when <= nextUpdate.Value.ToUniversalTime()));

        RevocationStatus? goodSeen = null;
        foreach (var resp in Ocsps())
        {
            foreach (var single in resp.Responses)
            {
                var id = single.GetCertID();
                if (!id.SerialNumber.Equals(certificate.SerialNumber) || !Safe(() => id.MatchesIssuer(issuer))
                    || !Covers(single.ThisUpdate, single.NextUpdate) || !Verified(resp, issuer, () => OcspSignedBy(resp, issuer)))
                {
                    continue;
                }

                switch (single.GetCertStatus())
                {
                    case null:
                        goodSeen ??= RevocationStatus.Good;
                        break;
                    case Org.BouncyCastle.Ocsp.RevokedStatus r when r.RevocationTime.ToUniversalTime() <= when:
                        return new RevocationStatus(RevocationState.Revoked, Utc(r.RevocationTime), $"{certificate.SubjectDN} revoked {r.RevocationTime:u} per an OCSP response in the document");
                    case Org.BouncyCastle.Ocsp.RevokedStatus:
                        goodSeen ??= RevocationStatus.Good;
                        break;
                }
            }
        }

        foreach (var crl in Crls())
        {
            if (!crl.IssuerDN.Equivalent(issuer.SubjectDN) || !Covers(crl.ThisUpdate, crl.NextUpdate)
                || !Verified(crl, issuer, () => Safe(() => { crl.Verify(issuer.GetPublicKey()); return true; })))
            {
                continue;
            }

            if (crl.GetRevokedCertificate(certificate.SerialNumber) is { } entry && entry.RevocationDate.ToUniversalTime() <= when)
            {
                return new RevocationStatus(RevocationState.Revoked, Utc(entry.RevocationDate), $"{certificate.SubjectDN} revoked {entry.RevocationDate:u} per a CRL in the document");
            }

            goodSeen ??= RevocationStatus.Good;
        }

        return goodSeen;
    }

    private bool Verified(object answer, X509Certificate issuer, Func<bool> check)
    {
        if (!_verified.TryGetValue((answer, issuer), out var ok))
        {
            _verified[(answer, issuer)] = ok = check();
        }

        return ok;
    }

    private static bool OcspSignedBy(Org.BouncyCastle.Ocsp.BasicOcspResp resp, X509Certificate issuer)
    {
        if (Safe(() => resp.Verify(issuer.GetPublicKey())))
        {
            return true;
        }

        // A delegated responder: certified by the issuer for OCSP signing (RFC 6960 §4.2.2.2).
        foreach (var responder in resp.GetCerts() ?? [])
        {
            if (responder.IssuerDN.Equivalent(issuer.SubjectDN)
                && Safe(() => { responder.Verify(issuer.GetPublicKey()); return true; })
                && Safe(() => responder.GetExtendedKeyUsage()?.Contains(Org.BouncyCastle.Asn1.X509.KeyPurposeID.id_kp_OCSPSigning) == true)
                && Safe(() => resp.Verify(responder.GetPublicKey())))
            {
                return true;
            }
        }

        return false;
    }

    private List<Org.BouncyCastle.Ocsp.BasicOcspResp> Ocsps() => _ocsps ??= [.. Streams("OCSPs").Select(der =>
    {
        try
        {
            var r = new Org.BouncyCastle.Ocsp.OcspResp(der);
            return r.Status == 0 ? r.GetResponseObject() as Org.BouncyCastle.Ocsp.BasicOcspResp : null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }).OfType<Org.BouncyCastle.Ocsp.BasicOcspResp>()];

    private List<X509Crl> Crls() => _crls ??= [.. Streams("CRLs").Select(der =>
    {
        try
        {
            return new X509Crl(der);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }).OfType<X509Crl>()];

    /// <summary>Hostile DER makes BouncyCastle throw many kinds of exceptions: any of them is "no".</summary>
    private static bool Safe(Func<bool> f)
    {
        try
        {
            return f();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    private static DateTimeOffset Utc(DateTime t) => new(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : DateTime.SpecifyKind(t, DateTimeKind.Utc));
}
