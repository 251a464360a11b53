using Portal.Application.Common;

namespace Portal.Tests.Support;

/// <summary>The one way tests assert a use case's result: it succeeded, or it was refused with this error.</summary>
public static class ResultAssert
{
    public static void Ok(Result r) => Assert.True(r.Succeeded, $"expected success, was refused: {r.Error}");

    /// <summary>Asserts success and returns the value.</summary>
    public static T Ok<T>(Result<T> r)
    {
        Assert.True(r.Succeeded, $"expected success, was refused: {r.Error}");
        return r.Value!;
    }

    public static async Task OkAsync(Task<Result> r) => Ok(await r);

    public static async Task<T> OkAsync<T>(Task<Result<T>> r) => Ok(await r);

    /// <summary>Asserts a refusal with exactly <paramref name="code"/> and returns the error (for its arguments).</summary>
    public static PortalError Refused(string code, Result r)
    {
        Assert.False(r.Succeeded, $"expected the refusal {code}, but it succeeded");
        Assert.Equal(code, r.Error!.Code);
        return r.Error;
    }

    /// <inheritdoc cref="Refused(string, Result)"/>
    public static PortalError Refused<T>(string code, Result<T> r)
    {
        Assert.False(r.Succeeded, $"expected the refusal {code}, but it succeeded");
        Assert.Equal(code, r.Error!.Code);
        return r.Error;
    }
}
