using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;

namespace Portal.Application.Events;

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
