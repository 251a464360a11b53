using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Portal.Application.Common;
using Serilog.Context;

namespace Portal.Web.Hosting;

/// <summary>Fills the scoped current user from the request, and tags logs with a correlation id.</summary>
internal sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, MutableCurrentUser currentUser)
    {
        var correlationId = context.TraceIdentifier;
        context.Response.Headers["X-Correlation-Id"] = correlationId;
        currentUser.Set(UserIdOf(context.User), PlatformRolesOf(context.User), context.Connection.RemoteIpAddress?.ToString(), correlationId);
        using (LogContext.PushProperty("CorrelationId", correlationId))
        {
            await next(context);
        }
    }

    public static Guid? UserIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static IEnumerable<string> PlatformRolesOf(ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Select(c => c.Value);
}

/// <summary>
/// Fills the circuit's current user when it opens and tags every inbound circuit activity's logs
/// with the circuit's correlation id.
/// </summary>
internal sealed class CurrentUserCircuitHandler(
    AuthenticationStateProvider authState, MutableCurrentUser currentUser, IHttpContextAccessor http) : CircuitHandler
{
    private string? _correlationId;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _correlationId = "circuit-" + circuit.Id[..Math.Min(12, circuit.Id.Length)];
        var ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        var state = await authState.GetAuthenticationStateAsync();
        currentUser.Set(CurrentUserMiddleware.UserIdOf(state.User), CurrentUserMiddleware.PlatformRolesOf(state.User), ip, _correlationId);
        authState.AuthenticationStateChanged += async task =>
        {
            var s = await task;
            currentUser.Set(CurrentUserMiddleware.UserIdOf(s.User), CurrentUserMiddleware.PlatformRolesOf(s.User), ip, _correlationId);
        };
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            using (LogContext.PushProperty("CorrelationId", _correlationId))
            {
                await next(context);
            }
        };
}

/// <summary>
/// Ends a user's open circuits in a space when their access to it changes: each registered layout is
/// asked to reload, which starts a new circuit scoped to what the user may still see.
/// </summary>
public sealed class CircuitAccessRegistry : ISpaceAccessNotifier
{
    private readonly ConcurrentDictionary<Guid, Registration> _registrations = new();

    public IDisposable Register(Guid userId, Guid? organizationId, Func<Task> reload)
    {
        var key = Guid.NewGuid();
        _registrations[key] = new Registration(userId, organizationId, reload);
        return new Unregister(() => _registrations.TryRemove(key, out _));
    }

    public void AccessChanged(Guid userId, Guid organizationId)
    {
        foreach (var r in _registrations.Values.Where(r => r.UserId == userId && r.OrganizationId == organizationId))
        {
            _ = r.Reload();
        }
    }

    public void SessionsEnded(Guid userId)
    {
        foreach (var r in _registrations.Values.Where(r => r.UserId == userId))
        {
            _ = r.Reload();
        }
    }

    private sealed record Registration(Guid UserId, Guid? OrganizationId, Func<Task> Reload);

    private sealed class Unregister(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
