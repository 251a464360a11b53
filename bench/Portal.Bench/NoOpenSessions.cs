using Portal.Application.Common;

namespace Portal.Bench;

/// <summary>A bench has no browser sessions to tell about access changes (the demo seed's invitations accepted, …).</summary>
internal sealed class NoOpenSessions : ISpaceAccessNotifier
{
    public void AccessChanged(Guid userId, Guid organizationId)
    {
    }
}
