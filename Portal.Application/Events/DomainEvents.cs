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
