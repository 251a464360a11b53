using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;

namespace Portal.Application.Events;

/// <summary>Something that happened to an organization which other features react to.</summary>
public interface IDomainEvent
{
    Guid OrganizationId { get; }
}

/// <summary>
/// Reacts to <typeparamref name="TEvent"/> inside the raising command's write transaction, through the same
/// context: the handler's changes commit or roll back with the command (one unit of work). A handler that
/// refuses throws; the command's transaction is then not committed.
/// </summary>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    Task HandleAsync(IPortalDbContext db, TEvent domainEvent, CancellationToken cancellationToken);
}

/// <summary>Dispatches events to every registered handler, in registration order.</summary>
public sealed class DomainEvents(IServiceProvider services)
{
    public async Task PublishAsync<TEvent>(IPortalDbContext db, TEvent domainEvent, CancellationToken cancellationToken = default)
        where TEvent : IDomainEvent
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Domain events are published inside the command's write transaction.");
        }
        foreach (var handler in services.GetServices<IDomainEventHandler<TEvent>>())
        {
            await handler.HandleAsync(db, domainEvent, cancellationToken);
        }
    }
}

/// <summary>What would follow from an event, shown to the user before they confirm: a message key "Consequence.{Code}" and its arguments.</summary>
public sealed record Consequence(string Code, params object[] Args);

/// <summary>Lists the consequences <typeparamref name="TEvent"/> would have (the seals issue: seals voided, grants revoked…).</summary>
public interface IConsequenceProvider<in TEvent> where TEvent : IDomainEvent
{
    Task<IReadOnlyList<Consequence>> PreviewAsync(IPortalDbContext db, TEvent domainEvent, CancellationToken cancellationToken);
}

/// <summary>Collects every provider's consequences of an event that has not happened yet.</summary>
public sealed class ConsequencePreview(IServiceProvider services)
{
    public async Task<IReadOnlyList<Consequence>> PreviewAsync<TEvent>(IPortalDbContext db, TEvent domainEvent,
        CancellationToken cancellationToken = default) where TEvent : IDomainEvent
    {
        var all = new List<Consequence>();
        foreach (var provider in services.GetServices<IConsequenceProvider<TEvent>>())
        {
            all.AddRange(await provider.PreviewAsync(db, domainEvent, cancellationToken));
        }
        return all;
    }
}

public static class DomainEventRegistration
{
    /// <summary>How later features subscribe: <c>services.AddDomainEventHandler&lt;OrganizationCertified, CreateDefaultSeals&gt;()</c>.</summary>
    public static IServiceCollection AddDomainEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IDomainEvent where THandler : class, IDomainEventHandler<TEvent> =>
        services.AddScoped<IDomainEventHandler<TEvent>, THandler>();

    public static IServiceCollection AddConsequenceProvider<TEvent, TProvider>(this IServiceCollection services)
        where TEvent : IDomainEvent where TProvider : class, IConsequenceProvider<TEvent> =>
        services.AddScoped<IConsequenceProvider<TEvent>, TProvider>();
}
