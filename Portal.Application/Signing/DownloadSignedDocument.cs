using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;

namespace Portal.Application.Signing;

/// <summary>The signed PDF of one ledger entry, for its signer and for owners/seal admins.</summary>
public sealed class DownloadSignedDocument(IPortalDbContextFactory dbFactory, Access access, IFileStore files)
{
    public async Task<Result<(string FileName, byte[] Pdf)>> ExecuteAsync(Guid usageId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var me = await access.RequireAsync(db, cancellationToken: cancellationToken);
        if (!me.Succeeded)
        {
            return me.Error!;
        }
        var usage = await db.SealUsages.AsNoTracking().FirstOrDefaultAsync(u => u.Id == usageId, cancellationToken);
        if (usage is null || (!ListSealUsages.SeesAll(me.Value!) && usage.UserId != me.Value!.UserId))
        {
            return Result<(string, byte[])>.Fail(Errors.NotFound);
        }
        await using var stream = await files.OpenAsync(usage.SignedFileKey, cancellationToken);
        if (stream is null)
        {
            return Result<(string, byte[])>.Fail(Errors.NotFound);
        }
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return (SignWithSeal.SignedName(usage.DocumentName), buffer.ToArray());
    }
}
