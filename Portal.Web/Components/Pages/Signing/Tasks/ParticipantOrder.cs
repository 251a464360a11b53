using System.Globalization;
using Portal.Application.Domain;

namespace Portal.Web.Components.Pages.Signing.Tasks;

/// <summary>A participant on the compose page as far as their order goes: the step they sign in (groups).</summary>
internal interface IStepped
{
    int Step { get; set; }
}

/// <summary>
/// The order of a task's participants while it is composed (签署顺序, "drag to reorder"): the list's order is the signing order
/// (sequential) or the order inside each step (groups, where the list is kept sorted by step and the steps numbered 1..n).
/// Dragging drops a participant into a zone — the one list, or a step — at an index; the up/down buttons (the keyboard's way)
/// move one place, joining the neighbouring step when it crosses a step's edge. Pure list work, so a test can check every case.
/// </summary>
internal static class ParticipantOrder
{
    /// <summary>The one drop zone of a sequential (or parallel) list.</summary>
    public const string ListZone = "list";

    /// <summary>The zone a participant is shown in: the list, or their step.</summary>
    public static string ZoneOf(SigningOrder order, IStepped item) =>
        order == SigningOrder.Groups ? item.Step.ToString(CultureInfo.InvariantCulture) : ListZone;

    /// <summary>The zones to show: the list; or each step in use and one more, empty, to start a new step by dropping into it.</summary>
    public static IReadOnlyList<string> Zones<T>(IReadOnlyList<T> items, SigningOrder order) where T : IStepped
    {
        if (order != SigningOrder.Groups)
        {
            return [ListZone];
        }
        var steps = items.Select(x => x.Step).Distinct().Order().ToList();
        steps.Add(steps.Count == 0 ? 1 : steps[^1] + 1);
        return [.. steps.Select(s => s.ToString(CultureInfo.InvariantCulture))];
    }

    /// <summary>
    /// <paramref name="item"/> dropped into <paramref name="zone"/> at <paramref name="indexInZone"/> (its place among that
    /// zone's participants once it is there; out of range or negative: last). Into another step, it signs in that step.
    /// </summary>
    public static void Drop<T>(List<T> items, T item, string zone, int indexInZone, SigningOrder order) where T : class, IStepped
    {
        if (!items.Contains(item))
        {
            return;
        }
        if (order == SigningOrder.Groups)
        {
            if (!int.TryParse(zone, NumberStyles.None, CultureInfo.InvariantCulture, out var step) || step < 1)
            {
                return;
            }
            item.Step = step;
        }
        else if (zone != ListZone)
        {
            return;
        }
        items.Remove(item);
        var members = items.Where(x => ZoneOf(order, x) == zone).ToList();
        var at = indexInZone >= 0 && indexInZone < members.Count ? items.IndexOf(members[indexInZone])
            : members.Count > 0 ? items.IndexOf(members[^1]) + 1
            : items.Count;
        items.Insert(at, item);
        Normalize(items, order);
    }

    /// <summary>
    /// The up (-1) or down (+1) button: swaps with the neighbour; in groups, a participant at the edge of their step joins the
    /// neighbour's step instead (at its end going up, at its start going down).
    /// </summary>
    public static void Move<T>(List<T> items, int index, int by, SigningOrder order) where T : class, IStepped
    {
        var target = index + by;
        if (index < 0 || index >= items.Count || target < 0 || target >= items.Count)
        {
            return;
        }
        if (order == SigningOrder.Groups && items[target].Step != items[index].Step)
        {
            items[index].Step = items[target].Step;
        }
        else
        {
            (items[index], items[target]) = (items[target], items[index]);
        }
        Normalize(items, order);
    }

    /// <summary>A step typed in (groups): the participant moves to the end of that step.</summary>
    public static void SetStep<T>(List<T> items, T item, int step) where T : class, IStepped =>
        Drop(items, item, Math.Max(1, step).ToString(CultureInfo.InvariantCulture), -1, SigningOrder.Groups);

    /// <summary>
    /// The order changed: entering groups from sequential order gives each participant a step of their own in the list's order
    /// (the same signing sequence, ready to be merged by dragging); from parallel, the steps already chosen stay when they follow
    /// the list, otherwise the list's order wins the same way.
    /// </summary>
    public static void OrderChanged<T>(List<T> items, SigningOrder from, SigningOrder to) where T : class, IStepped
    {
        if (to == SigningOrder.Groups && from != SigningOrder.Groups
            && (from == SigningOrder.Sequential || items.Zip(items.Skip(1)).Any(pair => pair.First.Step > pair.Second.Step)))
        {
            for (var i = 0; i < items.Count; i++)
            {
                items[i].Step = i + 1;
            }
        }
        Normalize(items, to);
    }

    /// <summary>Groups: the list sorted by step (stable) and the steps numbered 1..n with no gaps (as the server does).</summary>
    public static void Normalize<T>(List<T> items, SigningOrder order) where T : class, IStepped
    {
        if (order != SigningOrder.Groups)
        {
            return;
        }
        var sorted = items.OrderBy(x => x.Step).ToList();
        var numbers = sorted.Select(x => x.Step).Distinct().Select((s, i) => (s, i + 1)).ToDictionary(p => p.s, p => p.Item2);
        items.Clear();
        foreach (var x in sorted)
        {
            x.Step = numbers[x.Step];
            items.Add(x);
        }
    }
}
