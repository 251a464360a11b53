using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;

namespace Portal.Application.Signing;

/// <summary>One use request with its document (the approver's preview, the signer's confirmation).</summary>
public sealed record UseRequestDetail(UseRequestRow Request, byte[] Pdf, int PageCount, IReadOnlyList<StampSpec> Stamps);

/// <summary>One use request with its document, to the applicant and the approvers only.</summary>
public sealed class GetUseRequest(IPortalDbContextFactory dbFactory, Access access, IFileStore files, IDocumentSigner signer)
{
    public async Task<Result<UseRequestDetail>> ExecuteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var row = (await ListUseRequests.VisibleAsync(db, me.Value!, id, cancellationToken)).FirstOrDefault();
        if (row is null)
        {
            return Result<UseRequestDetail>.Fail(Errors.NotFound);
        }
        var key = await db.SealUseRequests.Where(r => r.Id == id).Select(r => new { r.DocumentFileKey, r.Placements }).FirstAsync(cancellationToken);
        await using var stream = await files.OpenAsync(key.DocumentFileKey, cancellationToken);
        if (stream is null)
        {
            return Result<UseRequestDetail>.Fail(Errors.NotFound);
        }
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        var pdf = buffer.ToArray();
        var pages = signer.Inspect(pdf);
        return new UseRequestDetail(row, pdf, pages.Succeeded ? pages.Value : 1, StampSpec.ParseCanonical(key.Placements));
    }
}
