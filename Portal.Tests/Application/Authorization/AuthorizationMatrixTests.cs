using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application;
using Portal.Application.Common;
using Portal.Tests.Support;
using Xunit.Abstractions;

namespace Portal.Tests.Application.Authorization;

/// <summary>
/// The authorization matrix (issue 13): every Application use case, routable page and HTTP endpoint — found by reflection
/// and route discovery — against every role in two tenants. A new one without a row in <see cref="AuthorizationMatrix"/>
/// fails here. Use cases run for real (one database per tenant pair, from the seeded template); pages and endpoints are
/// checked through the policies they carry, which the host enforces.
/// </summary>
public class AuthorizationMatrixTests(TenantPair pair, ITestOutputHelper output) : IClassFixture<TenantPair>
{
    /// <summary>
    /// The refusals that say "not you": not a member, not your role, not found in your scope — and the specific forms of them
    /// (the seal policy's role check, the legal representative's own consent, a signature or department not in your scope).
    /// </summary>
    private static readonly string[] AuthorizationRefusals =
    [
        Errors.NotAMember, Errors.Forbidden, Errors.NotFound, Errors.SealPolicyForbids, Errors.NotLegalRepresentative,
        Errors.SignatureNotFound, Errors.DepartmentNotFound,
    ];

    /// <summary>Refusals of an allowed caller that mean the matrix is wrong (NotFound counts only where the probe names B's data).</summary>
    private static bool RefusesCaller(UseCaseEntry entry, PortalError error) =>
        error.Code is Errors.NotSignedIn or Errors.NotAMember or Errors.Forbidden || (error.Code == Errors.NotFound && entry.Reach == Reach.TenantB);

    /// <summary>Every use case method: public, on a class that <see cref="DependencyInjection.AddApplication"/> registers, returning a Task or a Result.</summary>
    public static IReadOnlyList<(Type Type, string Method)> DiscoverUseCases()
    {
        var services = new ServiceCollection().AddApplication().AddDevelopmentProviders();
        var types = services.SelectMany(d => new[] { d.ServiceType, d.ImplementationType })
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.Assembly == typeof(Result).Assembly && !t.IsGenericType)
            .Select(t => t!).Distinct();
        return types.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && IsUseCaseReturn(m.ReturnType))
                .Select(m => (t, m.Name)))
            .Distinct().OrderBy(x => x.Item1.Name).ThenBy(x => x.Name).ToList();
    }

    private static bool IsUseCaseReturn(Type type) =>
        type == typeof(Task) || type == typeof(ValueTask) || type == typeof(Result)
        || (type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(Task<>) || d == typeof(ValueTask<>) || d == typeof(Result<>)));

    /// <summary>Every routable Blazor component with its route templates.</summary>
    public static IReadOnlyList<(Type Component, string Route)> DiscoverPages() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>(inherit: false).Select(r => (t, r.Template)))
            .OrderBy(x => x.Template, StringComparer.Ordinal).ToList();

    [Fact]
    public void Every_use_case_has_a_row_and_every_row_names_a_use_case()
    {
        var found = DiscoverUseCases().Select(x => $"{x.Type.Name}.{x.Method}").ToHashSet();
        var rows = AuthorizationMatrix.UseCases.Select(e => e.Key).Concat(AuthorizationMatrix.Services.Select(s => s.Key)).ToList();
        var missing = found.Except(rows).Order().ToList();
        Assert.True(missing.Count == 0, "Add it to the matrix (Portal.Tests/Application/Authorization/AuthorizationMatrix.cs): " + string.Join(", ", missing));
        var stale = rows.Except(found).Order().ToList();
        Assert.True(stale.Count == 0, "Rows naming no use case (renamed or removed?): " + string.Join(", ", stale));
        var twice = rows.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "Rows given twice: " + string.Join(", ", twice));
        Assert.All(AuthorizationMatrix.UseCases, e => Assert.True(e.Probe is not null || e.Note is not null, $"{e.Key}: a probe, or a note saying where it is tested"));
    }

    [Fact]
    public void Every_page_has_a_row_and_its_policy_admits_exactly_the_roles_of_the_row()
    {
        var pages = DiscoverPages();
        var rows = AuthorizationMatrix.Pages.ToDictionary(p => p.Route, StringComparer.Ordinal);
        var missing = pages.Select(p => p.Route).Where(r => !rows.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "Add the page to the matrix: " + string.Join(", ", missing));
        var stale = rows.Keys.Except(pages.Select(p => p.Route)).ToList();
        Assert.True(stale.Count == 0, "Page rows naming no page: " + string.Join(", ", stale));
        var wrong = new List<string>();
        foreach (var (component, route) in pages)
        {
            var admitted = Enum.GetValues<Role>().Where(r => Admits(component.GetCustomAttributes(inherit: true), r)).ToList();
            var expected = Enum.GetValues<Role>().Where(r => rows[route].Allowed.Has(r)).ToList();
            if (!admitted.SequenceEqual(expected))
            {
                wrong.Add($"{route}: the page admits [{string.Join(", ", admitted)}], the matrix says [{string.Join(", ", expected)}]");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>What the host's policies grant a role in its own space (<see cref="Permissions.For"/>, as PermissionAuthorizationHandler).</summary>
    internal static bool Admits(IEnumerable<object> metadata, Role role)
    {
        var list = metadata.ToList();
        if (list.OfType<IAllowAnonymous>().Any())
        {
            return true;
        }
        var authorize = list.OfType<IAuthorizeData>().ToList();
        if (authorize.Count == 0)
        {
            return true;
        }
        if (role == Role.Anonymous)
        {
            return false;
        }
        var granted = Permissions.For(OrgRolesOf(role), PlatformRolesOf(role));
        return authorize.All(a => (a.Policy is null || granted.Contains(a.Policy)) && a.Roles is null);
    }

    private static Portal.Application.Domain.OrgRoles? OrgRolesOf(Role role) => role switch
    {
        Role.Member => Portal.Application.Domain.OrgRoles.Member,
        Role.DepartmentHead => Portal.Application.Domain.OrgRoles.DepartmentHead,
        Role.SealAdmin => Portal.Application.Domain.OrgRoles.SealAdmin,
        Role.Owner => Portal.Application.Domain.OrgRoles.Owner,
        _ => null,
    };

    private static string[] PlatformRolesOf(Role role) => role switch
    {
        Role.CaSupport => [Portal.Application.Domain.PlatformRoles.CaSupport],
        Role.PlatformAdmin => [Portal.Application.Domain.PlatformRoles.PlatformAdmin],
        _ => [],
    };

    [Fact]
    public void The_matrix_prints_its_size()
    {
        var roles = Enum.GetValues<Role>().Length;
        const int Tenants = 2;
        var entries = AuthorizationMatrix.UseCases.Count + AuthorizationMatrix.Pages.Count + AuthorizationMatrix.Endpoints.Count;
        var probed = AuthorizationMatrix.UseCases.Count(e => e.Probe is not null);
        output.WriteLine($"Authorization matrix: {entries} entries ({AuthorizationMatrix.UseCases.Count} use cases, {probed} of them run for every actor; "
            + $"{AuthorizationMatrix.Pages.Count} pages; {AuthorizationMatrix.Endpoints.Count} endpoints) × {roles} roles × {Tenants} tenants = {entries * roles * Tenants} cells");
        Console.WriteLine($"Authorization matrix: {entries} entries × {roles} roles × {Tenants} tenants = {entries * roles * Tenants} cells");
        Assert.True(probed > AuthorizationMatrix.UseCases.Count / 2);
    }

    /// <summary>Input is judged after the caller: bad input from an anonymous caller gets "sign in", never a validation message.</summary>
    [Fact]
    public async Task An_anonymous_caller_with_bad_input_is_refused_for_who_they_are_before_the_input_is_read()
    {
        var anonymous = pair.Actors.Single(a => a.Role == Role.Anonymous);
        var junk = new Portal.Application.Common.UploadedFile("x.exe", [1]);
        var probes = new (Type UseCase, Func<object, Task<object?>> Act)[]
        {
            (typeof(Portal.Application.Organizations.ApplyForOwner),
                async s => await ((Portal.Application.Organizations.ApplyForOwner)s).ExecuteAsync(null, null)),
            (typeof(Portal.Application.Organizations.RequestInformationChange),
                async s => await ((Portal.Application.Organizations.RequestInformationChange)s).ExecuteAsync(
                    new Portal.Application.Organizations.InformationChangeRequest(null, null, null, null, new string('x', 600), junk))),
            (typeof(Portal.Application.Seals.MakeScannedSeal),
                async s => await ((Portal.Application.Seals.MakeScannedSeal)s).ExecuteAsync(
                    Portal.Application.Domain.SealType.Official, "", null, junk, 500)),
            (typeof(Portal.Application.Organizations.CreateOrganization),
                async s => await ((Portal.Application.Organizations.CreateOrganization)s).ExecuteAsync(
                    new Portal.Application.Organizations.CreateOrganizationRequest("", "bad", default, "", "bad", false))),
        };
        foreach (var (useCase, act) in probes)
        {
            var error = ErrorOf(await pair.RunAsAsync(anonymous, useCase, act));
            Assert.True(error?.Code == Errors.NotSignedIn, $"{useCase.Name}: {error?.Code ?? "succeeded"}");
        }
    }

    public static IEnumerable<object[]> ProbedUseCases => AuthorizationMatrix.UseCases.Where(e => e.Probe is not null).Select(e => new object[] { e });

    [Theory]
    [MemberData(nameof(ProbedUseCases))]
    public async Task Use_case_admits_exactly_the_roles_of_its_row_and_shows_no_other_tenant(UseCaseEntry entry)
    {
        var failures = new List<string>();
        // Refusals first (they must change nothing), then the allowed ones; roles of no tenant run once for both columns.
        var actors = pair.Actors.OrderBy(a => Expected(entry, a)).ToList();
        foreach (var actor in actors)
        {
            var allowed = Expected(entry, actor);
            object? outcome;
            try
            {
                outcome = await pair.RunAsAsync(actor, entry.UseCase, s => entry.Probe!(s, pair));
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failures.Add($"{actor}: threw {e.GetType().Name}: {e.Message}");
                continue;
            }
            var error = ErrorOf(outcome);
            if (allowed)
            {
                if (error is not null && RefusesCaller(entry, error))
                {
                    failures.Add($"{actor}: allowed by the matrix, refused with {error}");
                }
            }
            else if (error is null)
            {
                failures.Add($"{actor}: refused by the matrix, but it worked ({Describe(outcome)})");
            }
            else if (actor.Role == Role.Anonymous ? error.Code != Errors.NotSignedIn : !AuthorizationRefusals.Contains(error.Code))
            {
                failures.Add($"{actor}: refused, but with {error} instead of "
                    + (actor.Role == Role.Anonymous ? Errors.NotSignedIn : string.Join("/", AuthorizationRefusals)) + " (refused for another reason than who the caller is?)");
            }
            if (error is null && LeakOf(entry, actor, outcome) is { } leak)
            {
                failures.Add($"{actor}: sees the other tenant's {leak}");
            }
        }
        Assert.True(failures.Count == 0, $"{entry.Key} ({entry.Allowed}, {entry.Reach}):\n  " + string.Join("\n  ", failures));
    }

    /// <summary>Whether the matrix lets <paramref name="actor"/> through.</summary>
    internal static bool Expected(UseCaseEntry entry, Actor actor) =>
        entry.Allowed.Has(actor.Role) && !(entry.Reach == Reach.TenantB && actor.Tenant == Tenant.A);

    private static PortalError? ErrorOf(object? outcome) => outcome switch
    {
        Result r => r.Error,
        null => null,
        _ when outcome.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(Result<>) =>
            (PortalError?)t.GetProperty(nameof(Result.Error))!.GetValue(outcome),
        _ => null,
    };

    private static readonly JsonSerializerOptions Json = new()
    {
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 32,
    };

    private static string Describe(object? outcome)
    {
        if (outcome is null)
        {
            return "no value";
        }
        try
        {
            var text = JsonSerializer.Serialize(outcome, outcome.GetType(), Json);
            return text.Length > 300 ? text[..300] + "…" : text;
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException or ArgumentException)
        {
            return outcome.ToString() ?? "";
        }
    }

    /// <summary>The first marker of a tenant the actor does not belong to found in what it got, if any.</summary>
    private string? LeakOf(UseCaseEntry entry, Actor actor, object? outcome)
    {
        if (outcome is null || entry.Reach == Reach.Public || (entry.Reach == Reach.Platform && actor.Role is Role.PlatformAdmin or Role.CaSupport))
        {
            return null;
        }
        string text;
        try
        {
            text = JsonSerializer.Serialize(outcome, outcome.GetType(), Json);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException or ArgumentException)
        {
            text = outcome.ToString() ?? "";
        }
        var foreign = actor.Tenant switch
        {
            Tenant.A => pair.MarkersOf(Tenant.B),
            Tenant.B => pair.MarkersOf(Tenant.A),
            _ => pair.MarkersOf(Tenant.A).Concat(pair.MarkersOf(Tenant.B)),
        };
        return foreign.FirstOrDefault(m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The rest of the tenant harness, run against the same pair: deep cases of one tenant's owner reaching for the other's data.</summary>
public class TenantIsolationTests(TenantPair pair) : IClassFixture<TenantPair>
{
    [Theory]
    [MemberData(nameof(TenantIsolationCases.Data), MemberType = typeof(TenantIsolationCases))]
    public Task Tenant_A_cannot_reach_tenant_B(IsolationCase @case) => @case.Check(pair);
}

/// <summary>The HTTP endpoints of the real host (route discovery): each has a row, and its policy admits exactly the row's roles.</summary>
public class EndpointMatrixTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    /// <summary>Every routed endpoint that is not a Blazor page (those are rows of their own) nor a static file.</summary>
    private IReadOnlyList<(string Key, IReadOnlyList<object> Metadata)> DiscoverEndpoints()
    {
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null
                && e.Metadata.All(m => m.GetType().Name != "StaticAssetDescriptor" && m.GetType().Name != "ResourceCollectionUrlMetadata")
                && !(e.RoutePattern.RawText ?? "").StartsWith("/_", StringComparison.Ordinal))
            .Select(e => ($"{string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])} {e.RoutePattern.RawText}",
                (IReadOnlyList<object>)e.Metadata.ToList()))
            .DistinctBy(e => e.Item1).OrderBy(e => e.Item1, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Every_endpoint_has_a_row_and_its_policy_admits_exactly_the_roles_of_the_row()
    {
        var endpoints = DiscoverEndpoints();
        var rows = AuthorizationMatrix.Endpoints.ToDictionary(e => e.Key, StringComparer.Ordinal);
        var missing = endpoints.Select(e => e.Key).Where(k => !rows.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Add the endpoint to the matrix: " + string.Join(" | ", missing));
        var stale = rows.Keys.Except(endpoints.Select(e => e.Key)).ToList();
        Assert.True(stale.Count == 0, "Endpoint rows naming no endpoint: " + string.Join(" | ", stale));
        var wrong = new List<string>();
        foreach (var (key, metadata) in endpoints)
        {
            var admitted = Enum.GetValues<Role>().Where(r => AuthorizationMatrixTests.Admits(metadata, r)).ToList();
            var expected = Enum.GetValues<Role>().Where(r => rows[key].Allowed.Has(r)).ToList();
            if (!admitted.SequenceEqual(expected))
            {
                wrong.Add($"{key}: the endpoint admits [{string.Join(", ", admitted)}], the matrix says [{string.Join(", ", expected)}]");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
