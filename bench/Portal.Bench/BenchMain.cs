namespace Portal.Bench;

internal static class BenchMain
{
    public static int Run(string[] args)
    {
        var verb = args.Length > 0 ? args[0] : "";
        switch (verb)
        {
            case "hsm": return HsmBench.Run(args);
            case "hsm-load": return HsmLoadBench.Run(args);
            case "sign-file": return PdfBench.SignFile(args);
            case "sign": return PdfBench.Sign(args);
            case "verify-file": return PdfBench.VerifyFile(args);
            case "verify": return PdfBench.Verify(args);
            case "make-pdf": return PdfBench.MakePdf(args);
            case "fuzz": return FuzzBench.Run(args);
            case "sign-usecase": return SignUseCaseBench.Run(args);
            case "tasks": return TasksBench.Run(args);
            default:
                Console.Error.WriteLine("usage: Portal.Bench <hsm|hsm-load|sign|sign-file|sign-usecase|tasks|verify|verify-file|make-pdf|fuzz> [options]");
                return 2;
        }
    }
}
