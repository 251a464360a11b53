using Portal.Application.Certificates;
using Quartz;

namespace Portal.Infrastructure.Jobs;

/// <summary>Runs <see cref="SendExpiryWarnings"/> (every <c>Jobs:CertificateExpiryWarningsEvery</c>; it logs what it sent).</summary>
[DisallowConcurrentExecution]
internal sealed class CertificateExpiryWarningsJob(SendExpiryWarnings warn) : IJob
{
    public static readonly JobKey Key = new("certificate-expiry-warnings", PortalJobs.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await warn.ExecuteAsync(cancellationToken);
}
