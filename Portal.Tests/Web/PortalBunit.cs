using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Portal.Tests.Web;

/// <summary>
/// The one bUnit context the component tests start from (as MudBlazor's own tests do): loose JS interop, MudBlazor's
/// services, the portal's resources. Under xunit 2.9.3 a test class must not inherit BunitContext (NOTES): each test
/// takes one with <c>await using var ctx = PortalBunit.Create();</c>.
/// </summary>
public static class PortalBunit
{
    /// <param name="checkPopoverProvider">
    /// MudBlazor's check that a MudPopoverProvider is rendered; pages rendered alone (without the layout) turn it off.
    /// </param>
    public static BunitContext Create(bool checkPopoverProvider = false)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        if (checkPopoverProvider)
        {
            ctx.Services.AddMudServices();
        }
        else
        {
            ctx.Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        }
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        return ctx;
    }
}
