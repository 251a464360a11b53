namespace Portal.Application.Accounts;

/// <summary>
/// The server-side sign-in sessions (docs/adr/0016-server-side-sessions.md). Ending a user's sessions makes every cookie
/// they hold worthless at once and asks their open circuits to reload (which lands them on the login page).
/// </summary>
public interface IUserSessions
{
    Task EndAllAsync(Guid userId, CancellationToken cancellationToken = default);
}
