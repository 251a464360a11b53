using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Application.Common;

namespace Portal.Web.Components.Shared;

/// <summary>Turns a refusal into the sentence the user reads: resource "Error.{Code}" formatted with its arguments.</summary>
public static class ErrorText
{
    public static string Of(IStringLocalizer localizer, PortalError? error)
    {
        if (error is null)
        {
            return "";
        }
        var template = localizer["Error." + error.Code];
        return template.ResourceNotFound
            ? localizer["Error.Unknown"]
            : string.Format(CultureInfo.CurrentCulture, template.Value, error.Args);
    }
}
