using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Portal.Infrastructure.Identity;

namespace Portal.Web.Hosting;

internal static class SessionSetup
{
    /// <summary>
    /// The application cookie keeps its ticket on the server (<see cref="DbTicketStore"/>): the cookie's sliding expiry is
    /// <c>Sessions:SlidingLifetime</c> (8 h), the store adds <c>Sessions:AbsoluteLifetime</c> (12 h) and revocation.
    /// </summary>
    public static IServiceCollection AddServerSideSessions(this IServiceCollection services)
    {
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DbTicketStore, SignInSessionOptions>((o, store, sessions) =>
            {
                o.SessionStore = store;
                o.ExpireTimeSpan = sessions.SlidingLifetime;
            });
        return services;
    }

    /// <summary>
    /// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only from loopback and the proxies listed in
    /// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR, e.g. 10.0.0.0/8),
    /// so the request's scheme (and with it the cookie's Secure flag) and client address are the proxy's report.
    /// </summary>
    public static void AddPortalForwardedHeaders(this WebApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<List<string>>() ?? [];
        var networks = builder.Configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<List<string>>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
    }
}
