using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Portal.Application.Common;
using Portal.Application.Domain;
using Portal.Web.Components.Layout;

namespace Portal.Tests.Web;

/// <summary>Every string the UI asks for exists in zh-CN and en-US, so no key ever shows through.</summary>
public class ResourcesTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Portal.sln not found above the test binaries");
    }

    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(RepoRoot, "Portal.Web", "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static IEnumerable<string> KeysUsed()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot, "Portal.Web"), "*.razor", SearchOption.AllDirectories))
        {
            foreach (Match m in Regex.Matches(File.ReadAllText(file), "L\\[\"([^\"]+)\"\\]"))
            {
                yield return m.Groups[1].Value;
            }
        }
        // Keys built at run time.
        foreach (var area in Areas.All)
        {
            yield return "Area." + area.Key;
            yield return "AreaHint." + area.Key;
        }
        foreach (var placeholder in new[] { "Console", "Seals", "Authorization", "Certificates", "Signing", "Support" })
        {
            yield return "Placeholder." + placeholder;
        }
        foreach (var f in typeof(Errors).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            yield return "Error." + f.GetValue(null);
        }
        foreach (var r in new[] { "Owner", "SealAdmin", "DepartmentHead", "Member" })
        {
            yield return "Role." + r;
        }
        foreach (var t in Enum.GetNames<OrganizationType>())
        {
            yield return "OrgType." + t;
        }
        foreach (var s in Enum.GetNames<OrganizationStatus>())
        {
            yield return "OrgStatus." + s;
        }
        foreach (var o in Enum.GetNames<AuditOutcome>())
        {
            yield return "Audit.Outcome." + o;
        }
        // Certificate bindings: statuses, trust, views, history events, binding states, export columns.
        foreach (var k in Enum.GetNames<BindingStatus>().Select(x => "BindingStatus." + x)
            .Concat(Enum.GetNames<CertificateTrustStatus>().Select(x => "Trust." + x))
            .Concat(Enum.GetNames<Portal.Application.Bindings.BindingView>().Append("RefusedAttempts").Select(x => "BindingView." + x))
            .Concat(Enum.GetNames<BindingEventKind>().Append("Refused").Select(x => "BindingEvent." + x))
            .Concat(Enum.GetNames<Portal.Application.Bindings.BindingStateKind>().Select(x => "BindingState." + x))
            .Concat(Portal.Application.Bindings.ExportSupportView.BindingColumns.Concat(Portal.Application.Bindings.ExportSupportView.AttemptColumns)
                .Select(x => "Support.Col." + x)))
        {
            yield return k;
        }
        foreach (var p in new[] { "missing", "link", "altered", "truncated" })
        {
            yield return "Audit.Problem." + p;
        }
    }

    [Fact]
    public void Every_key_the_ui_uses_exists_in_both_languages()
    {
        var zh = Load("SharedResource.resx");
        var en = Load("SharedResource.en-US.resx");
        var missing = KeysUsed().Distinct().Where(k => !zh.ContainsKey(k) || !en.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(", ", missing));
    }

    [Fact]
    public void Both_languages_have_the_same_keys_and_no_empty_text()
    {
        var zh = Load("SharedResource.resx");
        var en = Load("SharedResource.en-US.resx");
        Assert.Equal(zh.Keys.Order(), en.Keys.Order());
        Assert.DoesNotContain(zh, kv => string.IsNullOrWhiteSpace(kv.Value));
        Assert.DoesNotContain(en, kv => string.IsNullOrWhiteSpace(kv.Value));
        // The neutral file is Chinese: a sample of its texts carries CJK characters.
        Assert.Matches("[\\u4e00-\\u9fff]", zh["Login.Title"]);
    }

    [Fact]
    public void Format_arguments_match_between_languages()
    {
        var zh = Load("SharedResource.resx");
        var en = Load("SharedResource.en-US.resx");
        foreach (var (key, text) in zh)
        {
            var args = Regex.Matches(text, "\\{\\d+\\}").Select(m => m.Value).Order();
            Assert.True(args.SequenceEqual(Regex.Matches(en[key], "\\{\\d+\\}").Select(m => m.Value).Order()), key);
        }
    }
}
