using Portal.Application.Domain;
using Portal.Application.Seals;
using Portal.Signing.Seals;

namespace Portal.Tests.Signing.Seals;

/// <summary>
/// Application's SealFaceDesign and the engine's SealFaceSpec are one model in two assemblies (Application cannot reference
/// the engine): the same stored JSON, the same properties and defaults, and the same standard faces per seal type.
/// </summary>
public sealed class SealFaceModelTests
{
    [Fact]
    public void Both_types_have_the_same_properties_and_defaults()
    {
        static string[] Names(Type t) => [.. t.GetProperties().Where(p => p.CanWrite).Select(p => p.Name + ":" + (p.PropertyType.IsEnum ? "enum" : p.PropertyType.Name)).Order()];

        Assert.Equal(Names(typeof(SealFaceSpec)), Names(typeof(SealFaceDesign)));
        Assert.Equal(new SealFaceSpec(), SealFaceSpec.FromJson(new SealFaceDesign().ToJson()));
        Assert.Equal(Enum.GetNames<SealShape>(), Enum.GetNames<SealFaceShape>());
        Assert.Equal(Enum.GetValues<SealShape>().Select(v => (int)v), Enum.GetValues<SealFaceShape>().Select(v => (int)v));
    }

    [Theory]
    [InlineData(SealType.Official)]
    [InlineData(SealType.Contract)]
    [InlineData(SealType.Finance)]
    [InlineData(SealType.HumanResources)]
    [InlineData(SealType.LegalRepresentative)]
    public void The_standard_face_of_each_seal_type_is_the_engines(SealType type)
    {
        var design = SealFaces.Template(type, "测试科技有限公司", "张三");
        var expected = type switch
        {
            SealType.Official => SealFaceSpec.Official("测试科技有限公司"),
            SealType.Contract => SealFaceSpec.Contract("测试科技有限公司"),
            SealType.Finance => SealFaceSpec.Finance("测试科技有限公司"),
            SealType.HumanResources => SealFaceSpec.HumanResources("测试科技有限公司"),
            _ => SealFaceSpec.LegalRepresentative("张三"),
        };

        Assert.Equal(expected, SealFaceSpec.FromJson(design.ToJson()));
    }

    [Theory]
    [InlineData("李")]
    [InlineData("欧阳娜娜")]
    public void Name_seals_agree(string name)
    {
        Assert.Equal(SealFaceSpec.PersonalName(name), SealFaceSpec.FromJson(SealFaces.PersonalName(name).ToJson()));
        Assert.Equal(SealFaceSpec.LegalRepresentative(name), SealFaceSpec.FromJson(SealFaces.Template(SealType.LegalRepresentative, "单位", name).ToJson()));
    }
}
