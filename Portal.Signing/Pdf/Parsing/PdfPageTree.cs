namespace Portal.Signing.Pdf.Parsing;

/// <summary>
/// The page tree of a <see cref="PdfFile"/>: walked without recursion, with loops and oversized trees refused, so a
/// hostile tree costs bounded stack, time and memory.
/// </summary>
internal sealed class PdfPageTree(PdfFile file)
{
    private const int MaxDepth = 64;

    /// <summary>Page count from the page tree root's /Count.</summary>
    public int Count => file.ResolveDict(file.Catalog["Pages"]) is { } pages && file.Resolve(pages["Count"]) is PdfNumber n ? n.IntValue : 0;

    /// <summary>Page references in order; walks the page tree (page dicts are read, their content is not).</summary>
    public List<PdfReference> Refs()
    {
        if (file.Catalog["Pages"] is not PdfReference root)
        {
            throw new PdfFormatException("catalog has no /Pages");
        }

        var limit = file.Budget.Limits.MaxPageTreeNodes;
        var result = new List<PdfReference>();
        var visited = new HashSet<int>();
        // Depth-first, left to right: kids are pushed in reverse so the first kid is visited first.
        var stack = new Stack<(PdfReference Node, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (r, depth) = stack.Pop();
            if (!visited.Add(r.Number))
            {
                throw new PdfFormatException("page tree has a cycle");
            }

            if (visited.Count > limit)
            {
                throw new PdfLimitException($"the page tree has more than {limit} nodes");
            }

            if ((visited.Count & 1023) == 0)
            {
                file.Budget.CheckTime();
            }

            var d = file.ResolveDict(r) ?? throw new PdfFormatException($"page tree node {r.Number} missing");
            if (d.NameOf("Type") == "Pages" || d.ContainsKey("Kids"))
            {
                if (depth >= MaxDepth)
                {
                    throw new PdfLimitException($"the page tree is deeper than {MaxDepth} levels");
                }

                if (file.Resolve(d["Kids"]) is PdfArray kids)
                {
                    for (var i = kids.Count - 1; i >= 0; i--)
                    {
                        if (kids.Items[i] is PdfReference k)
                        {
                            stack.Push((k, depth + 1));
                        }
                    }
                }
            }
            else
            {
                result.Add(r);
            }
        }

        return result;
    }

    /// <summary>
    /// The page at a 0-based index, descending the tree by /Count so only the nodes on the way are read
    /// (a 2,000-page file costs the same as a 10-page one).
    /// </summary>
    public PdfReference At(int index)
    {
        var node = file.ResolveDict(file.Catalog["Pages"]) ?? throw new PdfFormatException("catalog has no /Pages");
        var remaining = index;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            var kids = file.Resolve(node["Kids"]) as PdfArray ?? throw new PdfFormatException("page tree node without /Kids");
            // A node whose /Count equals its number of kids holds only leaves: index straight in.
            if (file.Resolve(node["Count"]) is PdfNumber c && c.IntValue == kids.Count && remaining < kids.Count
                && kids[remaining] is PdfReference direct && file.ResolveDict(direct) is { } leaf && !IsPagesNode(leaf))
            {
                return direct;
            }

            var descended = false;
            foreach (var kid in kids.Items)
            {
                var d = file.ResolveDict(kid) ?? throw new PdfFormatException("page tree kid missing");
                if (IsPagesNode(d))
                {
                    var count = file.Resolve(d["Count"]) is PdfNumber n ? n.IntValue : 0;
                    if (remaining < count)
                    {
                        node = d;
                        descended = true;
                        break;
                    }

                    remaining -= count;
                }
                else if (remaining-- == 0)
                {
                    return kid as PdfReference ?? throw new PdfFormatException("page is not an indirect object");
                }
            }

            if (!descended)
            {
                break;
            }
        }

        throw new PdfFormatException($"page {index + 1} not found in the page tree");
    }

    /// <summary>An inherited page attribute (MediaBox, CropBox, Rotate, Resources).</summary>
    public PdfObject? Inherited(PdfDictionary page, string key)
    {
        var d = page;
        for (var depth = 0; d is not null && depth < MaxDepth; depth++)
        {
            if (d[key] is { } v)
            {
                return file.Resolve(v);
            }

            d = file.ResolveDict(d["Parent"]);
        }

        return null;
    }

    private static bool IsPagesNode(PdfDictionary d) => d.NameOf("Type") == "Pages" || (d.NameOf("Type") != "Page" && d.ContainsKey("Kids"));
}
