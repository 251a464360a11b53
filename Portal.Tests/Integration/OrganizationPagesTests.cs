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
    public async Task The_owner_runs_the_organization_from_these_pages(string url, string marker)
    {
        using var owner = await factory.LoginAsync(Demo.UniversityOwner);
        var html = await owner.GetStringAsync(url);
        Assert.Contains($"data-testid=\"{marker}\"", html);
        Assert.Contains("data-testid=\"nav-todos\"", html);
    }

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
