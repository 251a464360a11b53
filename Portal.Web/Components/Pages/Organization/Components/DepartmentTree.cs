using Portal.Application.Domain;

namespace Portal.Web.Components.Pages.Organization.Components;

/// <summary>Departments in tree order (parents before children, siblings by name) with their depth, for indented lists and pickers.</summary>
public static class DepartmentTree
{
    public sealed record Node(Department Department, int Depth, string Path);

    public static IReadOnlyList<Node> Flatten(IReadOnlyList<Department> departments)
    {
        var children = departments.ToLookup(d => d.ParentId);
        var known = departments.Select(d => d.Id).ToHashSet();
        var result = new List<Node>();
        void Walk(Guid? parent, int depth, string prefix)
        {
            foreach (var d in children[parent].OrderBy(d => d.Name, StringComparer.Ordinal))
            {
                var path = prefix.Length == 0 ? d.Name : prefix + "/" + d.Name;
                result.Add(new Node(d, depth, path));
                Walk(d.Id, depth + 1, path);
            }
        }
        Walk(null, 0, "");
        // A department whose parent is not listed (should not happen) still shows, at the top level.
        foreach (var orphan in departments.Where(d => d.ParentId is { } p && !known.Contains(p)))
        {
            result.Add(new Node(orphan, 0, orphan.Name));
            Walk(orphan.Id, 1, orphan.Name);
        }
        return result;
    }
}
