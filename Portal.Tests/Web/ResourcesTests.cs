using System.Numerics;
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

    private static IEnumerable<string> Sources(string project, params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(Path.Combine(RepoRoot, project), p, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static IEnumerable<string> Names<TEnum>() where TEnum : struct, Enum => Enum.GetNames<TEnum>();

    /// <summary>String literals a source file passes as <paramref name="pattern"/>'s first group (e.g. todo kinds, consequence codes).</summary>
    private static IEnumerable<string> Scan(string project, string pattern) =>
        Sources(project, "*.cs", "*.razor").SelectMany(f => Regex.Matches(File.ReadAllText(f), pattern).Select(m => m.Groups[1].Value)).Distinct();

    /// <summary>
    /// Keys the UI builds at run time (<c>L["SealType." + seal.Type]</c>): each family with every value it can take. A page that
    /// starts a new family fails <see cref="Every_key_the_ui_uses_exists_in_both_languages"/> until the family is listed here.
    /// </summary>
    private static Dictionary<string, IEnumerable<string>> RuntimeFamilies() => new()
    {
        ["Area."] = Areas.All.Select(a => a.Key),
        ["AreaHint."] = Areas.All.Select(a => a.Key),
        ["Placeholder."] = ["Console", "Seals", "Authorization", "Certificates", "Signing", "Support"],
        ["Error."] = typeof(Errors).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!),
        ["Role."] = [nameof(OrgRoles.Owner), nameof(OrgRoles.SealAdmin), nameof(OrgRoles.DepartmentHead), nameof(OrgRoles.Member)],
        ["OrgType."] = Names<OrganizationType>(),
        ["OrgStatus."] = Names<OrganizationStatus>(),
        ["Audit.Outcome."] = Names<AuditOutcome>(),
        ["Audit.Problem."] = ["missing", "link", "altered", "truncated"],
        ["BindingStatus."] = Names<BindingStatus>().Append("Unbound"),
        ["Trust."] = Names<CertificateTrustStatus>(),
        ["BindingView."] = Names<Portal.Application.Bindings.BindingView>().Append("RefusedAttempts"),
        ["BindingEvent."] = Names<BindingEventKind>().Append("Refused"),
        ["BindingState."] = Names<Portal.Application.Bindings.BindingStateKind>(),
        ["Support.Col."] = Portal.Application.Bindings.ExportSupportView.BindingColumns.Concat(Portal.Application.Bindings.ExportSupportView.AttemptColumns),
        ["SealType."] = Names<SealType>(),
        ["SealStatus."] = Names<SealStatus>(),
        ["SealVoidCause."] = Names<SealVoidCause>(),
        ["GrantSource."] = Names<GrantSource>(),
        ["RequestStatus."] = Names<RequestStatus>(),
        ["UseRequest.Status."] = Names<RequestStatus>(),
        ["StepStatus."] = Names<GrantRequestStepStatus>(),
        ["ApprovalStep."] = Names<ApprovalStepKind>(),
        ["ReviewKind."] = Names<PlatformReviewKind>(),
        ["Weekday."] = Names<AllowedWeekdays>().Where(d => BitOperations.IsPow2((int)Enum.Parse<AllowedWeekdays>(d))),
        ["Ledger.Col."] = Portal.Application.Signing.ExportSealUsages.Columns,
        ["SignatureKind."] = Names<PersonalSignatureKind>(),
        ["TaskSign.Status."] = Names<SigningTaskStatus>(),
        ["TaskCompose.Order.Hint."] = Names<SigningOrder>(),
        ["TaskCompose.DragHint."] = Names<SigningOrder>(),
        ["RealNameChannel."] = Names<RealNameChannel>(),
        ["RealNameChannel.Help."] = Names<RealNameChannel>(),
        ["PersonalCertificateType."] = Names<PersonalCertificateType>(),
        ["PersonalCertificateStatus."] = Names<PersonalCertificateStatus>(),
        ["OrderStatus."] = Names<OrderStatus>(),
        ["CertificateSource."] = Names<CertificateSource>(),
        ["CertificateOperationKind."] = Names<CertificateOperationKind>(),
        ["Verify.Verdict."] = Names<Portal.Application.Verification.Verdict>(),
        ["Verify.Reason."] = Enum.GetValues<Portal.Signing.Pdf.Verification.SubIndication>().Select(v => System.Text.Json.JsonSerializer.Serialize(v).Trim('"')),
        ["Verify.Anchor."] = ["platform", "imported"],
        ["Verify.Revocation."] = ["good", "revoked", "unknown", "notChecked"],
        ["CertificateInstallKind."] = Names<CertificateInstallKind>(),
        ["DepositStatus."] = Names<MicroDepositStatus>(),
        ["Custody."] = Names<CertificateCustody>(),
        ["Cert.Channel."] = Names<CertificationChannel>(),
        ["Tasks.List."] = Names<Portal.Application.SigningTasks.TaskList>(),
        ["Tasks.Block."] = Names<Portal.Application.SigningTasks.TaskBlockReason>(),
        ["Tasks.Status."] = Names<SigningTaskStatus>(),
        ["Tasks.Void."] = Names<TaskVoidKind>(),
        ["Tasks.Order."] = Names<SigningOrder>(),
        ["Tasks.SignAs."] = Names<ParticipantSignAs>(),
        ["Tasks.ParticipantState."] = Names<ParticipantState>(),
        ["Tasks.Event."] = typeof(Portal.Application.SigningTasks.TaskEventActions).GetFields().Select(f => (string)f.GetValue(null)!),
        // Strings, not enums: every todo source's kind and every consequence a provider can report.
        ["Todo.Kind."] = Scan("Portal.Application", "public string Kind => \"([A-Za-z]+)\";"),
        ["Consequence."] = Scan("Portal.Application", "new Consequence\\(\"([A-Za-z]+)\""),
    };

    private static IEnumerable<string> KeysUsed()
    {
        foreach (var file in Sources("Portal.Web", "*.razor"))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in Regex.Matches(text, "L\\[\"([^\"]+)\"\\]"))
            {
                yield return m.Groups[1].Value;
            }
            // Keys handed to a helper that looks them up (RunAsync(..., "PersonalCert.Issued")).
            foreach (Match m in Regex.Matches(text, "RunAsync\\(.*, \"([A-Za-z]+\\.[A-Za-z.]+)\"\\);"))
            {
                yield return m.Groups[1].Value;
            }
        }
        foreach (var (family, values) in RuntimeFamilies())
        {
            foreach (var value in values)
            {
                yield return family + value;
            }
        }
    }

    [Fact]
    public void Every_key_the_ui_uses_exists_in_both_languages()
    {
        var zh = Load("SharedResource.resx");
        var en = Load("SharedResource.en-US.resx");
        var missing = KeysUsed().Distinct().Where(k => !zh.ContainsKey(k) || !en.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(", ", missing));

        // Every family a page builds at run time (L["X." + value]) is one listed above with all its values.
        var families = RuntimeFamilies();
        Assert.All(families, f => Assert.NotEmpty(f.Value));
        var unlisted = Sources("Portal.Web", "*.razor", "*.cs")
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), "(?:\\bL|localizer)\\[\"([A-Za-z.]+\\.)\" \\+").Select(m => m.Groups[1].Value))
            .Distinct().Where(f => !families.ContainsKey(f)).Order().ToList();
        Assert.True(unlisted.Count == 0, "runtime key families not checked: " + string.Join(", ", unlisted));
    }

    /// <summary>
    /// The arguments each message is given, from the code that gives them: refusals (<c>Result.Fail(Errors.X, a, b)</c>,
    /// <c>new PortalError(Errors.X, a)</c>), consequences (<c>new Consequence("Code", a, b)</c>) and pages
    /// (<c>string.Format(L["Key"], a, b)</c>). Keyed by resource name; a key given different counts in different places has each.
    /// </summary>
    private static Dictionary<string, HashSet<int>> ArgumentCounts()
    {
        var counts = new Dictionary<string, HashSet<int>>();
        void Add(string key, int n)
        {
            if (!counts.TryGetValue(key, out var set))
            {
                counts[key] = set = [];
            }
            set.Add(n);
        }
        var files = Sources("Portal.Application", "*.cs").Concat(Sources("Portal.Infrastructure", "*.cs")).Concat(Sources("Portal.Web", "*.cs", "*.razor"));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (Match m in Regex.Matches(text, "(?:Result(?:<[^()]*?>)?\\.Fail|new PortalError)(\\()Errors\\.(\\w+)"))
            {
                Add("Error." + m.Groups[2].Value, TopLevelArguments(text, m.Groups[1].Index) - 1);
            }
            foreach (Match m in Regex.Matches(text, "new Consequence(\\()\"(\\w+)\""))
            {
                Add("Consequence." + m.Groups[2].Value, TopLevelArguments(text, m.Groups[1].Index) - 1);
            }
            foreach (Match m in Regex.Matches(text, "string\\.Format(\\()(CultureInfo\\.\\w+, )?L\\[\"([^\"]+)\"\\]"))
            {
                Add(m.Groups[3].Value, TopLevelArguments(text, m.Groups[1].Index) - 1 - (m.Groups[2].Success ? 1 : 0));
            }
        }
        return counts;
    }

    /// <summary>How many arguments the call whose '(' is at <paramref name="open"/> passes (commas at its own depth, outside strings).</summary>
    private static int TopLevelArguments(string text, int open)
    {
        var depth = 0;
        var commas = 0;
        char? quote = null;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == q)
                {
                    quote = null;
                }
                continue;
            }
            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    if (--depth == 0)
                    {
                        return commas + 1;
                    }
                    break;
                case ',' when depth == 1:
                    commas++;
                    break;
            }
        }
        throw new InvalidOperationException("unbalanced call at " + open);
    }

    [Fact]
    public void Each_message_has_exactly_the_placeholders_for_the_arguments_it_is_given()
    {
        var zh = Load("SharedResource.resx");
        var en = Load("SharedResource.en-US.resx");
        var counts = ArgumentCounts();
        // The scan finds the calls (a broken pattern would find none and prove nothing).
        Assert.True(counts.Count > 100, $"only {counts.Count} messages found with their arguments");
        Assert.Contains(2, counts["Consequence.SealsVoided"]);
        var problems = new List<string>();
        foreach (var (key, given) in counts.OrderBy(c => c.Key))
        {
            foreach (var (language, texts) in new[] { ("zh-CN", zh), ("en-US", en) })
            {
                if (!texts.TryGetValue(key, out var text))
                {
                    problems.Add($"{key}: no {language} text");
                    continue;
                }
                var used = Regex.Matches(text, "\\{(\\d+)(?:[,:][^}]*)?\\}").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
                    .ToHashSet();
                // Every argument shown, and no placeholder without an argument (string.Format would throw at run time).
                problems.AddRange(given.Where(n => !used.SetEquals(Enumerable.Range(0, n)))
                    .Select(n => $"{key} ({language}) is given {n} argument(s) but shows {{{string.Join("}, {", used.Order())}}}"));
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
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
