namespace Portal.Application.Common;

/// <summary>
/// The scoped <see cref="ICurrentUser"/>: the web host fills it per request and per circuit;
/// seeding and tests set it to act as a given user.
/// </summary>
public sealed class MutableCurrentUser : ICurrentUser
{
    private HashSet<string> _platformRoles = [];

    public Guid? UserId { get; private set; }
    public string? IpAddress { get; private set; }
    public string? CorrelationId { get; private set; }

    public bool IsInPlatformRole(string role) => _platformRoles.Contains(role);

    public void Set(Guid? userId, IEnumerable<string> platformRoles, string? ipAddress = null, string? correlationId = null)
    {
        UserId = userId;
        _platformRoles = [.. platformRoles];
        IpAddress = ipAddress;
        CorrelationId = correlationId;
    }
}
