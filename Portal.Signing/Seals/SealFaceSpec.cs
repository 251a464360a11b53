using System.Text.Json;

namespace Portal.Signing.Seals;

/// <summary>Outline of a seal face.</summary>
public enum SealShape
{
    Round,
    Oval,
    Square,

    /// <summary>A landscape rectangle (人名章 with a name on one line).</summary>
    Rectangle,
}

/// <summary>
/// What a seal face shows, sized in millimetres. Records compare by value, so a spec is also the cache key:
/// the same seal is drawn once (<see cref="SealFaceCache"/>).
/// </summary>
public sealed record SealFaceSpec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>
    /// Reads the stored form of a face (a seal's FaceSpecJson). Application writes it from its own SealFaceDesign, which has
    /// this record's schema (it cannot reference this library); SealFaceModelTests keeps the two in step.
    /// </summary>
    public static SealFaceSpec? FromJson(string? json) =>
        string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<SealFaceSpec>(json, Json);

    /// <summary>The stored form of this face.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public SealShape Shape { get; init; } = SealShape.Round;

    public double WidthMm { get; init; } = 42;

    public double HeightMm { get; init; } = 42;

    /// <summary>Text along the upper arc (the organization name); for square seals, the top rows.</summary>
    public string? ArcText { get; init; }

    /// <summary>Horizontal text under the star (e.g. 合同专用章); for name seals, the name.</summary>
    public string? CenterText { get; init; }

    /// <summary>Text along the lower arc (下弦文, e.g. the seal's code number).</summary>
    public string? BottomCode { get; init; }

    public bool Star { get; init; } = true;

    /// <summary>Draw a horizontal line above the center text.</summary>
    public bool HorizontalLine { get; init; }

    /// <summary>Ink colour as #RRGGBB (red by default).</summary>
    public string Color { get; init; } = "#E60012";

    /// <summary>公章: round 40 or 42 mm, star, organization name on the arc, optional bottom code.</summary>
    public static SealFaceSpec Official(string organization, string? bottomCode = null, double diameterMm = 42) => new()
    {
        Shape = SealShape.Round,
        WidthMm = diameterMm,
        HeightMm = diameterMm,
        ArcText = organization,
        BottomCode = bottomCode,
    };

    /// <summary>A 38 mm round special-purpose seal (合同专用章, 人事专用章, 财务专用章 …).</summary>
    public static SealFaceSpec Special(string organization, string purpose, string? bottomCode = null, double diameterMm = 38) => new()
    {
        Shape = SealShape.Round,
        WidthMm = diameterMm,
        HeightMm = diameterMm,
        ArcText = organization,
        CenterText = purpose,
        BottomCode = bottomCode,
    };

    /// <summary>合同专用章, round 38 mm.</summary>
    public static SealFaceSpec Contract(string organization, string? bottomCode = null) => Special(organization, "合同专用章", bottomCode);

    /// <summary>人事专用章, round 38 mm.</summary>
    public static SealFaceSpec HumanResources(string organization, string? bottomCode = null) => Special(organization, "人事专用章", bottomCode);

    /// <summary>财务专用章: round 38 mm, or square 22 mm with the name on top and the purpose below.</summary>
    public static SealFaceSpec Finance(string organization, bool square = false, string? bottomCode = null) => square
        ? new() { Shape = SealShape.Square, WidthMm = 22, HeightMm = 22, ArcText = organization, CenterText = "财务专用章", Star = false }
        : Special(organization, "财务专用章", bottomCode);

    /// <summary>Oval seal, 45 × 30 mm by default.</summary>
    public static SealFaceSpec Oval(string organization, string? centerText = null, string? bottomCode = null, double widthMm = 45, double heightMm = 30) => new()
    {
        Shape = SealShape.Oval,
        WidthMm = widthMm,
        HeightMm = heightMm,
        ArcText = organization,
        CenterText = centerText,
        BottomCode = bottomCode,
        Star = false,
    };

    /// <summary>法定代表人章: square 20 mm, the name and 印 in a 2 × 2 grid.</summary>
    public static SealFaceSpec LegalRepresentative(string name) => new()
    {
        Shape = SealShape.Square,
        WidthMm = 20,
        HeightMm = 20,
        CenterText = SquareName(name),
        Star = false,
    };

    /// <summary>人名章: a rectangle with the name on one line.</summary>
    public static SealFaceSpec PersonalName(string name) => new()
    {
        Shape = SealShape.Rectangle,
        WidthMm = Math.Max(12, (name.Length * 5.5) + 4),
        HeightMm = 8,
        CenterText = name,
        Star = false,
    };

    // Two-character names become 某某之印 so the grid stays square.
    private static string SquareName(string name) => name.Length switch
    {
        1 => name + "之印",
        2 => name + "之印",
        _ => name + "印",
    };
}
