using Portal.Application.Domain;
using Portal.Web.Components.Pages.Signing.Tasks;

namespace Portal.Tests.Web;

/// <summary>The compose page's signing order (ParticipantOrder): drops, the move buttons, steps typed in and the order switched.</summary>
public class ParticipantOrderTests
{
    private sealed class P(string name, int step = 1) : IStepped
    {
        public string Name { get; } = name;
        public int Step { get; set; } = step;

        public override string ToString() => $"{Name}{Step}";
    }

    private static string Show(IEnumerable<P> items) => string.Join(" ", items);

    private static List<P> List(params P[] items) => [.. items];

    [Theory]
    [InlineData("C", 0, "C1 A1 B1 D1")] // to the top
    [InlineData("A", 3, "B1 C1 D1 A1")] // to the end (its place once there)
    [InlineData("A", 9, "B1 C1 D1 A1")] // past the end, or no index (reorder off): last
    [InlineData("A", -1, "B1 C1 D1 A1")]
    [InlineData("D", 1, "A1 D1 B1 C1")]
    [InlineData("B", 2, "A1 C1 B1 D1")] // one place down
    [InlineData("B", 1, "A1 B1 C1 D1")] // dropped where it was
    public void A_drop_in_a_sequential_list_puts_the_signer_at_the_index(string who, int index, string expected)
    {
        var items = List(new("A"), new("B"), new("C"), new("D"));
        ParticipantOrder.Drop(items, items.Single(x => x.Name == who), ParticipantOrder.ListZone, index, SigningOrder.Sequential);
        Assert.Equal(expected, Show(items));
    }

    [Fact]
    public void A_drop_into_another_step_moves_the_signer_there_and_steps_stay_numbered_without_gaps()
    {
        var items = List(new("A", 1), new("B", 2), new("C", 2), new("D", 3));
        ParticipantOrder.Drop(items, items[3], "2", 0, SigningOrder.Groups);
        Assert.Equal("A1 D2 B2 C2", Show(items));
        // Into the empty "new step" zone: a step of its own at the end.
        Assert.Equal(["1", "2", "3"], ParticipantOrder.Zones(items, SigningOrder.Groups));
        ParticipantOrder.Drop(items, items[0], "3", 0, SigningOrder.Groups);
        Assert.Equal("D1 B1 C1 A2", Show(items)); // step 1 emptied: the steps renumbered
        // A foreign zone name changes nothing.
        ParticipantOrder.Drop(items, items[0], "x", 0, SigningOrder.Groups);
        ParticipantOrder.Drop(items, items[0], "2", 0, SigningOrder.Sequential);
        Assert.Equal("D1 B1 C1 A2", Show(items));
    }

    [Fact]
    public void The_move_buttons_swap_neighbours_and_in_groups_cross_into_the_neighbouring_step()
    {
        var items = List(new("A"), new("B"), new("C"));
        ParticipantOrder.Move(items, 2, -1, SigningOrder.Sequential);
        Assert.Equal("A1 C1 B1", Show(items));
        ParticipantOrder.Move(items, 0, -1, SigningOrder.Sequential); // the first cannot go up
        ParticipantOrder.Move(items, 2, 1, SigningOrder.Sequential);
        Assert.Equal("A1 C1 B1", Show(items));

        var groups = List(new("A", 1), new("B", 1), new("C", 2));
        ParticipantOrder.Move(groups, 0, 1, SigningOrder.Groups); // inside step 1
        Assert.Equal("B1 A1 C2", Show(groups));
        ParticipantOrder.Move(groups, 2, -1, SigningOrder.Groups); // C up: joins step 1 at its end
        Assert.Equal("B1 A1 C1", Show(groups));
        ParticipantOrder.SetStep(groups, groups[0], 5); // a step typed in: the end of that step, numbered on
        Assert.Equal("A1 C1 B2", Show(groups));
        ParticipantOrder.Move(groups, 1, 1, SigningOrder.Groups); // C down: joins step 2 at its start
        Assert.Equal("A1 C2 B2", Show(groups));
    }

    [Fact]
    public void Switching_to_groups_keeps_the_arranged_order_and_a_drop_for_a_stranger_changes_nothing()
    {
        // From sequential: the same sequence, a step each.
        var items = List(new("A", 1), new("B", 1), new("C", 1));
        ParticipantOrder.Move(items, 2, -1, SigningOrder.Sequential);
        ParticipantOrder.OrderChanged(items, SigningOrder.Sequential, SigningOrder.Groups);
        Assert.Equal("A1 C2 B3", Show(items));
        // Back and forth through parallel: the steps chosen stay.
        ParticipantOrder.Drop(items, items[2], "2", -1, SigningOrder.Groups);
        ParticipantOrder.OrderChanged(items, SigningOrder.Groups, SigningOrder.Parallel);
        ParticipantOrder.OrderChanged(items, SigningOrder.Parallel, SigningOrder.Groups);
        Assert.Equal("A1 C2 B2", Show(items));
        ParticipantOrder.Drop(items, new P("X"), "1", 0, SigningOrder.Groups);
        Assert.Equal("A1 C2 B2", Show(items));
    }
}
