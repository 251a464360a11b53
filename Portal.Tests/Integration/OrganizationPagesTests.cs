using System.Net;
using System.Text.RegularExpressions;
using Portal.Application.Seeding;
using Portal.Tests.Support;

namespace Portal.Tests.Integration;

/// <summary>The organization area's pages as the server renders them for the owner, and the to-do badge in the nav.</summary>
public class OrganizationPagesTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Theory]
    [InlineData("/organization", "org-info")]
    [InlineData("/organization/departments", "department-tree")]
    [InlineData("/organization/members", "member-list")]
    [InlineData("/organization/import", "import-transaction-note")]
    [InlineData("/organization/information-change", "change-submit")]
    [InlineData("/organization/business-types", "business-type-add")]
    public async Task The_owner_runs_the_organization_from_these_pages(string url, string marker)
    {
        using var owner = await factory.LoginAsync(Demo.UniversityOwner);
        var html = await owner.GetStringAsync(url);
        Assert.Contains($"data-testid=\"{marker}\"", html);
        Assert.Contains("data-testid=\"nav-todos\"", html);
        // What each page shows of the seeded 示例学院, as the server renders it.
        var page = html[html.IndexOf($"data-testid=\"{marker}\"", StringComparison.Ordinal)..];
        switch (marker)
        {
            case "org-info":
                Assert.Contains("示例学院", page);
                Assert.Contains("统一社会信用代码: " + DemoSeed.UniversityUscc, page);
                Assert.Contains("法定代表人: 陈静", page);
                Assert.Contains("成员数: 7", page);
                break;
            case "department-tree":
                Assert.Equal(["计算机学院", "财务处"], Rows(html, "department-row").Select(r => r.Name));
                Assert.Equal(["计算机学院", "黄磊", "3"], Rows(html, "department-row").First(r => r.Name == "计算机学院").Cells.Take(3));
                Assert.Equal(["财务处", "吴芳", "2"], Rows(html, "department-row").First(r => r.Name == "财务处").Cells.Take(3));
                break;
            case "member-list":
                Assert.Equal(["陈静", "杨帆", "黄磊", "周杰", "王强", "吴芳", "郑浩"], Rows(html, "member-row").Select(r => r.Name));
                var head = Rows(html, "member-row").First(r => r.Name == "黄磊").Cells;
                Assert.Equal(["黄磊", "137****0003", "计算机学院"], head.Take(3));
                Assert.Contains("部门负责人", string.Join(" ", head));
                Assert.Contains("印章管理员", string.Join(" ", Rows(html, "member-row").First(r => r.Name == "杨帆").Cells));
                break;
            case "import-transaction-note":
                // The template link carries a real workbook (a ZIP package) to fill in.
                var template = Regex.Match(html, "href=\"data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,([^\"]+)\" download=\"members-template.xlsx\" data-testid=\"import-template\"");
                Assert.True(template.Success, "the import template is a downloadable .xlsx");
                var xlsx = Convert.FromBase64String(WebUtility.HtmlDecode(template.Groups[1].Value));
                Assert.True(xlsx.Length > 1000 && xlsx[0] == 'P' && xlsx[1] == 'K');
                Assert.Contains("data-testid=\"export-members\"", html);
                // The limits the import enforces, as the owner reads them before choosing a file.
                Assert.Contains("最多 5000 行", page);
                Assert.Contains("每批 500 行", page);
                break;
            case "business-type-add":
                Assert.Contains("data-testid=\"business-types\"", html);
                Assert.Contains("data-testid=\"org-tab-business-types\"", html);
                break;
            default:
                Assert.Equal("change-submit", marker);
                Assert.Contains("单位名称: 示例学院 · 统一社会信用代码: " + DemoSeed.UniversityUscc + " · 法定代表人: 陈静", html);
                foreach (var field in new[] { "change-name", "change-uscc", "change-legal-name", "change-legal-id", "change-reason", "change-proof" })
                {
                    Assert.Contains($"data-testid=\"{field}\"", html);
                }
                break;
        }
    }

    [Fact]
    public async Task The_task_lists_render_for_a_member_and_the_zip_answers_signed_in_users_with_only_what_they_may_see()
    {
        using var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var refused = await anonymous.GetAsync("/signing/tasks/zip?ids=" + Guid.NewGuid());
        Assert.Contains(refused.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden });

        using var member = await factory.LoginAsync(Demo.CsMember);
        var html = await member.GetStringAsync("/signing/tasks");
        Assert.Contains("data-testid=\"task-lists\"", html);
        Assert.Contains("data-testid=\"tab-tasks\"", html);
        Assert.Equal(HttpStatusCode.BadRequest, (await member.GetAsync("/signing/tasks/zip")).StatusCode);
        // A task nobody showed them (here: none at all) is left out, never named: an empty zip.
        var zip = await member.GetAsync("/signing/tasks/zip?ids=" + Guid.NewGuid());
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        using var archive = new System.IO.Compression.ZipArchive(await zip.Content.ReadAsStreamAsync());
        Assert.Empty(archive.Entries);
    }

    /// <summary>The table rows with <paramref name="testId"/>: their data-name and the text of each cell.</summary>
    private static List<(string Name, List<string> Cells)> Rows(string html, string testId) =>
        Regex.Matches(html, $"<tr data-testid=\"{testId}\" data-name=\"([^\"]+)\">(.*?)</tr>", RegexOptions.Singleline)
            .Select(m => (m.Groups[1].Value, Regex.Matches(m.Groups[2].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline)
                .Select(c => WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(c.Groups[1].Value, "<[^>]+>", " "), "\\s+", " ")).Trim()).ToList()))
            .ToList();

    [Fact]
    public async Task The_department_tree_nests_and_names_the_heads()
    {
        using var owner = await factory.LoginAsync(Demo.UniversityOwner);
        var html = await owner.GetStringAsync("/organization/departments");
        Assert.Contains("data-name=\"计算机学院\"", html);
        Assert.Contains("黄磊", html);
    }

    [Fact]
    public async Task A_member_gets_no_to_do_link_and_no_organization_pages()
    {
        using var member = await factory.LoginAsync(Demo.CsMember);
        var html = await member.GetStringAsync("/personal");
        Assert.DoesNotContain("data-testid=\"nav-todos\"", html);
    }
}
