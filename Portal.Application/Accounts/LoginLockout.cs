namespace Portal.Application.Accounts;

/// <summary>Password login lockout: five failures in a row lock the account for fifteen minutes.</summary>
public static class LoginLockout
{
    public const int MaxFailedAttempts = 5;

    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);
}
