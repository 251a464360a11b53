namespace Portal.Web.Components.Layout;

/// <summary>Per circuit: a page that decided a to-do item asks the layout to count the badge again.</summary>
public sealed class TodoBadge
{
    public event Action? Changed;

    public void Refresh() => Changed?.Invoke();
}
