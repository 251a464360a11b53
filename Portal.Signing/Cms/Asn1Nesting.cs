namespace Portal.Signing.Cms;

/// <summary>
/// Measures how deeply BER/DER structures nest without recursion, before BouncyCastle (whose parser recurses) sees
/// bytes from an upload: a /Contents of nested SEQUENCEs must be refused, not overflow the stack.
/// </summary>
internal static class Asn1Nesting
{
    /// <summary>True when the first object in <paramref name="der"/> nests at most <paramref name="maxDepth"/> levels (OCTET STRINGs holding DER included).</summary>
    public static bool Within(ReadOnlySpan<byte> der, int maxDepth) => Within(der, maxDepth, octetLevels: 4);

    private static bool Within(ReadOnlySpan<byte> der, int maxDepth, int octetLevels)
    {
        var ends = new Stack<int>(); // -1: indefinite length, closed by 00 00
        var pos = 0;
        do
        {
            while (ends.Count > 0 && ends.Peek() >= 0 && pos >= ends.Peek())
            {
                ends.Pop();
            }

            if (pos >= der.Length || (ends.Count == 0 && pos > 0))
            {
                break;
            }

            if (ends.Count > 0 && ends.Peek() < 0 && pos + 1 < der.Length && der[pos] == 0 && der[pos + 1] == 0)
            {
                ends.Pop();
                pos += 2;
                continue;
            }

            var tag = der[pos++];
            if ((tag & 0x1F) == 0x1F)
            {
                while (pos < der.Length && (der[pos++] & 0x80) != 0)
                {
                }
            }

            if (pos >= der.Length)
            {
                return true; // truncated: BouncyCastle refuses it without recursing further
            }

            long length = der[pos++];
            if (length == 0x80)
            {
                length = -1;
            }
            else if (length > 0x80)
            {
                var n = (int)(length & 0x7F);
                if (n > 4 || pos + n > der.Length)
                {
                    return true;
                }

                length = 0;
                for (var i = 0; i < n; i++)
                {
                    length = (length << 8) | der[pos++];
                }
            }

            if ((tag & 0x20) != 0)
            {
                if (ends.Count >= maxDepth)
                {
                    return false;
                }

                ends.Push(length < 0 ? -1 : (int)Math.Min(der.Length, pos + length));
            }
            else
            {
                if (length < 0)
                {
                    return true;
                }

                var end = (int)Math.Min(der.Length, pos + length);
                // eContent (a timestamp's TSTInfo) is DER inside an OCTET STRING and gets parsed too.
                if (tag == 0x04 && end - pos >= 2 && (der[pos] & 0x20) != 0 && octetLevels > 0
                    && !Within(der[pos..end], maxDepth - ends.Count, octetLevels - 1))
                {
                    return false;
                }

                pos = end;
            }
        }
        while (ends.Count > 0);

        return true;
    }
}
