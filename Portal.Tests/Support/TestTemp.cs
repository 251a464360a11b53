namespace Portal.Tests.Support;

/// <summary>
/// Where tests write files: one folder per test process under <c>TMPDIR</c>, and below it a fresh folder for each
/// caller. No test writes into a folder another test made, so nothing depends on the order tests run in.
/// </summary>
public static class TestTemp
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), "portal-tests-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        return root;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A new, empty folder of the caller's own (named <paramref name="purpose"/> plus a unique suffix).</summary>
    public static string NewFolder(string purpose)
    {
        var dir = Path.Combine(Root.Value, purpose + "-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A unique path for a new file (not created) in this run's folder.</summary>
    public static string NewFilePath(string extension) =>
        Path.Combine(Root.Value, "file-" + Guid.NewGuid().ToString("N") + extension);

    /// <summary>Deletes a folder a test made; a leftover is harmless (the run's root goes at process exit).</summary>
    public static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
