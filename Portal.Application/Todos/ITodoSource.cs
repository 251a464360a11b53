using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Todos;

/// <summary>
/// One pending item on a member's 待办任务 list. <paramref name="Kind"/> names the source (resource key
/// <c>Todo.Kind.{Kind}</c>); <paramref name="Link"/>, when set, is the page where the item is handled instead of inline.
/// </summary>
public sealed record TodoRow(string Kind, Guid Id, string Subject, string? RequestedBy, string Reason, DateTime CreatedAtUtc,
    string? Link = null);

/// <summary>
/// A kind of to-do (join requests, member removals, grant-request steps, use approvals …). Each feature registers its
/// own with <see cref="TodoServiceCollectionExtensions.AddTodoSource{TSource}"/>; <see cref="ListTodos"/> gathers them.
/// </summary>
public interface ITodoSource
{
    /// <summary>Unique name of the kind; also the resource suffix <c>Todo.Kind.{Kind}</c>.</summary>
    string Kind { get; }

    /// <summary>
    /// The items <paramref name="me"/> may decide in the context's organization (the source decides who sees what:
    /// the owner, a department head, a seal admin …). Runs inside the caller's context; must not write.
    /// </summary>
    Task<IReadOnlyList<TodoRow>> ListAsync(IPortalDbContext db, Membership me, CancellationToken cancellationToken);

    /// <summary>Approves or rejects one item (re-checking everything server-side, in its own unit of work).</summary>
    Task<Result> DecideAsync(Guid id, bool approve, string? reason, CancellationToken cancellationToken);
}

public static class TodoServiceCollectionExtensions
{
    public static IServiceCollection AddTodoSource<TSource>(this IServiceCollection services)
        where TSource : class, ITodoSource =>
        services.AddScoped<ITodoSource, TSource>();
}
