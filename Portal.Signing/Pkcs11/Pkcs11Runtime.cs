using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Portal.Signing.Pkcs11;

/// <summary>The process-wide PKCS#11 library: loaded once (multi-threaded) and never unloaded.</summary>
/// <remarks>
/// NOTES: a second instance breaks the first (CKR_CRYPTOKI_NOT_INITIALIZED) and unloading while another
/// thread signs segfaults, so the library lives as long as the process.
/// </remarks>
public static class Pkcs11Runtime
{
    private static readonly Lock Gate = new();
    private static IPkcs11Library? _library;
    private static string? _modulePath;
    private static bool _resolverInstalled;

    /// <summary>The factories every Pkcs11Interop object is created with.</summary>
    public static Pkcs11InteropFactories Factories { get; } = new();

    /// <summary>Returns the library for <paramref name="modulePath"/>, loading it on first use.</summary>
    public static IPkcs11Library GetLibrary(string modulePath)
    {
        lock (Gate)
        {
            if (_library is not null)
            {
                if (!string.Equals(_modulePath, modulePath, StringComparison.Ordinal))
                {
                    throw new HsmException("hsm.config", $"PKCS#11 module {_modulePath} is already loaded; one module per process.");
                }

                return _library;
            }

            InstallLibdlResolver();
            try
            {
                _library = Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, modulePath, AppType.MultiThreaded);
            }
            catch (Exception e) when (e is not HsmException)
            {
                throw new HsmException("hsm.config", $"Cannot load PKCS#11 module {modulePath}: {e.Message}", inner: e);
            }

            _modulePath = modulePath;
            return _library;
        }
    }

    // Debian 12's glibc ships only libdl.so.2 while Pkcs11Interop dlopens "libdl" (NOTES).
    private static void InstallLibdlResolver()
    {
        if (_resolverInstalled || !OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, static (name, _, _) =>
                name == "libdl" && NativeLibrary.TryLoad("libdl.so.2", out var handle) ? handle : IntPtr.Zero);
        }
        catch (InvalidOperationException)
        {
            // Someone else in the process already installed a resolver for the assembly; keep theirs.
        }

        _resolverInstalled = true;
    }
}
