namespace Portal.Web;

/// <summary>Marker for the UI strings in Resources/SharedResource(.en-US).resx; the neutral file is zh-CN.</summary>
public sealed class SharedResource;
