using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Signing;
using Portal.Signing.Pkcs11;

namespace Portal.Infrastructure.Signing;

/// <summary>The pool's status for the platform page; the pool exists only when tokens are configured.</summary>
internal sealed class HsmPoolMonitor(IServiceProvider services, SigningAvailability availability) : IHsmPoolMonitor
{
    public IReadOnlyList<HsmTokenView>? Tokens() =>
        availability.IsConfigured
            ? services.GetRequiredService<HsmPool>().GetStatus().Tokens
                .Select(t => new HsmTokenView(t.Label, t.IsUp, t.SessionsInUse, t.MaxSessions, t.Operations, t.P50Milliseconds, t.P95Milliseconds,
                    t.LastError))
                .ToList()
            : null;
}
