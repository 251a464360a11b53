using Xunit;
using Xunit.Abstractions;

namespace Portal.Tests.Support;

/// <summary>
/// Starts the SoftHSM2 collection first: its tests run one after the other and it is the longest collection by far, so it
/// takes one of the two workers from the start while the other worker runs the short collections; started last (xunit's
/// default order put it there), it ran alone at the end. The others keep the order they were found in (OrderBy is stable).
/// </summary>
public sealed class LongestCollectionFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == Portal.Tests.Signing.Pkcs11.SoftHsmCollection.Name ? 0 : 1);
}
