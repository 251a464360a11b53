using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using Portal.Application.Common;

namespace Portal.Web.Components.Shared;

/// <summary>Reads a browser upload into memory for a command, within the upload size limit.</summary>
public static class Upload
{
    public static async Task<(UploadedFile? File, string? Error)> ReadAsync(IBrowserFile file, IStringLocalizer localizer)
    {
        if (file.Size > Uploads.MaxBytes)
        {
            return (null, ErrorText.Of(localizer, new PortalError(Errors.FileTooLarge, Uploads.MaxBytes / 1024 / 1024)));
        }
        using var ms = new MemoryStream();
        await file.OpenReadStream(Uploads.MaxBytes).CopyToAsync(ms);
        return (new UploadedFile(file.Name, ms.ToArray()), null);
    }
}
