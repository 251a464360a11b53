namespace Portal.Application.Common;

/// <summary>Who is calling, from where: filled by the web host per request or circuit.</summary>
public interface ICurrentUser
{
    Guid? UserId { get; }
    string? IpAddress { get; }
    string? CorrelationId { get; }
    bool IsInPlatformRole(string role);
}

/// <summary>The space the current user works in (null: personal space).</summary>
public interface ICurrentSpace
{
    /// <summary>Resolves the user's remembered space, falling back to personal when the membership is gone.</summary>
    Task<Guid?> GetOrganizationIdAsync(CancellationToken cancellationToken = default);
}
