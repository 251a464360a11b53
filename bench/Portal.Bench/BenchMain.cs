namespace Portal.Bench;

internal static class BenchMain
{
    public static int Run(string[] args)
    {
        var verb = args.Length > 0 ? args[0] : "";
        switch (verb)
        {
            case "hsm": return HsmBench.Run(args);
            case "sign-file": return PdfBench.SignFile(args);
            case "sign": return PdfBench.Sign(args);
            case "verify-file": return PdfBench.VerifyFile(args);
            case "verify": return PdfBench.Verify(args);
            case "sign-usecase": return SignUseCaseBench.Run(args);
            default:
                Console.Error.WriteLine("usage: Portal.Bench <hsm|sign|sign-file|sign-usecase|verify|verify-file> [options]");
                return 2;
        }
    }
}
