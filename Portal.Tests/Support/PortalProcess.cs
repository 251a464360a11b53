using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Application;
using Portal.Infrastructure;

namespace Portal.Tests.Support;

/// <summary>
/// The portal as <c>./run.sh</c> runs it: its own process (Portal.Web.dll from the test output), Development,
/// its own SQLite file and the given settings as environment variables. <see cref="Services"/> are
/// Application + Infrastructure over the same database file, for arranging data through use cases.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly string _dir;
    private readonly System.Text.StringBuilder _output = new();

    private PortalProcess(Process process, string dir, int port, ServiceProvider services)
    {
        _process = process;
        _dir = dir;
        MainUrl = $"http://127.0.0.1:{port}";
        Services = services;
    }

    public string MainUrl { get; }
    public ServiceProvider Services { get; }
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<PortalProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var dir = TestTemp.NewFolder("process");
        Directory.CreateDirectory(dir);
        var connection = $"Data Source={Path.Combine(dir, "portal.db")}";
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll"))
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        psi.Environment["ConnectionStrings__DefaultConnection"] = connection;
        psi.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(dir, "logs", "portal-.log");
        psi.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        psi.Environment["Storage__FilesPath"] = Path.Combine(dir, "files");
        // No Quartz scheduler in the E2E portal: a test that needs a job's effect calls its use case.
        psi.Environment["Jobs__Enabled"] = "false";
        foreach (var (key, value) in TestLimits.Raised)
        {
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        foreach (var (key, value) in settings)
        {
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(psi)!;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:DefaultConnection"] = connection,
            ["Storage:FilesPath"] = Path.Combine(dir, "files"),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddApplication();
        services.AddInfrastructure(configuration);
        services.AddDevelopmentStandIns();
        services.AddPortalIdentityCore();
        services.AddCheapPasswordHashing();
        services.AddSingleton<Portal.Application.Common.ISpaceAccessNotifier, RecordingAccessNotifier>();
        var portal = new PortalProcess(process, dir, port, services.BuildServiceProvider());
        process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        // Migration and the demo seed happen before the server listens: wait until it answers. A start takes seconds
        // on an idle machine; with other builds on the 2 cores (load average near 40) one took over a minute, so the
        // deadline is generous: it only turns a portal that never starts into a failure.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("The portal exited: " + portal.Output);
            }
            try
            {
                // Any answer means it listens (health may be degraded: no HSM pool in this process).
                using var _ = await http.GetAsync(portal.MainUrl + "/healthz");
                return portal;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250);
            }
        }
        await portal.DisposeAsync();
        throw new TimeoutException($"The portal did not start within {StartTimeout.TotalSeconds} s: " + portal.Output);
    }

    /// <summary>Waits until a second endpoint of the portal accepts connections (Kestrel binds its endpoints one after another).</summary>
    public async Task WaitUntilListeningAsync(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (deadline.Elapsed < StartTimeout && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        TestTemp.TryDelete(_dir);
    }
}
