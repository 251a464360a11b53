using Portal.Application.Domain;

namespace Portal.Application.Organizations;

/// <summary>Department paths as the spreadsheet writes them: names from the top joined by "/".</summary>
public static class DepartmentPaths
{
    public static string Normalize(string path) =>
        string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static Dictionary<string, Guid> Build(IReadOnlyList<Department> departments)
    {
        var byId = departments.ToDictionary(d => d.Id);
        var result = new Dictionary<string, Guid>();
        foreach (var d in departments)
        {
            result[PathOf(d.Id, byId)] = d.Id;
        }
        return result;
    }

    public static string PathOf(Guid id, IReadOnlyDictionary<Guid, Department> byId)
    {
        var names = new List<string>();
        // Bounded walk: a corrupt cycle cannot loop forever.
        for (Guid? c = id; c is { } cur && byId.TryGetValue(cur, out var d) && names.Count < 64; c = d.ParentId)
        {
            names.Add(d.Name);
        }
        names.Reverse();
        return string.Join('/', names);
    }
}
