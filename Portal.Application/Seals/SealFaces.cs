using System.Text.Json;
using Portal.Application.Common;
using Portal.Application.Domain;

namespace Portal.Application.Seals;

/// <summary>Outline of a seal face (the PDF engine's SealShape, same order).</summary>
public enum SealFaceShape
{
    Round = 0,
    Oval = 1,
    Square = 2,
    Rectangle = 3,
}

/// <summary>
/// What a template seal face shows, in millimetres. Serialized as <see cref="Seal.FaceSpecJson"/> with the same property names
/// as the PDF engine's SealFaceSpec, so Infrastructure reads it into that type directly.
/// </summary>
public sealed record SealFaceDesign
{
    public SealFaceShape Shape { get; init; } = SealFaceShape.Round;
    public double WidthMm { get; init; } = 42;
    public double HeightMm { get; init; } = 42;
    public string? ArcText { get; init; }
    public string? CenterText { get; init; }
    public string? BottomCode { get; init; }
    public bool Star { get; init; } = true;
    public bool HorizontalLine { get; init; }
    public string Color { get; init; } = SealFaces.SealRed;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SealFaceDesign? FromJson(string json) =>
        string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<SealFaceDesign>(json, Json);
}

/// <summary>Renders seal faces and cleans scanned stamps (SkiaSharp, in Infrastructure).</summary>
public interface ISealFaceRenderer
{
    /// <summary>A PNG preview of a template face.</summary>
    byte[] RenderPng(SealFaceDesign design);

    /// <summary>
    /// 扫描印章: a photo of a stamp on white paper → a transparent PNG cropped to the ink, recoloured seal red; null when no
    /// ink was found or the image cannot be read.
    /// </summary>
    byte[]? CleanScan(byte[] image);

    /// <summary>
    /// 手写签名: a drawn (transparent canvas) or photographed (white paper) signature → a transparent PNG cropped to the
    /// strokes, in near-black ink; null when no strokes were found or the image cannot be read.
    /// </summary>
    byte[]? CleanSignature(byte[] image);

    /// <summary>
    /// Reads only the image's header: <see cref="Errors.ImageTooLarge"/> when it declares more than <see cref="MaxMegapixels"/>
    /// (a 1.2 MB PNG can declare 20000 × 20000, 1.6 GB once decoded); null otherwise, also for bytes no codec reads
    /// (the clean-up then says the image is unreadable).
    /// </summary>
    PortalError? CheckImage(byte[] image);

    /// <summary>The most an uploaded image may declare, in millions of pixels.</summary>
    const int MaxMegapixels = 40;
}

/// <summary>The standard faces per seal type (GB-style sizes) and default seal names.</summary>
public static class SealFaces
{
    public const string SealRed = "#E60012";

    /// <summary>The purpose text of a special seal type (合同专用章 …); null for 公章 and 法定代表人章.</summary>
    public static string? Purpose(SealType type) => type switch
    {
        SealType.Contract => "合同专用章",
        SealType.Finance => "财务专用章",
        SealType.HumanResources => "人事专用章",
        _ => null,
    };

    /// <summary>The seal's default name: 公章, 合同专用章 …, "{legal rep}印" for the legal-representative seal.</summary>
    public static string DefaultName(SealType type, string legalRepresentativeName) => type switch
    {
        SealType.Official => "公章",
        SealType.LegalRepresentative => "法定代表人章（" + legalRepresentativeName + "）",
        SealType.Name => legalRepresentativeName,
        _ => Purpose(type)!,
    };

    /// <summary>人名章: a rectangle with the name on one line (the PDF engine's PersonalName template).</summary>
    public static SealFaceDesign PersonalName(string name) => new()
    {
        Shape = SealFaceShape.Rectangle,
        WidthMm = Math.Max(12, (name.Length * 5.5) + 4),
        HeightMm = 8,
        CenterText = name,
        Star = false,
    };

    /// <summary>The template face of a seal type for an organization; a department seal shows the department as center text.</summary>
    public static SealFaceDesign Template(SealType type, string organizationName, string legalRepresentativeName, string? centerText = null,
        string? bottomCode = null) => type switch
        {
            SealType.Official => new SealFaceDesign
            {
                Shape = SealFaceShape.Round,
                WidthMm = 42,
                HeightMm = 42,
                ArcText = organizationName,
                CenterText = centerText,
                BottomCode = bottomCode,
            },
            SealType.LegalRepresentative => new SealFaceDesign
            {
                Shape = SealFaceShape.Square,
                WidthMm = 20,
                HeightMm = 20,
                Star = false,
                CenterText = legalRepresentativeName.Length <= 2 ? legalRepresentativeName + "之印" : legalRepresentativeName + "印",
            },
            _ => new SealFaceDesign
            {
                Shape = SealFaceShape.Round,
                WidthMm = 38,
                HeightMm = 38,
                ArcText = organizationName,
                CenterText = centerText ?? Purpose(type),
                BottomCode = bottomCode,
            },
        };
}
