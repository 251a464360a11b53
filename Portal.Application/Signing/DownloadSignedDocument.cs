using Microsoft.EntityFrameworkCore;
using Portal.Application.Common;

namespace Portal.Application.Signing;

/// <summary>The signed PDF of one ledger entry, for its signer and for owners/seal admins.</summary>
public sealed class DownloadSignedDocument(WriteUnit unit, IFileStore files)
{
    public Task<Result<(string FileName, byte[] Pdf)>> ExecuteAsync(Guid usageId, CancellationToken cancellationToken = default) =>
        unit.ReadAsync<(string FileName, byte[] Pdf)>(Write.InSpace(), async read =>
        {
            var usage = await read.Db.SealUsages.AsNoTracking().FirstOrDefaultAsync(u => u.Id == usageId, cancellationToken);
            if (usage is null || (!ListSealUsages.SeesAll(read.Me!) && usage.UserId != read.Me!.UserId))
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
        }, cancellationToken);
}
